import { queryOptions } from '@tanstack/react-query'
import type { Report, ReportSummary, ReportTemplate } from '../../../../common/report.ts'
import { apiGet } from '../../api.ts'

export const reportKeys = {
  list: ['reporting', 'reports'] as const,
  one: (reportId: string) => ['reporting', 'reports', reportId] as const,
  templates: ['reporting', 'report-templates'] as const,
}

export const reportsQuery = queryOptions({
  queryKey: reportKeys.list,
  queryFn: ({ signal }) => apiGet<ReportSummary[]>('/reports', signal),
})

/** A report; while its files are being made, asked again every second to show the progress. */
export const reportQuery = (reportId: string) =>
  queryOptions({
    queryKey: reportKeys.one(reportId),
    queryFn: ({ signal }) => apiGet<Report>(`/reports/${reportId}`, signal),
    refetchInterval: (query) => (query.state.data?.status === 'generating' ? 1000 : false),
  })

export const reportTemplatesQuery = queryOptions({
  queryKey: reportKeys.templates,
  queryFn: ({ signal }) => apiGet<ReportTemplate[]>('/report-templates', signal),
})
