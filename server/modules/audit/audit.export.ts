import type { AuditEvent } from '../../../common/audit.ts'
import type { ExportColumn } from '../../platform/list-export.ts'

/**
 * The audit page's table as an XLSX file: its columns with the subject and the request in full
 * (the screen shortens their ids to eight characters, a file is for looking them up), the time in
 * the district's time zone. The CSV of the trail stays as it was, every field raw, for machines.
 */
export const auditColumns: ExportColumn<AuditEvent>[] = [
  { header: 'audit.when', value: (event) => event.occurredAt, kind: 'datetime' },
  {
    header: 'audit.who',
    value: (event) => event.actorName ?? (event.actorId ? event.actorId : { label: 'audit.unknownActor' }),
  },
  { header: 'audit.action', value: (event) => event.action, labels: 'audit.actions' },
  { header: 'audit.purpose', value: (event) => event.purpose, labels: 'audit.purposes' },
  { header: 'audit.outcome', value: (event) => event.outcome, labels: 'audit.outcomes' },
  { header: 'audit.subject', value: (event) => event.subjectType, labels: 'audit.subjectTypes' },
  { header: 'audit.subjectId', value: (event) => event.subjectId },
  { header: 'audit.request', value: (event) => event.requestId },
]
