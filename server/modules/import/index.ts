export { importedFigure, importedMetrics } from './counts.service.ts'
export { importRoutes } from './import.routes.ts'
