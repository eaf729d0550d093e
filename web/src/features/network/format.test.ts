import { afterEach, describe, expect, it } from 'vitest'
import { setDistrictTimeZone } from '../../district-time.ts'
import { recordedDay } from './format.ts'

describe('the day a consent was recorded', () => {
  afterEach(() => setDistrictTimeZone(undefined))

  it('is the district day, not the UTC date, shortly after midnight in Siegburg', () => {
    setDistrictTimeZone('Europe/Berlin')
    // 00:30 on 7 December in Berlin is still 6 December in UTC.
    expect(recordedDay('2026-12-06T23:30:00.000Z', 'de')).toBe('07.12.2026')
    expect(recordedDay('2026-12-06T23:30:00.000Z', 'en')).toBe('07/12/2026')
  })

  it('follows the district zone in summer time too', () => {
    setDistrictTimeZone('Europe/Berlin')
    expect(recordedDay('2026-06-30T22:15:00.000Z', 'de')).toBe('01.07.2026')
    expect(recordedDay('2026-06-30T21:59:00.000Z', 'de')).toBe('30.06.2026')
  })
})
