import type { Kysely } from 'kysely'
import type { MetricId } from '../../../../common/reporting.ts'
import type { DB } from '../../../db/schema.ts'
import type { AggregateRow, FigureScope, Grouping } from '../../../platform/figures.ts'
import {
  type CaseWorkMetric,
  caseWorkFigure,
  caseWorkFigureOverPeriods,
  caseWorkMetrics,
} from '../../casework/index.ts'
import { importedFigure, importedMetrics } from '../../import/index.ts'
import { type NetworkMetric, networkFigure, networkMetrics } from '../../network/index.ts'
import { type StaffingMetric, staffingFigure, staffingMetrics } from '../../staffing/index.ts'
import { type GoalMetric, goalFigure, goalMetrics } from '../../steering/index.ts'

/**
 * Which module holds the one implementation of each metric. Reporting reads no table: it asks the
 * owner for aggregate rows and protects them before anything leaves the server.
 */

const owns =
  <T extends string>(ids: readonly T[]) =>
  (metric: MetricId): metric is MetricId & T =>
    (ids as readonly string[]).includes(metric)

const isCaseWork = owns<CaseWorkMetric>(caseWorkMetrics)
const isNetwork = owns<NetworkMetric>(networkMetrics)
const isStaffing = owns<StaffingMetric>(staffingMetrics)
const isGoal = owns<GoalMetric>(goalMetrics)

/** Adds rows by key: Lotse's own figure and the imported months' (decision 0027). */
function merged(own: readonly AggregateRow[], imported: readonly AggregateRow[]): AggregateRow[] {
  if (imported.length === 0) return [...own]
  const byKey = new Map(own.map((row) => [row.key, { ...row }]))
  for (const row of imported) {
    const found = byKey.get(row.key)
    if (found) {
      found.value += row.value
      found.n += row.n
    } else byKey.set(row.key, { ...row })
  }
  return [...byKey.values()]
}

/**
 * The aggregate of a metric. Counts that offices kept before Lotse and imported as monthly tallies
 * (decision 0027) are added for the months they cover; a month is never both (the import refuses
 * months Lotse has records of).
 */
export async function aggregate(
  db: Kysely<DB>,
  metric: MetricId,
  scope: FigureScope,
  grouping: Grouping,
): Promise<AggregateRow[]> {
  if (isCaseWork(metric) && importedMetrics.includes(metric)) {
    const [own, imported] = await Promise.all([
      caseWorkFigure(db, metric, scope, grouping),
      importedFigure(db, metric, scope, grouping),
    ])
    return merged(own, imported)
  }
  if (isCaseWork(metric)) return caseWorkFigure(db, metric, scope, grouping)
  if (isNetwork(metric)) return networkFigure(db, metric, scope, grouping)
  if (isStaffing(metric)) return staffingFigure(db, metric, scope, grouping)
  if (isGoal(metric)) return goalFigure(db, metric, scope, grouping)
  throw new Error(`No owner for metric ${metric}`)
}

/** The keys of a figure whose cells rest partly or wholly on imported monthly counts. */
export async function importedKeys(
  db: Kysely<DB>,
  metric: MetricId,
  scope: FigureScope,
  grouping: Grouping,
): Promise<Set<string>> {
  return new Set((await importedFigure(db, metric, scope, grouping)).map((row) => row.key))
}

/**
 * One metric over several periods by the same grouping (one list of rows per period, in order):
 * case work answers them together where it can, the other owners period by period.
 */
export async function aggregateOverPeriods(
  db: Kysely<DB>,
  metric: MetricId,
  scope: FigureScope,
  ranges: readonly FigureScope['range'][],
  grouping: Grouping,
): Promise<AggregateRow[][]> {
  if (isCaseWork(metric)) {
    const own = await caseWorkFigureOverPeriods(db, metric, scope, ranges, grouping)
    if (!importedMetrics.includes(metric)) return own
    return Promise.all(
      ranges.map(async (range, index) =>
        merged(own[index] ?? [], await importedFigure(db, metric, { ...scope, range }, grouping)),
      ),
    )
  }
  const answers: AggregateRow[][] = []
  for (const range of ranges) answers.push(await aggregate(db, metric, { ...scope, range }, grouping))
  return answers
}

/**
 * Whether the metric counts case work or network activity over time. Only these are broken down by
 * an attribute over canonical months (decision 0017); staffing and goals are stocks at a date.
 */
export const countsActivity = (metric: MetricId): boolean => isCaseWork(metric) || isNetwork(metric)
