import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { Contract } from '../../../../common/staffing.ts'
import type { DB } from '../../../db/schema.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { ExportColumn, ExportFormat, ListExport } from '../../../platform/list-export.ts'
import { recordAuditAlone } from '../../audit/index.ts'
import { listContracts } from './contract.service.ts'

/** The contracts as a position lists them, with the position in front for the whole district. */
export const contractColumns: ExportColumn<Contract>[] = [
  { header: 'staffing.position.title', value: (item) => item.positionTitle },
  { header: 'staffing.position.baustein', value: (item) => item.baustein, labels: 'staffing.bausteine' },
  { header: 'staffing.contract.staff', value: (item) => item.staffName },
  { header: 'staffing.contract.fte', value: (item) => item.fte },
  { header: 'staffing.contract.startsOn', value: (item) => item.startsOn, kind: 'date' },
  {
    header: 'staffing.contract.endsOn',
    value: (item) => item.endsOn ?? { label: 'staffing.contract.openEnded' },
    kind: 'date',
  },
  { header: 'staffing.contract.leavesOn', value: (item) => item.plannedDeparture?.leavesOn, kind: 'date' },
  { header: 'staffing.contract.fixedTermReason', value: (item) => item.fixedTermReason },
]

/**
 * The contracts the list gives this user (the district's for staffing, a case manager's own),
 * of one position when asked; staff data, so the download is audited as `contract.export`.
 */
export async function exportContracts(
  db: Kysely<DB>,
  request: FastifyRequest,
  query: { positionId?: string | undefined },
  format: ExportFormat,
): Promise<ListExport<Contract>> {
  const context = requestContext(request)
  const { items } = await listContracts(db, actorOf(request), query, context)
  await recordAuditAlone(db, {
    ...context,
    action: 'contract.export',
    subjectType: 'staff_contract',
    purpose: `${format}:${items.length}`,
  })
  return { sheet: 'staffing.contract.listTitle', columns: contractColumns, rows: items }
}
