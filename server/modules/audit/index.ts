export { auditRoutes } from './audit.routes.ts'
export {
  type AuditEntry,
  type ChainVerification,
  listAuditEvents,
  recordAudit,
  verifyAuditTrail,
} from './audit.service.ts'
