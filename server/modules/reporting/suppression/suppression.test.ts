import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { gridRelations, protectTable, type Relation, suppressCells } from './suppression.ts'

/**
 * The attacker, exhaustively: every table of inner cells (each at most `maxCell`, as the generator
 * makes them) that agrees with everything published and with the ranges a careful reader knows
 * (a small withheld cell is below the threshold, another withheld cell at least the threshold).
 * For each withheld small cell, the set of values it takes across those tables; one value, or only
 * values below the threshold, means the differencing attack recovered it.
 */
function recoverable(
  values: readonly number[],
  inner: number,
  relations: readonly Relation[],
  suppressed: readonly boolean[],
  primary: readonly boolean[],
  threshold: number,
  maxCell: number,
): number[] {
  const unknown = Array.from({ length: inner }, (_v, index) => index).filter((index) => suppressed[index])
  const seen = new Map<number, Set<number>>(
    values
      .map((_v, index) => [index, new Set<number>()] as const)
      .filter(([index]) => suppressed[index] && primary[index]),
  )
  const candidate = [...values]
  const consistent = () => {
    // Totals follow from the inner cells, relation by relation (totals of totals last).
    const full = [...candidate]
    for (let pass = 0; pass < 3; pass += 1) {
      for (const relation of relations) {
        full[relation.sum] = relation.parts.reduce((sum, part) => sum + (full[part] as number), 0)
      }
    }
    for (let index = inner; index < values.length; index += 1) {
      if (!suppressed[index] && full[index] !== values[index]) return null
    }
    return full
  }
  // Relations whose total is published and whose parts are all inner cells prune the search early.
  const checks = relations.filter(
    (relation) => !suppressed[relation.sum] && relation.parts.every((part) => part < inner),
  )
  const partialOk = (assignedUpTo: number) =>
    checks.every((relation) => {
      let sum = 0
      let open = false
      for (const part of relation.parts) {
        if (suppressed[part] && unknown.indexOf(part) > assignedUpTo) open = true
        else sum += candidate[part] as number
      }
      return open ? sum <= (values[relation.sum] as number) : sum === values[relation.sum]
    })
  const search = (position: number) => {
    if (position > 0 && !partialOk(position - 1)) return
    if (position === unknown.length) {
      const full = consistent()
      if (full) for (const [index, set] of seen) set.add(full[index] as number)
      return
    }
    const index = unknown[position] as number
    // A withheld cell may be anything up to the smallest published total it is part of.
    const to = Math.min(
      maxCell * inner * 2,
      ...relations
        .filter((r) => r.parts.includes(index) && !suppressed[r.sum])
        .map((r) => values[r.sum] as number),
    )
    for (let value = 0; value <= to; value += 1) {
      candidate[index] = value
      search(position + 1)
    }
  }
  search(0)
  return [...seen].filter(([, set]) => set.size <= 1 || Math.max(...set) < threshold).map(([index]) => index)
}

const withTotal = (cells: readonly number[]) => {
  const relation: Relation = { sum: cells.length, parts: cells.map((_v, index) => index) }
  return { values: [...cells, cells.reduce((a, b) => a + b, 0)], relations: [relation] }
}

