export {
  auditEntryOf,
  entriesOfActions,
  type FlaggedEntry,
  type FlagPeriod,
  outsideCaseloadDays,
  readsAfterGrants,
  unusualHourEntries,
  unusualHours,
} from './access-flags.service.ts'
export { auditRoutes } from './audit.routes.ts'
export {
  type AuditEntry,
  accessesOfRecords,
  type ChainVerification,
  listAuditEvents,
  type RecordAccess,
  recordAudit,
  recordAuditAlone,
  recordAuditBatch,
  recordAuditNaming,
  verifyAuditTrail,
} from './audit.service.ts'
