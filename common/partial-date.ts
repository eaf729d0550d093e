import { z } from 'zod'
import { latestTodayOnEarth } from './dates.ts'

/**
 * Partial dates of birth in ISO 8601: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. Many clients know only the
 * year, or year and month, of their birth; documents then show what is known, or a placeholder day
 * (see `isPlaceholderBirthDate`). Plain calendar arithmetic, no time zones: a date here is a day,
 * not an instant.
 */

export type PartialDatePrecision = 'year' | 'month' | 'day'
export type PartialDate = { year: number; month?: number; day?: number; precision: PartialDatePrecision }

/** Earliest year of birth accepted: older people are not expected among clients. */
export const minimumBirthYear = 1900

/**
 * Month and day (`MM-DD`) that authorities give as a placeholder when only the year of birth is
 * known. 1 January is the common one in German documents; some also use 1 July or 31 December.
 * Pass another list to `isPlaceholderBirthDate` to count those too.
 */
export const placeholderBirthDays: readonly string[] = ['01-01']

/** Error codes of `partialDateSchema`, put into the issue message; the UI translates them. */
export const partialDateErrorCodes = {
  malformed: 'date-malformed',
  impossible: 'date-impossible',
  tooEarly: 'date-too-early',
  inFuture: 'date-in-future',
} as const

