import type { Kysely } from 'kysely'
import type { AttributeDimension, Metric } from '../../../../common/reporting.ts'
import type { DB } from '../../../db/schema.ts'
import { fieldError } from '../../../platform/errors.ts'
import type { FigureScope } from '../../../platform/figures.ts'
import { isAdditive } from '../catalogue/catalogue.ts'
import { additiveOverTime } from '../disclosure/disclosure.ts'
import type { PublishedCell } from '../suppression/suppression.ts'
import { type SystemCell, suppressSystem } from '../suppression/system.ts'
import { aggregate, aggregateOverPeriods } from './owners.ts'
import { addDays } from './periods.ts'

/**
 * Breakdowns by an attribute over calendar months (decision 0017). Any two ad-hoc answers could
 * otherwise be subtracted (March–April against March to 29 April gives 30 April by municipality).
 * So a breakdown covers complete past months only, and each month is one canonical table,
 * protected alone with the month's total taken as known (any reader can ask for it). A cell of a
 * longer period is the sum of its months and is published only where every month's cell is:
 * whatever two answers a reader holds, they add nothing to the month tables, which are safe.
 * Distinct persons do not add up over months: their breakdowns cover one calendar unit (a month,
 * a quarter or a year), and a cell is withheld when it exceeds a nested unit's by 1 up to
 * threshold − 1. Stocks at a date are taken at the end of the last complete month.
 */

export const notAlignedCode = 'period-not-aligned'

type Month = { from: string; to: string }

