import type { Kysely } from 'kysely'
import type { CaseWorkSettings } from '../../../../common/casework.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { recordAudit } from '../../audit/index.ts'
import { readCaseWorkSettings } from '../casework.access.ts'
import { upsertCaseWorkSettings } from './settings.queries.ts'

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
    await upsertCaseWorkSettings(trx, actor.districtId, {
      team_cases_visible: input.teamCasesVisibleToCaseManagers,
      residence_expiry_lead_days: input.residenceExpiryLeadDays,
    })
    await recordAudit(trx, {
      ...request,
      action: 'casework-settings.update',
      subjectType: 'district',
      subjectId: actor.districtId,
    })
  })
  return readCaseWorkSettings(db, actor.districtId)
}
