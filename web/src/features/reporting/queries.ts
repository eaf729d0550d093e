import { queryOptions } from '@tanstack/react-query'
import type { DimensionId, Figures, MetricCatalogue, MetricId } from '../../../../common/reporting.ts'
import { apiGet } from '../../api.ts'

export const reportingKeys = {
  all: ['reporting'] as const,
  metrics: ['reporting', 'metrics'] as const,
  figures: (params: string) => ['reporting', 'figures', params] as const,
}

export const metricsQuery = queryOptions({
  queryKey: reportingKeys.metrics,
  queryFn: ({ signal }) => apiGet<MetricCatalogue>('/metrics', signal),
  staleTime: 60 * 60_000,
})

export type FigureRequest = { metric: MetricId; from: string; to: string; by?: DimensionId }

export const figuresQuery = (request: FigureRequest) => {
  const params = new URLSearchParams({ metric: request.metric, from: request.from, to: request.to })
  if (request.by) params.set('by', request.by)
  return queryOptions({
    queryKey: reportingKeys.figures(params.toString()),
    queryFn: ({ signal }) => apiGet<Figures>(`/figures?${params}`, signal),
    staleTime: 5 * 60_000,
  })
}
