import { type Kysely, sql } from 'kysely'
import type { DB } from '../../../db/schema.ts'

/**
 * The register of decisions: every decision of the district's bodies, newest meeting first,
 * searched by words that all must appear in the number, the text, the body or the meeting.
 */
export async function selectRegister(
  db: Kysely<DB>,
  districtId: string,
  filter: { words: readonly string[]; bodyId?: string | undefined; limit: number; offset: number },
) {
  let query = db
    .selectFrom('steering_decision as d')
    .innerJoin('meeting as m', 'm.id', 'd.meeting_id')
    .innerJoin('steering_body as b', 'b.id', 'd.body_id')
    .leftJoin('agenda_item as a', 'a.id', 'd.agenda_item_id')
    .where('d.district_id', '=', districtId)
  if (filter.bodyId) query = query.where('d.body_id', '=', filter.bodyId)
  for (const word of filter.words) {
    const pattern = `%${word.replace(/[\\%_]/g, (match) => `\\${match}`)}%`
    query = query.where(
      sql<boolean>`(d.number || ' ' || d.text || ' ' || b.name || ' ' || m.title || ' ' || coalesce(a.title, '')) ILIKE ${pattern}`,
    )
  }
  const [rows, count] = await Promise.all([
    query
      .select([
        'd.id',
        'd.number',
        'd.text',
        'd.body_id',
        'b.name as body_name',
        'd.meeting_id',
        'm.title as meeting_title',
        'm.starts_at',
        'a.title as agenda_title',
      ])
      .orderBy('m.starts_at', 'desc')
      .orderBy('d.created_at', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: count.total }
}
