import { type Kysely, sql } from 'kysely'
import type { DB } from '../../../db/schema.ts'

/**
 * Meetings held and decisions taken per body, for meetings whose day (in the district's zone) lies
 * in [from, to]; a decision counts on its meeting's day. Bodies without a meeting there are left out.
 */
export function selectActivityByBody(
  db: Kysely<DB>,
  districtId: string,
  range: { from: string; to: string; timeZone: string },
) {
  const day = sql<string>`(m.starts_at AT TIME ZONE ${range.timeZone})::date`
  return db
    .selectFrom('meeting as m')
    .innerJoin('steering_body as b', 'b.id', 'm.body_id')
    .leftJoin('steering_decision as d', 'd.meeting_id', 'm.id')
    .select([
      'b.id',
      'b.name',
      sql<number>`count(DISTINCT m.id)::int`.as('meetings'),
      sql<number>`count(d.id)::int`.as('decisions'),
    ])
    .where('m.district_id', '=', districtId)
    .where(day, '>=', sql<string>`${range.from}::date`)
    .where(day, '<=', sql<string>`${range.to}::date`)
    .groupBy(['b.id', 'b.name'])
    .orderBy('b.name')
    .orderBy('b.id')
    .execute()
}
