import { describe, expect, it } from 'vitest'
import { addDays, districtTimeAt, localDay } from './district-time.ts'

describe('localDay in Europe/Berlin', () => {
  it.each([
    // Winter (CET, UTC+1): the Berlin day starts at 23:00 UTC the day before.
    ['2025-12-01T22:59:59Z', '2025-12-01'],
    ['2025-12-01T23:00:00Z', '2025-12-02'],
    ['2025-12-01T23:30:00Z', '2025-12-02'],
    // Last Sunday of March: 02:00 CET becomes 03:00 CEST. The 30th starts at 23:00 UTC, the 31st at 22:00.
    ['2025-03-29T22:59:59Z', '2025-03-29'],
    ['2025-03-29T23:00:00Z', '2025-03-30'],
    ['2025-03-30T00:59:59Z', '2025-03-30'],
    ['2025-03-30T01:00:00Z', '2025-03-30'],
    ['2025-03-30T21:59:59Z', '2025-03-30'],
    ['2025-03-30T22:00:00Z', '2025-03-31'],
    // Last Sunday of October: 03:00 CEST becomes 02:00 CET. The 26th starts at 22:00 UTC, the 27th at 23:00.
    ['2025-10-25T21:59:59Z', '2025-10-25'],
    ['2025-10-25T22:00:00Z', '2025-10-26'],
    ['2025-10-26T00:30:00Z', '2025-10-26'],
    ['2025-10-26T01:30:00Z', '2025-10-26'],
    ['2025-10-26T22:59:59Z', '2025-10-26'],
    ['2025-10-26T23:00:00Z', '2025-10-27'],
  ])('puts %s on %s', (instant, day) => {
    expect(localDay(new Date(instant), 'Europe/Berlin')).toBe(day)
  })

  it('takes other zones at their word', () => {
    expect(localDay('2025-12-01T23:30:00Z', 'UTC')).toBe('2025-12-01')
    expect(localDay('2025-12-01T19:00:00Z', 'Asia/Kolkata')).toBe('2025-12-02')
  })
})

describe('addDays', () => {
  it.each([
    ['2025-03-29', 1, '2025-03-30'],
    ['2025-03-30', 1, '2025-03-31'],
    ['2025-10-26', -1, '2025-10-25'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2025-01-01', -30, '2024-12-02'],
  ])('%s plus %i is %s', (day, days, result) => {
    expect(addDays(day, days)).toBe(result)
  })
})

describe('districtTimeAt', () => {
  it('gives today and the local day of other instants for the district', () => {
    const time = districtTimeAt('Europe/Berlin', new Date('2025-12-01T23:30:00Z'))
    expect(time.today).toBe('2025-12-02')
    expect(time.daysFromToday(-1)).toBe('2025-12-01')
    expect(time.dayOf('2025-12-02T00:30:00+01:00')).toBe('2025-12-02')
  })
})
