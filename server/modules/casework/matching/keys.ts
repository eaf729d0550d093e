import { type NameField, nameField } from './normalise.ts'
import { phoneticCodes } from './phonetic.ts'

/**
 * Match keys: the short strings a person is indexed under, so that a query fetches only persons
 * sharing a key. A key is the unordered pair of phonetic codes (phonetic.ts) of one family-name
 * unit and one given-name unit: "GaSN.MuGMD" for Mohammed Al-Hassan, and for Hassan Muhammad
 * with the names swapped. A single common name never makes a key on its own, and no key holds
 * the birth date, which is often partial or a placeholder.
 *
 * A unit is a token, the whole field joined when it has two or three tokens (Nur Mohammad =
 * Nurmohammad), or, for three or more tokens, two neighbours joined (Gebre Mariam Tesfay =
 * Gebremariam Tesfay). Each unit contributes the codes of all its readings and of its
 * article-less forms (Alhassan = Hassan).
 */

/**
 * The version of the rules behind `matchKeys` and `nameCodes` (here, in normalise.ts, phonetic.ts
 * and equivalents.ts). Raise it with every change that changes a key or code: at start-up the
 * server recomputes the stored keys of every person when the database holds another version.
 * 1: issue 6. 2: issue 9 (South Slavic, Albanian, Somali readings; Ukrainian/Russian equivalents;
 * compound split; deletion keys of long given names).
 */
export const matchKeyVersion = 2

const separator = '.'

// Kinship particles (Abu Ahmad, Bin Laden, Ould Abdallah) say nothing about which family it is,
// so they make no unit of their own; the joined form (Abuahmad) and the noun still do.
const particles = new Set(['abu', 'abou', 'abo', 'bin', 'ibn', 'ben', 'bint', 'ould', 'bou'])

// A long name with one consonant left out or added (Chinwendu, Chinwedu; Chimamanda, Chimamada)
// has another code. So the code of a long name also gives its forms with one consonant left out
// (after the first, which carries the vowel class), paired with the other name's whole codes: the
// longer spelling then shares a key with the shorter. Names of four consonants or fewer get none,
// so common names do not multiply their keys. Only for the duplicate check's keys; the one-word
// search keeps whole codes.
const deletionFrom = 5

function deletionCodes(code: string): string[] {
  const consonantAt: number[] = []
  for (let index = 0; index < code.length; index++) {
    const symbol = code[index] as string
    // The leading V (initial vowel) and the lowercase vowel class are no consonants.
    if (symbol !== symbol.toLowerCase() && !(index === 0 && symbol === 'V')) consonantAt.push(index)
  }
  if (consonantAt.length < deletionFrom) return []
  return consonantAt.slice(1).map((at) => `${code.slice(0, at)}${code.slice(at + 1)}`)
}

/** Deletion codes of each written token (not of joined forms or other readings, to keep keys few). */
const deletionsOf = (field: NameField) =>
  field.tokens.map((token) => [...new Set(phoneticCodes(token.text, field.vowelless).flatMap(deletionCodes))])

function unitCodes(field: NameField): string[][] {
  const { tokens } = field
  const units: string[][] = tokens
    .filter((token) => tokens.length === 1 || !particles.has(token.text))
    .map((token) => [token.text, ...token.alternatives, ...(token.equivalents ?? [])])
  if (tokens.length === 2 || tokens.length === 3) units.push([tokens.map((token) => token.text).join('')])
  if (tokens.length > 2) {
    for (let index = 0; index + 1 < tokens.length; index++) {
      units.push([`${tokens[index]?.text}${tokens[index + 1]?.text}`])
    }
  }
  return units.map((texts) => [...new Set(texts.flatMap((text) => phoneticCodes(text, field.vowelless)))])
}

const pairKey = (a: string, b: string) => (a < b ? `${a}${separator}${b}` : `${b}${separator}${a}`)

function crossKeys(left: string[][], right: string[][], into: Set<string>) {
  for (const leftCodes of left) {
    for (const rightCodes of right) {
      for (const a of leftCodes) for (const b of rightCodes) into.add(pairKey(a, b))
    }
  }
}

/** Keys of a name that has only one field filled: pairs of its own units, or its single code. */
function ownKeys(units: string[][], into: Set<string>) {
  if (units.length === 1) {
    for (const code of units[0] ?? []) into.add(code)
    return
  }
  for (let i = 0; i < units.length; i++) {
    for (let j = i + 1; j < units.length; j++) crossKeys([units[i] ?? []], [units[j] ?? []], into)
  }
}

function nameKeys(family: string, given: string, into: Set<string>) {
  const familyField = nameField(family, 'family')
  const givenField = nameField(given, 'given')
  const familyUnits = unitCodes(familyField)
  const givenUnits = unitCodes(givenField)
  if (familyUnits.length > 0 && givenUnits.length > 0) {
    crossKeys(familyUnits, givenUnits, into)
    // A given name a consonant longer than in the other spelling, the family name whole. Long
    // given names are where registration forms lose a letter (the family name is copied from
    // the document more carefully, and its keys would multiply the keys of every family member).
    crossKeys(familyUnits, deletionsOf(givenField), into)
  } else ownKeys(familyUnits.length > 0 ? familyUnits : givenUnits, into)
}

/**
 * The match keys of a person (deduplicated, sorted, each at most 32 characters). Each entry of
 * `otherSpellings` may be "Family, Given", a full name in either order ("Given Family", as a
 * merge stores the duplicate's name), or a single other family or given name (a birth name).
 */
export function matchKeys(name: {
  familyName: string
  givenNames: string
  otherSpellings?: string[]
}): string[] {
  const keys = new Set<string>()
  nameKeys(name.familyName, name.givenNames, keys)
  for (const spelling of name.otherSpellings ?? []) {
    const comma = spelling.indexOf(',')
    if (comma >= 0) {
      nameKeys(spelling.slice(0, comma), spelling.slice(comma + 1), keys)
      continue
    }
    const words = spelling.trim().split(/\s+/)
    if (words.length < 2 || nameField(spelling, 'family').tokens.length <= 1) {
      // One name: another spelling of the family name or of a given name.
      nameKeys(spelling, name.givenNames, keys)
      nameKeys(name.familyName, spelling, keys)
    } else {
      // A full name: "Given Family" (as a merge stores it) or "Family Given".
      nameKeys(words.at(-1) as string, words.slice(0, -1).join(' '), keys)
      nameKeys(words[0] as string, words.slice(1).join(' '), keys)
    }
  }
  return [...keys].sort()
}

/**
 * The phonetic codes of every name unit of a person, family and given names and other spellings
 * alike, for a search by one word ("Mohammad" finds Muhammad). Stored with the person and
 * searched with an array index; the paired match keys above stay the duplicate check.
 */
export function nameCodes(name: {
  familyName: string
  givenNames: string
  otherSpellings?: string[]
}): string[] {
  const codes = new Set<string>()
  const fields = [nameField(name.familyName, 'family'), nameField(name.givenNames, 'given')]
  for (const spelling of name.otherSpellings ?? []) {
    for (const part of spelling.split(',')) fields.push(nameField(part, 'family'), nameField(part, 'given'))
  }
  for (const field of fields) for (const unit of unitCodes(field)) for (const code of unit) codes.add(code)
  return [...codes].sort()
}

/** The codes one searched word may stand for, read as a family or a given name. */
export function wordCodes(word: string): string[] {
  return nameCodes({ familyName: word, givenNames: word })
}
