import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.ts'
import { DomainError, type FieldProblem } from '../../../platform/errors.ts'
import { personNamesInText } from '../../casework/index.ts'

/**
 * The guard that keeps personal data out of an obstacle's text: names of persons of the district
 * (case work decides which words are) and full dates that could be a birth date. A month and a
 * year ("seit März 2025") stay allowed: they identify nobody.
 */

const months: Record<string, number> = {
  januar: 1,
  jänner: 1,
  jan: 1,
  january: 1,
  februar: 2,
  feb: 2,
  february: 2,
  märz: 3,
  maerz: 3,
  mrz: 3,
  mär: 3,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  mai: 5,
  may: 5,
  juni: 6,
  jun: 6,
  june: 6,
  juli: 7,
  jul: 7,
  july: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  oktober: 10,
  okt: 10,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  dezember: 12,
  dez: 12,
  december: 12,
  dec: 12,
}
const monthName =
  '(januar|jänner|january|jan|februar|february|feb|märz|maerz|march|mrz|mär|mar|april|apr|mai|may|juni|june|jun|juli|july|jul|august|aug|september|sept|sep|oktober|october|okt|oct|november|nov|dezember|december|dez|dec)\\.?'

// The patterns of a full date, each with the positions of day, month and year.
const patterns: { pattern: RegExp; day: number; month: number; year: number }[] = [
  // 12.03.1985, 12.3.85, 12/03/1985, 12-03-1985
  {
    pattern: /(?<![\d.])(\d{1,2})\s?([./-])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\d])/g,
    day: 1,
    month: 3,
    year: 4,
  },
  // 1985-03-12, 1985/03/12
  { pattern: /(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/g, day: 4, month: 3, year: 1 },
  // 12. März 1985, 12 March 1985, 12. Mrz. 85
  {
    pattern: new RegExp(`(?<!\\d)(\\d{1,2})\\.?\\s*${monthName}\\s*(\\d{4}|\\d{2})(?!\\d)`, 'giu'),
    day: 1,
    month: 2,
    year: 3,
  },
  // March 12, 1985; März 12 1985
  {
    pattern: new RegExp(`${monthName}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s*(\\d{4})(?!\\d)`, 'giu'),
    day: 2,
    month: 1,
    year: 3,
  },
]

function realDay(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return date.toISOString().slice(0, 10)
}

/**
 * The full dates in a text that could be a birth date: real calendar days from 1900 up to
 * `today` (a day still to come is nobody's birthday). Two-digit years are read as the latest
 * such year (85 → 1985, 12 → 2012). Answers the dates as written.
 */
export function possibleBirthDates(text: string, today: string): string[] {
  const found: string[] = []
  const currentYear = Number(today.slice(0, 4))
  for (const { pattern, day, month, year } of patterns) {
    for (const match of text.matchAll(pattern)) {
      const monthText = (match[month] as string).toLowerCase().replace(/\.$/, '')
      const monthNumber = /^\d+$/.test(monthText) ? Number(monthText) : months[monthText]
      let yearNumber = Number(match[year])
      if ((match[year] as string).length === 2) {
        yearNumber += 2000
        if (yearNumber > currentYear) yearNumber -= 100
      }
      const iso = monthNumber ? realDay(yearNumber, monthNumber, Number(match[day])) : null
      if (iso && yearNumber >= 1900 && iso <= today) found.push(match[0].trim())
    }
  }
  return [...new Set(found)]
}

/**
 * Refuses (400, a field error on each text field concerned) a text with names of persons of the
 * district or a possible birth date; the detail names the words, which the writer typed.
 */
export async function assertNoPersonalData(
  db: Kysely<DB>,
  districtId: string,
  fields: Record<string, string>,
  today: string,
): Promise<void> {
  const problems: FieldProblem[] = []
  const named: string[] = []
  for (const [field, text] of Object.entries(fields)) {
    const names = await personNamesInText(db, districtId, text)
    const dates = possibleBirthDates(text, today)
    if (names.length > 0) problems.push({ field, message: 'obstacle-contains-name' })
    if (dates.length > 0) problems.push({ field, message: 'obstacle-contains-date' })
    named.push(...names, ...dates)
  }
  if (problems.length === 0) return
  throw new DomainError(
    'obstacle-personal-data',
    'invalid',
    `Personal data: ${[...new Set(named)].map((word) => `"${word}"`).join(', ')}`,
    problems,
  )
}
