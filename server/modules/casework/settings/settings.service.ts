import { type Kysely, sql } from 'kysely'
import type { CaseWorkSettings } from '../../../../common/casework.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { recordAudit } from '../../audit/index.ts'
import { readCaseWorkSettings } from '../casework.access.ts'

export async function getCaseWorkSettings(db: Kysely<DB>, actor: Actor): Promise<CaseWorkSettings> {
  authorize(actor, 'casework-settings.manage', ownDistrict(actor))
  return readCaseWorkSettings(db, actor.districtId)
}

export async function putCaseWorkSettings(
  db: Kysely<DB>,
  actor: Actor,
  input: CaseWorkSettings,
  request: RequestContext,
): Promise<CaseWorkSettings> {
  authorize(actor, 'casework-settings.manage', ownDistrict(actor))
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('case_work_setting')
      .values({
        district_id: actor.districtId,
        team_cases_visible: input.teamCasesVisibleToCaseManagers,
        residence_expiry_lead_days: input.residenceExpiryLeadDays,
      })
      .onConflict((conflict) =>
        conflict.column('district_id').doUpdateSet({
          team_cases_visible: input.teamCasesVisibleToCaseManagers,
          residence_expiry_lead_days: input.residenceExpiryLeadDays,
          version: sql`case_work_setting.version + 1`,
          updated_at: sql`now()`,
        }),
      )
      .execute()
    await recordAudit(trx, {
      ...request,
      action: 'casework-settings.update',
      subjectType: 'district',
      subjectId: actor.districtId,
    })
  })
  return readCaseWorkSettings(db, actor.districtId)
}
