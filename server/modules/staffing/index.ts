export { staffingRoutes } from './staffing.routes.ts'
export { seedDemoStaffing } from './staffing.seed.ts'
