import { createHash } from 'node:crypto'
import {
  type AnyImportField,
  countImportFields,
  type ImportField,
  type ImportKind,
  type ImportProblem,
  importFields,
} from '../../../common/import.ts'
import { personNameSchema } from '../../../common/names.ts'
import { minimumBirthYear } from '../../../common/partial-date.ts'
import type { Cell } from './read-file.ts'

/**
 * The values of a spreadsheet row as case work needs them: header names to fields, German dates
 * and Excel serial numbers to ISO days, municipality spellings to the district's municipalities,
 * and the row's fingerprint. Pure functions; the service brings the district's facts.
 */

/** A header as compared: lower case, umlauts and ß spelt out, only letters and digits. */
export function headerKey(header: string): string {
  return header
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 200)
}

/** Header names German offices use, by field (as headerKey gives them). */
const headerSynonyms: Record<ImportField, readonly string[]> = {
  familyName: [
    'nachname',
    'familienname',
    'name',
    'zuname',
    'surname',
    'lastname',
    'familyname',
    'nachnamen',
  ],
  givenNames: [
    'vorname',
    'vornamen',
    'vorname(n)',
    'rufname',
    'firstname',
    'givenname',
    'givennames',
    'forename',
  ],
  birthDate: [
    'geburtsdatum',
    'geburtstag',
    'gebdatum',
    'geb',
    'geboren',
    'geburtsdat',
    'dateofbirth',
    'birthdate',
    'dob',
  ],
  sex: ['geschlecht', 'sex', 'gender', 'mw', 'mwd'],
  municipality: [
    'wohnort',
    'kommune',
    'gemeinde',
    'stadt',
    'ort',
    'stadtgemeinde',
    'wohngemeinde',
    'municipality',
    'city',
    'wohnortkommune',
  ],
  openedOn: [
    'fallbeginn',
    'aufnahme',
    'aufnahmedatum',
    'aufnahmeam',
    'beginn',
    'fallbeginnam',
    'fallaufnahme',
    'startdatum',
    'erstgespraech',
    'erstkontakt',
    'beratungsbeginn',
    'openedon',
    'casestart',
    'start',
  ],
}
/** Header names of the monthly counts offices keep (decision 0027). */
const countHeaderSynonyms: Record<(typeof countImportFields)[number], readonly string[]> = {
  month: ['monat', 'berichtsmonat', 'zeitraum', 'monatjahr', 'datum', 'month', 'period'],
  municipality: headerSynonyms.municipality,
  team: ['team', 'beratungsteam', 'standort', 'dienststelle'],
  domain: ['handlungsfeld', 'lebensbereich', 'themenfeld', 'thema', 'bereich', 'domain', 'lifedomain'],
  contacts: [
    'beratungskontakte',
    'kontakte',
    'anzahlkontakte',
    'beratungen',
    'anzahlberatungen',
    'contacts',
    'counsellingcontacts',
  ],
  persons: [
    'beratenepersonen',
    'personen',
    'ratsuchende',
    'anzahlpersonen',
    'klienten',
    'persons',
    'personscounselled',
  ],
  shortConsultations: ['kurzberatungen', 'kurzberatung', 'kurzkontakte', 'shortconsultations'],
  casesNew: ['neuefaelle', 'neuaufnahmen', 'fallaufnahmen', 'neuerfaelle', 'newcases', 'casesnew'],
  casesClosed: [
    'abgeschlossenefaelle',
    'fallabschluesse',
    'abschluesse',
    'beendetefaelle',
    'closedcases',
    'casesclosed',
  ],
}

const synonymsOf = (synonyms: Record<string, readonly string[]>) =>
  new Map<string, AnyImportField>(
    Object.entries(synonyms).flatMap(([field, keys]) =>
      keys.map((key) => [headerKey(key), field as AnyImportField] as const),
    ),
  )
const synonymFields: Record<ImportKind, Map<string, AnyImportField>> = {
  cases: synonymsOf(headerSynonyms),
  counts: synonymsOf(countHeaderSynonyms),
}
const kindFields: Record<ImportKind, ReadonlySet<string>> = {
  cases: new Set(importFields),
  counts: new Set(countImportFields),
}

/**
 * A mapping suggested from header names: the district's saved choices first, then the known
 * German and English names. A field is suggested for the first column only.
 */