const partialDatePattern = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
const daysInMonth = (year: number, month: number) =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31
const pad = (value: number, length = 2) => String(value).padStart(length, '0')
const isoDay = (year: number, month: number, day: number) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`

/** The parts of a partial date, or null when it is malformed or no calendar day can match it. */
export function parsePartialDate(value: string): PartialDate | null {
  const match = partialDatePattern.exec(value)
  if (!match) return null
  const year = Number(match[1])
  if (match[2] === undefined) return { year, precision: 'year' }
  const month = Number(match[2])
  if (month < 1 || month > 12) return null
  if (match[3] === undefined) return { year, month, precision: 'month' }
  const day = Number(match[3])
  if (day < 1 || day > daysInMonth(year, month)) return null
  return { year, month, day, precision: 'day' }
}

function parseOrThrow(value: string): PartialDate {
  const parsed = parsePartialDate(value)
  if (!parsed) throw new RangeError(`not a partial date: ${JSON.stringify(value)}`)
  return parsed
}

/** A calendar day as `YYYY-MM-DD`: ISO strings are taken as they are, Dates by their local calendar day. */
function toIsoDay(date: string | Date): string {
  if (typeof date === 'string') {
    if (parsePartialDate(date)?.precision !== 'day') {
      throw new RangeError(`not a calendar day: ${JSON.stringify(date)}`)
    }
    return date
  }
  return isoDay(date.getFullYear(), date.getMonth() + 1, date.getDate())
}

/** The first day the partial date can mean: `1988` → `1988-01-01`, `1988-03` → `1988-03-01`. */
export function earliestDay(value: string): string {
  const { year, month = 1, day = 1 } = parseOrThrow(value)
  return isoDay(year, month, day)
}

/** The last day the partial date can mean: `1988` → `1988-12-31`, `1988-02` → `1988-02-29`. */
export function latestDay(value: string): string {
  const { year, month = 12, day } = parseOrThrow(value)
  return isoDay(year, month, day ?? daysInMonth(year, month))
}

/** Whether every day the partial date can mean lies after `today` (default: the local date now). */
export function isPartialDateInFuture(value: string, today: string | Date = new Date()): boolean {
  return earliestDay(value) > toIsoDay(today)
}

/**
 * A date of birth: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real calendar day (no 30 February or
 * month 13), not before 1900 and not in the future. Issue messages are the codes in
 * `partialDateErrorCodes`.
 */
export const partialDateSchema = z
  .string()
  .trim()
  .regex(partialDatePattern, partialDateErrorCodes.malformed)
  .superRefine((value, ctx) => {
    if (!partialDatePattern.test(value)) return
    const parsed = parsePartialDate(value)
    if (!parsed) {
      ctx.addIssue({ code: 'custom', message: partialDateErrorCodes.impossible, input: value })
    } else if (parsed.year < minimumBirthYear) {
      ctx.addIssue({
        code: 'custom',
        message: partialDateErrorCodes.tooEarly,
        input: value,
        params: { minimumYear: minimumBirthYear },
      })
    } else if (isPartialDateInFuture(value, latestTodayOnEarth())) {
      // After today everywhere on earth; the server then checks against the district's own today.
      ctx.addIssue({ code: 'custom', message: partialDateErrorCodes.inFuture, input: value })
    }
  })
  .describe('ISO 8601 date, full or partial: 1988-03-14, 1988-03 or 1988')

/**
 * Whether a full date is one of the placeholder days (by default 1 January) that stand for
 * "only the year is known". Such a date may still be a real birthday; the UI should mark it, not
 * change it.
 */
export function isPlaceholderBirthDate(
  value: string,
  placeholders: readonly string[] = placeholderBirthDays,
): boolean {
  const parsed = parsePartialDate(value)
  if (parsed?.precision !== 'day') return false
  return placeholders.includes(`${pad(parsed.month as number)}-${pad(parsed.day as number)}`)
}

/** German display: `14.03.1988`, `03.1988`, `1988`. Unparseable values are returned unchanged. */
export function formatPartialDateDe(value: string): string {
  const parsed = parsePartialDate(value)
  if (!parsed) return value
  const { year, month, day } = parsed
  return (
    [day, month]
      .filter((part) => part !== undefined)
      .map((part) => `${pad(part)}.`)
      .join('') + pad(year, 4)
  )
}

const englishMonths = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/**
 * English display with the month written out, so that no reader takes day and month for each
 * other: `14 March 1988`, `March 1988`, `1988`. Unparseable values are returned unchanged.
 */
export function formatPartialDateEn(value: string): string {
  const parsed = parsePartialDate(value)
  if (!parsed) return value
  const { year, month, day } = parsed
  const parts = [
    day === undefined ? undefined : String(day),
    month ? englishMonths[month - 1] : undefined,
    pad(year, 4),
  ]
  return parts.filter(Boolean).join(' ')
}

/**
 * Reads a date typed the German way into the shape of a partial ISO date, without asking whether
 * that day exists: `14.3.1988` → `1988-03-14`, `31.02.1990` → `1990-02-31`, `01.16.2000` →
 * `2000-16-01`, `03.1988` → `1988-03`, `1988` → `1988`. Unknown parts written as `00` or `XX`, as in
 * German documents (`00.00.1988`, `XX.03.1988`), are left out. Null if it cannot be read at all;
 * `partialDateIssue` then says what is wrong with the day.
 */
export function partialDateDeToIso(text: string): string | null {
  const parts = text.trim().split('.')
  if (parts.length > 3 || parts.some((part) => part.trim() === '')) return null
  const [yearPart, monthPart, dayPart] = parts.map((part) => part.trim()).reverse()
  if (!yearPart || !/^\d{4}$/.test(yearPart)) return null
  const known = (part: string | undefined) => {
    if (part === undefined || /^(0{1,2}|x{1,2})$/i.test(part)) return undefined
    return /^\d{1,2}$/.test(part) ? pad(Number(part)) : null
  }
  const month = known(monthPart)
  const day = known(dayPart)
  if (month === null || day === null || (day !== undefined && month === undefined)) return null
  return [yearPart, month, day].filter((part) => part !== undefined).join('-')
}

/**
 * Reads a date typed the German way into a partial ISO date: `14.3.1988` → `1988-03-14`,
 * `03.1988` → `1988-03`, `1988` → `1988`. Returns null if it cannot be read or is no calendar day;
 * the result still needs `partialDateSchema` for the range checks.
 */
export function parsePartialDateDe(text: string): string | null {
  const iso = partialDateDeToIso(text)
  return iso && parsePartialDate(iso) ? iso : null
}

/**
 * What `partialDateSchema` finds wrong with a date of birth (one of `partialDateErrorCodes`), or
 * null: for forms, so that they name the same problem the server would.
 */
export function partialDateIssue(
  value: string,
): (typeof partialDateErrorCodes)[keyof typeof partialDateErrorCodes] | null {
  const issue = partialDateSchema.safeParse(value).error?.issues[0]
  return issue ? (issue.message as (typeof partialDateErrorCodes)[keyof typeof partialDateErrorCodes]) : null
}

const precisionRank: Record<PartialDatePrecision, number> = { year: 0, month: 1, day: 2 }

/**
 * Order for sorting: by the earliest day each date can mean; when that is equal, the less precise
 * date first (`1988` < `1988-01` < `1988-01-01`). Throws on values that are no partial date.
 */
export function comparePartialDates(a: string, b: string): number {
  const first = earliestDay(a)
  const second = earliestDay(b)
  if (first !== second) return first < second ? -1 : 1
  return precisionRank[parseOrThrow(a).precision] - precisionRank[parseOrThrow(b).precision]
}

function completedYears(birth: string, on: string): number {
  const [birthYear, birthMonthDay] = [Number(birth.slice(0, 4)), birth.slice(5)]
  const [year, monthDay] = [Number(on.slice(0, 4)), on.slice(5)]
  // A birthday on 29 February is completed on 1 March in common years, as § 188 BGB counts it.
  return year - birthYear - (monthDay < birthMonthDay ? 1 : 0)
}

/**
 * Age in completed years on `date` (ISO day or Date), as far as it is known. Where the birth date
 * is partial, the age is counted from a midpoint by convention: 1 July for a year-only date, the
 * 15th for year and month. Use `ageRangeOn` when the answer must be certain (e.g. "of age?").
 * Throws if `date` is before every day the birth date can mean.
 */
export function ageOn(value: string, date: string | Date): number {
  const parsed = parseOrThrow(value)
  const on = toIsoDay(date)
  if (on < earliestDay(value)) throw new RangeError(`${on} is before the birth date ${value}`)
  const birth =
    parsed.precision === 'day'
      ? earliestDay(value)
      : isoDay(parsed.year, parsed.month ?? 7, parsed.precision === 'month' ? 15 : 1)
  return Math.max(0, completedYears(birth, on))
}

/** The least and greatest age on `date` that the partial birth date allows; equal for full dates. */
export function ageRangeOn(value: string, date: string | Date): { min: number; max: number } {
  const on = toIsoDay(date)
  if (on < earliestDay(value)) throw new RangeError(`${on} is before the birth date ${value}`)
  return {
    min: Math.max(0, completedYears(latestDay(value), on)),
    max: completedYears(earliestDay(value), on),
  }
}
