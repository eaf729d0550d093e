export { auditRoutes } from './audit.routes.ts'
export {
  type AuditEntry,
  type ChainVerification,
  listAuditEvents,
  recordAudit,
  recordAuditAlone,
  verifyAuditTrail,
} from './audit.service.ts'
