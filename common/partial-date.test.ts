import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  ageOn,
  ageRangeOn,
  comparePartialDates,
  earliestDay,
  formatPartialDateDe,
  formatPartialDateEn,
  isPartialDateInFuture,
  isPlaceholderBirthDate,
  latestDay,
  parsePartialDate,
  parsePartialDateDe,
  partialDateDeToIso,
  partialDateIssue,
  partialDateSchema,
  placeholderBirthDays,
} from './partial-date.ts'

const messagesOf = (value: string) =>
  partialDateSchema.safeParse(value).error?.issues.map((issue) => issue.message) ?? []

describe('partialDateSchema', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date(2026, 10, 25, 12))
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it.each(['1988-03-14', '1988-03', '1988', '2024-02-29', '1900', '2026-11-25', '2026-11', '2026'])(
    'accepts %s',
    (value) => {
      expect(partialDateSchema.parse(value)).toBe(value)
    },
  )

  it.each(['1990-02-30', '2023-02-29', '1990-13', '1990-00', '1990-04-31', '1990-01-00', '1900-02-29'])(
    'refuses the impossible date %s',
    (value) => {
      expect(messagesOf(value)).toEqual(['date-impossible'])
    },
  )

  it.each(['2026-11-27', '2026-12', '2027'])('refuses %s in the future', (value) => {
    expect(messagesOf(value)).toEqual(['date-in-future'])
  })

  it("leaves a day that is already today somewhere on earth to the server, where the district's today decides", () => {
    vi.setSystemTime(new Date(Date.UTC(2026, 10, 25, 23, 30)))
    expect(messagesOf('2026-11-26')).toEqual([])
    vi.setSystemTime(new Date(Date.UTC(2026, 10, 25, 9, 59)))
    expect(messagesOf('2026-11-26')).toEqual(['date-in-future'])
  })

  it('refuses years before 1900', () => {
    expect(messagesOf('1899-12-31')).toEqual(['date-too-early'])
  })

  it.each(['88', '1988-3', '14.03.1988', '1988-03-14T00:00:00Z', '1988/03/14', '', '19880314'])(
    'refuses the malformed value %j',
    (value) => {
      expect(messagesOf(value)).toEqual(['date-malformed'])
    },
  )
})

describe('parsePartialDate', () => {
  it('reads the parts and the precision', () => {
    expect(parsePartialDate('1988-03-14')).toEqual({ year: 1988, month: 3, day: 14, precision: 'day' })
    expect(parsePartialDate('1988-03')).toEqual({ year: 1988, month: 3, precision: 'month' })
    expect(parsePartialDate('1988')).toEqual({ year: 1988, precision: 'year' })
  })

  it('answers null for what is no date', () => {
    expect(parsePartialDate('1988-02-30')).toBeNull()
    expect(parsePartialDate('1988-13')).toBeNull()
    expect(parsePartialDate('März 1988')).toBeNull()
  })
})

describe('isPlaceholderBirthDate', () => {
  it('is true for 1 January only by default', () => {
    expect(placeholderBirthDays).toEqual(['01-01'])
    expect(isPlaceholderBirthDate('1990-01-01')).toBe(true)
    expect(isPlaceholderBirthDate('1990-07-01')).toBe(false)
    expect(isPlaceholderBirthDate('1990-01')).toBe(false)
    expect(isPlaceholderBirthDate('1990')).toBe(false)
  })

  it('takes another list of placeholder days', () => {
    expect(isPlaceholderBirthDate('1990-07-01', ['01-01', '07-01'])).toBe(true)
  })
})

describe('formatting', () => {
  it('formats the German way', () => {
    expect(formatPartialDateDe('1988-03-14')).toBe('14.03.1988')
    expect(formatPartialDateDe('1988-03')).toBe('03.1988')
    expect(formatPartialDateDe('1988')).toBe('1988')
  })

  it('formats in English with the month written out', () => {
    expect(formatPartialDateEn('1988-03-14')).toBe('14 March 1988')
    expect(formatPartialDateEn('1988-03')).toBe('March 1988')
    expect(formatPartialDateEn('1988')).toBe('1988')
  })

  it('shows values that are no partial date unchanged', () => {
    expect(formatPartialDateDe('unbekannt')).toBe('unbekannt')
    expect(formatPartialDateEn('1988-02-30')).toBe('1988-02-30')
  })
})

