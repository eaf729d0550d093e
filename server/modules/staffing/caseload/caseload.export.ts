import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { CaseloadRow } from '../../../../common/staffing.ts'
import type { DB } from '../../../db/schema.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { ExportColumn, ExportFormat, ListExport } from '../../../platform/list-export.ts'
import { recordAuditAlone } from '../../audit/index.ts'
import { caseload } from './caseload.service.ts'

/** A count below the minimum stays withheld in the file, worded as on screen ("unter 3"). */
const count = (value: number | null) => value ?? { label: 'staffing.caseload.withheld' }

/**
 * The caseload page's two tables (by municipality, by team) for every month of the range in one
 * sheet: the month and the grouping become columns, the district's row names itself as on screen.
 */
export const caseloadColumns: ExportColumn<CaseloadRow>[] = [
  { header: 'staffing.caseload.month', value: (row) => `${row.month.slice(5, 7)}.${row.month.slice(0, 4)}` },
  {
    header: 'staffing.position.area',
    value: (row) =>
      row.by === 'district' ? { label: 'staffing.caseload.district' } : (row.municipalityName ?? undefined),
  },
  { header: 'staffing.caseload.team', value: (row) => row.teamName },
  { header: 'staffing.caseload.activeCases', value: (row) => count(row.activeCases) },
  { header: 'staffing.caseload.contacts', value: (row) => count(row.contacts) },
  { header: 'staffing.caseload.fte', value: (row) => row.fte },
  { header: 'staffing.caseload.casesPerFte', value: (row) => row.casesPerFte },
  { header: 'staffing.caseload.contactsPerFte', value: (row) => row.contactsPerFte },
]

/** The caseload of the last months as the page shows it; aggregates only, audited as `caseload.export`. */
export async function exportCaseload(
  db: Kysely<DB>,
  request: FastifyRequest,
  months: number,
  format: ExportFormat,
): Promise<ListExport<CaseloadRow>> {
  const context = requestContext(request)
  const { rows } = await caseload(db, actorOf(request), months, context)
  // Newest month first, as the page offers them; within a month the page's order.
  const ordered = [...rows].sort((a, b) => b.month.localeCompare(a.month))
  await recordAuditAlone(db, {
    ...context,
    action: 'caseload.export',
    purpose: `${format}:${ordered.length}`,
  })
  return { sheet: 'staffing.caseload.title', columns: caseloadColumns, rows: ordered }
}
