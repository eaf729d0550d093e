import { describe, expect, it } from 'vitest'
import { possibleBirthDates } from './personal-data.ts'

const today = '2026-12-07'

describe('possible birth dates in an obstacle text', () => {
  it.each([
    ['geboren 12.03.1985', '12.03.1985'],
    ['geboren 2.3.1985', '2.3.1985'],
    ['geboren 12.03.85', '12.03.85'],
    ['geboren 12/03/1985', '12/03/1985'],
    ['geboren 1985-03-12', '1985-03-12'],
    ['geboren am 12. März 1985', '12. März 1985'],
    ['geboren am 12. Maerz 1985', '12. Maerz 1985'],
    ['geboren am 1. Dez. 2001', '1. Dez. 2001'],
    ['born 12 March 1985', '12 March 1985'],
    ['born March 12, 1985', 'March 12, 1985'],
    ['Kind, geb. 07.12.2026', '07.12.2026'],
  ])('finds %s', (text, found) => {
    expect(possibleBirthDates(text, today)).toEqual([found])
  })

  it.each([
    'seit März 2025',
    'im Jahr 1985',
    'Termin am 08.12.2026',
    'Version 1.2.3',
    '31.02.1985 gibt es nicht',
    'Paragraph 12.03 SGB II',
    'Telefon 0228 12 03 1985',
    'am 12.13.1985',
    '01.01.1850',
  ])('lets %s pass', (text) => {
    expect(possibleBirthDates(text, today)).toEqual([])
  })
})
