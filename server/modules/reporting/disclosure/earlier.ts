import type { PeriodDimension } from '../../../../common/reporting.ts'
import { isPeriodDimension } from '../../../../common/reporting.ts'
import { frozenOf } from '../evaluations/frozen.ts'
import { bucketsOf, previousPeriod } from '../figures/periods.ts'
import type { PublishedCellSpec, Span } from './disclosure.ts'

type StoredEvaluation = { period_from: string; period_to: string; threshold: number; figures: unknown }

const overlaps = (a: Span, b: Span) => a.from <= b.to && b.from <= a.to

/**
 * The cells frozen evaluations published, as fixed cells a reader may combine with a new
 * publication: totals, previous periods, buckets over time and rows by dimension. Only those whose
 * span touches `within` matter; the rest share no day with what is about to be published.
 */
export function earlierCells(evaluations: readonly StoredEvaluation[], within: Span): PublishedCellSpec[] {
  const cells: PublishedCellSpec[] = []
  for (const evaluation of evaluations) {
    const period = { from: evaluation.period_from, to: evaluation.period_to }
    const previous = previousPeriod(period.from, period.to)
    if (!overlaps(period, within) && !overlaps(previous, within)) continue
    const state = (value: number | null): 'withheld' | 'published' =>
      value === null ? 'withheld' : 'published'
    const threshold = evaluation.threshold
    for (const section of frozenOf(evaluation.figures).sections) {
      const metric = section.metric
      cells.push({ metric, span: period, state: state(section.total.value), threshold })
      cells.push({ metric, span: previous, state: state(section.previousPeriod.value), threshold })
      for (const table of section.tables) {
        if (isPeriodDimension(table.by)) {
          const buckets = new Map(
            bucketsOf(period.from, period.to, table.by as PeriodDimension).map((bucket) => [
              bucket.key,
              bucket,
            ]),
          )
          for (const row of table.rows) {
            const bucket = buckets.get(row.key)
            if (!bucket) continue
            const from = [bucket.key, period.from].sort()[1] as string
            cells.push({ metric, span: { from, to: bucket.end }, state: state(row.value), threshold })
          }
          continue
        }
        for (const row of table.rows) {
          cells.push({
            metric,
            span: period,
            attribute: { dimension: table.by as never, key: row.key },
            state: state(row.value),
            threshold,
          })
        }
      }
    }
  }
  return cells
}
