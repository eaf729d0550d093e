/**
 * Small-number suppression (statistische Geheimhaltung) for every figure that leaves case work.
 *
 * A table is a list of cells and the linear relations between them: a total is the sum of its
 * parts, a row total the sum of its row. A cell below the threshold is suppressed (primary
 * suppression). The answer does not say why a cell is withheld, so the attacker knows every
 * published cell, every relation, and that no cell is negative. As long as such an attacker could
 * still pin a small cell to one value, or prove it is below the threshold, one more cell is
 * withheld (secondary suppression): the smallest published part of a relation that pins it, or the
 * relation's total when no part is left.
 *
 * The attacker is modelled by interval reasoning over the relations, sharpened by probing each end
 * of a small cell's range (assume the value, propagate, drop it if the relations cannot hold). That
 * is exact for one relation (a table with its total) and checked for two-way tables (two adjacent
 * periods with their totals) against an exhaustive search in `suppression.test.ts`.
 */

/** `sum` equals the sum of `parts`; both are indexes into the table's cells. */
export type Relation = { sum: number; parts: readonly number[] }

/** One threshold for every cell, or one per cell (a higher one for special categories such as health). */
export type Threshold = number | readonly number[]
const thresholdOf = (threshold: Threshold, index: number) =>
  typeof threshold === 'number' ? threshold : (threshold[index] as number)

export type SuppressionResult = {
  /** Per cell, whether it is withheld. */
  suppressed: boolean[]
  /** Per cell, whether it is withheld because it is small (the rest protect the small ones). */
  primary: boolean[]
}

export type Bounds = { lo: number[]; hi: number[] }

/**
 * The ranges an attacker can narrow every cell to, or null when the assumed ranges contradict the
 * relations. Published cells are exact; a withheld cell is anything from 0 up.
 */
export function propagate(bounds: Bounds, relations: readonly Relation[]): Bounds | null {
  const lo = [...bounds.lo]
  const hi = [...bounds.hi]
  for (let round = 0; round < 200; round += 1) {
    let changed = false
    const tighten = (index: number, low: number, high: number) => {
      if (low > (lo[index] as number)) {
        lo[index] = low
        changed = true
      }
      if (high < (hi[index] as number)) {
        hi[index] = high
        changed = true
      }
    }
    for (const relation of relations) {
      const partsLo = relation.parts.reduce((sum, part) => sum + (lo[part] as number), 0)
      // Upper ends may be infinite: keep the finite sum and count the infinite ones, so that
      // "all but one" never computes ∞ − ∞.
      let finiteHi = 0
      let infiniteHi = 0
      for (const part of relation.parts) {
        const high = hi[part] as number
        if (Number.isFinite(high)) finiteHi += high
        else infiniteHi += 1
      }
      tighten(relation.sum, partsLo, infiniteHi > 0 ? Number.POSITIVE_INFINITY : finiteHi)
      for (const part of relation.parts) {
        const high = hi[part] as number
        const othersLo = partsLo - (lo[part] as number)
        const othersInfinite = infiniteHi - (Number.isFinite(high) ? 0 : 1)
        const othersHi =
          othersInfinite > 0 ? Number.POSITIVE_INFINITY : finiteHi - (Number.isFinite(high) ? high : 0)
        tighten(part, (lo[relation.sum] as number) - othersHi, (hi[relation.sum] as number) - othersLo)
      }
    }
    for (let index = 0; index < lo.length; index += 1)
      if ((lo[index] as number) > (hi[index] as number)) return null
    if (!changed) break
  }
  return { lo, hi }
}

function attackerBounds(values: readonly number[], suppressed: readonly boolean[]): Bounds {
  return {
    lo: values.map((value, index) => (suppressed[index] ? 0 : value)),
    hi: values.map((value, index) => (suppressed[index] ? Number.POSITIVE_INFINITY : value)),
  }
}

/** The range an attacker narrows a cell to: propagation, then each end probed until it is consistent. */
export function narrowedRange(
  start: Bounds,
  relations: readonly Relation[],
  index: number,
): [number, number] {
  const base = propagate(start, relations)
  if (!base) return [0, 0]
  let lo = base.lo[index] as number
  let hi = base.hi[index] as number
  const feasible = (value: number) => {
    const probe = { lo: [...base.lo], hi: [...base.hi] }
    probe.lo[index] = value
    probe.hi[index] = value
    return propagate(probe, relations) !== null
  }
  while (lo < hi && !feasible(lo)) lo += 1
  while (hi > lo && Number.isFinite(hi) && !feasible(hi)) hi -= 1
  return [lo, hi]
}

