import { z } from 'zod'
import { utcDay } from './time-zone.ts'

/**
 * Plausible ranges for the dates of case work, checked at the edge so that a typo such as 0024
 * for 2024 is refused with a message at the field instead of stored. A calendar day here is a day,
 * not an instant.
 *
 * The schemas know the time, not the district: "in the future" means after today everywhere on
 * earth (UTC+14), so that no district's today is ever refused here. The services then apply the
 * exact rule with the district's own "today" (server/platform/district-time.ts).
 */

/** Field message codes; the web translates them under `problems.<code>`. */
export const dateErrorCodes = {
  /** Before 1990: contacts, consultations, assessments, cases, tasks, goals and measures. */
  before1990: 'date-before-1990',
  /** Before 1900: dates of people's lives and papers (birth, arrival, residence titles). */
  before1900: 'date-too-early',
  inFuture: 'date-in-future',
  tooFarAhead: 'date-too-far-ahead',
} as const

/** First day of the records of case work; nothing in Lotse's domain happened before. */
export const earliestRecordDay = '1990-01-01'
/** First day of people's lives and papers. */
export const earliestLifeDay = '1900-01-01'
/** How far ahead a due date, target date or residence title may lie. */
export const maxYearsAhead = { due: 10, residence: 30 } as const

/** The latest calendar day that is "today" somewhere on earth (the UTC+14 zone's date). */
export function latestTodayOnEarth(now: Date = new Date()): string {
  return utcDay(new Date(now.getTime() + 14 * 3_600_000))
}

/** Today (UTC) plus whole years, as `YYYY-MM-DD`: the far end of a sane window. */
export function yearsAhead(years: number, now: Date = new Date()): string {
  const date = new Date(now.getTime())
  date.setUTCFullYear(date.getUTCFullYear() + years)
  return utcDay(date)
}

type DayRange = {
  earliest: string
  earliestCode: (typeof dateErrorCodes)[keyof typeof dateErrorCodes]
  /** 'today': not after today anywhere; a number: at most that many years ahead. */
  latest: 'today' | number
}

function rangeIssue(value: string, range: DayRange): string | null {
  if (value < range.earliest) return range.earliestCode
  if (range.latest === 'today') return value > latestTodayOnEarth() ? dateErrorCodes.inFuture : null
  return value > yearsAhead(range.latest) ? dateErrorCodes.tooFarAhead : null
}

/** An ISO calendar day (`YYYY-MM-DD`) within a range; the issue message is a code of `dateErrorCodes`. */
export function daySchema(range: DayRange) {
  return z.iso
    .date()
    .superRefine((value, ctx) => {
      const issue = rangeIssue(value, range)
      if (issue) ctx.addIssue({ code: 'custom', message: issue, input: value })
    })
    .describe(
      `ISO 8601 day, from ${range.earliest} to ${range.latest === 'today' ? 'today' : `${range.latest} years ahead`}`,
    )
}

/** A day that has happened: a contact, consultation, assessment or case opening (1990 until today). */
export const pastRecordDaySchema = daySchema({
  earliest: earliestRecordDay,
  earliestCode: dateErrorCodes.before1990,
  latest: 'today',
})

/** A due or target day: from 1990 to ten years ahead (overdue ones stay possible). */
export const dueDaySchema = daySchema({
  earliest: earliestRecordDay,
  earliestCode: dateErrorCodes.before1990,
  latest: maxYearsAhead.due,
})

/** A day of a person's life that has happened, such as the arrival in Germany (1900 until today). */
export const pastLifeDaySchema = daySchema({
  earliest: earliestLifeDay,
  earliestCode: dateErrorCodes.before1900,
  latest: 'today',
})

/** A day of a residence title, which may run for decades (1900 to thirty years ahead). */
export const residenceDaySchema = daySchema({
  earliest: earliestLifeDay,
  earliestCode: dateErrorCodes.before1900,
  latest: maxYearsAhead.residence,
})

/** A day to filter by, such as the audit trail's periods (1990 to ten years ahead). */
export const filterDaySchema = dueDaySchema

/**
 * An instant with its offset (a contact's date and time), from the first day of 1990 anywhere on
 * earth until the end of today anywhere on earth. Wherever it is just after midnight, today ends
 * almost a day from now, so a day from now is the bound; the service applies the district's day.
 */
export const pastRecordInstantSchema = z.iso
  .datetime({ offset: true })
  .superRefine((value, ctx) => {
    const at = Date.parse(value)
    if (at < Date.parse(`${earliestRecordDay}T00:00:00+14:00`)) {
      ctx.addIssue({ code: 'custom', message: dateErrorCodes.before1990, input: value })
    } else if (at >= Date.now() + 86_400_000) {
      ctx.addIssue({ code: 'custom', message: dateErrorCodes.inFuture, input: value })
    }
  })
  .describe('ISO 8601 date and time with offset, from 1990 until today')

// Without zod, so that the web's first load can count days in the district (time-zone.ts).
export { addDays, instantOfLocalTime, localDay } from './time-zone.ts'
