import { describe, expect, it } from 'vitest'
import { formatCell, formatChange, formatCount, formatFte, formatLongDate, formatMonth } from './format.ts'

describe('German formats of the committee report', () => {
  it('groups thousands with a dot and writes per cent with a comma and a space', () => {
    expect(formatCount(1234)).toBe('1.234')
    expect(formatCount(1234567)).toBe('1.234.567')
    expect(formatChange(1125, 1000)).toBe('+12,5 %')
    expect(formatChange(900, 1000)).toBe('-10,0 %')
    expect(formatFte(1.5)).toBe('1,5')
  })

  it('writes days and months out in German', () => {
    expect(formatLongDate('2026-04-30')).toBe('30. April 2026')
    expect(formatLongDate('2026-03-01')).toBe('1. März 2026')
    expect(formatMonth('2026-03-01')).toBe('März 2026')
  })

  it('shows a withheld cell as below the threshold', () => {
    expect(formatCell({ value: null, suppressed: true }, 3)).toBe('< 3')
    expect(formatCell({ value: 4 }, 3)).toBe('4')
  })
})
