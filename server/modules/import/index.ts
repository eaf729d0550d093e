export { importedFigure, importedMetrics } from './counts.service.ts'
export { importRoutes } from './import.routes.ts'
export { seedDemoImportedHistory } from './import.seed.ts'
