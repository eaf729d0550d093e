import { type Kysely, sql, type Transaction } from 'kysely'
import { defaultReportingSettings } from '../../../../common/reporting.ts'
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

/** Whether the district publishes open data; false until it says so. */
export async function selectOpenData(db: Kysely<DB>, districtId: string): Promise<boolean> {
  const row = await db
    .selectFrom('reporting_setting')
    .select('open_data')
    .where('district_id', '=', districtId)
    .executeTakeFirst()
  return row?.open_data ?? false
}

export async function upsertOpenData(
  trx: Transaction<DB>,
  districtId: string,
  enabled: boolean,
): Promise<void> {
  await trx
    .insertInto('reporting_setting')
    .values({
      district_id: districtId,
      // A district that never set thresholds keeps the defaults (the same as the columns').
      threshold: defaultReportingSettings.threshold,
      special_threshold: defaultReportingSettings.specialThreshold,
      open_data: enabled,
    })
    .onConflict((conflict) =>
      conflict.column('district_id').doUpdateSet({
        open_data: enabled,
        version: sql`reporting_setting.version + 1`,
        updated_at: sql`now()`,
      }),
    )
    .execute()
}
