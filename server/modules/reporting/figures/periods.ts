import type { PeriodDimension } from '../../../../common/reporting.ts'

/**
 * Calendar arithmetic on `YYYY-MM-DD` days, pure and in UTC: a day here is a calendar day of the
 * district, never an instant, so no time zone enters (the SQL puts instants on those days).
 */

const toDate = (day: string) => new Date(`${day}T00:00:00Z`)
const toDay = (date: Date) => date.toISOString().slice(0, 10)

export function addDays(day: string, days: number): string {
  const date = toDate(day)
  date.setUTCDate(date.getUTCDate() + days)
  return toDay(date)
}

/** The same calendar day `years` later (29 February becomes 28 February in a common year). */
export function addYears(day: string, years: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number]
  const target = year + years
  const last = new Date(Date.UTC(target, month, 0)).getUTCDate()
  return `${String(target).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(date, last)).padStart(2, '0')}`
}

export const daysBetween = (from: string, to: string) =>
  Math.round((toDate(to).getTime() - toDate(from).getTime()) / 86_400_000)

/** The first day of the bucket a day lies in (weeks start on Monday, as ISO and PostgreSQL's date_trunc). */
export function bucketStart(day: string, unit: PeriodDimension): string {
  const date = toDate(day)
  switch (unit) {
    case 'day':
      return day
    case 'week':
      return addDays(day, -((date.getUTCDay() + 6) % 7))
    case 'month':
      return `${day.slice(0, 7)}-01`
    case 'quarter': {
      const month = Math.floor(date.getUTCMonth() / 3) * 3 + 1
      return `${day.slice(0, 4)}-${String(month).padStart(2, '0')}-01`
    }
    case 'year':
      return `${day.slice(0, 4)}-01-01`
  }
}

function nextBucket(start: string, unit: PeriodDimension): string {
  switch (unit) {
    case 'day':
      return addDays(start, 1)
    case 'week':
      return addDays(start, 7)
    case 'month': {
      const date = toDate(start)
      date.setUTCMonth(date.getUTCMonth() + 1)
      return toDay(date)
    }
    case 'quarter': {
      const date = toDate(start)
      date.setUTCMonth(date.getUTCMonth() + 3)
      return toDay(date)
    }
    case 'year':
      return `${Number(start.slice(0, 4)) + 1}-01-01`
  }
}

/** ISO week label of a Monday: `2026-W13` (the week belongs to the year of its Thursday). */
function isoWeekLabel(monday: string): string {
  const year = Number(addDays(monday, 3).slice(0, 4))
  const firstMonday = bucketStart(`${year}-01-04`, 'week')
  return `${year}-W${String(daysBetween(firstMonday, monday) / 7 + 1).padStart(2, '0')}`
}

export function bucketLabel(start: string, unit: PeriodDimension): string {
  switch (unit) {
    case 'day':
      return start
    case 'week':
      return isoWeekLabel(start)
    case 'month':
      return start.slice(0, 7)
    case 'quarter':
      return `${start.slice(0, 4)}-Q${Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1}`
    case 'year':
      return start.slice(0, 4)
  }
}

export type Bucket = { key: string; label: string; end: string }

/** Every bucket that overlaps the period, in order; the first may start before `from`, the last end is clipped to `to`. */
export function bucketsOf(from: string, to: string, unit: PeriodDimension): Bucket[] {
  const buckets: Bucket[] = []
  for (let start = bucketStart(from, unit); start <= to; start = nextBucket(start, unit)) {
    const end = addDays(nextBucket(start, unit), -1)
    buckets.push({ key: start, label: bucketLabel(start, unit), end: end < to ? end : to })
  }
  return buckets
}

const isFirstOfMonth = (day: string) => day.endsWith('-01')
const isLastOfMonth = (day: string) => addDays(day, 1).endsWith('-01')
const monthsSpanned = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
  Number(to.slice(5, 7)) -
  Number(from.slice(5, 7)) +
  1

/**
 * The period just before: for whole calendar months the same number of whole months (March–April
 * is compared with January–February, as a committee reads it), otherwise the same number of days
 * ending the day before `from`. Whole months also keep the comparison free of cut months, whose
 * days the differencing rule (decision 0017) would otherwise have to withhold.
 */
export function previousPeriod(from: string, to: string) {
  if (isFirstOfMonth(from) && isLastOfMonth(to)) {
    const months = monthsSpanned(from, to)
    const [year, month] = from.split('-').map(Number) as [number, number]
    const start = new Date(Date.UTC(year, month - 1 - months, 1))
    return { from: toDay(start), to: addDays(from, -1) }
  }
  const length = daysBetween(from, to) + 1
  return { from: addDays(from, -length), to: addDays(from, -1) }
}

export function yearBefore(from: string, to: string) {
  return { from: addYears(from, -1), to: addYears(to, -1) }
}
