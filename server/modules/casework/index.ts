export {
  breakGlassAction,
  breakGlassGrants,
  outsideCaseloadPurposes,
  seedDemoBreakGlass,
} from './break-glass/break-glass.service.ts'
export {
  assertImportCaseManager,
  authorizeCaseRead,
  authorizeCaseWork,
  caseSummaryFacts,
  demoCasesForNetwork,
  readableCases,
  registerImportedCases,
} from './cases/case.service.ts'
export { caseWorkJobs } from './casework.jobs.ts'
export type { CaseWorkExtensions } from './casework.routes.ts'
export { caseWorkRoutes } from './casework.routes.ts'
export { seedDemoCaseWork } from './casework.seed.ts'
export { contactsNaming } from './contacts/contact.service.ts'
export { safeFileName } from './documents/document.service.ts'
export {
  anonymiseCases,
  anonymisePersons,
  caseIdByReference,
  casesOfPersons,
  closedCasesDue,
  deletePersons,
  type FreeTextColumns,
  personForErasure,
  personsOfCases,
  recordIdsByHash,
  unattachedPersonsDue,
} from './erasure/erasure.service.ts'
export { personNamesInText } from './persons/names-in-text.ts'
export {
  authorizeLegalSphereChange,
  authorizePersonRead,
  type ImportedPerson,
  importMatchCandidate,
  importMatchCandidates,
  readablePersons,
  refreshStaleMatchKeys,
  registerImportedPersons,
  setLegalSphere,
} from './persons/person.service.ts'
export {
  type CaseWorkDisclosure,
  findPersonsByName,
  type PersonHeadline,
  personCaseWorkDisclosure,
  personDistrict,
  personHeadline,
  setProcessingRestriction,
} from './sharing/disclosure.service.ts'
export {
  type CaseWorkMetric,
  caseWorkFigure,
  caseWorkFigureDimensions,
  caseWorkFigureOverPeriods,
  caseWorkMetrics,
  municipalityFilterable,
  rawCaseWorkFigure,
} from './sharing/figures.service.ts'
export {
  type ActionItemTask,
  authorizeOnPerson,
  type CaseloadFigure,
  type CaseloadGrouping,
  caseloadAggregates,
  caseloadMinimumCount,
  caseOutline,
  caseReferences,
  caseSubjectFor,
  createActionItemTask,
  ensureFollowUpTasks,
  type FollowUpTask,
  measureOfCase,
  personNames,
  personSubjectFor,
  removeActionItemTask,
  type SharedValue,
  sharedFieldValues,
  staffingWarningTasks,
  syncStaffingWarningTasks,
  tasksBySourceKey,
  updateActionItemTask,
  type WarningTask,
  type WarningTaskState,
} from './sharing/sharing.service.ts'
export { createTasksFor, type ForeignTaskSource, markTaskDone, taskStates } from './tasks/task.service.ts'
export type { CaseTimelineSource } from './timeline/timeline.service.ts'
