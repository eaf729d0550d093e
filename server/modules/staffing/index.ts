export {
  type StaffingMetric,
  staffingAt,
  staffingFigure,
  staffingFigureDimensions,
  staffingMetrics,
} from './figures/staffing-figures.service.ts'
export { type BausteinFte, fteByBaustein } from './fte/fte.service.ts'
export { staffingJobs } from './staffing.jobs.ts'
export { staffingRoutes } from './staffing.routes.ts'
export { seedDemoStaffing } from './staffing.seed.ts'
