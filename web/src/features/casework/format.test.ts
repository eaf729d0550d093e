import { afterEach, describe, expect, it, vi } from 'vitest'
import { languageName, languageOptions } from './format.ts'

/** Intl as in Chrome, whose trimmed ICU data names neither Fula nor Romani. */
function likeChrome() {
  const Original = Intl.DisplayNames
  class ChromeDisplayNames extends Original {
    override of(code: string): string | undefined {
      return code === 'ff' || code === 'rom' ? undefined : super.of(code)
    }
  }
  vi.stubGlobal('Intl', { ...Intl, DisplayNames: ChromeDisplayNames })
}

describe('language names in a browser without them', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('names Fula and Romani in contacts instead of showing the bare code', () => {
    likeChrome()
    expect(languageName('ff', 'de')).toBe('Ful')
    expect(languageName('ff', 'en')).toBe('Fula')
    expect(languageName('rom', 'de')).toBe('Romani')
    expect(languageName('ps', 'de')).toBe('Paschtu')
  })

  it('offers Fula and Romani in the language picker', () => {
    likeChrome()
    const codes = languageOptions('de').map((option) => option.value)
    expect(codes).toContain('ff')
    expect(codes).toContain('rom')
  })
})
