import { describe, expect, it } from 'vitest'
import { parseGermanDay } from './DateFields.tsx'

describe('a typed day', () => {
  it('is read the German way, with or without leading zeros', () => {
    expect(parseGermanDay('12.04.2026')).toBe('2026-04-12')
    expect(parseGermanDay(' 3.2.2031 ')).toBe('2031-02-03')
  })

  it('may have a two-digit year, as offices write it', () => {
    expect(parseGermanDay('3.2.26')).toBe('2026-02-03')
    expect(parseGermanDay('15.01.26')).toBe('2026-01-15')
    expect(parseGermanDay('1.4.87')).toBe('1987-04-01')
  })

  it('may be pasted as ISO 8601', () => {
    expect(parseGermanDay('2026-04-12')).toBe('2026-04-12')
  })

  it('is refused when the calendar has no such day or it is written the American way', () => {
    expect(parseGermanDay('31.02.2026')).toBeNull()
    expect(parseGermanDay('29.02.2027')).toBeNull()
    expect(parseGermanDay('04/12/2026')).toBeNull()
    expect(parseGermanDay('12.04.')).toBeNull()
  })
})
