import type { Kysely } from 'kysely'
import { addDays, localDay } from '../../common/dates.ts'
import type { DB } from '../db/schema.ts'
import { selectDistrictTimeZone, selectDistrictTimeZones } from './district-time.queries.ts'

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

export { addDays, localDay }

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

/** The IANA zone in which a district counts its days. */
export async function districtTimeZone(db: Kysely<DB>, districtId: string): Promise<string> {
  return (await selectDistrictTimeZone(db, districtId)) ?? defaultTimeZone
}

/** The district's time zone, read from the district, with the instant `now` (from the request's clock). */
export async function districtTime(db: Kysely<DB>, districtId: string, now: Date): Promise<DistrictTime> {
  return districtTimeAt(await districtTimeZone(db, districtId), now)
}

/** Today in each district (or in the one named), for work that runs across districts at once. */
export async function districtTodays(
  db: Kysely<DB>,
  districtId: string | null,
  now: Date,
): Promise<{ districtId: string; today: string }[]> {
  const zones = await selectDistrictTimeZones(db, districtId)
  return zones.map((zone) => ({
    districtId: zone.id,
    today: localDay(now, zone.time_zone ?? defaultTimeZone),
  }))
}
