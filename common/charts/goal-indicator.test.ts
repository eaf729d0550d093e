import { describe, expect, it } from 'vitest'
import { indicatorChart, plannedValue } from './goal-indicator.ts'

describe('the goal indicator chart', () => {
  const names = { values: 'Wert', target: 'Ziel', planned: 'Zielpfad' }

  it('draws the values against the target and the planned path', () => {
    const option = indicatorChart({
      labels: ['Jan.', 'Feb.', 'März'],
      values: [10, null, 14],
      planned: [10, 12, 14],
      target: 20,
      percent: false,
      names,
    })
    const series = option.series as { name: string; data: unknown[] }[]
    expect(series.map((each) => each.name)).toEqual(['Ziel', 'Zielpfad', 'Wert'])
    expect(series[0]?.data).toEqual([20, 20, 20])
    expect(series[2]?.data).toEqual([10, null, 14])
  })

  it('draws percentages on their whole scale', () => {
    const option = indicatorChart({ labels: [], values: [], planned: [], target: 90, percent: true, names })
    expect(option.yAxis).toMatchObject({ min: 0, max: 100 })
  })

  it('puts the planned path at the baseline at the start and at the target at the end', () => {
    const period = { startsOn: '2026-01-01', endsOn: '2026-01-11', baseline: 100, target: 50 }
    expect(plannedValue(period, '2025-12-01')).toBe(100)
    expect(plannedValue(period, '2026-01-06')).toBe(75)
    expect(plannedValue(period, '2026-02-01')).toBe(50)
  })
})
