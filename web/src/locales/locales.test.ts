import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { featureTexts } from './feature-texts.ts'

type Texts = { [key: string]: string | Texts }
const directory = import.meta.dirname
const read = (language: string, name: string) =>
  JSON.parse(readFileSync(path.join(directory, language, `${name}.json`), 'utf8')) as Texts

const keys = (texts: Texts, prefix = ''): string[] =>
  Object.entries(texts).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  )

const names = ['app', ...featureTexts]

describe('the text files', () => {
  it('are the app and the listed features, in German and English', () => {
    for (const language of ['de', 'en']) {
      const files = readdirSync(path.join(directory, language)).map((file) => file.replace(/\.json$/, ''))
      expect(files.sort(), language).toEqual([...names].sort())
    }
  })

  // Only the language in use is fetched, so a key missing in English would show as the bare key.
  it.each(names)('%s has the same keys in German and English', (name) => {
    expect(keys(read('en', name)).sort()).toEqual(keys(read('de', name)).sort())
  })

  // The files merge into one tree; a key in two files would silently win or lose.
  it('hold each key in one file only', () => {
    const all = names.flatMap((name) => keys(read('de', name)))
    expect(all.filter((key, index) => all.indexOf(key) !== index)).toEqual([])
  })
})
