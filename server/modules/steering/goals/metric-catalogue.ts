import type { Kysely } from 'kysely'
import type { MetricKey, MetricParameters } from '../../../../common/goals.ts'
import type { DB } from '../../../db/schema.ts'
import type { DistrictTime } from '../../../platform/district-time.ts'
import { contactCountsByMonth, type MonthlyFigure, planDurationsByMonth } from '../../casework/index.ts'
import { jobcenterContactsAfterChangeByMonth, jobcenterReferralAnswersByMonth } from '../../network/index.ts'

/**
 * The metric catalogue (docs/decisions/0012-goal-indicators.md): how each computed indicator is
 * made, per calendar month of the district, from case work and the network through their exported
 * aggregates only. The unit of each metric is fixed in `common/goals.ts` (`metricUnits`).
 */

export type MetricRange = {
  districtId: string
  /** First and last day of the district counted, both included. */
  from: string
  to: string
  time: DistrictTime
}

type Metric = (db: Kysely<DB>, range: MetricRange, parameters: MetricParameters) => Promise<MonthlyFigure[]>

const caseWorkRange = (range: MetricRange, parameters: MetricParameters) => ({
  districtId: range.districtId,
  from: range.from,
  to: range.to,
  timeZone: range.time.timeZone,
  municipalityId: parameters.municipalityId,
})

export const metricCatalogue: Record<MetricKey, Metric> = {
  /** Counselling contacts in cases (by the case's municipality) plus short consultations. */
  'counselling-contacts': (db, range, parameters) =>
    contactCountsByMonth(db, caseWorkRange(range, parameters)),
  /** Share of referrals to a Jobcenter answered within 14 days, by month of sending. */
  'jobcenter-referrals-answered-14d': (db, range) => jobcenterReferralAnswersByMonth(db, range, 14),
  /** Median days from a case's first contact to its plan (first goal), by month of the plan. */
  'median-days-contact-to-plan': (db, range, parameters) =>
    planDurationsByMonth(db, caseWorkRange(range, parameters)),
  /** Share of changes into SGB II with a first Jobcenter contact within 30 days, by month of effect. */
  'legal-sphere-changes-jobcenter-30d': (db, range) => jobcenterContactsAfterChangeByMonth(db, range, 30),
}

/**
 * Computes metrics for one request, each combination of metric, parameters and range once:
 * several agreements often share a metric (the list and the start page compute all of them).
 */
export function metricComputer(db: Kysely<DB>) {
  const cache = new Map<string, Promise<MonthlyFigure[]>>()
  return (metric: MetricKey, range: MetricRange, parameters: MetricParameters) => {
    const key = JSON.stringify([metric, range.districtId, range.from, range.to, parameters.municipalityId])
    let figures = cache.get(key)
    if (!figures) {
      figures = metricCatalogue[metric](db, range, parameters)
      cache.set(key, figures)
    }
    return figures
  }
}
export type MetricComputer = ReturnType<typeof metricComputer>
