import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { Position } from '../../../../common/staffing.ts'
import type { DB } from '../../../db/schema.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { ExportColumn, ExportFormat, ListExport } from '../../../platform/list-export.ts'
import { recordAuditAlone } from '../../audit/index.ts'
import { listPositions } from './position.service.ts'

const share = (value: number) => String(value).replace('.', ',')

/** The positions page's columns; the holders are staff names, so the download is audited. */
export const positionColumns: ExportColumn<Position>[] = [
  { header: 'staffing.position.title', value: (item) => item.title },
  { header: 'staffing.position.baustein', value: (item) => item.baustein, labels: 'staffing.bausteine' },
  { header: 'staffing.position.fte', value: (item) => `${share(item.assignedFte)} / ${share(item.fte)}` },
  {
    header: 'staffing.position.employer',
    value: (item) => item.employerOrganisationName ?? { label: `staffing.employers.${item.employerKind}` },
  },
  { header: 'staffing.position.state', value: (item) => item.state, labels: 'staffing.states' },
  { header: 'staffing.position.holders', value: (item) => item.holders.join(', ') },
  { header: 'staffing.position.fundedUntil', value: (item) => item.fundedUntil, kind: 'date' },
]

export async function exportPositions(
  db: Kysely<DB>,
  request: FastifyRequest,
  format: ExportFormat,
): Promise<ListExport<Position>> {
  const context = requestContext(request)
  const { items } = await listPositions(db, actorOf(request), context)
  await recordAuditAlone(db, { ...context, action: 'position.export', purpose: `${format}:${items.length}` })
  return { sheet: 'staffing.positions.title', columns: positionColumns, rows: items }
}
