import { formatPartialDateDe, formatPartialDateEn } from '../../../../common/partial-date.ts'
import { districtTimeNow, districtToday } from '../../district-time.ts'

/** Display helpers of case work: partial birth dates, calendar days, names, countries, languages. */

const locale = (language: string) => (language === 'en' ? 'en-GB' : 'de-DE')

/** A date of birth that may be partial, as German (`03.1988`) or English (`March 1988`) readers expect it. */
export function formatBirthDate(value: string, language: string): string {
  return language === 'en' ? formatPartialDateEn(value) : formatPartialDateDe(value)
}

/** A calendar day (`YYYY-MM-DD`) without a time zone shift: it is a day, not an instant. */
export function formatDay(value: string | null | undefined, language: string): string {
  if (!value) return '–'
  const [year, month, day] = value.slice(0, 10).split('-').map(Number)
  if (!year || !month || !day) return value
  return new Intl.DateTimeFormat(locale(language), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, day)))
}

/** Today as the district's calendar day `YYYY-MM-DD` (not UTC: just after midnight is already today). */
export function todayIso(offsetDays = 0): string {
  return districtToday(offsetDays)
}

/** The district's time now as `HH:MM`. */
export function nowTime(): string {
  return districtTimeNow()
}

/** Family name first, as files and lists sort them: "Yılmaz, Ayşe". */
export function personName(person: { familyName: string; givenNames: string }): string {
  return `${person.familyName}, ${person.givenNames}`
}

export function formatFileSize(bytes: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${new Intl.NumberFormat(locale(language), { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`
}

export function formatPercent(share: number, language: string): string {
  return new Intl.NumberFormat(locale(language), { style: 'percent', maximumFractionDigits: 0 }).format(share)
}

// Region codes that are no country anyone holds a passport of (continents, unions, pseudo-regions).
const notCountries = new Set(['AC', 'CP', 'DG', 'EA', 'EU', 'EZ', 'IC', 'QO', 'TA', 'UN', 'XA', 'XB', 'ZZ'])
// Languages without an ISO 639-1 code that counselling often needs.
const extraLanguages = ['prs', 'ckb', 'rom']
/**
 * Names of languages that Chrome's trimmed ICU data does not know (Node's and Firefox's do), with
 * CLDR's wording: without them Chrome lists neither in the picker and shows a bare "ff" in contacts.
 */
const missingInChrome: Record<string, { de: string; en: string }> = {
  ff: { de: 'Ful', en: 'Fula' },
  rom: { de: 'Romani', en: 'Romany' },
}

function nameOfLanguage(names: Intl.DisplayNames, code: string, language: string): string | undefined {
  const own = missingInChrome[code]
  return names.of(code) ?? (own && (language === 'en' ? own.en : own.de))
}

type Option = { value: string; label: string }
const optionCache = new Map<string, Option[]>()

function twoLetterCodes(upper: boolean): string[] {
  const codes: string[] = []
  const base = upper ? 65 : 97
  for (let first = 0; first < 26; first++) {
    for (let second = 0; second < 26; second++) codes.push(String.fromCharCode(base + first, base + second))
  }
  return codes
}

function displayNames(language: string, type: 'region' | 'language') {
  return new Intl.DisplayNames([locale(language)], { type, fallback: 'none' })
}

/** Every country the browser knows a name for, named and sorted in the user's language. */
export function countryOptions(language: string): Option[] {
  const key = `region:${language}`
  const cached = optionCache.get(key)
  if (cached) return cached
  const names = displayNames(language, 'region')
  const options = twoLetterCodes(true)
    .filter((code) => !notCountries.has(code))
    .flatMap((code) => {
      const label = names.of(code)
      return label ? [{ value: code, label }] : []
    })
    .sort((a, b) => a.label.localeCompare(b.label, locale(language)))
  optionCache.set(key, options)
  return options
}

/** ISO 639 languages with a name in the user's language, sorted; names that repeat keep one code. */
export function languageOptions(language: string): Option[] {
  const key = `language:${language}`
  const cached = optionCache.get(key)
  if (cached) return cached
  const names = displayNames(language, 'language')
  const seen = new Set<string>()
  const options = [...twoLetterCodes(false), ...extraLanguages]
    .flatMap((code) => {
      const label = nameOfLanguage(names, code, language)
      if (!label || label === code || seen.has(label)) return []
      seen.add(label)
      return [{ value: code, label }]
    })
    .sort((a, b) => a.label.localeCompare(b.label, locale(language)))
  optionCache.set(key, options)
  return options
}

export function countryName(code: string, language: string): string {
  try {
    return displayNames(language, 'region').of(code) ?? code
  } catch {
    return code
  }
}

export function languageName(code: string, language: string): string {
  try {
    return nameOfLanguage(displayNames(language, 'language'), code, language) ?? code
  } catch {
    return code
  }
}

/**
 * A partial date written out, so that the user sees how a typed date was read: "14. März 1988",
 * "März 1988", or only the year (the caller says so in words).
 */
export function describePartialDate(iso: string, language: string): { text: string; yearOnly: boolean } {
  const [year, month, day] = iso.split('-').map(Number)
  if (!year) return { text: iso, yearOnly: false }
  if (!month) return { text: String(year), yearOnly: true }
  const date = new Date(Date.UTC(year, month - 1, day ?? 1))
  const options: Intl.DateTimeFormatOptions = day
    ? { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }
    : { month: 'long', year: 'numeric', timeZone: 'UTC' }
  return { text: new Intl.DateTimeFormat(locale(language), options).format(date), yearOnly: false }
}