describe('parsePartialDateDe', () => {
  it.each([
    ['14.03.1988', '1988-03-14'],
    ['4.3.1988', '1988-03-04'],
    ['03.1988', '1988-03'],
    ['1988', '1988'],
    ['00.00.1988', '1988'],
    ['XX.03.1988', '1988-03'],
    [' 14.03.1988 ', '1988-03-14'],
  ])('reads %j as %s', (text, iso) => {
    expect(parsePartialDateDe(text)).toBe(iso)
  })

  it.each(['30.02.1988', '14.00.1988', '14..1988', '1988-03-14', '14.03.88', 'März 1988'])(
    'cannot read %j',
    (text) => {
      expect(parsePartialDateDe(text)).toBeNull()
    },
  )
})

describe('partialDateDeToIso and partialDateIssue', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date(2026, 10, 25, 12))
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it.each([
    ['31.02.1990', '1990-02-31', 'date-impossible'],
    ['01.16.2000', '2000-16-01', 'date-impossible'],
    ['29.02.2023', '2023-02-29', 'date-impossible'],
    ['13.1990', '1990-13', 'date-impossible'],
    ['14.03.1899', '1899-03-14', 'date-too-early'],
    ['2027', '2027', 'date-in-future'],
    ['29.02.2024', '2024-02-29', null],
    ['XX.03.1988', '1988-03', null],
  ])('reads %j in the shape %s, which the schema finds %s', (text, iso, issue) => {
    expect(partialDateDeToIso(text)).toBe(iso)
    expect(partialDateIssue(iso)).toBe(issue)
  })

  it.each(['14..1988', '14.03.88', 'März 1988', '1.2.3.1988', '14.3'])('cannot read %j at all', (text) => {
    expect(partialDateDeToIso(text)).toBeNull()
  })
})

describe('ranges and order', () => {
  it('gives the first and last day a partial date can mean', () => {
    expect([earliestDay('1988'), latestDay('1988')]).toEqual(['1988-01-01', '1988-12-31'])
    expect([earliestDay('1988-02'), latestDay('1988-02')]).toEqual(['1988-02-01', '1988-02-29'])
    expect([earliestDay('1989-02'), latestDay('1989-02')]).toEqual(['1989-02-01', '1989-02-28'])
    expect([earliestDay('1988-03-14'), latestDay('1988-03-14')]).toEqual(['1988-03-14', '1988-03-14'])
  })

  it('lets a range check say a partial birth date is before an arrival', () => {
    expect(earliestDay('2015') <= '2015-03-01').toBe(true)
    expect(latestDay('2015') < '2015-03-01').toBe(false)
  })

  it('sorts by earliest day, the less precise first on ties', () => {
    const sorted = ['1988-01-01', '1990', '1988', '1987-12', '1988-01', '1987-12-31'].sort(
      comparePartialDates,
    )
    expect(sorted).toEqual(['1987-12', '1987-12-31', '1988', '1988-01', '1988-01-01', '1990'])
  })

  it('tells whether a date lies wholly in the future of a given day', () => {
    expect(isPartialDateInFuture('2026-12', '2026-11-25')).toBe(true)
    expect(isPartialDateInFuture('2026', '2026-11-25')).toBe(false)
  })

  it('refuses to compare what is no partial date', () => {
    expect(() => comparePartialDates('1988', 'soon')).toThrow(RangeError)
  })
})

describe('ageOn', () => {
  it('counts completed years for a full date', () => {
    expect(ageOn('1988-03-14', '2026-03-13')).toBe(37)
    expect(ageOn('1988-03-14', '2026-03-14')).toBe(38)
  })

  it('completes a year of a 29 February birthday on 1 March in common years', () => {
    expect(ageOn('2000-02-29', '2023-02-28')).toBe(22)
    expect(ageOn('2000-02-29', '2023-03-01')).toBe(23)
  })

  it('counts a year-only date from 1 July and a year-month date from the 15th', () => {
    expect(ageOn('1990', '2020-06-30')).toBe(29)
    expect(ageOn('1990', '2020-07-01')).toBe(30)
    expect(ageOn('1990-03', '2020-03-14')).toBe(29)
    expect(ageOn('1990-03', '2020-03-15')).toBe(30)
  })

  it('takes a Date by its calendar day', () => {
    expect(ageOn('1988-03-14', new Date(2026, 2, 14, 23, 30))).toBe(38)
  })

  it('answers 0 within the first year and refuses a day before the birth', () => {
    expect(ageOn('2020', '2020-03-01')).toBe(0)
    expect(() => ageOn('2020-05', '2020-04-30')).toThrow(RangeError)
  })

  it('gives the certain range for partial dates', () => {
    expect(ageRangeOn('2008', '2026-06-30')).toEqual({ min: 17, max: 18 })
    expect(ageRangeOn('2008-03-14', '2026-06-30')).toEqual({ min: 18, max: 18 })
  })
})
