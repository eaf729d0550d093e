import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { displayTimeZone } from './district-time.ts'
import de from './locales/de.json'
import en from './locales/en.json'

export const languages = ['de', 'en'] as const
export type Language = (typeof languages)[number]

const storageKey = 'lotse.language'

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(storageKey)
  return stored === 'en' ? 'en' : 'de'
}

// Resources are bundled, so initialisation completes synchronously.
void i18next.use(initReactI18next).init({
  initAsync: false,
  resources: { de: { translation: de }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'de',
  interpolation: { escapeValue: false },
})
document.documentElement.lang = i18next.language

export async function changeLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language)
  localStorage.setItem(storageKey, language)
  document.documentElement.lang = language
}

const locale = (language: string) => (language === 'en' ? 'en-GB' : 'de-DE')
const day = { day: '2-digit', month: '2-digit', year: 'numeric' } as const

/** German formats: dates TT.MM.JJJJ, decimal comma. English users get the same in their locale. */
/** An instant's day, in the district's time zone (so 00:30 in Berlin is not shown as yesterday). */
export function formatDate(value: string | Date, language: string): string {
  return new Intl.DateTimeFormat(locale(language), { ...day, timeZone: displayTimeZone() }).format(
    new Date(value),
  )
}

export function formatDateTime(value: string | Date, language: string): string {
  return new Intl.DateTimeFormat(locale(language), {
    ...day,
    hour: '2-digit',
    minute: '2-digit',
    timeZone: displayTimeZone(),
  }).format(new Date(value))
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(locale(language)).format(value)
}

export default i18next
