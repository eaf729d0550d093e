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

export type FigureScope = { districtId: string; range: DayRange; timeZone: string }
