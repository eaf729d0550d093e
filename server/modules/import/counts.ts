import { createHash } from 'node:crypto'
import { type LifeDomain, lifeDomainNames, lifeDomains } from '../../../common/casework-values.ts'
import {
  type AnyImportField,
  type CountImportField,
  countValueFields,
  type ImportProblem,
} from '../../../common/import.ts'
import type { Cell } from './read-file.ts'
import { cellReader, headerKey, municipalityKey, parseDay } from './values.ts'

/**
 * The values of a row of monthly counts (decision 0027): a month in the spellings offices use, a
 * municipality, optionally a team and a life domain, and up to five counts. Pure functions; the
 * service brings the district's municipalities, teams and its current month.
 */

const monthNames: Record<string, number> = {
  jan: 1,
  januar: 1,
  january: 1,
  jaenner: 1,
  feb: 2,
  februar: 2,
  february: 2,
  mae: 3,
  maer: 3,
  maerz: 3,
  mrz: 3,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  mai: 5,
  may: 5,
  jun: 6,
  juni: 6,
  june: 6,
  jul: 7,
  juli: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  okt: 10,
  oktober: 10,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dez: 12,
  dezember: 12,
  dec: 12,
  december: 12,
}

export type MonthResult = { value: string } | { problem: string }

const monthOf = (year: number, month: number): MonthResult =>
  month < 1 || month > 12
    ? { problem: 'month-impossible' }
    : { value: `${year}-${String(month).padStart(2, '0')}-01` }

/**
 * A month from a cell, as its first day: "Jan 2024", "Januar 2024", "01.2024", "1/2024",
 * "2024-01", a day of the month (TT.MM.JJJJ, ISO, an Excel date cell) or an Excel serial number.
 * Two-digit years are refused, as for dates.
 */
export function parseMonth(raw: string): MonthResult {
  const text = raw.replace(/\s+/g, ' ').trim()
  let match = /^(\d{1,2})\s*[./]\s*(\d{4})$/.exec(text)
  if (match) return monthOf(Number(match[2]), Number(match[1]))
  match = /^(\d{4})\s*[-/.]\s*(\d{1,2})$/.exec(text)
  if (match) return monthOf(Number(match[1]), Number(match[2]))
  match = /^([A-Za-zÄÖÜäöüß]+)\.?\s*[-/ ]?\s*'?(\d{2}|\d{4})$/.exec(text)
  if (match) {
    const month = monthNames[headerKey(match[1] as string)]
    if (month === undefined) return { problem: 'month-malformed' }
    if ((match[2] as string).length === 2) return { problem: 'date-two-digit-year' }
    return monthOf(Number(match[2]), month)
  }
  if (/^\d{1,2}[./]\d{2}$/.test(text)) return { problem: 'date-two-digit-year' }
  const day = parseDay(text, { partial: false })
  if ('value' in day) return { value: `${day.value.slice(0, 7)}-01` }
  if (day.problem === 'date-malformed') return { problem: 'month-malformed' }
  return day
}

export type CountResult = { value: number | null } | { problem: string }

/** A count: a whole number ≥ 0, German thousands dots allowed ("1.234"), "12,0" as 12; empty is unknown. */
export function parseCount(raw: string): CountResult {
  const text = raw.replace(/\s+/g, '').trim()
  if (text === '') return { value: null }
  if (/^-\d/.test(text)) return { problem: 'count-negative' }
  let digits: string | null = null
  if (/^\d{1,3}(\.\d{3})+$/.test(text)) digits = text.replace(/\./g, '')
  else if (/^\d+([.,]0+)?$/.test(text)) digits = text.replace(/[.,]0+$/, '')
  if (digits === null) return { problem: 'count-not-whole' }
  const value = Number(digits)
  if (!Number.isSafeInteger(value) || value > 10_000_000) return { problem: 'count-not-whole' }
  return { value }
}

/** A life domain by its key or its German or English name ("Gesundheit", "health"). */
const domainKeys = new Map<string, LifeDomain>(
  lifeDomains.flatMap((domain) => [
    [headerKey(domain), domain] as const,
    [headerKey(lifeDomainNames.de[domain]), domain] as const,
    [headerKey(lifeDomainNames.en[domain]), domain] as const,
  ]),
)