export function suggestMapping(
  headers: readonly string[],
  saved: ReadonlyMap<string, string>,
  kind: ImportKind = 'cases',
): Record<string, AnyImportField> {
  const mapping: Record<string, AnyImportField> = {}
  const taken = new Set<string>()
  headers.forEach((header, index) => {
    const key = headerKey(header)
    if (!key) return
    const remembered = saved.get(key)
    const field =
      (remembered && kindFields[kind].has(remembered) ? (remembered as AnyImportField) : undefined) ??
      synonymFields[kind].get(key)
    if (!field || taken.has(field)) return
    taken.add(field)
    mapping[String(index)] = field
  })
  return mapping
}

/** How many of a row's cells read as known header names (finds the header under a merged title row). */
export function headerScore(
  cells: readonly Cell[],
  saved: ReadonlyMap<string, string>,
  kind: ImportKind = 'cases',
): number {
  return cells.filter((cell) => {
    if (typeof cell !== 'string') return false
    const key = headerKey(cell)
    const remembered = saved.get(key)
    return (
      key !== '' &&
      ((remembered !== undefined && kindFields[kind].has(remembered)) || synonymFields[kind].has(key))
    )
  }).length
}

export const isEmptyRow = (cells: readonly Cell[]) =>
  cells.every((cell) => typeof cell === 'string' && cell.trim() === '')

const pad = (value: number) => String(value).padStart(2, '0')

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return day <= last
}

export type DateResult = { value: string } | { problem: string }

/** Excel counts days from 30 December 1899 (its 1900 leap-year bug included). */
function fromSerial(serial: number): string {
  const date = new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000)
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
}

/**
 * A day from a cell: TT.MM.JJJJ (also T.M.JJJJ), ISO, an Excel serial number; with `partial`, also
 * MM.JJJJ and JJJJ (birth dates often known only so far). Two-digit years are refused: 01.02.03
 * could be any century.
 */
export function parseDay(raw: string, options: { partial: boolean }): DateResult {
  const text = raw.trim()
  let match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text)
  if (match) return checkedDay(Number(match[3]), Number(match[2]), Number(match[1]))
  match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (match) return checkedDay(Number(match[1]), Number(match[2]), Number(match[3]))
  if (/^\d{1,2}\.\d{1,2}\.\d{2}$/.test(text)) return { problem: 'date-two-digit-year' }
  if (/^\d{5}(\.0+)?$/.test(text)) {
    const serial = Number(text)
    if (serial < 1 || serial > 80_000) return { problem: 'date-malformed' }
    return { value: fromSerial(serial) }
  }
  if (options.partial) {
    match = /^(\d{1,2})\.(\d{4})$/.exec(text) ?? /^(\d{4})-(\d{2})$/.exec(text)
    if (match) {
      const [year, month] = text.includes('.')
        ? [Number(match[2]), Number(match[1])]
        : [Number(match[1]), Number(match[2])]
      if (month < 1 || month > 12) return { problem: 'date-impossible' }
      return { value: `${year}-${pad(month)}` }
    }
    if (/^\d{4}$/.test(text)) return { value: text }
  }
  return { problem: 'date-malformed' }
}

function checkedDay(year: number, month: number, day: number): DateResult {
  if (!validDay(year, month, day)) return { problem: 'date-impossible' }
  return { value: `${year}-${pad(month)}-${pad(day)}` }
}

/** A municipality's name as compared: Sankt and St. alike, umlauts, hyphens and spaces folded. */
export function municipalityKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\bsankt\b|\bst\b\.?/g, 'st ')
    .replace(/\b(stadt|gemeinde)\b/g, ' ')
    .replace(/[^a-z0-9]+/g, '')
}

const sexValues: Record<string, 'female' | 'male' | 'diverse' | 'unknown'> = {
  w: 'female',
  weiblich: 'female',
  f: 'female',
  female: 'female',
  frau: 'female',
  m: 'male',
  maennlich: 'male',
  male: 'male',
  mann: 'male',
  d: 'diverse',
  divers: 'diverse',
  diverse: 'diverse',
  x: 'unknown',
  u: 'unknown',
  unbekannt: 'unknown',
  unknown: 'unknown',
  '': 'unknown',
}

export type CheckedRow = {
  problems: ImportProblem[]
  values: {
    familyName: string
    givenNames: string
    birthDate: string
    sex: 'female' | 'male' | 'diverse' | 'unknown'
    municipalityId: string
    openedOn: string
  } | null
  fingerprint: string | null
}

