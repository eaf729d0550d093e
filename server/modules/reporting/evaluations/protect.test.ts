import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { exposedCells, type Relation } from '../suppression/suppression.ts'
import { protectSection } from './protect.ts'

/**
 * The tables of one metric in an evaluation share their total: a cell withheld by month must not
 * be recoverable through the same metric by municipality. The combined attacker sees all of them.
 */
function attack(months: number[], places: number[], threshold: number) {
  const total = months.reduce((a, b) => a + b, 0)
  const result = protectSection(
    [
      { values: months, thresholds: months.map(() => threshold), additive: true },
      { values: places, thresholds: places.map(() => threshold), additive: true },
    ],
    total,
    threshold,
  )
  const values = [...months, ...places, total]
  const suppressed = [...result.tables.flat(), result.total].map((cell) => cell.suppressed)
  const primary = values.map((value) => value < threshold)
  const totalIndex = values.length - 1
  const relations: Relation[] = [
    { sum: totalIndex, parts: months.map((_v, index) => index) },
    { sum: totalIndex, parts: places.map((_v, index) => months.length + index) },
  ]
  return { result, exposed: exposedCells(values, relations, suppressed, primary, threshold) }
}

describe('protecting the tables of an evaluation together', () => {
  it('withholds a second cell in each table that has one small cell', () => {
    const { result, exposed } = attack([10, 2, 9], [14, 7], 3)
    expect(result.tables[0]?.map((cell) => cell.suppressed)).toEqual([false, true, true])
    expect(result.tables[1]?.every((cell) => !cell.suppressed)).toBe(true)
    expect(result.total.value).toBe(21)
    expect(exposed).toEqual([])
  })

  it('leaves no small cell recoverable across two tables with a shared total', () => {
    const table = fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 6 })
    fc.assert(
      fc.property(
        table,
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 3, max: 5 }),
        (months, split, threshold) => {
          const total = months.reduce((a, b) => a + b, 0)
          // The same units by place: an arbitrary split of the total into `split` parts.
          const places = Array.from({ length: split }, (_v, index) =>
            index === split - 1 ? total - Math.floor(total / split) * (split - 1) : Math.floor(total / split),
          )
          const { result, exposed } = attack(months, places, threshold)
          expect(exposed).toEqual([])
          for (const cell of [...result.tables.flat(), result.total]) {
            if (!cell.suppressed) expect(cell.value as number).toBeGreaterThanOrEqual(threshold)
          }
        },
      ),
      { numRuns: 200 },
    )
  })
})
