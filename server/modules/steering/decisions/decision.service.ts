import type { Kysely } from 'kysely'
import type { z } from 'zod'
import { localDay } from '../../../../common/dates.ts'
import type { Page } from '../../../../common/pagination.ts'
import type { decisionRegisterQuerySchema, RegisterEntry } from '../../../../common/steering.ts'
import type { DB } from '../../../db/schema.ts'
import { districtTimeZone } from '../../../platform/district-time.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { authorizeOnBody } from '../steering.access.ts'
import { selectRegister } from './decision.queries.ts'

/** The searchable register of all decisions of the district's bodies. */
export async function listDecisions(
  db: Kysely<DB>,
  actor: Actor,
  query: z.output<typeof decisionRegisterQuerySchema>,
): Promise<Page<RegisterEntry>> {
  if (query.bodyId) await authorizeOnBody(db, actor, 'decision.read', query.bodyId)
  else authorize(actor, 'decision.read', ownDistrict(actor))
  const words = (query.q ?? '')
    .split(/\s+/)
    .filter((word) => word !== '')
    .slice(0, 10)
  const [timeZone, { rows, total }] = await Promise.all([
    districtTimeZone(db, actor.districtId),
    selectRegister(db, actor.districtId, {
      words,
      bodyId: query.bodyId,
      limit: query.limit,
      offset: query.offset,
    }),
  ])
  return {
    items: rows.map((row) => ({
      id: row.id,
      number: row.number,
      text: row.text,
      bodyId: row.body_id,
      bodyName: row.body_name,
      meetingId: row.meeting_id,
      meetingTitle: row.meeting_title,
      decidedOn: localDay(row.starts_at, timeZone),
      agendaItemTitle: row.agenda_title,
    })),
    total,
    limit: query.limit,
    offset: query.offset,
  }
}
