import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { StaffingWarning } from '../../../../common/staffing.ts'
import type { DB } from '../../../db/schema.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { ExportColumn, ExportFormat, ListExport } from '../../../platform/list-export.ts'
import { recordAuditAlone } from '../../audit/index.ts'
import { listWarnings } from './warning.service.ts'

const share = (value: number) => String(value).replace('.', ',')

/**
 * The early warnings' table. The screen's "(geplantes Ausscheiden)" after the kind is a yes/no
 * column of its own here, so the file can be filtered by it.
 */
export const warningColumns: ExportColumn<StaffingWarning>[] = [
  { header: 'staffing.warnings.date', value: (item) => item.date, kind: 'date' },
  { header: 'staffing.warnings.kind', value: (item) => item.kind, labels: 'staffing.warningKinds' },
  { header: 'staffing.warnings.plannedDeparture', value: (item) => item.plannedDeparture },
  { header: 'staffing.position.title', value: (item) => item.positionTitle },
  { header: 'staffing.contract.staff', value: (item) => item.staffName },
  {
    header: 'staffing.position.fte',
    value: (item) =>
      item.assignedFte === null ? item.fte : `${share(item.assignedFte)} / ${share(item.fte)}`,
  },
]

/** The warnings up to the chosen horizon; they name staff members, audited as `staffing-warning.export`. */
export async function exportWarnings(
  db: Kysely<DB>,
  request: FastifyRequest,
  horizonMonths: number,
  format: ExportFormat,
): Promise<ListExport<StaffingWarning>> {
  const context = requestContext(request)
  const { items } = await listWarnings(db, actorOf(request), horizonMonths, context)
  await recordAuditAlone(db, {
    ...context,
    action: 'staffing-warning.export',
    purpose: `${format}:${items.length}`,
  })
  return { sheet: 'staffing.warnings.title', columns: warningColumns, rows: items }
}
