export { startCaseWorkJobs } from './casework.jobs.ts'
export { caseWorkRoutes } from './casework.routes.ts'
export { seedDemoCaseWork } from './casework.seed.ts'
// What a person's record keeps of the name; the repair of data from the drafts of 0007 recomputes both.
export { matchKeys, nameCodes } from './matching/index.ts'
export { refreshStaleMatchKeys } from './person.service.ts'
