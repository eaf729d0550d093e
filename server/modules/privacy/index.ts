export {
  classification,
  clientTables,
  type DataCategory,
  type DataSubject,
  personalColumns,
  type Tag,
} from './classification/classification.ts'
export { disclosureRoutes } from './disclosure/disclosure.routes.ts'
export { replayLedger } from './erasure/erase.ts'
export { exportLedger, importLedger, LedgerFileError, replayAfterRestore } from './erasure/ledger-file.ts'
export { privacyRoutes } from './privacy.routes.ts'
export { seedDemoLegalHold } from './privacy.seed.ts'
export { processingRecordRoutes } from './processing-record/processing-record.routes.ts'
export { restrictionRoutes } from './restriction/restriction.routes.ts'
export { privacyJobs, runDueRetention } from './retention/retention.job.ts'
