import type { Kysely } from 'kysely'
import type { AttributeDimension, MetricId } from '../../../../common/reporting.ts'
import type { DB } from '../../../db/schema.ts'
import type { FigureScope } from '../../../platform/figures.ts'
import { isAdditive, metricById } from '../catalogue/catalogue.ts'
import { aggregate } from '../figures/owners.ts'
import { addDays } from '../figures/periods.ts'
import type { Relation } from '../suppression/suppression.ts'
import { type SystemCell, suppressSystem } from '../suppression/system.ts'

/**
 * Protection across publications (decision 0017). A published cell is a metric over a span of
 * days, optionally for one value of a dimension. Cells of metrics that add up over time are
 * written as sums of atoms: the pieces between every period boundary of every publication
 * involved, by the same dimension value. A reader who subtracts two overlapping periods gets a sum
 * of atoms; the suppression run sees the same sums, so it withholds until no atom between 1 and
 * threshold − 1 (and no small cell) can be pinned. Cells that do not add up (distinct persons,
 * stocks at a date, contacts with several domains) stand alone and are checked by their threshold.
 */

export type Span = { from: string; to: string }

export type PublishedCellSpec = {
  metric: MetricId
  span: Span
  attribute?: { dimension: AttributeDimension; key: string }
  state: 'candidate' | 'published' | 'withheld'
  threshold: number
}

/** Counts whose units fall into exactly one day: a period's count is the sum of its pieces'. */
export const additiveOverTime = (metric: MetricId) =>
  metricById(metric).aggregation === 'count' && metric !== 'persons-counselled' && metric !== 'cases-active'

/** Whether a cell takes part in the relations (otherwise it stands alone). */
const related = (cell: PublishedCellSpec) =>
  additiveOverTime(cell.metric) && (!cell.attribute || isAdditive(cell.metric, cell.attribute.dimension))

/** The pieces between every boundary of the spans, covering their union (gaps left out). */
export function piecesOf(spans: readonly Span[]): Span[] {
  const boundaries = [...new Set(spans.flatMap((span) => [span.from, addDays(span.to, 1)]))].sort()
  const pieces: Span[] = []
  for (let index = 0; index + 1 < boundaries.length; index += 1) {
    const piece = { from: boundaries[index] as string, to: addDays(boundaries[index + 1] as string, -1) }
    if (spans.some((span) => span.from <= piece.from && piece.to <= span.to)) pieces.push(piece)
  }
  return pieces
}

/** Raw values a publication is built from: total and by dimension, per span, as the owners compute them. */
export type AtomSource = (
  metric: MetricId,
  span: Span,
  dimension: AttributeDimension | null,
) => Promise<Map<string, number>>

export const aggregateSource =
  (db: Kysely<DB>, base: Omit<FigureScope, 'range'>): AtomSource =>
  async (metric, span, dimension) => {
    const rows = await aggregate(
      db,
      metric,
      { ...base, range: span },
      dimension ? { kind: 'attribute', dimension } : { kind: 'total' },
    )
    return new Map(rows.map((row) => [dimension ? row.key : '', row.value]))
  }

/**
 * Which cells to withhold (true) given every cell a reader may combine; values of candidate cells
 * are returned too, so a caller publishes exactly what was protected.
 */