describe('small-number suppression', () => {
  it('withholds every cell below the threshold and publishes the rest of a large table', () => {
    const result = protectTable([12, 7, 30, 9], 58, 3, true)
    expect(result.cells.map((cell) => cell.value)).toEqual([12, 7, 30, 9])
    expect(result.total).toEqual({ value: 58, suppressed: false })
  })

  it('withholds the next-smallest cell when exactly one cell is small and the total is published', () => {
    const result = protectTable([12, 2, 30, 9], 53, 3, true)
    expect(result.cells).toEqual([
      { value: 12, suppressed: false },
      { value: null, suppressed: true },
      { value: 30, suppressed: false },
      { value: null, suppressed: true },
    ])
    expect(result.total).toEqual({ value: 53, suppressed: false })
  })

  it('withholds more when the small cells together are still small (0 and 0 of a published total)', () => {
    const { values, relations } = withTotal([0, 0, 10, 40])
    expect(suppressCells(values, relations, 3).suppressed).toEqual([true, true, true, false, false])
  })

  it('withholds the total when nothing else is left to protect a small cell', () => {
    const result = protectTable([1, 0], 1, 3, true)
    expect(result.cells.every((cell) => cell.suppressed)).toBe(true)
    expect(result.total.suppressed).toBe(true)
  })

  it('applies a higher threshold (health figures)', () => {
    const result = protectTable([4, 9, 12], 25, 5, true)
    expect(result.cells[0]?.suppressed).toBe(true)
    expect(result.cells[1]?.suppressed).toBe(true)
    expect(result.cells[2]).toEqual({ value: 12, suppressed: false })
  })

  it('checks a table that does not add up (several domains per contact) cell by cell', () => {
    const result = protectTable([2, 9, 12], 15, 3, false)
    expect(result.cells.map((cell) => cell.suppressed)).toEqual([true, false, false])
    expect(result.total).toEqual({ value: 15, suppressed: false })
  })

  it('publishes no cell below the threshold and lets differencing across a table and its total recover nothing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 2, max: 5 }),
        (cells, threshold) => {
          const { values, relations } = withTotal(cells)
          const { suppressed, primary } = suppressCells(values, relations, threshold)
          values.forEach((value, index) => {
            if (value < threshold) expect(suppressed[index]).toBe(true)
          })
          expect(recoverable(values, cells.length, relations, suppressed, primary, threshold, 9)).toEqual([])
        },
      ),
      { numRuns: 400, seed: 20261207 },
    )
  })

  it('protects a special category (health) at its higher threshold among ordinary cells', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.boolean()), { minLength: 2, maxLength: 5 }),
        (cells) => {
          const values = cells.map(([value]) => value)
          const thresholds = [...cells.map(([, special]) => (special ? 5 : 3)), 3]
          const total = values.reduce((a, b) => a + b, 0)
          const result = protectTable(values, total, thresholds, true)
          result.cells.forEach((cell, index) => {
            if ((values[index] as number) < (thresholds[index] as number)) expect(cell.suppressed).toBe(true)
          })
          // With the total published, the withheld cells together must not be pinned down: at least
          // two of them, or their sum reaches the largest threshold among them.
          if (!result.total.suppressed) {
            const withheld = result.cells.flatMap((cell, index) => (cell.suppressed ? [index] : []))
            const sum = withheld.reduce((acc, index) => acc + (values[index] as number), 0)
            if (withheld.length === 1) throw new Error(`one withheld cell of ${values} is recoverable`)
            if (withheld.length > 0) {
              expect(sum).toBeGreaterThanOrEqual(
                Math.max(...withheld.map((index) => thresholds[index] as number)),
              )
            }
          }
        },
      ),
      { numRuns: 300, seed: 20261207 },
    )
  })

  it('lets differencing across two adjacent periods sharing their totals recover nothing', () => {
    const rows = 2
    const columns = 2
    const relations = gridRelations(rows, columns)
    // Index layout of gridRelations: 4 inner cells, 2 row totals, 2 column totals, the grand total.
    const totalsOf = (a: number, b: number, c: number, d: number) => [
      a + b,
      c + d,
      a + c,
      b + d,
      a + b + c + d,
    ]
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 2, max: 4 }),
        (inner, threshold) => {
          const [a, b, c, d] = inner as [number, number, number, number]
          const values = [a, b, c, d, ...totalsOf(a, b, c, d)]
          const { suppressed, primary } = suppressCells(values, relations, threshold)
          values.forEach((value, index) => {
            if (value < threshold) expect(suppressed[index]).toBe(true)
          })
          // Every 2×2 table with cells up to three times the generator’s largest that matches what is published.
          const cap = 18
          const range = (index: number) => (suppressed[index] ? cap : 0)
          const seen = values.map(() => new Set<number>())
          for (let da = 0; da <= range(0); da += 1) {
            for (let db = 0; db <= range(1); db += 1) {
              for (let dc = 0; dc <= range(2); dc += 1) {
                for (let dd = 0; dd <= range(3); dd += 1) {
                  const cells = [
                    suppressed[0] ? da : a,
                    suppressed[1] ? db : b,
                    suppressed[2] ? dc : c,
                    suppressed[3] ? dd : d,
                  ] as [number, number, number, number]
                  const candidate = [...cells, ...totalsOf(...cells)]
                  if (candidate.every((value, index) => suppressed[index] || value === values[index])) {
                    candidate.forEach((value, index) => {
                      seen[index]?.add(value)
                    })
                  }
                }
              }
            }
          }
          const recovered = values
            .map((_value, index) => index)
            .filter((index) => suppressed[index] && primary[index])
            .filter((index) => {
              const set = seen[index] as Set<number>
              return set.size <= 1 || Math.max(...set) < threshold
            })
          expect(recovered).toEqual([])
        },
      ),
      { numRuns: 150, seed: 20261207 },
    )
  })
})
