import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AttributeDimension, MetricId } from '../../../../common/reporting.ts'
import { addDays } from '../figures/periods.ts'
import { type AtomSource, type PublishedCellSpec, piecesOf, protectAcross, type Span } from './disclosure.ts'

/**
 * Differencing across two periods: daily counts by municipality, an earlier publication of one
 * period and a new one of an overlapping period. Whatever was published, a reader who subtracts
 * a published cell of one period from the same cell of a nested period never learns a difference
 * between 1 and threshold − 1, and no published cell is small.
 */
const days = Array.from({ length: 8 }, (_, index) => addDays('2026-03-01', index))
const places = ['a', 'b', 'c']

const sourceOf =
  (counts: number[][]): AtomSource =>
  async (_metric, span, dimension) => {
    const rows = new Map<string, number>()
    days.forEach((day, d) => {
      if (day < span.from || day > span.to) return
      places.forEach((place, p) => {
        const key = dimension ? place : ''
        rows.set(key, (rows.get(key) ?? 0) + (counts[d]?.[p] ?? 0))
      })
    })
    return rows
  }

const tableOf = (span: Span, state: PublishedCellSpec['state']): PublishedCellSpec[] => [
  { metric: 'contacts' as MetricId, span, state, threshold: 3 },
  ...places.map((key) => ({
    metric: 'contacts' as MetricId,
    span,
    attribute: { dimension: 'municipality' as AttributeDimension, key },
    state,
    threshold: 3,
  })),
]

describe('protection across publications', () => {
  it('cuts overlapping periods into pieces', () => {
    expect(
      piecesOf([
        { from: '2026-03-01', to: '2026-04-30' },
        { from: '2026-03-01', to: '2026-04-29' },
      ]),
    ).toEqual([
      { from: '2026-03-01', to: '2026-04-29' },
      { from: '2026-04-30', to: '2026-04-30' },
    ])
  })

  it('withholds a cell whose difference to an earlier nested one is small (March–April against March–April 29)', async () => {
    // Place a: 10 contacts on the first day, 1 on the last; b and c: 5 each day.
    const counts = days.map((_day, d) => [d === 0 ? 10 : d === days.length - 1 ? 1 : 0, 5, 5])
    const source = sourceOf(counts)
    const first = { from: days[0] as string, to: days[days.length - 2] as string }
    const whole = { from: days[0] as string, to: days[days.length - 1] as string }
    const alone = await protectAcross(tableOf(whole, 'candidate'), source, 3)
    expect(alone.withheld).toEqual([false, false, false, false])
    const earlier = tableOf(first, 'published')
    const run = await protectAcross([...tableOf(whole, 'candidate'), ...earlier], source, 3)
    // Place a would give away the last day's single contact; b, the smallest next to it, protects it.
    expect(run.withheld.slice(0, 4)).toEqual([false, true, true, false])
  })

  it('leaves no difference of two overlapping periods between 1 and threshold − 1', async () => {
    const dayIndex = fc.integer({ min: 0, max: days.length - 1 })
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 3, maxLength: 3 }), {
          minLength: days.length,
          maxLength: days.length,
        }),
        fc.tuple(dayIndex, dayIndex),
        fc.tuple(dayIndex, dayIndex),
        async (counts, [a1, a2], [b1, b2]) => {
          const first = { from: days[Math.min(a1, a2)] as string, to: days[Math.max(a1, a2)] as string }
          const second = { from: days[Math.min(b1, b2)] as string, to: days[Math.max(b1, b2)] as string }
          const source = sourceOf(counts)
          const earlierRun = await protectAcross(tableOf(first, 'candidate'), source, 3)
          const earlier = tableOf(first, 'published').map((cell, index) => ({
            ...cell,
            state: earlierRun.withheld[index] ? ('withheld' as const) : ('published' as const),
          }))
          const newer = tableOf(second, 'candidate')
          const run = await protectAcross([...newer, ...earlier], source, 3)
          const all = [...newer, ...earlier]
          const published = (index: number) => !run.withheld[index]
          for (let i = 0; i < all.length; i += 1) {
            if (!published(i)) continue
            expect(run.values[i]).toBeGreaterThanOrEqual(3)
            for (let j = 0; j < all.length; j += 1) {
              if (i === j || !published(j)) continue
              const [x, y] = [all[i] as PublishedCellSpec, all[j] as PublishedCellSpec]
              if (x.attribute?.key !== y.attribute?.key) continue
              if (!(x.span.from <= y.span.from && y.span.to <= x.span.to)) continue
              const difference = (run.values[i] as number) - (run.values[j] as number)
              expect(difference === 0 || difference >= 3).toBe(true)
            }
          }
        },
      ),
      { numRuns: 120 },
    )
  }, 60_000)
})
