import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.ts'
import { districtTime } from '../../../platform/district-time.ts'
import { selectActivityByBody } from './activity.queries.ts'

/**
 * The steering activity of a period, as an evaluation freezes it: meetings held and decisions
 * taken, per body and in all. A meeting counts as held on its day; days after today have none held
 * yet, so a period reaching into the future counts up to today. No person is named: bodies only.
 * The caller has authorised the reader.
 */
export async function steeringActivity(
  db: Kysely<DB>,
  districtId: string,
  range: { from: string; to: string },
  now: Date,
) {
  const time = await districtTime(db, districtId, now)
  const to = [range.to, time.today].sort()[0] as string
  const bodies =
    to < range.from
      ? []
      : (await selectActivityByBody(db, districtId, { from: range.from, to, timeZone: time.timeZone })).map(
          (row) => ({ name: row.name, meetings: row.meetings, decisions: row.decisions }),
        )
  return {
    meetings: bodies.reduce((sum, body) => sum + body.meetings, 0),
    decisions: bodies.reduce((sum, body) => sum + body.decisions, 0),
    bodies,
  }
}
