import { describe, expect, it } from 'vitest'
import { linearTrend, periodPresets } from './trend.ts'

describe('dashboard helpers', () => {
  it('fits the trend through the published values only', () => {
    expect(linearTrend([10, 12, 14, 16])).toEqual([10, 12, 14, 16])
    // A withheld month is left out of the fit, but the line still has a point there.
    expect(linearTrend([10, null, 14, 16])).toEqual([10, 12, 14, 16])
    expect(linearTrend([null, 5, null])).toEqual([null, null, null])
  })

  it('offers the last twelve months, this year, last year and the last full quarter', () => {
    const presets = Object.fromEntries(
      periodPresets('2027-02-10').map((preset) => [preset.id, preset.period]),
    )
    expect(presets).toEqual({
      'last-12-months': { from: '2026-03-01', to: '2027-02-10' },
      'this-year': { from: '2027-01-01', to: '2027-02-10' },
      'last-year': { from: '2026-01-01', to: '2026-12-31' },
      'last-quarter': { from: '2026-10-01', to: '2026-12-31' },
    })
    expect(periodPresets('2026-12-07')[0]?.period).toEqual({ from: '2026-01-01', to: '2026-12-07' })
  })
})
