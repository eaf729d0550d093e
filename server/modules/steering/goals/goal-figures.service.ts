import type { Kysely } from 'kysely'
import type { IndicatorStatus, IndicatorUnit } from '../../../../common/goals.ts'
import { indicatorStatuses } from '../../../../common/goals.ts'
import type { DimensionId } from '../../../../common/reporting.ts'
import type { DB } from '../../../db/schema.ts'
import type { AggregateRow, FigureScope, Grouping } from '../../../platform/figures.ts'
import { agreementsInPeriod } from './goal.service.ts'

/**
 * What steering offers reporting about its goal agreements: how many agreements and indicators
 * stand where (on track, at risk, off track, no data) on the period's last day. Counts only: the
 * agreements name organisations, never a person. Not over time: each day's status recomputes every
 * indicator, so a breakdown by day or week would cost hundreds of computations.
 */

export const goalMetrics = ['goal-agreements', 'goal-indicators'] as const
export type GoalMetric = (typeof goalMetrics)[number]

export const goalFigureDimensions: Record<GoalMetric, readonly DimensionId[]> = {
  'goal-agreements': ['goal-status'],
  'goal-indicators': ['goal-status'],
}

const countBy = (statuses: readonly IndicatorStatus[], grouping: Grouping): AggregateRow[] => {
  if (grouping.kind !== 'attribute') return [{ key: '', value: statuses.length, n: statuses.length }]
  return indicatorStatuses.map((status) => {
    const count = statuses.filter((each) => each === status).length
    return { key: status, value: count, n: count }
  })
}

export async function goalFigure(
  db: Kysely<DB>,
  metric: GoalMetric,
  scope: FigureScope,
  grouping: Grouping,
): Promise<AggregateRow[]> {
  const now = scope.now ?? new Date()
  const { agreements, indicators } = await agreementsInPeriod(db, scope.districtId, scope.range, now)
  const statuses =
    metric === 'goal-agreements'
      ? agreements.map((agreement) => agreement.status)
      : agreements.flatMap((agreement) =>
          (indicators.get(agreement.id) ?? []).map((indicator) => indicator.status),
        )
  return countBy(statuses, grouping)
}

const unitNames: Record<IndicatorUnit, { de: string; en: string }> = {
  count: { de: 'Anzahl', en: 'count' },
  percent: { de: 'Prozent', en: 'percent' },
  days: { de: 'Tage', en: 'days' },
  euro: { de: 'Euro', en: 'euro' },
}

/** The goal agreements of a period as an evaluation freezes them: title, status, each indicator's target and value. */
export async function goalsOfPeriod(
  db: Kysely<DB>,
  districtId: string,
  range: { from: string; to: string },
  now: Date,
) {
  const { agreements, indicators } = await agreementsInPeriod(db, districtId, range, now)
  return agreements.map((agreement) => ({
    title: agreement.title,
    status: agreement.status,
    indicators: (indicators.get(agreement.id) ?? []).map((indicator) => ({
      name: indicator.name,
      unit: unitNames[indicator.unit],
      target: indicator.target,
      actual: indicator.current,
      status: indicator.status,
    })),
  }))
}
