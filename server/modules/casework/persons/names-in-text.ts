import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.ts'
import { nameField, soundOf, soundSimilarity, spellingKey, wordCodes } from '../matching/index.ts'
import { selectPersonNamesByCodes } from './person.queries.ts'

/**
 * Which words of a free text are names of persons of the district, for texts that must hold no
 * personal data (structural obstacles). It answers with words of the text only, never with a
 * person: the caller learns what to rephrase, not who is a client.
 *
 * A word counts when it is
 * - a given name next to a family name of the same person (either order: "Olena Schewtschenko",
 *   "Kaya, Ayşe"), or
 * - a whole family name on its own ("Frau Öztürk"; a family name of several words only with all
 *   of them, so "Berg" alone is not "van den Berg").
 * A given name alone is not refused: Maria or Ali names nobody.
 *
 * Spellings agree as the duplicate matcher folds them (Öztürk = Oeztuerk = Ozturk, Шевченко =
 * Shevchenko) or when they sound alike (Schewtschenko); short tokens must be spelled alike.
 */

type Word = { text: string; tokens: string[] }
type PersonNames = { family: string[][]; given: Set<string>[]; any: string[] }

// Capitalised words (names are, in German and English) and words of scripts without case.
const candidateWord = /[\p{Lu}\p{Lo}][\p{L}\p{M}'’ʼ-]*/gu
const soundAlike = 0.93
const shortToken = 4

function wordsOf(text: string): Word[] {
  const words: Word[] = []
  for (const match of text.matchAll(candidateWord)) {
    const raw = match[0].replace(/[-'’ʼ]+$/, '')
    const tokens = nameField(raw, 'family').tokens.flatMap((token) => [token.text, ...token.alternatives])
    if (tokens.length > 0) words.push({ text: raw, tokens })
  }
  return words
}

function sameName(a: string, b: string, sounds: Map<string, ReturnType<typeof soundOf>>): boolean {
  if (spellingKey(a) === spellingKey(b)) return true
  if (a.length < shortToken || b.length < shortToken) return false
  const sound = (token: string) => {
    const known = sounds.get(token) ?? soundOf(token)
    sounds.set(token, known)
    return known
  }
  return soundSimilarity(sound(a), sound(b)) >= soundAlike
}

const tokensOf = (name: string, role: 'family' | 'given') =>
  nameField(name, role).tokens.map((token) => token.text)

function namesOf(row: {
  family_name: string
  given_names: string
  birth_name: string | null
  other_spellings: string[]
  name_in_original_script: string | null
}): PersonNames {
  const family = [tokensOf(row.family_name, 'family')]
  if (row.birth_name) family.push(tokensOf(row.birth_name, 'family'))
  const given = [new Set(tokensOf(row.given_names, 'given'))]
  const any: string[] = []
  for (const spelling of row.other_spellings) {
    const comma = spelling.indexOf(',')
    if (comma >= 0) {
      family.push(tokensOf(spelling.slice(0, comma), 'family'))
      given.push(new Set(tokensOf(spelling.slice(comma + 1), 'given')))
    } else any.push(...tokensOf(spelling, 'family'))
  }
  if (row.name_in_original_script) any.push(...tokensOf(row.name_in_original_script, 'family'))
  return { family: family.filter((tokens) => tokens.length > 0), given, any }
}

/** Indexes of the words that are this person's name, by the rules above. */
function hitsOf(
  words: Word[],
  person: PersonNames,
  sounds: Map<string, ReturnType<typeof soundOf>>,
): number[] {
  const matches = (word: Word, token: string) =>
    word.tokens.some((candidate) => sameName(candidate, token, sounds))
  const hits = new Set<number>()
  const familyTokens = [...person.family.flat(), ...person.any]
  const givenTokens = [...person.given.flatMap((set) => [...set]), ...person.any]
  const isFamily = (index: number) =>
    words[index] !== undefined && familyTokens.some((token) => matches(words[index] as Word, token))
  const isGiven = (index: number) =>
    words[index] !== undefined && givenTokens.some((token) => matches(words[index] as Word, token))
  for (let index = 0; index < words.length; index++) {
    // A whole family name, its words in a row.
    for (const name of person.family) {
      if (
        name.every((token, offset) => words[index + offset] && matches(words[index + offset] as Word, token))
      ) {
        for (let offset = 0; offset < name.length; offset++) hits.add(index + offset)
      }
    }
    // A given name beside a family name.
    if (isGiven(index) && (isFamily(index + 1) || isFamily(index - 1))) {
      hits.add(index)
      hits.add(isFamily(index + 1) ? index + 1 : index - 1)
    }
  }
  return [...hits]
}

/**
 * The words of `text` that are names of persons in the district, in the order they appear and
 * each once. Empty when there are none.
 */
export async function personNamesInText(db: Kysely<DB>, districtId: string, text: string): Promise<string[]> {
  const words = wordsOf(text)
  if (words.length === 0) return []
  const codes = new Set(words.flatMap((word) => wordCodes(word.text)))
  if (codes.size === 0) return []
  const rows = await selectPersonNamesByCodes(db, districtId, [...codes])
  const hits = new Set<number>()
  const sounds = new Map<string, ReturnType<typeof soundOf>>()
  for (const row of rows) for (const index of hitsOf(words, namesOf(row), sounds)) hits.add(index)
  return [...new Set([...hits].sort((a, b) => a - b).map((index) => (words[index] as Word).text))]
}
