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
