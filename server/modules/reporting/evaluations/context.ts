import type { Kysely } from 'kysely'
import type { EvaluationContext } from '../../../../common/evaluation-context.ts'
import type { ReportingSettings } from '../../../../common/reporting.ts'
import type { DB } from '../../../db/schema.ts'
import type { FigureScope } from '../../../platform/figures.ts'
import { staffingAt } from '../../staffing/index.ts'
import { goalsOfPeriod, steeringActivity } from '../../steering/index.ts'

/**
 * What an evaluation freezes beside its figures: staffing on the period's last day, the steering
 * activity of the period and the goal agreements' status, each from its owner's service.
 *
 * The Baustein table and the contracts ending are the staffing part of the committee report, made
 * by coordination or administration for the committee and shown as they are (decision 0014,
 * "Staffing figures"). The caseload per FTE, which beside the active cases would give the
 * case-management FTE away, is left out (null) when fewer cases or contracts than the threshold
 * stand behind it, as the catalogue's figure is.
 */
export async function evaluationContext(
  db: Kysely<DB>,
  scope: FigureScope,
  settings: ReportingSettings,
  now: Date,
): Promise<EvaluationContext> {
  const staffing = await staffingAt(db, scope)
  const steering = await steeringActivity(db, scope.districtId, scope.range, now)
  const goals = await goalsOfPeriod(db, scope.districtId, scope.range, now)
  const caseManagement = staffing.bausteine.find((row) => row.baustein === 2)
  const caseloadShown =
    staffing.activeCases >= settings.threshold && (caseManagement?.contracts ?? 0) >= settings.threshold
  return {
    staffing: {
      asOf: staffing.asOf,
      bausteine: staffing.bausteine.map(({ contracts: _people, ...row }) => row),
      contractsEnding: staffing.contractsEnding,
      caseloadPerFte: caseloadShown ? staffing.caseloadPerFte : null,
    },
    steering,
    goals,
  }
}