const monthEnd = (start: string) => addDays(`${addMonth(start)}`, -1)
function addMonth(start: string): string {
  const year = Number(start.slice(0, 4))
  const month = Number(start.slice(5, 7))
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`
}

/** The complete calendar months inside the period, and before the district's current month. */
export function alignedMonths(from: string, to: string, today: string): Month[] {
  const currentMonth = `${today.slice(0, 7)}-01`
  const months: Month[] = []
  let start = from.endsWith('-01') ? from : addMonth(`${from.slice(0, 7)}-01`)
  while (start < currentMonth && monthEnd(start) <= to) {
    months.push({ from: start, to: monthEnd(start) })
    start = addMonth(start)
  }
  return months
}

/** The complete months (before the current one) that share a day with the period. */
export function overlappingMonths(from: string, to: string, today: string): Month[] {
  const currentMonth = `${today.slice(0, 7)}-01`
  const months: Month[] = []
  for (let start = `${from.slice(0, 7)}-01`; start <= to && start < currentMonth; start = addMonth(start)) {
    months.push({ from: start, to: monthEnd(start) })
  }
  return months
}

/**
 * The calendar unit distinct persons are counted over: the latest complete year among the months,
 * else the latest complete quarter, else the last month.
 */
export function calendarUnitWithin(months: readonly Month[]): Month[] {
  const starts = (index: number, monthNumbers: readonly number[]) =>
    monthNumbers.includes(Number(months[index]?.from.slice(5, 7)))
  for (const [length, firstMonths] of [
    [12, [1]],
    [3, [1, 4, 7, 10]],
  ] as const) {
    for (let index = months.length - length; index >= 0; index -= 1) {
      if (starts(index, firstMonths)) return months.slice(index, index + length)
    }
  }
  return months.slice(-1)
}

type Rows = Map<string, number>

async function rowsOf(
  db: Kysely<DB>,
  metric: Metric,
  scope: FigureScope,
  span: Month,
  by: AttributeDimension | null,
) {
  const rows = await aggregate(
    db,
    metric.id,
    { ...scope, range: span },
    by ? { kind: 'attribute', dimension: by } : { kind: 'total' },
  )
  return new Map(rows.map((row) => [by ? row.key : '', row.value])) as Rows
}

/** One month's table: which keys are withheld; the total is taken as known when it reaches the threshold. */
export function protectMonth(
  metric: Metric,
  by: AttributeDimension,
  rows: Rows,
  total: number,
  thresholdFor: (key: string) => number,
  threshold: number,
): Set<string> {
  const keys = [...rows.keys()].sort()
  const cells: SystemCell[] = keys.map((key) => ({
    state: 'candidate',
    value: rows.get(key) ?? 0,
    threshold: thresholdFor(key),
  }))
  cells.push({ state: total >= threshold ? 'published' : 'candidate', value: total, threshold })
  const relations = isAdditive(metric.id, by)
    ? [{ sum: keys.length, parts: keys.map((_key, index) => index) }]
    : []
  const withheld = suppressSystem(cells, relations)
  return new Set(keys.filter((_key, index) => withheld[index]))
}

/**
 * The canonical table of one complete month by one attribute, as any reader of figures can have it:
 * frozen publications are protected against these (decision 0017), never the other way round, so
 * the month tables stay the same whatever is frozen later.
 */
export async function canonicalMonth(
  db: Kysely<DB>,
  metric: Metric,
  scope: Omit<FigureScope, 'range'>,
  month: Month,
  by: AttributeDimension,
  thresholdFor: (key: string) => number,
  threshold: number,
): Promise<{ rows: Rows; total: number; withheld: Set<string> }> {
  const full = { ...scope, range: month }
  const rows = await rowsOf(db, metric, full, month, by)
  const total = (await rowsOf(db, metric, full, month, null)).get('') ?? 0
  return { rows, total, withheld: protectMonth(metric, by, rows, total, thresholdFor, threshold) }
}

export type Breakdown = {
  from: string
  to: string
  keys: string[]
  cells: PublishedCell[]
  total: PublishedCell
}

export async function canonicalBreakdown(
  db: Kysely<DB>,
  metric: Metric,
  scope: FigureScope,
  by: AttributeDimension,
  thresholdFor: (key: string) => number,
  threshold: number,
  today: string,
): Promise<Breakdown> {
  const months = alignedMonths(scope.range.from, scope.range.to, today)
  if (months.length === 0) throw fieldError(notAlignedCode, 'invalid', 'from')
  if (metric.id === 'cases-active') {
    // A stock at the period's end: the last complete month's table, protected as every month is.
    const last = months.at(-1) as Month
    const { rows, total, withheld } = await canonicalMonth(
      db,
      metric,
      scope,
      last,
      by,
      thresholdFor,
      threshold,
    )
    return breakdownOf({ from: months[0]?.from as string, to: last.to }, rows, withheld, total, threshold)
  }
  if (!additiveOverTime(metric.id)) {
    return distinctBreakdown(db, metric, scope, by, thresholdFor, threshold, calendarUnitWithin(months))
  }
  return monthSums(db, metric, scope, by, thresholdFor, threshold, months)
}

const publish = (value: number, withheld: boolean): PublishedCell =>
  withheld ? { value: null, suppressed: true } : { value, suppressed: false }

function breakdownOf(
  span: Month,
  rows: Rows,
  withheld: ReadonlySet<string>,
  total: number,
  threshold: number,
): Breakdown {
  const keys = [...rows.keys()].sort()
  return {
    ...span,
    keys,
    cells: keys.map((key) => publish(rows.get(key) ?? 0, withheld.has(key))),
    total: publish(total, total < threshold),
  }
}

/** Distinct persons over one calendar unit; a cell is withheld where a nested unit's is just below it. */
async function distinctBreakdown(
  db: Kysely<DB>,
  metric: Metric,
  scope: FigureScope,
  by: AttributeDimension,
  thresholdFor: (key: string) => number,
  threshold: number,
  months: readonly Month[],
): Promise<Breakdown> {
  const span = { from: months[0]?.from as string, to: months.at(-1)?.to as string }
  // Nested units a reader can ask for: the quarters and the months inside.
  const nested: Month[] =
    months.length === 12
      ? [0, 3, 6, 9].map((index) => ({
          from: months[index]?.from as string,
          to: months[index + 2]?.to as string,
        }))
      : []
  if (months.length > 1) nested.push(...months)
  // The unit and its nested units by the attribute together (the owner may count them in one pass).
  const [units, totalRows] = await Promise.all([
    aggregateOverPeriods(db, metric.id, scope, [span, ...nested], { kind: 'attribute', dimension: by }),
    rowsOf(db, metric, scope, span, null),
  ])
  const byKey = (found: readonly { key: string; value: number }[] | undefined): Rows =>
    new Map((found ?? []).map((row) => [row.key, row.value]))
  const rows = byKey(units[0])
  const total = totalRows.get('') ?? 0
  const withheld = protectMonth(metric, by, rows, total, thresholdFor, threshold)
  for (const [index] of nested.entries()) {
    const inner = byKey(units[index + 1])
    for (const [key, value] of rows) {
      const difference = value - (inner.get(key) ?? 0)
      if (difference > 0 && difference < threshold) withheld.add(key)
    }
  }
  return breakdownOf(span, rows, withheld, total, threshold)
}

/** Counts that add up over time: each cell the sum of its months, published where every month's is. */
async function monthSums(
  db: Kysely<DB>,
  metric: Metric,
  scope: FigureScope,
  by: AttributeDimension,
  thresholdFor: (key: string) => number,
  threshold: number,
  months: readonly Month[],
): Promise<Breakdown> {
  const sums = new Map<string, number>()
  const blocked = new Set<string>()
  let total = 0
  for (const month of months) {
    const table = await canonicalMonth(db, metric, scope, month, by, thresholdFor, threshold)
    total += table.total
    for (const [key, value] of table.rows) {
      sums.set(key, (sums.get(key) ?? 0) + value)
      if (table.withheld.has(key)) blocked.add(key)
    }
  }
  return breakdownOf(
    { from: months[0]?.from as string, to: months.at(-1)?.to as string },
    sums,
    blocked,
    total,
    threshold,
  )
}
