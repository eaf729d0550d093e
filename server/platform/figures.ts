import type { AttributeDimension } from '../../common/reporting.ts'
import type { BucketUnit, DayRange } from './figure-sql.queries.ts'

/**
 * The shape in which a module hands an aggregate to reporting: one row per key (a bucket's first
 * day, an attribute's value, or '' for the total) with its value and `n`, the units behind it (for
 * a median, how many cases; for a count, the count). Rows never name a person.
 */
export type AggregateRow = { key: string; value: number; n: number }

/** How the rows of a figure are keyed. Bucket ends are the last day of each bucket, clipped to the period. */
export type Grouping =
  | { kind: 'total' }
  | { kind: 'bucket'; unit: BucketUnit; buckets: readonly { key: string; end: string }[] }
  | { kind: 'attribute'; dimension: AttributeDimension }

export type FigureScope = {
  districtId: string
  range: DayRange
  timeZone: string
  /** The request's instant, for figures judged as of today (a goal's status); the clock's now if left out. */
  now?: Date
}

/**
 * A figure per calendar month of the district, `YYYY-MM`, as steering's indicators read it: the
 * value (null when withheld) and its basis (for a count the count, for a share or median the cases).
 */
export type MonthlyFigure = { month: string; value: number | null; basis: number }

/**
 * A share or median resting on fewer cases than this is withheld (`value: null`), so that no single
 * case can be read off it; the same number as reporting's default threshold (decision 0014).
 */
export const figureMinimumCases = 3
