import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { Obstacle, obstacleListQuerySchema } from '../../../../common/obstacles.ts'
import type { DB } from '../../../db/schema.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { ExportColumn, ExportFormat, ListExport } from '../../../platform/list-export.ts'
import { recordAuditAlone } from '../../audit/index.ts'
import { listObstacles } from './obstacle.service.ts'

/**
 * The board's cards as rows: what a card and its detail say, without the cases it was seen in
 * (the board shows those only to their readers; the file names how many, as the card does).
 */
export const obstacleColumns: ExportColumn<Obstacle>[] = [
  { header: 'obstacles.fields.title', value: (item) => item.title },
  { header: 'obstacles.fields.domain', value: (item) => item.domain, labels: 'casework.domains' },
  { header: 'obstacles.fields.status', value: (item) => item.status, labels: 'obstacles.status' },
  { header: 'obstacles.fields.workingGroup', value: (item) => item.workingGroupName },
  { header: 'obstacles.fields.organisations', value: (item) => item.organisations.map((each) => each.name) },
  { header: 'obstacles.fields.evidenceCount', value: (item) => item.evidenceCount },
  { header: 'obstacles.agenda.title', value: (item) => item.agendaItems.map((each) => each.meetingTitle) },
  { header: 'obstacles.goals.title', value: (item) => item.goalAgreements.map((each) => each.title) },
  { header: 'obstacles.fields.raisedBy', value: (item) => item.raisedByName },
  { header: 'obstacles.fields.raisedAt', value: (item) => item.createdAt, kind: 'datetime' },
  { header: 'obstacles.fields.description', value: (item) => item.description },
]

/** The board as filtered on screen (domain, organisation), audited as `obstacle.export`. */
export async function exportObstacles(
  db: Kysely<DB>,
  request: FastifyRequest,
  query: z.output<typeof obstacleListQuerySchema>,
  format: ExportFormat,
): Promise<ListExport<Obstacle>> {
  const { items } = await listObstacles(db, actorOf(request), query)
  await recordAuditAlone(db, {
    ...requestContext(request),
    action: 'obstacle.export',
    purpose: `${format}:${items.length}`,
  })
  return { sheet: 'obstacles.nav', columns: obstacleColumns, rows: items }
}
