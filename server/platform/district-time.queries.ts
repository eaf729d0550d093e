import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'

export async function selectDistrictTimeZone(
  db: Kysely<DB>,
  districtId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('district')
    .select('time_zone')
    .where('id', '=', districtId)
    .executeTakeFirst()
  return row?.time_zone
}

/** The time zones of one district, or of all when `districtId` is null (for jobs across districts). */
export function selectDistrictTimeZones(db: Kysely<DB>, districtId: string | null) {
  let query = db.selectFrom('district').select(['id', 'time_zone'])
  if (districtId) query = query.where('id', '=', districtId)
  return query.execute()
}
