import { queryOptions } from '@tanstack/react-query'
import type { District, DistrictDetail, Municipality } from '../../common/districts.ts'
import type { Health } from '../../common/health.ts'
import type { Page } from '../../common/pagination.ts'
import { apiGet } from './api.ts'

export const healthQuery = queryOptions({
  queryKey: ['health'],
  queryFn: ({ signal }) => apiGet<Health>('/health', signal),
  refetchInterval: 60_000,
})

export const districtsQuery = queryOptions({
  queryKey: ['districts'],
  queryFn: ({ signal }) => apiGet<Page<District>>('/districts?limit=200', signal),
})

export const districtQuery = (districtId: string) =>
  queryOptions({
    queryKey: ['districts', districtId],
    queryFn: ({ signal }) => apiGet<DistrictDetail>(`/districts/${encodeURIComponent(districtId)}`, signal),
  })

export const municipalitiesQuery = (districtId: string, search: string, offset: number, limit: number) =>
  queryOptions({
    queryKey: ['districts', districtId, 'municipalities', { search, offset, limit }],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams({ limit: String(limit), offset: String(offset) })
      if (search) params.set('q', search)
      return apiGet<Page<Municipality>>(
        `/districts/${encodeURIComponent(districtId)}/municipalities?${params}`,
        signal,
      )
    },
    placeholderData: (previous) => previous,
  })
