import { displayTimeZone } from '../../district-time.ts'

/** Formatting of the network's pages: days as TT.MM.JJJJ, language names in the user's language. */

const dayFormats = new Map<string, Intl.DateTimeFormat>()

/** A calendar day (YYYY-MM-DD) as the user reads it; no time zone is involved. */
export function formatDay(day: string, language: string): string {
  const key = language === 'en' ? 'en-GB' : 'de-DE'
  let format = dayFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(key, {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: 'UTC',
    })
    dayFormats.set(key, format)
  }
  return format.format(new Date(`${day}T00:00:00Z`))
}

/** An instant as a day in the district's time zone. */
export function formatInstantDay(instant: string, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'de-DE', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone,
  }).format(new Date(instant))
}

/**
 * The day something was recorded (an instant), as the district counts days: a consent recorded at
 * 00:30 in Siegburg was recorded that day, not the day before as its UTC date would say.
 */
export function recordedDay(instant: string, language: string): string {
  return formatInstantDay(instant, language, displayTimeZone())
}

/** The name of a language (ISO 639 code) in the user's language, or the code if none is known. */
export function languageName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language === 'en' ? 'en' : 'de'], { type: 'language' }).of(code) ?? code
  } catch {
    return code
  }
}

/** Languages offered in the service form: the ones clients of KIM speak most, then the rest by name. */
const commonLanguages = [
  'de',
  'en',
  'ar',
  'fa',
  'uk',
  'ru',
  'tr',
  'ti',
  'ku',
  'ps',
  'so',
  'fr',
  'sq',
  'ro',
  'pl',
  'bg',
]

export function languageOptions(language: string) {
  return commonLanguages
    .map((code) => ({ value: code, label: languageName(code, language) }))
    .sort((a, b) => a.label.localeCompare(b.label, language))
}
