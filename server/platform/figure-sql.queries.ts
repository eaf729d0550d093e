import { type RawBuilder, sql } from 'kysely'

/**
 * SQL fragments that every module's aggregate figures share, so that "which day" and "which
 * month" mean the same everywhere: a period is whole days of the district's time zone, and an
 * instant belongs to the district's calendar day it falls on (00:30 in Berlin on 29 March is
 * 29 March, although UTC still says 28 March).
 */

export type BucketUnit = 'day' | 'week' | 'month' | 'quarter' | 'year'

/** A closed range of calendar days, `YYYY-MM-DD`. */
export type DayRange = { from: string; to: string }

/** The instants of a day range in the district's zone: `[from 00:00, to + 1 00:00)`. */
export function instantWithin(column: RawBuilder<unknown>, range: DayRange, timeZone: string) {
  // The date is made a timestamp (local wall time) before AT TIME ZONE, so midnight is the zone's.
  return sql<boolean>`(${column} >= (${range.from}::date::timestamp AT TIME ZONE ${timeZone}) AND ${column} < ((${range.to}::date + 1)::timestamp AT TIME ZONE ${timeZone}))`
}

export function dayWithin(column: RawBuilder<unknown>, range: DayRange) {
  return sql<boolean>`(${column} BETWEEN ${range.from}::date AND ${range.to}::date)`
}

/** The district's calendar day of an instant. */
export function localDay(column: RawBuilder<unknown>, timeZone: string) {
  return sql<string>`(${column} AT TIME ZONE ${timeZone})::date`
}

/** The first day of the bucket a calendar day lies in, as `YYYY-MM-DD` (weeks start on Monday). */
export function bucketOf(day: RawBuilder<unknown>, unit: BucketUnit) {
  return sql<string>`to_char(date_trunc(${sql.lit(unit)}, ${day}::timestamp), 'YYYY-MM-DD')`
}

/** The first day of the bucket as a timestamp, to group by before formatting the few groups. */
export function bucketStart(day: RawBuilder<unknown>, unit: BucketUnit) {
  return sql`date_trunc(${sql.lit(unit)}, ${day}::timestamp)`
}
