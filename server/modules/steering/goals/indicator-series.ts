import type {
  Indicator,
  IndicatorDirection,
  IndicatorPoint,
  IndicatorSource,
  IndicatorUnit,
  MetricKey,
} from '../../../../common/goals.ts'
import type { MonthlyFigure } from '../../../platform/figures.ts'
import { elapsedShare, indicatorStatus, progressOf } from './indicator-status.ts'
import { lastDayOf, monthsBetween } from './months.ts'

/**
 * An indicator's trajectory, current value and status, from its computed monthly figures or its
 * entered values. Pure: the service loads the figures and values, this decides what they mean.
 */

export type IndicatorFacts = {
  id: string
  position: number
  name: string
  unit: IndicatorUnit
  baseline: number
  target: number
  direction: IndicatorDirection
  source: IndicatorSource
  metric: MetricKey | null
  municipalityId: string | null
  municipalityName: string | null
}
export type Period = { startsOn: string; endsOn: string }
export type EnteredValue = { measuredOn: string; value: number; note: string }

const earlier = (a: string, b: string) => (a < b ? a : b)

/**
 * One point per month of the period up to today. A month without figures had no contacts (a
 * count: 0) or nothing to form a share or median of (null). The running month is partial.
 */
export function computedSeries(
  figures: readonly MonthlyFigure[],
  unit: IndicatorUnit,
  period: Period,
  today: string,
): IndicatorPoint[] {
  if (today < period.startsOn) return []
  const byMonth = new Map(figures.map((figure) => [figure.month, figure]))
  const last = earlier(period.endsOn, today)
  return monthsBetween(period.startsOn, last).map((month) => {
    const figure = byMonth.get(month)
    const partial = lastDayOf(month) >= today
    return {
      period: month,
      day: partial ? today : earlier(lastDayOf(month), period.endsOn),
      value: figure ? figure.value : unit === 'count' ? 0 : null,
      basis: figure ? figure.basis : 0,
      partial,
      note: '',
    }
  })
}

export function enteredSeries(values: readonly EnteredValue[]): IndicatorPoint[] {
  return [...values]
    .sort((a, b) => a.measuredOn.localeCompare(b.measuredOn))
    .map((value) => ({
      period: value.measuredOn,
      day: value.measuredOn,
      value: value.value,
      basis: null,
      partial: false,
      note: value.note,
    }))
}

/** The value that counts now: the latest complete month with a value, else the latest value at all. */
function currentPoint(series: readonly IndicatorPoint[]): IndicatorPoint | undefined {
  const withValue = series.filter((point) => point.value !== null)
  return withValue.filter((point) => !point.partial).at(-1) ?? withValue.at(-1)
}

const rounded = (share: number) => Math.round(share * 10_000) / 10_000

export function evaluateIndicator(
  facts: IndicatorFacts,
  period: Period,
  series: IndicatorPoint[],
  today: string,
): Indicator {
  const current = currentPoint(series)
  const currentValue = current?.value ?? null
  const expectedProgress = elapsedShare(period.startsOn, period.endsOn, current?.day ?? today)
  const progress = currentValue === null ? null : progressOf(facts.baseline, facts.target, currentValue)
  return {
    id: facts.id,
    position: facts.position,
    name: facts.name,
    unit: facts.unit,
    baseline: facts.baseline,
    target: facts.target,
    direction: facts.direction,
    source: facts.source,
    metric: facts.metric,
    parameters: { municipalityId: facts.municipalityId },
    municipalityName: facts.municipalityName,
    current: currentValue,
    currentPeriod: current?.period ?? null,
    progress: progress === null ? null : rounded(progress),
    expectedProgress: rounded(expectedProgress),
    status: indicatorStatus({ progress, expectedProgress, periodOver: today > period.endsOn }),
    series,
  }
}
