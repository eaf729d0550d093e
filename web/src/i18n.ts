import i18next, { type ResourceKey } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { displayTimeZone } from './district-time.ts'
import de from './locales/de/app.json'
import type { FeatureTexts } from './locales/feature-texts.ts'

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

// The app's texts and the features' (locales/feature-texts.ts), fetched in the language in use.
const files = import.meta.glob<{ default: ResourceKey }>(['./locales/*/*.json', '!./locales/de/app.json'])

/** What has been merged per language, so that each file is fetched once. */
const merged = new Map<string, Promise<void>>()
/** The features whose texts a page has asked for; a language switch fetches them in the new language. */
const wanted = new Set<FeatureTexts>()

function merge(language: Language, name: 'app' | FeatureTexts): Promise<void> {
  if (language === 'de' && name === 'app') return Promise.resolve()
  const key = `${language}/${name}`
  let done = merged.get(key)
  if (!done) {
    const load = files[`./locales/${key}.json`]
    if (!load) throw new Error(`no texts ${key}`)
    done = load().then(({ default: texts }) => {
      i18next.addResourceBundle(language, 'translation', texts, true, true)
    })
    // A failed fetch (offline for a moment) is tried again the next time a page asks.
    done.catch(() => merged.delete(key))
    merged.set(key, done)
  }
  return done
}

async function loadResources(language: Language): Promise<void> {
  // Only the chosen language: both have the same keys (locales.test.ts), so the German fallback
  // is not needed for a feature's texts.
  await Promise.all((['app', ...wanted] as const).map((name) => merge(language, name)))
}

/** Fetches feature texts in the current language. */
export async function loadTexts(names: readonly FeatureTexts[]): Promise<void> {
  for (const name of names) wanted.add(name)
  await loadResources(i18next.language === 'en' ? 'en' : 'de')
}

/**
 * A lazy page's module together with its texts, for `lazyRouteComponent` and `lazy`: the page
 * renders only when its texts are there, so it never shows raw keys.
 */
export async function withTexts<T>(page: Promise<T>, names: readonly FeatureTexts[]): Promise<T> {
  const [module] = await Promise.all([page, loadTexts(names)])
  return module
}

async function switchTo(language: Language): Promise<void> {
  await loadResources(language)
  await i18next.changeLanguage(language)
  document.documentElement.lang = language
  // A page asked for texts while the old language was still on: fetch them in the new one too.
  await loadResources(language)
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
