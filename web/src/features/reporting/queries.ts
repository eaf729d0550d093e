import { queryOptions } from '@tanstack/react-query'
import type { OpenDataSetting } from '../../../../common/open-data.ts'
import type {
  DimensionId,
  Evaluation,
  EvaluationSummary,
  Figures,
  MetricCatalogue,
  MetricId,
  ReportingSettings,
} from '../../../../common/reporting.ts'
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

export const evaluationKeys = {
  list: ['reporting', 'evaluations'] as const,
  one: (evaluationId: string) => ['reporting', 'evaluations', evaluationId] as const,
}

export const evaluationsQuery = queryOptions({
  queryKey: evaluationKeys.list,
  queryFn: ({ signal }) => apiGet<EvaluationSummary[]>('/evaluations', signal),
})

/** A frozen evaluation never changes: once loaded it stays fresh. */
export const evaluationQuery = (evaluationId: string) =>
  queryOptions({
    queryKey: evaluationKeys.one(evaluationId),
    queryFn: ({ signal }) => apiGet<Evaluation>(`/evaluations/${evaluationId}`, signal),
    staleTime: Number.POSITIVE_INFINITY,
  })

export const reportingSettingsQuery = queryOptions({
  queryKey: ['reporting', 'settings'] as const,
  queryFn: ({ signal }) => apiGet<ReportingSettings>('/reporting-settings', signal),
})

export const openDataSettingQuery = queryOptions({
  queryKey: ['reporting', 'open-data-setting'] as const,
  queryFn: ({ signal }) => apiGet<OpenDataSetting>('/open-data-setting', signal),
})
