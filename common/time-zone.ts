// Calendar days in a time zone, for the server's district time and the web's forms alike. No zod
// here: the web app's first load (its date formats) uses these, and dates.ts re-exports them.

const pad = (value: number, length = 2) => String(value).padStart(length, '0')
/** The UTC calendar day of a date, `YYYY-MM-DD` (four-digit years from 0000). */
export const utcDay = (date: Date) =>
  `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`

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

/** The wall-clock time (`HH:MM`) of `instant` in `timeZone`. */
export function localTimeOfDay(instant: Date | string, timeZone: string): string {
  const wall = wallClock(typeof instant === 'string' ? new Date(instant) : instant, timeZone)
  return `${pad(wall.hour)}:${pad(wall.minute)}`
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
