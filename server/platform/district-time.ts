import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.ts'
import { selectDistrictTimeZone } from './district-time.queries.ts'

/**
 * The one place that says what day it is. A district counts its days in its own time zone
 * (default Europe/Berlin): "today", due dates, overdue flags, the date-in-the-future rules and
 * whole-day periods all come from here, never from the server's UTC clock. Between midnight and
 * 01:00/02:00 in Germany the UTC date is still yesterday.
 */

/** Where "now" comes from; tests pass their own to set the time. */
export type Clock = () => Date
export const systemClock: Clock = () => new Date()

export const defaultTimeZone = 'Europe/Berlin'

const dayFormats = new Map<string, Intl.DateTimeFormat>()

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      calendar: 'iso8601',
      numberingSystem: 'latn',
    })
    dayFormats.set(timeZone, format)
  }
  return format
}

/** The calendar day (`YYYY-MM-DD`) on which `instant` falls in `timeZone`. */
export function localDay(instant: Date | string, timeZone: string): string {
  const parts = dayFormat(timeZone).formatToParts(typeof instant === 'string' ? new Date(instant) : instant)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)?.value ?? ''
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`
}

/** The calendar day `days` after (or before, if negative) `day`; plain calendar arithmetic. */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number]
  const result = new Date(0)
  result.setUTCFullYear(year, month - 1, date + days)
  return result.toISOString().slice(0, 10)
}

/** What time it is for one district. */
export type DistrictTime = {
  timeZone: string
  /** The instant, as the clock gave it. */
  now: Date
  /** Today's date in the district, `YYYY-MM-DD`. */
  today: string
  /** The district's calendar day of an instant. */
  dayOf(instant: Date | string): string
  /** Today plus `days` (negative: before). */
  daysFromToday(days: number): string
}

export function districtTimeAt(timeZone: string, now: Date): DistrictTime {
  const today = localDay(now, timeZone)
  return {
    timeZone,
    now,
    today,
    dayOf: (instant) => localDay(instant, timeZone),
    daysFromToday: (days) => addDays(today, days),
  }
}

/** The district's time zone, read from the district, with the instant `now` (from the request's clock). */
export async function districtTime(db: Kysely<DB>, districtId: string, now: Date): Promise<DistrictTime> {
  const timeZone = (await selectDistrictTimeZone(db, districtId)) ?? defaultTimeZone
  return districtTimeAt(timeZone, now)
}
