export { startCaseWorkJobs } from './casework.jobs.ts'
export { caseWorkRoutes } from './casework.routes.ts'
export { seedDemoCaseWork } from './casework.seed.ts'
export { refreshStaleMatchKeys } from './persons/person.service.ts'
