import { type PublishedCell, type Relation, suppressCells } from '../suppression/suppression.ts'

/** One table of a section before protection: raw cells, their thresholds, and whether they add up to the total. */
export type RawTable = { values: readonly number[]; thresholds: readonly number[]; additive: boolean }

const publish = (value: number, suppressed: boolean): PublishedCell =>
  suppressed ? { value: null, suppressed: true } : { value, suppressed: false }

/**
 * Protects every table of one metric together with their shared total: an evaluation publishes
 * them side by side (by month, by municipality), so a cell withheld in one must not be recoverable
 * through another. Each additive table is a relation "total = sum of the cells"; all relations go
 * into one suppression run, so the attacker reasons across tables exactly as a reader could.
 * Tables that do not add up (distinct persons over months, contacts with several domains) are
 * checked cell by cell and take part in no relation.
 */
export function protectSection(
  tables: readonly RawTable[],
  total: number,
  totalThreshold: number,
): { tables: PublishedCell[][]; total: PublishedCell } {
  const values: number[] = []
  const thresholds: number[] = []
  const relations: Relation[] = []
  const offsets: number[] = []
  for (const table of tables) {
    offsets.push(values.length)
    values.push(...table.values)
    thresholds.push(...table.thresholds)
  }
  const totalIndex = values.length
  values.push(total)
  thresholds.push(totalThreshold)
  tables.forEach((table, index) => {
    if (!table.additive || table.values.length === 0) return
    const offset = offsets[index] as number
    relations.push({ sum: totalIndex, parts: table.values.map((_value, cell) => offset + cell) })
  })
  const { suppressed } = suppressCells(values, relations, thresholds)
  return {
    tables: tables.map((table, index) =>
      table.values.map((value, cell) =>
        publish(value, suppressed[(offsets[index] as number) + cell] as boolean),
      ),
    ),
    total: publish(total, suppressed[totalIndex] as boolean),
  }
}
