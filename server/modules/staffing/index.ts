export { type BausteinFte, fteByBaustein } from './fte/fte.service.ts'
export { startStaffingJobs } from './staffing.jobs.ts'
export { staffingRoutes } from './staffing.routes.ts'
export { seedDemoStaffing } from './staffing.seed.ts'