/** The small withheld cells an attacker can pin to one value, or prove to be below the threshold. */
export function exposedCells(
  values: readonly number[],
  relations: readonly Relation[],
  suppressed: readonly boolean[],
  primary: readonly boolean[],
  threshold: Threshold,
): number[] {
  const start = attackerBounds(values, suppressed)
  const exposed: number[] = []
  values.forEach((_value, index) => {
    if (!suppressed[index] || !primary[index]) return
    const [lo, hi] = narrowedRange(start, relations, index)
    if (lo >= hi || hi < thresholdOf(threshold, index)) exposed.push(index)
  })
  return exposed
}

/**
 * Which cells to withhold. `values` are all cells of the table, totals included; a cell below
 * its threshold is always withheld. Deterministic: ties go to the lower index.
 */
export function suppressCells(
  values: readonly number[],
  relations: readonly Relation[],
  threshold: Threshold,
): SuppressionResult {
  const primary = values.map((value, index) => value < thresholdOf(threshold, index))
  const suppressed = [...primary]
  // Every round withholds one more cell, so this ends after at most as many rounds as cells.
  for (let round = 0; round <= values.length; round += 1) {
    const pinned = exposedCells(values, relations, suppressed, primary, threshold)
    const first = pinned[0]
    if (first === undefined) break
    const next = protector(values, relations, suppressed, first)
    if (next === undefined) break
    suppressed[next] = true
  }
  return { suppressed, primary }
}

/**
 * The cell to withhold to protect a pinned one: in a relation of the pinned cell, the smallest
 * published part, else the relation's published total; null when every related cell is withheld.
 */
function protector(
  values: readonly number[],
  relations: readonly Relation[],
  suppressed: readonly boolean[],
  pinned: number,
): number | undefined {
  const smallest = (indexes: readonly number[]) =>
    indexes
      .filter((index) => !suppressed[index])
      .sort((a, b) => (values[a] as number) - (values[b] as number) || a - b)[0]
  const touching = relations.filter((relation) => relation.sum === pinned || relation.parts.includes(pinned))
  for (const relation of touching) {
    const part = smallest(relation.parts.filter((index) => index !== pinned))
    if (part !== undefined) return part
  }
  for (const relation of touching) {
    if (relation.sum !== pinned && !suppressed[relation.sum]) return relation.sum
  }
  // Every cell next to the pinned one is withheld, yet it is pinned: widen to any published cell.
  return smallest(values.map((_value, index) => index))
}

/** One published cell of a figure: the value, or null and `suppressed`. */
export type PublishedCell = { value: number | null; suppressed: boolean }

const publish = (value: number, suppressed: boolean): PublishedCell =>
  suppressed ? { value: null, suppressed: true } : { value, suppressed: false }

/**
 * A one-way table with its total; a per-cell threshold lists the cells' and then the total's. `additive`: every unit falls into exactly one cell, so the
 * cells add up to the total and differencing is possible; otherwise (distinct persons across
 * months, contacts with several domains) each cell only needs to reach the threshold.
 */
export function protectTable(
  cells: readonly number[],
  total: number,
  threshold: Threshold,
  additive: boolean,
): { cells: PublishedCell[]; total: PublishedCell } {
  const values = [...cells, total]
  if (!additive) {
    const small = values.map((value, index) => value < thresholdOf(threshold, index))
    return {
      cells: cells.map((value, index) => publish(value, small[index] as boolean)),
      total: publish(total, small[cells.length] as boolean),
    }
  }
  const relation: Relation = { sum: cells.length, parts: cells.map((_value, index) => index) }
  const { suppressed } = suppressCells(values, [relation], threshold)
  return {
    cells: cells.map((value, index) => publish(value, suppressed[index] as boolean)),
    total: publish(total, suppressed[cells.length] as boolean),
  }
}

/**
 * A two-way table (e.g. two adjacent periods by municipality) with its row totals, column totals
 * and grand total, all published together: cell [r][c] at r * columns + c, then the row totals,
 * then the column totals, then the grand total.
 */
export function gridRelations(rows: number, columns: number): Relation[] {
  const cell = (row: number, column: number) => row * columns + column
  const rowTotal = (row: number) => rows * columns + row
  const columnTotal = (column: number) => rows * columns + rows + column
  const grand = rows * columns + rows + columns
  const relations: Relation[] = []
  for (let row = 0; row < rows; row += 1) {
    relations.push({ sum: rowTotal(row), parts: Array.from({ length: columns }, (_v, c) => cell(row, c)) })
  }
  for (let column = 0; column < columns; column += 1) {
    relations.push({
      sum: columnTotal(column),
      parts: Array.from({ length: rows }, (_v, r) => cell(r, column)),
    })
  }
  relations.push({ sum: grand, parts: Array.from({ length: rows }, (_v, r) => rowTotal(r)) })
  relations.push({ sum: grand, parts: Array.from({ length: columns }, (_v, c) => columnTotal(c)) })
  return relations
}
