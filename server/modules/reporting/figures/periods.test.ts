import { describe, expect, it } from 'vitest'
import { addYears, bucketsOf, previousPeriod, yearBefore } from './periods.ts'

describe('periods of figures', () => {
  it('cuts a period into calendar buckets, the first from its start, the last clipped to its end', () => {
    expect(bucketsOf('2026-02-15', '2026-04-10', 'month')).toEqual([
      { key: '2026-02-01', label: '2026-02', end: '2026-02-28' },
      { key: '2026-03-01', label: '2026-03', end: '2026-03-31' },
      { key: '2026-04-01', label: '2026-04', end: '2026-04-10' },
    ])
    expect(bucketsOf('2026-03-01', '2026-04-30', 'quarter').map((bucket) => bucket.label)).toEqual([
      '2026-Q1',
      '2026-Q2',
    ])
    expect(bucketsOf('2026-03-28', '2026-03-31', 'day')).toHaveLength(4)
  })

  it('starts weeks on Monday and names them by ISO week, also across the turn of the year', () => {
    expect(bucketsOf('2026-12-30', '2027-01-05', 'week')).toEqual([
      { key: '2026-12-28', label: '2026-W53', end: '2027-01-03' },
      { key: '2027-01-04', label: '2027-W01', end: '2027-01-05' },
    ])
    expect(bucketsOf('2026-03-29', '2026-03-29', 'week')[0]?.label).toBe('2026-W13')
  })

  it('compares whole months with as many whole months before, other periods with as many days before', () => {
    expect(previousPeriod('2026-03-01', '2026-04-30')).toEqual({ from: '2026-01-01', to: '2026-02-28' })
    expect(previousPeriod('2026-03-01', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' })
    expect(previousPeriod('2026-01-01', '2026-12-31')).toEqual({ from: '2025-01-01', to: '2025-12-31' })
    expect(previousPeriod('2026-02-01', '2026-04-30')).toEqual({ from: '2025-11-01', to: '2026-01-31' })
    // 1 to 15 March are 15 days: the 15 days before run from 14 to 28 February.
    expect(previousPeriod('2026-03-01', '2026-03-15')).toEqual({ from: '2026-02-14', to: '2026-02-28' })
    expect(previousPeriod('2026-03-10', '2026-04-30')).toEqual({ from: '2026-01-17', to: '2026-03-09' })
  })

  it('compares with the same days a year earlier', () => {
    expect(yearBefore('2026-03-01', '2026-04-30')).toEqual({ from: '2025-03-01', to: '2025-04-30' })
    expect(addYears('2028-02-29', -1)).toBe('2027-02-28')
  })
})
