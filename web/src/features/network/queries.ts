import { queryOptions, useQuery } from '@tanstack/react-query'
import type {
  DirectoryEntry,
  OverlapList,
  PartnerProfile,
  Service,
  ServiceOverview,
} from '../../../../common/network.ts'
import type { Page } from '../../../../common/pagination.ts'
import { apiGet } from '../../api.ts'
import { districtQuery } from '../../queries.ts'
import { useSession } from '../../session.tsx'

/** Query keys of the network; a change to a service refreshes the map, the overview and the overlaps. */
export const networkKeys = {
  directory: ['directory'] as const,
  services: ['services'] as const,
}

const withParams = (path: string, params: URLSearchParams) => (params.size > 0 ? `${path}?${params}` : path)

export const directoryQuery = (params: URLSearchParams) =>
  queryOptions({
    queryKey: [...networkKeys.directory, 'list', params.toString()],
    queryFn: ({ signal }) =>
      apiGet<{ items: DirectoryEntry[]; total: number }>(withParams('/directory', params), signal),
    placeholderData: (previous) => previous,
  })

export const profileQuery = (organisationId: string) =>
  queryOptions({
    queryKey: [...networkKeys.directory, organisationId],
    queryFn: ({ signal }) =>
      apiGet<PartnerProfile>(`/directory/${encodeURIComponent(organisationId)}`, signal),
  })

export const servicesQuery = (params: URLSearchParams) =>
  queryOptions({
    queryKey: [...networkKeys.services, 'list', params.toString()],
    queryFn: ({ signal }) => apiGet<Page<Service>>(withParams('/services', params), signal),
    placeholderData: (previous) => previous,
  })

export const overviewQuery = queryOptions({
  queryKey: [...networkKeys.services, 'overview'],
  queryFn: ({ signal }) => apiGet<ServiceOverview>('/services/overview', signal),
})

export const overlapsQuery = (params: URLSearchParams) =>
  queryOptions({
    queryKey: [...networkKeys.services, 'overlaps', params.toString()],
    queryFn: ({ signal }) => apiGet<OverlapList>(withParams('/services/overlaps', params), signal),
    placeholderData: (previous) => previous,
  })

/** The district's municipalities by name, as options and for looking names up. */
export function useDistrictMunicipalities() {
  const session = useSession()
  const district = useQuery({ ...districtQuery(session.user.districtId), staleTime: 10 * 60_000 })
  const municipalities = [...(district.data?.municipalities ?? [])].sort((a, b) =>
    a.name.localeCompare(b.name, 'de'),
  )
  const names = new Map(municipalities.map((m) => [m.id, m.name]))
  return {
    all: municipalities,
    options: municipalities.map((m) => ({ value: m.id, label: m.name })),
    nameOf: (id: string) => names.get(id) ?? '–',
  }
}

/** The organisations of the directory as options, by name. */
export function useOrganisationOptions() {
  const directory = useQuery(directoryQuery(new URLSearchParams()))
  return (directory.data?.items ?? []).map((item) => ({ value: item.id, label: item.name }))
}
