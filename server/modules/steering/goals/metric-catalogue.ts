import type { Kysely } from 'kysely'
import type { MetricKey, MetricParameters } from '../../../../common/goals.ts'
import type { DB } from '../../../db/schema.ts'
import type { DistrictTime } from '../../../platform/district-time.ts'
import {
  type AggregateRow,
  type FigureScope,
  figureMinimumCases,
  type Grouping,
  type MonthlyFigure,
} from '../../../platform/figures.ts'
import { caseWorkFigure } from '../../casework/index.ts'
import { jobcenterContactsAfterChangeByMonth, jobcenterReferralAnswersByMonth } from '../../network/index.ts'
import { lastDayOf, monthOf, monthsBetween } from './months.ts'

/** The earlier of two ISO days; they are strings, which Math.min would turn into NaN. */
const earlierDay = (a: string, b: string) => (a < b ? a : b)

/**
 * The metric catalogue (docs/decisions/0012-goal-indicators.md): how each computed indicator is
 * made, per calendar month of the district, from case work and the network through their exported
 * aggregates only. Where reporting has the same figure, the indicator is computed by the very same
 * function (`caseWorkFigure`), so a figure cannot mean one thing on the dashboard and another in an
 * agreement. The unit of each metric is fixed in `common/goals.ts` (`metricUnits`).
 */

export type MetricRange = {
  districtId: string
  /** First and last day of the district counted, both included. */
  from: string
  to: string
  time: DistrictTime
}

type Metric = (db: Kysely<DB>, range: MetricRange, parameters: MetricParameters) => Promise<MonthlyFigure[]>

const scopeOf = (range: MetricRange): FigureScope => ({
  districtId: range.districtId,
  range: { from: range.from, to: range.to },
  timeZone: range.time.timeZone,
})

/** Reporting's grouping by month over the range; a bucket's key is its first day. */
function byMonth(range: MetricRange): Grouping {
  const buckets = monthsBetween(range.from, range.to).map((month) => {
    const last = lastDayOf(month)
    return { key: `${month}-01`, end: earlierDay(last, range.to) }
  })
  return { kind: 'bucket', unit: 'month', buckets }
}

const monthly = (rows: readonly AggregateRow[]) => rows.map((row) => ({ ...row, month: monthOf(row.key) }))

/**
 * Counts are shown as they are: a district's or municipality's contacts in a month are an amount
 * of work, nothing about a person. Reporting publishes the same count with the same rule for
 * counts of activity that the indicator needs (no cell of a person's attribute is involved).
 */
async function counselling(db: Kysely<DB>, range: MetricRange, parameters: MetricParameters) {
  const scope = scopeOf(range)
  const grouping = byMonth(range)
  const [contacts, short] = await Promise.all([
    caseWorkFigure(db, 'contacts', scope, grouping, parameters.municipalityId),
    caseWorkFigure(db, 'short-consultations', scope, grouping, parameters.municipalityId),
  ])
  const sums = new Map<string, number>()
  for (const row of [...monthly(contacts), ...monthly(short)])
    sums.set(row.month, (sums.get(row.month) ?? 0) + row.value)
  return [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, count]) => ({ month, value: count, basis: count }))
}

/** A median of fewer than `figureMinimumCases` cases is withheld, as reporting withholds it. */
async function planDurations(db: Kysely<DB>, range: MetricRange, parameters: MetricParameters) {
  const rows = await caseWorkFigure(
    db,
    'days-first-contact-to-plan',
    scopeOf(range),
    byMonth(range),
    parameters.municipalityId,
  )
  return monthly(rows)
    .sort((a, b) => a.month.localeCompare(b.month))
    .map((row) => ({ month: row.month, value: row.n >= figureMinimumCases ? row.value : null, basis: row.n }))
}

export const metricCatalogue: Record<MetricKey, Metric> = {
  /** Reporting's `contacts` plus its `short-consultations`, in the case's (or consultation's) municipality. */
  'counselling-contacts': counselling,
  /** Share of referrals to a Jobcenter answered within 14 days, by month of sending. */
  'jobcenter-referrals-answered-14d': (db, range) => jobcenterReferralAnswersByMonth(db, range, 14),
  /** Reporting's `days-first-contact-to-plan`, by month of the plan. */
  'median-days-contact-to-plan': planDurations,
  /** Share of changes into SGB II with a first Jobcenter contact within 30 days, by month of effect. */
  'legal-sphere-changes-jobcenter-30d': (db, range) => jobcenterContactsAfterChangeByMonth(db, range, 30),
}

/**
 * Computes metrics for one request, each combination of metric, parameters and range once:
 * several agreements often share a metric (the list and the start page compute all of them).
 */
export function metricComputer(db: Kysely<DB>) {
  const cache = new Map<string, Promise<MonthlyFigure[]>>()
  return (metric: MetricKey, whole: MetricRange, parameters: MetricParameters) => {
    // Nothing has happened after today: the months ahead are not asked for.
    const range = { ...whole, to: earlierDay(whole.to, whole.time.today) }
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
