import type { DayRange } from '../../../platform/figure-sql.queries.ts'

/**
 * A period of calendar days cut into what the kept person rows cover (whole years, whole months)
 * and the days left at its edges, which are read from the contacts. Pure; days are `YYYY-MM-DD`.
 */
export type PeriodPieces = { years: string[]; months: string[]; days: DayRange[] }

const pad = (value: number) => String(value).padStart(2, '0')
const iso = (date: Date) =>
  `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
const utc = (day: string) => new Date(`${day}T00:00:00Z`)

/** The first day of each month touched by the range, with the month's last day. */
function monthsOf(range: DayRange) {
  const months: { first: string; last: string }[] = []
  const cursor = utc(`${range.from.slice(0, 7)}-01`)
  while (iso(cursor) <= range.to) {
    const next = new Date(Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, 1))
    months.push({ first: iso(cursor), last: iso(new Date(next.getTime() - 86_400_000)) })
    cursor.setTime(next.getTime())
  }
  return months
}

/**
 * With `years` the kept year rows may stand for whole calendar years (a total, an attribute, or
 * buckets of a year); otherwise only months are used (buckets of a month or a quarter).
 */
export function periodPieces(range: DayRange, unit: 'month' | 'quarter' | 'year'): PeriodPieces {
  const whole: string[] = []
  const days: DayRange[] = []
  for (const month of monthsOf(range)) {
    if (month.first >= range.from && month.last <= range.to) whole.push(month.first)
    else
      days.push({
        from: [month.first, range.from].sort()[1] as string,
        to: [month.last, range.to].sort()[0] as string,
      })
  }
  if (unit !== 'year') return { years: [], months: whole, days }
  const perYear = new Map<string, string[]>()
  for (const month of whole)
    perYear.set(month.slice(0, 4), [...(perYear.get(month.slice(0, 4)) ?? []), month])
  const years = [...perYear.entries()]
    .filter(([, months]) => months.length === 12)
    .map(([year]) => `${year}-01-01`)
  const months = whole.filter((month) => !years.includes(`${month.slice(0, 4)}-01-01`))
  return { years, months, days }
}