/**
 * Reads a row's cell by the field it is mapped to, as single-line trimmed text (empty when the
 * field is not mapped). A formula is never evaluated: its cell reads as empty and is named as a
 * `formula` problem in `problems`.
 */
export function cellReader<Field extends AnyImportField>(
  cells: readonly Cell[],
  mapping: Readonly<Record<string, Field>>,
  problems: ImportProblem[],
): (field: Field) => { column: number | null; value: string } {
  const columnOf = new Map<Field, number>()
  for (const [column, field] of Object.entries(mapping)) columnOf.set(field, Number(column))
  return (field) => {
    const column = columnOf.get(field)
    if (column === undefined) return { column: null, value: '' }
    const cell = cells[column] ?? ''
    if (typeof cell !== 'string') {
      problems.push({ column, field, code: 'formula' })
      return { column, value: '' }
    }
    return { column, value: cell.replace(/\s+/g, ' ').trim() }
  }
}

/** Checks one row against the mapping; every problem of every cell is named, not only the first. */
export function checkRow(
  cells: readonly Cell[],
  mapping: Readonly<Record<string, ImportField>>,
  facts: { municipalities: ReadonlyMap<string, string>; today: string },
): CheckedRow {
  const problems: ImportProblem[] = []
  const text = cellReader(cells, mapping, problems)
  const problem = (column: number | null, field: ImportField, code: string) =>
    problems.push({ column, field, code })

  const names = (['familyName', 'givenNames'] as const).map((field) => {
    const { column, value } = text(field)
    if (value === '') {
      if (!problems.some((p) => p.field === field)) problem(column, field, 'required')
      return ''
    }
    const parsed = personNameSchema.safeParse(value)
    if (!parsed.success) {
      problem(column, field, 'name-invalid')
      return ''
    }
    return parsed.data
  })

  const birth = text('birthDate')
  let birthDate = ''
  if (birth.value === '') {
    if (!problems.some((p) => p.field === 'birthDate')) problem(birth.column, 'birthDate', 'required')
  } else {
    const parsed = parseDay(birth.value, { partial: true })
    if ('problem' in parsed) problem(birth.column, 'birthDate', parsed.problem)
    else if (Number(parsed.value.slice(0, 4)) < minimumBirthYear)
      problem(birth.column, 'birthDate', 'date-too-early')
    else if (parsed.value > facts.today) problem(birth.column, 'birthDate', 'date-in-future')
    else birthDate = parsed.value
  }

  const sexCell = text('sex')
  const sex = sexValues[headerKey(sexCell.value)]
  if (sex === undefined) problem(sexCell.column, 'sex', 'sex-unknown-value')

  const place = text('municipality')
  let municipalityId = ''
  if (place.value === '') {
    if (!problems.some((p) => p.field === 'municipality')) problem(place.column, 'municipality', 'required')
  } else {
    const found = facts.municipalities.get(municipalityKey(place.value))
    if (found) municipalityId = found
    else problem(place.column, 'municipality', 'municipality-unknown')
  }

  const opened = text('openedOn')
  let openedOn = facts.today
  if (opened.column !== null) {
    if (opened.value === '') {
      if (!problems.some((p) => p.field === 'openedOn')) problem(opened.column, 'openedOn', 'required')
    } else {
      const parsed = parseDay(opened.value, { partial: false })
      if ('problem' in parsed) problem(opened.column, 'openedOn', parsed.problem)
      else if (parsed.value > facts.today) problem(opened.column, 'openedOn', 'date-in-future')
      else if (birthDate && parsed.value < birthDate)
        problem(opened.column, 'openedOn', 'opened-before-birth')
      else openedOn = parsed.value
    }
  }

  if (problems.length > 0) return { problems, values: null, fingerprint: null }
  const values = {
    familyName: names[0] as string,
    givenNames: names[1] as string,
    birthDate,
    sex: sex ?? 'unknown',
    municipalityId,
    openedOn,
  }
  return { problems, values, fingerprint: fingerprintOf(values) }
}

/**
 * The row's fingerprint: a hash of its normalised values (names folded to lower case and single
 * spaces). The same person with the same case start in the same municipality is the same row,
 * whatever the file's encoding, separator or date format.
 */
export function fingerprintOf(values: NonNullable<CheckedRow['values']>): string {
  const parts = [
    values.familyName.toLowerCase(),
    values.givenNames.toLowerCase(),
    values.birthDate,
    values.municipalityId,
    values.openedOn,
  ]
  return createHash('sha256').update(parts.join('\u001f')).digest('hex')
}
