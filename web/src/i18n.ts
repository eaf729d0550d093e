import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { displayTimeZone } from './district-time.ts'
import de from './locales/de.json'

export const languages = ['de', 'en'] as const
export type Language = (typeof languages)[number]

const storageKey = 'lotse.language'

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(storageKey)
  return stored === 'en' ? 'en' : 'de'
}

// German, the first language and the fallback, comes with the app and initialises synchronously;
// English is a chunk of its own, fetched when it is chosen or was chosen before, so that the
// sign-in page does not carry both.
void i18next.use(initReactI18next).init({
  initAsync: false,
  resources: { de: { translation: de } },
  lng: 'de',
  fallbackLng: 'de',
  interpolation: { escapeValue: false },
})
document.documentElement.lang = i18next.language

async function loadResources(language: Language): Promise<void> {
  if (language === 'en' && !i18next.hasResourceBundle('en', 'translation')) {
    const { default: en } = await import('./locales/en.json')
    i18next.addResourceBundle('en', 'translation', en)
  }
}

async function switchTo(language: Language): Promise<void> {
  await loadResources(language)
  await i18next.changeLanguage(language)
  document.documentElement.lang = language
}

/** Settles when the remembered language is ready; main.tsx renders after it, in German if it fails. */
export const languageReady: Promise<void> = initialLanguage() === 'de' ? Promise.resolve() : switchTo('en')

export async function changeLanguage(language: Language): Promise<void> {
  await switchTo(language)
  localStorage.setItem(storageKey, language)
}

const locale = (language: string) => (language === 'en' ? 'en-GB' : 'de-DE')
const day = { day: '2-digit', month: '2-digit', year: 'numeric' } as const

// German formats: dates TT.MM.JJJJ, decimal comma. English users get the same in their locale.

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
