import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'

export function selectReportingSettings(db: Kysely<DB>, districtId: string) {
  return db
    .selectFrom('reporting_setting')
    .select(['threshold', 'special_threshold'])
    .where('district_id', '=', districtId)
    .executeTakeFirst()
}

export async function upsertReportingSettings(
  trx: Transaction<DB>,
  districtId: string,
  settings: { threshold: number; special_threshold: number },
): Promise<void> {
  await trx
    .insertInto('reporting_setting')
    .values({ district_id: districtId, ...settings })
    .onConflict((conflict) =>
      conflict.column('district_id').doUpdateSet({
        ...settings,
        version: sql`reporting_setting.version + 1`,
        updated_at: sql`now()`,
      }),
    )
    .execute()
}
