import type { Kysely } from 'kysely'
import type { CaseWorkSettings } from '../../../../common/casework.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { recordAudit } from '../../audit/index.ts'
import { selectCaseWorkSettings, upsertCaseWorkSettings } from './settings.queries.ts'

/** What a district that has not changed its settings works with. */
export const defaultCaseWorkSettings: CaseWorkSettings = {
  teamCasesVisibleToCaseManagers: true,
  residenceExpiryLeadDays: 90,
}

/** The district's settings as the rules of case work read them (the policy subjects, the case list). */
export async function readCaseWorkSettings(db: Kysely<DB>, districtId: string): Promise<CaseWorkSettings> {
  const row = await selectCaseWorkSettings(db, districtId)
  return row
    ? {
        teamCasesVisibleToCaseManagers: row.team_cases_visible,
        residenceExpiryLeadDays: row.residence_expiry_lead_days,
      }
    : defaultCaseWorkSettings
}

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
