import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { periodPieces } from './period-pieces.ts'

const day = fc
  .date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10))

/** Every day of the pieces, expanded. */
function daysOf(pieces: ReturnType<typeof periodPieces>) {
  const out: string[] = []
  const spread = (from: string, to: string) => {
    for (
      let at = new Date(`${from}T00:00:00Z`);
      at.toISOString().slice(0, 10) <= to;
      at.setUTCDate(at.getUTCDate() + 1)
    )
      out.push(at.toISOString().slice(0, 10))
  }
  for (const year of pieces.years) spread(year, `${year.slice(0, 4)}-12-31`)
  for (const month of pieces.months) {
    const next = new Date(`${month}T00:00:00Z`)
    next.setUTCMonth(next.getUTCMonth() + 1, 0)
    spread(month, next.toISOString().slice(0, 10))
  }
  for (const range of pieces.days) spread(range.from, range.to)
  return out.sort()
}

describe('periodPieces', () => {
  it('covers every day of the period exactly once, in years, months and edge days', () => {
    fc.assert(
      fc.property(
        day,
        day,
        fc.constantFrom('month', 'quarter', 'year') as fc.Arbitrary<'month' | 'quarter' | 'year'>,
        (a, b, unit) => {
          const range = a <= b ? { from: a, to: b } : { from: b, to: a }
          const pieces = periodPieces(range, unit)
          const covered = daysOf(pieces)
          expect(new Set(covered).size).toBe(covered.length)
          expect(covered[0]).toBe(range.from)
          expect(covered.at(-1)).toBe(range.to)
          const span = (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000 + 1
          expect(covered.length).toBe(span)
          if (unit !== 'year') expect(pieces.years).toEqual([])
          expect(pieces.days.length).toBeLessThanOrEqual(2)
        },
      ),
    )
  })

  it('reads a calendar year as one year row and a month-aligned period as months', () => {
    expect(periodPieces({ from: '2025-01-01', to: '2025-12-31' }, 'year')).toEqual({
      years: ['2025-01-01'],
      months: [],
      days: [],
    })
    expect(periodPieces({ from: '2026-03-01', to: '2026-04-30' }, 'year')).toEqual({
      years: [],
      months: ['2026-03-01', '2026-04-01'],
      days: [],
    })
    expect(periodPieces({ from: '2026-03-15', to: '2026-05-02' }, 'month')).toEqual({
      years: [],
      months: ['2026-04-01'],
      days: [
        { from: '2026-03-15', to: '2026-03-31' },
        { from: '2026-05-01', to: '2026-05-02' },
      ],
    })
  })
})
