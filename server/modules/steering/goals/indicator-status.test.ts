import { describe, expect, it } from 'vitest'
import { computedSeries } from './indicator-series.ts'
import { elapsedShare, indicatorStatus, overallStatus, progressOf } from './indicator-status.ts'
import { addMonths, lastDayOf, monthsBetween } from './months.ts'

describe('the status rule', () => {
  const status = (progress: number | null, expectedProgress: number, periodOver = false) =>
    indicatorStatus({ progress, expectedProgress, periodOver })

  it.each([
    // progress, expected, status: the lag of 10 points is still on track, beyond it at risk
    [0.4, 0.5, 'on_track'],
    [0.3999, 0.5, 'at_risk'],
    // a lag of 25 points is still at risk, beyond it off track
    [0.25, 0.5, 'at_risk'],
    [0.2499, 0.5, 'off_track'],
    // ahead of time, and at the very start with no progress yet
    [0.9, 0.5, 'on_track'],
    [0, 0, 'on_track'],
    [-0.1, 0, 'on_track'],
    [-0.1001, 0, 'at_risk'],
    // the target reached counts as on track whatever the time
    [1, 1, 'on_track'],
    [1.2, 0.1, 'on_track'],
  ] as const)('progress %s against expected %s is %s', (progress, expected, wanted) => {
    expect(status(progress, expected)).toBe(wanted)
  })

  it('once the period is over, only a reached target is on track', () => {
    expect(status(1, 1, true)).toBe('on_track')
    expect(status(0.9999, 1, true)).toBe('off_track')
  })

  it('has no status without a current value', () => {
    expect(status(null, 0.5)).toBe('no_data')
  })

  it('measures progress from baseline toward target in either direction', () => {
    expect(progressOf(20, 80, 50)).toBe(0.5)
    expect(progressOf(30, 20, 25)).toBe(0.5)
    expect(progressOf(30, 20, 35)).toBe(-0.5)
  })

  it('counts the share of the period passed in days, between 0 and 1', () => {
    expect(elapsedShare('2026-01-01', '2026-01-11', '2026-01-06')).toBe(0.5)
    expect(elapsedShare('2026-01-01', '2026-01-11', '2025-12-31')).toBe(0)
    expect(elapsedShare('2026-01-01', '2026-01-11', '2026-02-01')).toBe(1)
    // Across the change to summer time a day is still a day.
    expect(elapsedShare('2026-03-28', '2026-04-01', '2026-03-30')).toBe(0.5)
  })

  it('gives an agreement the worst status of its indicators, no data only when none has data', () => {
    expect(overallStatus(['on_track', 'no_data', 'at_risk'])).toBe('at_risk')
    expect(overallStatus(['on_track', 'off_track', 'at_risk'])).toBe('off_track')
    expect(overallStatus(['no_data', 'on_track'])).toBe('on_track')
    expect(overallStatus(['no_data'])).toBe('no_data')
    expect(overallStatus([])).toBe('no_data')
  })
})

describe('monthly series', () => {
  it('names every month of a period, leap February included', () => {
    expect(monthsBetween('2023-11-15', '2024-02-03')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02'])
    expect(lastDayOf('2024-02')).toBe('2024-02-29')
    expect(lastDayOf('2025-12')).toBe('2025-12-31')
  })

  it('shows a month without contacts as 0 and a month without cases for a share as missing', () => {
    const period = { startsOn: '2026-01-01', endsOn: '2026-12-31' }
    const figures = [{ month: '2026-02', value: 5, basis: 5 }]
    expect(computedSeries(figures, 'count', period, '2026-03-15').map((point) => point.value)).toEqual([
      0, 5, 0,
    ])
    const shares = computedSeries(figures, 'percent', period, '2026-03-15')
    expect(shares.map((point) => [point.value, point.partial, point.day])).toEqual([
      [null, false, '2026-01-31'],
      [5, false, '2026-02-28'],
      [null, true, '2026-03-15'],
    ])
    expect(computedSeries(figures, 'count', period, '2025-12-31')).toEqual([])
  })
})

describe('months', () => {
  it('steps across years in both directions', () => {
    expect(addMonths('2026-12', -11)).toBe('2026-01')
    expect(addMonths('2026-01', 24)).toBe('2028-01')
    expect(addMonths('2026-03', -3)).toBe('2025-12')
  })
})
