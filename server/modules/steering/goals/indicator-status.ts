import type { IndicatorStatus } from '../../../../common/goals.ts'

/**
 * The status rule of an indicator (docs/decisions/0012-goal-indicators.md). Progress is the share
 * of the way from baseline to target the current value has gone (0 at the baseline, 1 at the
 * target, negative when it went the wrong way); the expected progress is the share of the
 * agreement's period that had passed on the day the current value refers to. The gap between them
 * decides, in whole basis points so that the boundaries are exact:
 *
 * - on track: the target is reached, or progress lags the expected progress by at most 10 points;
 * - at risk: it lags by more than 10 and at most 25 points;
 * - off track: it lags by more than 25 points, or the period is over and the target not reached;
 * - no data: there is no current value yet.
 */
export const statusThresholds = { onTrackLag: 0.1, atRiskLag: 0.25 } as const

const basisPoints = (share: number) => Math.round(share * 10_000)

/** Days from one calendar day to another. */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)

/** Share of the way from baseline to target; the direction is in the sign of target − baseline. */
export function progressOf(baseline: number, target: number, current: number): number {
  return (current - baseline) / (target - baseline)
}

/** Share of the period [startsOn, endsOn] passed on `day`, between 0 and 1. */
export function elapsedShare(startsOn: string, endsOn: string, day: string): number {
  const share = daysBetween(startsOn, day) / daysBetween(startsOn, endsOn)
  return Math.min(1, Math.max(0, share))
}

export function indicatorStatus(input: {
  progress: number | null
  expectedProgress: number
  periodOver: boolean
}): IndicatorStatus {
  if (input.progress === null) return 'no_data'
  const progress = basisPoints(input.progress)
  if (progress >= 10_000) return 'on_track'
  if (input.periodOver) return 'off_track'
  const lag = basisPoints(input.expectedProgress) - progress
  if (lag <= basisPoints(statusThresholds.onTrackLag)) return 'on_track'
  if (lag <= basisPoints(statusThresholds.atRiskLag)) return 'at_risk'
  return 'off_track'
}

const severity: Record<IndicatorStatus, number> = { no_data: 0, on_track: 1, at_risk: 2, off_track: 3 }

/** An agreement's status: the worst of its indicators' (no data only when none has data). */
export function overallStatus(statuses: readonly IndicatorStatus[]): IndicatorStatus {
  return statuses.reduce<IndicatorStatus>(
    (worst, status) => (severity[status] > severity[worst] ? status : worst),
    'no_data',
  )
}
