import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  addDays,
  dueDaySchema,
  instantOfLocalTime,
  latestTodayOnEarth,
  localDay,
  pastLifeDaySchema,
  pastRecordDaySchema,
  pastRecordInstantSchema,
  residenceDaySchema,
  yearsAhead,
} from './dates.ts'

const issueOf = (
  schema: { safeParse(value: unknown): { error?: { issues: { message: string }[] } } },
  value: string,
) => schema.safeParse(value).error?.issues[0]?.message ?? null

describe('plausible date ranges', () => {
  it.each([
    [pastRecordDaySchema, '0024-05-01', 'date-before-1990'],
    [pastRecordDaySchema, '1989-12-31', 'date-before-1990'],
    [pastRecordDaySchema, '1990-01-01', null],
    [pastRecordDaySchema, '2024-05-01', null],
    [pastRecordDaySchema, '2224-05-01', 'date-in-future'],
    [dueDaySchema, '0024-05-01', 'date-before-1990'],
    [dueDaySchema, '2030-05-01', null],
    [dueDaySchema, '2124-05-01', 'date-too-far-ahead'],
    [pastLifeDaySchema, '1899-12-31', 'date-too-early'],
    [pastLifeDaySchema, '1950-06-01', null],
    [residenceDaySchema, '2045-01-31', null],
    [residenceDaySchema, '2200-01-31', 'date-too-far-ahead'],
    [pastRecordInstantSchema, '0024-05-01T10:00:00Z', 'date-before-1990'],
    [pastRecordInstantSchema, '2024-05-01T10:00:00+02:00', null],
    [pastRecordInstantSchema, '2224-05-01T10:00:00Z', 'date-in-future'],
  ] as const)('%#: %s → %s', (schema, value, issue) => {
    expect(issueOf(schema, value)).toBe(issue)
  })

  it('keeps the format errors of ISO days', () => {
    expect(pastRecordDaySchema.safeParse('2024-02-30').success).toBe(false)
    expect(pastRecordDaySchema.safeParse('01.05.2024').success).toBe(false)
  })

  it('refuses only days that are after today everywhere on earth', () => {
    const now = new Date('2025-12-01T23:30:00Z')
    expect(latestTodayOnEarth(now)).toBe('2025-12-02')
    expect(latestTodayOnEarth(new Date('2025-12-01T09:59:59Z'))).toBe('2025-12-01')
    expect(yearsAhead(10, now)).toBe('2035-12-01')
  })

  describe('an instant later today', () => {
    afterEach(() => vi.useRealTimers())

    // At 08:12 UTC the UTC+14 zone's day is nearly over, yet in Berlin it is morning: a contact
    // at noon Berlin time is today's there and must pass the edge (it once did not).
    it.each(['2026-12-07T08:12:00Z', '2026-12-07T00:05:00Z', '2026-12-07T22:55:00Z'])(
      'passes two hours ahead of %s and fails a day and a minute ahead',
      (now) => {
        vi.useFakeTimers({ now: new Date(now) })
        const at = (ms: number) => new Date(Date.parse(now) + ms).toISOString()
        expect(issueOf(pastRecordInstantSchema, at(2 * 3_600_000))).toBeNull()
        expect(issueOf(pastRecordInstantSchema, at(86_460_000))).toBe('date-in-future')
      },
    )
  })
})

describe('calendar days in a time zone', () => {
  it('puts instants on the Berlin day, across both daylight saving changes', () => {
    expect(localDay('2025-12-01T23:30:00Z', 'Europe/Berlin')).toBe('2025-12-02')
    expect(localDay('2025-03-29T23:00:00Z', 'Europe/Berlin')).toBe('2025-03-30')
    expect(localDay('2025-10-26T22:59:59Z', 'Europe/Berlin')).toBe('2025-10-26')
    expect(addDays('2025-03-30', 1)).toBe('2025-03-31')
  })

  it.each([
    ['2025-12-02', '00:30', 'Europe/Berlin', '2025-12-02T00:30:00+01:00'],
    ['2025-07-01', '12:00', 'Europe/Berlin', '2025-07-01T12:00:00+02:00'],
    ['2025-03-30', '01:30', 'Europe/Berlin', '2025-03-30T01:30:00+01:00'],
    ['2025-03-30', '03:30', 'Europe/Berlin', '2025-03-30T03:30:00+02:00'],
    ['2025-10-26', '03:30', 'Europe/Berlin', '2025-10-26T03:30:00+01:00'],
    ['2025-10-26', '00:30', 'Europe/Berlin', '2025-10-26T00:30:00+02:00'],
    ['2025-12-02', '09:15', 'Asia/Kolkata', '2025-12-02T09:15:00+05:30'],
    ['2025-12-02', '09:15', 'America/St_Johns', '2025-12-02T09:15:00-03:30'],
    ['2025-12-02', '09:15', 'UTC', '2025-12-02T09:15:00+00:00'],
  ])('reads %s %s in %s as %s', (day, time, zone, iso) => {
    expect(instantOfLocalTime(day, time, zone)).toBe(iso)
  })

  it('gives the skipped hour of the spring change an offset that keeps it on its day', () => {
    const instant = instantOfLocalTime('2025-03-30', '02:30', 'Europe/Berlin')
    expect(localDay(instant, 'Europe/Berlin')).toBe('2025-03-30')
  })
})
