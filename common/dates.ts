import { z } from 'zod'

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

const pad = (value: number, length = 2) => String(value).padStart(length, '0')
const utcDay = (date: Date) =>
  `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`

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
 * earth until the end of today anywhere on earth.
 */
export const pastRecordInstantSchema = z.iso
  .datetime({ offset: true })
  .superRefine((value, ctx) => {
    const at = Date.parse(value)
    if (at < Date.parse(`${earliestRecordDay}T00:00:00+14:00`)) {
      ctx.addIssue({ code: 'custom', message: dateErrorCodes.before1990, input: value })
    } else if (at >= Date.parse(`${latestTodayOnEarth()}T00:00:00+14:00`) + 86_400_000) {
      ctx.addIssue({ code: 'custom', message: dateErrorCodes.inFuture, input: value })
    }
  })
  .describe('ISO 8601 date and time with offset, from 1990 until today')

// Calendar days in a time zone, for the server's district time and the web's forms alike.

const partFormats = new Map<string, Intl.DateTimeFormat>()

function wallClock(instant: Date, timeZone: string) {
  let format = partFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      calendar: 'iso8601',
      numberingSystem: 'latn',
    })
    partFormats.set(timeZone, format)
  }
  const parts = format.formatToParts(instant)
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((entry) => entry.type === type)?.value)
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  }
}

/** The calendar day (`YYYY-MM-DD`) on which `instant` falls in `timeZone` (an IANA name). */
export function localDay(instant: Date | string, timeZone: string): string {
  const wall = wallClock(typeof instant === 'string' ? new Date(instant) : instant, timeZone)
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`
}

/** The calendar day `days` after (or before, if negative) `day`; plain calendar arithmetic. */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number]
  const result = new Date(0)
  result.setUTCFullYear(year, month - 1, date + days)
  return utcDay(result)
}

/** Minutes `timeZone` is ahead of UTC at `instant` (Europe/Berlin: 60 in winter, 120 in summer). */
function offsetMinutes(instant: number, timeZone: string): number {
  const wall = wallClock(new Date(instant), timeZone)
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second)
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000)
}

/**
 * A wall-clock time in a zone as an ISO instant with that zone's offset then:
 * (`2025-12-02`, `00:30`, Europe/Berlin) → `2025-12-02T00:30:00+01:00`. A time the clocks skip
 * (02:30 on the last Sunday of March) is taken with the offset before the change.
 */
export function instantOfLocalTime(day: string, time: string, timeZone: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number]
  const [hour, minute] = time.split(':').map(Number) as [number, number]
  const wallAsUtc = Date.UTC(year, month - 1, date, hour, minute)
  const first = offsetMinutes(wallAsUtc, timeZone)
  const candidates = [first, offsetMinutes(wallAsUtc - first * 60_000, timeZone)]
  const offset =
    candidates.find((minutes) => {
      const wall = wallClock(new Date(wallAsUtc - minutes * 60_000), timeZone)
      return wall.day === date && wall.hour === hour && wall.minute === minute
    }) ?? first
  const sign = offset < 0 ? '-' : '+'
  const absolute = Math.abs(offset)
  return `${day}T${pad(hour)}:${pad(minute)}:00${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`
}
