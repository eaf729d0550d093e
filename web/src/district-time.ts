import { addDays, instantOfLocalTime, localDay } from '../../common/time-zone.ts'

/**
 * The signed-in user's district time zone: the web counts "today", fills date fields and shows
 * times in it, as the server does, whatever zone the browser is set to. Before sign-in (and if
 * the session has none) the browser's own zone.
 */
let districtZone: string | undefined

export function setDistrictTimeZone(timeZone: string | undefined): void {
  districtZone = timeZone
}

export function displayTimeZone(): string {
  return districtZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone
}

/** Today in the district as `YYYY-MM-DD`, plus `offsetDays`. */
export function districtToday(offsetDays = 0): string {
  return addDays(localDay(new Date(), displayTimeZone()), offsetDays)
}

/** The district's wall-clock time now, `HH:MM`. */
export function districtTimeNow(): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: displayTimeZone(),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date())
}

/** A day and time typed in a form, read as the district's wall clock: an instant with its offset. */
export function districtInstant(day: string, time: string): string {
  return instantOfLocalTime(day, time, displayTimeZone())
}
