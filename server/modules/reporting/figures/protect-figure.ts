import type { Metric } from '../../../../common/reporting.ts'
import type { AggregateRow } from '../../../platform/figures.ts'
import { type PublishedCell, protectTable } from '../suppression/suppression.ts'

/**
 * Protects one answer of a metric by its aggregation (decision 0014):
 * - a count by its values, with secondary suppression where the cells add up to the total;
 * - a median or a ratio cell by cell, by the units behind it (`n`: cases, or the fewer of cases
 *   and contracts for the caseload per FTE);
 * - a sum of FTE by the contracts behind each cell, with the same secondary suppression as a count
 *   run on the contracts, so a withheld Baustein's FTE cannot be taken from the total. A cell with
 *   no contract at all describes positions, not people (nothing filled, all vacant), and is shown.
 */
export function protectFigure(
  metric: Metric,
  raw: readonly AggregateRow[],
  total: AggregateRow,
  thresholds: { cells: readonly number[]; total: number },
  additive: boolean,
): { cells: PublishedCell[]; total: PublishedCell } {
  switch (metric.aggregation) {
    case 'count':
      return protectTable(
        raw.map((row) => row.value),
        total.value,
        [...thresholds.cells, thresholds.total],
        additive,
      )
    case 'median':
    case 'ratio': {
      const byUnits = (row: AggregateRow, threshold: number): PublishedCell =>
        row.n < threshold ? { value: null, suppressed: true } : { value: row.value, suppressed: false }
      return {
        cells: raw.map((row, index) => byUnits(row, thresholds.cells[index] as number)),
        total: byUnits(total, thresholds.total),
      }
    }
    case 'sum': {
      const people = (n: number, threshold: number) => (n === 0 ? 0 : threshold)
      const pattern = protectTable(
        raw.map((row) => row.n),
        total.n,
        [
          ...raw.map((row, index) => people(row.n, thresholds.cells[index] as number)),
          people(total.n, thresholds.total),
        ],
        additive,
      )
      const publish = (row: AggregateRow, cell: PublishedCell): PublishedCell =>
        cell.suppressed ? cell : { value: row.value, suppressed: false }
      return {
        cells: raw.map((row, index) => publish(row, pattern.cells[index] as PublishedCell)),
        total: publish(total, pattern.total),
      }
    }
  }
}