export async function protectAcross(
  cells: readonly PublishedCellSpec[],
  source: AtomSource,
  atomThreshold: number,
): Promise<{ withheld: boolean[]; values: number[] }> {
  const system: SystemCell[] = []
  const relations: Relation[] = []
  const cellIndex: number[] = []
  const values: number[] = []
  const atoms = new Map<string, number>()
  const fetched = new Map<string, Map<string, number>>()
  const raw = async (metric: MetricId, span: Span, dimension: AttributeDimension | null) => {
    const key = `${metric}|${span.from}|${span.to}|${dimension ?? ''}`
    let rows = fetched.get(key)
    if (!rows) {
      rows = await source(metric, span, dimension)
      fetched.set(key, rows)
    }
    return rows
  }
  const atom = async (metric: MetricId, piece: Span, dimension: AttributeDimension | null, value: string) => {
    const key = `${metric}|${piece.from}|${dimension ?? ''}|${value}`
    const known = atoms.get(key)
    if (known !== undefined) return known
    const count = (await raw(metric, piece, dimension)).get(value) ?? 0
    atoms.set(key, system.length)
    system.push({
      state: 'hidden',
      value: count,
      threshold: atomThreshold,
      protect: count > 0 && count < atomThreshold,
    })
    return system.length - 1
  }

  const byMetric = new Map<MetricId, PublishedCellSpec[]>()
  for (const cell of cells)
    if (related(cell)) byMetric.set(cell.metric, [...(byMetric.get(cell.metric) ?? []), cell])
  const piecesByMetric = new Map(
    [...byMetric].map(([metric, list]) => [metric, piecesOf(list.map((c) => c.span))]),
  )

  // The same cell published twice (two evaluations of one period) is one cell to the reader.
  const fixedCells = new Map<string, number>()
  for (const cell of cells) {
    const identity = `${cell.metric}|${cell.span.from}|${cell.span.to}|${cell.attribute?.dimension ?? ''}|${cell.attribute?.key ?? ''}`
    const seen = cell.state === 'candidate' ? undefined : fixedCells.get(identity)
    if (seen !== undefined) {
      cellIndex.push(seen)
      values.push((system[seen] as SystemCell).value)
      // Published once, known for good.
      if (cell.state === 'published') (system[seen] as SystemCell).state = 'published'
      continue
    }
    const index = system.length
    cellIndex.push(index)
    if (cell.state !== 'candidate') fixedCells.set(identity, index)
    if (!related(cell) && cell.state !== 'candidate') {
      // Fixed and in no relation: it cannot take part in any attack on the new cells.
      values.push(0)
      system.push({ state: cell.state, value: 0, threshold: 0 })
      continue
    }
    if (!related(cell)) {
      const rows = await raw(cell.metric, cell.span, cell.attribute?.dimension ?? null)
      const value = rows.get(cell.attribute?.key ?? '') ?? 0
      values.push(value)
      system.push({ state: cell.state, value, threshold: cell.threshold })
      continue
    }
    system.push({ state: cell.state, value: 0, threshold: cell.threshold })
    const pieces = (piecesByMetric.get(cell.metric) ?? []).filter(
      (piece) => cell.span.from <= piece.from && piece.to <= cell.span.to,
    )
    const parts: number[] = []
    for (const piece of pieces) {
      parts.push(await atom(cell.metric, piece, cell.attribute?.dimension ?? null, cell.attribute?.key ?? ''))
    }
    const value = parts.reduce((sum, part) => sum + (system[part] as SystemCell).value, 0)
    ;(system[index] as SystemCell).value = value
    values.push(value)
    relations.push({ sum: index, parts })
  }

  // Each piece's total is the sum of its values by every dimension that adds up.
  for (const [metric, list] of byMetric) {
    const dimensions = [
      ...new Set(list.flatMap((cell) => (cell.attribute ? [cell.attribute.dimension] : []))),
    ]
    for (const piece of piecesByMetric.get(metric) ?? []) {
      const total = await atom(metric, piece, null, '')
      for (const dimension of dimensions) {
        const keys = [
          ...new Set([
            ...(await raw(metric, piece, dimension)).keys(),
            ...list.flatMap((cell) => (cell.attribute?.dimension === dimension ? [cell.attribute.key] : [])),
          ]),
        ].sort()
        const parts: number[] = []
        for (const key of keys) parts.push(await atom(metric, piece, dimension, key))
        relations.push({ sum: total, parts })
      }
    }
  }
  const withheld = suppressSystem(system, relations)
  return { withheld: cellIndex.map((index) => withheld[index] as boolean), values }
}
