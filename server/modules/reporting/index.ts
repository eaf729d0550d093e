export { renderMetricsMarkdown } from './catalogue/metrics-doc.ts'
export { reportingRoutes } from './reporting.routes.ts'