export type CountValues = {
  month: string
  municipalityId: string
  teamId: string | null
  domain: LifeDomain | null
  contacts: number | null
  persons: number | null
  shortConsultations: number | null
  casesNew: number | null
  casesClosed: number | null
}

export type CheckedCountRow = {
  problems: ImportProblem[]
  values: CountValues | null
  /** The tally's key (month, municipality, team, domain): one tally per key. */
  fingerprint: string | null
}

export type CountFacts = {
  municipalities: ReadonlyMap<string, string>
  /** Team names folded by headerKey → id. */
  teams: ReadonlyMap<string, string>
  /** The first day of the district's current month: counts are for complete months before it. */
  currentMonth: string
}

/** Earliest month accepted: the KIM programme began in 2020; older counts are no "history before Lotse" of it. */
export const earliestMonth = '2000-01-01'

/** Checks one row of monthly counts; every problem of every cell is named. */
export function checkCountRow(
  cells: readonly Cell[],
  mapping: Readonly<Record<string, AnyImportField>>,
  facts: CountFacts,
): CheckedCountRow {
  const problems: ImportProblem[] = []
  const text: (field: CountImportField) => { column: number | null; value: string } = cellReader(
    cells,
    mapping,
    problems,
  )
  const problem = (column: number | null, field: CountImportField, code: string) => {
    if (!problems.some((p) => p.field === field)) problems.push({ column, field, code })
  }

  const monthCell = text('month')
  let month = ''
  if (monthCell.value === '') problem(monthCell.column, 'month', 'required')
  else {
    const parsed = parseMonth(monthCell.value)
    if ('problem' in parsed) problem(monthCell.column, 'month', parsed.problem)
    else if (parsed.value < earliestMonth) problem(monthCell.column, 'month', 'date-too-early')
    else if (parsed.value >= facts.currentMonth) problem(monthCell.column, 'month', 'month-not-complete')
    else month = parsed.value
  }

  const place = text('municipality')
  let municipalityId = ''
  if (place.value === '') problem(place.column, 'municipality', 'required')
  else {
    const found = facts.municipalities.get(municipalityKey(place.value))
    if (found) municipalityId = found
    else problem(place.column, 'municipality', 'municipality-unknown')
  }

  const teamCell = text('team')
  let teamId: string | null = null
  if (teamCell.value !== '') {
    teamId = facts.teams.get(headerKey(teamCell.value)) ?? null
    if (!teamId) problem(teamCell.column, 'team', 'team-unknown')
  }

  const domainCell = text('domain')
  let domain: LifeDomain | null = null
  if (domainCell.value !== '') {
    domain = domainKeys.get(headerKey(domainCell.value)) ?? null
    if (!domain) problem(domainCell.column, 'domain', 'domain-unknown')
  }

  const counts = {} as Record<(typeof countValueFields)[number], number | null>
  for (const field of countValueFields) {
    const cell = text(field)
    const parsed = parseCount(cell.value)
    if ('problem' in parsed) {
      problem(cell.column, field, parsed.problem)
      counts[field] = null
    } else counts[field] = parsed.value
  }
  if (
    !problems.some((p) => (countValueFields as readonly string[]).includes(p.field ?? '')) &&
    countValueFields.every((field) => counts[field] === null)
  )
    problems.push({ column: null, field: null, code: 'counts-empty' })

  if (problems.length > 0) return { problems, values: null, fingerprint: null }
  const values: CountValues = { month, municipalityId, teamId, domain, ...counts }
  return { problems, values, fingerprint: tallyKey(values) }
}

/** The tally's key as a hash: the same month, municipality, team and domain is the same tally. */
export function tallyKey(values: {
  month: string
  municipalityId: string
  teamId: string | null
  domain: string | null
}): string {
  return createHash('sha256')
    .update([values.month, values.municipalityId, values.teamId ?? '', values.domain ?? ''].join('\u001f'))
    .digest('hex')
}

/** Whether two tallies of the same key hold the same counts. */
export const sameCounts = (
  a: Pick<CountValues, (typeof countValueFields)[number]>,
  b: Pick<CountValues, (typeof countValueFields)[number]>,
) => countValueFields.every((field) => a[field] === b[field])
