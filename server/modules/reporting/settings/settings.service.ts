import type { Kysely } from 'kysely'
import { defaultReportingSettings, type ReportingSettings } from '../../../../common/reporting.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { recordAudit } from '../../audit/index.ts'
import { selectReportingSettings, upsertReportingSettings } from './settings.queries.ts'

/** The district's thresholds as every published figure applies them; the defaults until it sets its own. */
export async function reportingSettings(db: Kysely<DB>, districtId: string): Promise<ReportingSettings> {
  const row = await selectReportingSettings(db, districtId)
  return row
    ? { threshold: row.threshold, specialThreshold: row.special_threshold }
    : defaultReportingSettings
}

export async function getReportingSettings(db: Kysely<DB>, actor: Actor): Promise<ReportingSettings> {
  authorize(actor, 'reporting-settings.manage', ownDistrict(actor))
  return reportingSettings(db, actor.districtId)
}

export async function putReportingSettings(
  db: Kysely<DB>,
  actor: Actor,
  input: ReportingSettings,
  request: RequestContext,
): Promise<ReportingSettings> {
  authorize(actor, 'reporting-settings.manage', ownDistrict(actor))
  await db.transaction().execute(async (trx) => {
    await upsertReportingSettings(trx, actor.districtId, {
      threshold: input.threshold,
      special_threshold: input.specialThreshold,
    })
    await recordAudit(trx, {
      ...request,
      action: 'reporting-settings.update',
      subjectType: 'district',
      subjectId: actor.districtId,
    })
  })
  return reportingSettings(db, actor.districtId)
}
