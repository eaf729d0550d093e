import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'

export function selectCaseWorkSettings(db: Kysely<DB>, districtId: string) {
  return db
    .selectFrom('case_work_setting')
    .select(['team_cases_visible', 'residence_expiry_lead_days'])
    .where('district_id', '=', districtId)
    .executeTakeFirst()
}

export async function upsertCaseWorkSettings(
  trx: Transaction<DB>,
  districtId: string,
  settings: { team_cases_visible: boolean; residence_expiry_lead_days: number },
): Promise<void> {
  await trx
    .insertInto('case_work_setting')
    .values({ district_id: districtId, ...settings })
    .onConflict((conflict) =>
      conflict.column('district_id').doUpdateSet({
        ...settings,
        version: sql`case_work_setting.version + 1`,
        updated_at: sql`now()`,
      }),
    )
    .execute()
}
