import { z } from 'zod'

/**
 * Person names as written in documents, checked against DIN 91379:2022-08 ("Zeichen und definierte
 * Zeichensequenzen in Unicode für die elektronische Verarbeitung von Namen und den Datenaustausch
 * in Europa"), the character set German authorities must accept (obligatory for data exchange
 * between authorities and with citizens since November 2024).
 *
 * The standard defines character groups and, from them, data types. Names of natural persons are
 * data type A: the normative Latin letters (group "bll": single characters and defined sequences
 * of a base letter with combining marks) plus the normative non-letters N1 ("bnlreq"). That is
 * what `personNameSchema` accepts, nothing more:
 * - no digits or other N2 characters (they belong to data type B, names of legal persons),
 * - no Greek or Cyrillic letters (groups "gl", "cl"): they are only informative extensions of the
 *   standard (data types D and E); a name in another script goes to `nameInOriginalScript`, which
 *   `originalScriptNameSchema` checks (letters of any script), while the document name is its
 *   transliteration in Latin letters, as on the passport.
 *
 * The lists below are the normative set, transcribed by code point from the standard's digital
 * attachment as published by the KoSIT/String.Latin group ("latin_list_1.3", DIN 91379:2022-08).
 * DIN 91379 assumes Unicode Normalization Form C, so values are NFC-normalised before checking and
 * the defined sequences are compared in NFC: a base letter followed by combining marks is allowed
 * only if the NFC-composed character or the whole sequence is listed, never a listed prefix with
 * further marks.
 */

const rangesToCharacters = (spec: string): string[] =>
  spec
    .trim()
    .split(/\s+/)
    .flatMap((part) => {
      const [from, to = from] = part.split('-').map((hex) => Number.parseInt(hex, 16))
      return Array.from({ length: (to as number) - (from as number) + 1 }, (_, offset) =>
        String.fromCodePoint((from as number) + offset),
      )
    })

const sequencesFromSpec = (spec: string): string[] =>
  spec
    .split(',')
    .map((sequence) => sequence.trim())
    .filter(Boolean)
    .map((sequence) => String.fromCodePoint(...sequence.split(/\s+/).map((hex) => Number.parseInt(hex, 16))))

/** Group "bll", single characters: basic Latin, Latin-1, Latin Extended-A, selected B, IPA, Additional. */
const latinLetterRanges = `
  0041-005A 0061-007A 00C0-00D6 00D8-00F6 00F8-017E
  0187-0188 018F 0197 01A0-01A1 01AF-01B0 01B7 01CD-01DC 01DE-01DF 01E2-01F0 01F4-01F5 01F8-01FF
  0212-0213 0218-021B 021E-021F 0227-0233 0259 0268 0292
  1E02-1E03 1E06-1E07 1E0A-1E11 1E17 1E1C-1E2B 1E2F-1E37 1E3A-1E3B 1E40-1E49 1E52-1E5B 1E5E-1E63
  1E6A-1E6F 1E80-1E87 1E8C-1E97 1E9E 1EA0-1EF9
`

/** Group "bll", defined sequences (code points, in the standard's order). */
const latinLetterSequences = `
  0041 030B, 0043 0300, 0043 0304, 0043 0306, 0043 0308, 0043 0315, 0043 0323, 0043 0326, 0043 0328 0306,
  0044 0302, 0046 0300, 0046 0304, 0047 0300, 0048 0304, 0048 0326, 0048 0331, 004A 0301, 004A 030C,
  004B 0300, 004B 0302, 004B 0304, 004B 0307, 004B 0315, 004B 031B, 004B 0326, 004B 035F 0048,
  004B 035F 0068, 004C 0302, 004C 0325, 004C 0325 0304, 004C 0326, 004D 0300, 004D 0302, 004D 0306,
  004D 0310, 004E 0302, 004E 0304, 004E 0306, 004E 0326, 0050 0300, 0050 0304, 0050 0315, 0050 0323,
  0052 0306, 0052 0325, 0052 0325 0304, 0053 0300, 0053 0304, 0053 031B 0304, 0053 0331, 0054 0300,
  0054 0304, 0054 0308, 0054 0315, 0054 031B, 0055 0307, 005A 0300, 005A 0304, 005A 0306, 005A 0308,
  005A 0327,
  0061 030B, 0063 0300, 0063 0304, 0063 0306, 0063 0308, 0063 0315, 0063 0323, 0063 0326, 0063 0328 0306,
  0064 0302, 0066 0300, 0066 0304, 0067 0300, 0068 0304, 0068 0326, 006A 0301, 006B 0300, 006B 0302,
  006B 0304, 006B 0307, 006B 0315, 006B 031B, 006B 0326, 006B 035F 0068, 006C 0302, 006C 0325,
  006C 0325 0304, 006C 0326, 006D 0300, 006D 0302, 006D 0306, 006D 0310, 006E 0302, 006E 0304,
  006E 0306, 006E 0326, 0070 0300, 0070 0304, 0070 0315, 0070 0323, 0072 0306, 0072 0325,
  0072 0325 0304, 0073 0300, 0073 0304, 0073 031B 0304, 0073 0331, 0074 0300, 0074 0304, 0074 0315,
  0074 031B, 0075 0307, 007A 0300, 007A 0304, 007A 0306, 007A 0308, 007A 0327,
  00C7 0306, 00DB 0304, 00E7 0306, 00FB 0304, 00FF 0301, 010C 0315, 010C 0323, 010D 0315, 010D 0323,
  0113 030D, 012A 0301, 012B 0301, 014D 030D, 017D 0326, 017D 0327, 017E 0326, 017E 0327, 1E32 0304,
  1E33 0304, 1E62 0304, 1E63 0304, 1E6C 0304, 1E6D 0304, 1EA0 0308, 1EA1 0308, 1ECC 0308, 1ECD 0308,
  1EE4 0304, 1EE4 0308, 1EE5 0304, 1EE5 0308
`

/**
 * Group N1 ("bnlreq"), the non-letters allowed in names: space, apostrophe, comma, hyphen-minus,
 * full stop, grave accent, tilde, diaeresis, acute accent, middle dot, modifier letters prime,
 * double prime, right and left half ring, vertical line and low vertical line, right single
 * quotation mark (the typographic apostrophe ’) and double dagger.
 */
const nameNonLetterRanges =
  '0020 0027 002C-002E 0060 007E 00A8 00B4 00B7 02B9-02BA 02BE-02BF 02C8 02CC 2019 2021'

/** Every normative Latin letter and letter sequence of DIN 91379, NFC, e.g. for a character picker. */
export const din91379LatinLetters: readonly string[] = [
  ...rangesToCharacters(latinLetterRanges),
  ...sequencesFromSpec(latinLetterSequences).map((sequence) => sequence.normalize('NFC')),
]
/** The non-letters DIN 91379 allows in names of natural persons (group N1). */
export const din91379NameNonLetters: readonly string[] = rangesToCharacters(nameNonLetterRanges)

const latinLetters = new Set(din91379LatinLetters)
const nameCharacters = new Set([...din91379LatinLetters, ...din91379NameNonLetters])
const longestSequence = Math.max(...din91379LatinLetters.map((entry) => [...entry].length))
const combiningMark = /^\p{M}$/u

export const personNameMaxLength = 200

/** Trims, collapses every run of whitespace (incl. no-break and other Unicode spaces) to one space, NFC. */
export function normaliseName(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim()
}

/** Splits an NFC name into allowed units (longest listed sequence first) and the rest. */
function scanName(value: string): { units: string[]; forbidden: string[] } {
  const codePoints = [...value.normalize('NFC')]
  const units: string[] = []
  const forbidden: string[] = []
  let index = 0
  while (index < codePoints.length) {
    let taken = 0
    for (let length = Math.min(longestSequence, codePoints.length - index); length > 0; length--) {
      const candidate = codePoints.slice(index, index + length).join('')
      const next = codePoints[index + length]
      if (nameCharacters.has(candidate) && !(next && combiningMark.test(next))) {
        units.push(candidate)
        taken = length
        break
      }
    }
    if (taken === 0) {
      // Report the character with all the marks that follow it: that is what the user sees.
      let end = index + 1
      while (end < codePoints.length && combiningMark.test(codePoints[end] as string)) end++
      forbidden.push(codePoints.slice(index, end).join(''))
      taken = end - index
    }
    index += taken
  }
  return { units, forbidden }
}

/**
 * The characters and sequences of `value` (taken in NFC) that DIN 91379 does not allow in names of
 * natural persons, each once, in order of appearance. Empty when the name is allowed.
 */
export function findForbiddenNameCharacters(value: string): string[] {
  return [...new Set(scanName(value).forbidden)]
}

/** Whether the name has at least one letter, so that "-" or "." is not taken for a name. */
function hasNameLetter(value: string): boolean {
  return scanName(value).units.some((unit) => latinLetters.has(unit))
}

/** Code points for showing invisible or confusable characters, e.g. "U+0041 U+030B". */
export function describeCodePoints(sequence: string): string {
  return [...sequence]
    .map(
      (character) => `U+${(character.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`,
    )
    .join(' ')
}

/**
 * Letters of any script, marks following a letter, and the separators names use: space, hyphens
 * (- ‐ ‑ and the Hebrew maqaf ־), apostrophes (' ’; ʼ and ʻ are letters already), the middle dot,
 * and the zero-width non-joiner and joiner that Persian, Pashto and Indic spellings need inside a
 * name (e.g. رحمت‌الله). No digits, symbols, punctuation or control and direction characters.
 */
const originalScriptSeparators = new Set([' ', '-', '\u2010', '\u2011', '\u05BE', "'", '\u2019', '\u00B7'])
const originalScriptJoiners = new Set(['\u200C', '\u200D'])
const letter = /^\p{L}$/u
/** More marks than this on one letter is decoration ("Zalgo" text), not a name. */
const maxMarksPerLetter = 6

/** The characters of `value` (taken in NFC) not allowed in a name in original script, each once. */
export function findForbiddenOriginalScriptCharacters(value: string): string[] {
  const codePoints = [...value.normalize('NFC')]
  const forbidden: string[] = []
  let index = 0
  while (index < codePoints.length) {
    const character = codePoints[index] as string
    let end = index + 1
    while (end < codePoints.length && combiningMark.test(codePoints[end] as string)) end++
    const marks = end - index - 1
    const isLetter = letter.test(character)
    if (isLetter && marks <= maxMarksPerLetter) {
      index = end
      continue
    }
    if (
      !isLetter &&
      marks === 0 &&
      (originalScriptSeparators.has(character) || originalScriptJoiners.has(character))
    ) {
      index = end
      continue
    }
    forbidden.push(codePoints.slice(index, end).join(''))
    index = end
  }
  return [...new Set(forbidden)]
}

/** Error codes the name schemas put into issue messages; the UI translates them. */
export const nameErrorCodes = {
  empty: 'name-empty',
  tooLong: 'name-too-long',
  charactersNotAllowed: 'name-characters-not-allowed',
  withoutLetter: 'name-without-letter',
} as const

type NameRules = {
  forbidden: (value: string) => string[]
  hasLetter: (value: string) => boolean
}

const nameSchema = (rules: NameRules) =>
  z
    .string()
    .overwrite(normaliseName)
    .min(1, nameErrorCodes.empty)
    .max(personNameMaxLength, nameErrorCodes.tooLong)
    .superRefine((value, ctx) => {
      if (value.length === 0) return
      const characters = rules.forbidden(value)
      if (characters.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: nameErrorCodes.charactersNotAllowed,
          input: value,
          params: {
            code: nameErrorCodes.charactersNotAllowed,
            characters,
            codePoints: characters.map(describeCodePoints),
          },
        })
      } else if (!rules.hasLetter(value)) {
        ctx.addIssue({
          code: 'custom',
          message: nameErrorCodes.withoutLetter,
          input: value,
          params: { code: nameErrorCodes.withoutLetter },
        })
      }
    })

/**
 * A family or given name as written in documents: normalised (trimmed, whitespace collapsed, NFC),
 * 1 to 200 characters of DIN 91379 data type A (normative Latin letters and sequences, N1
 * non-letters), with at least one letter. Refused characters are in the issue's
 * `params.characters` (and `params.codePoints`), its message is `name-characters-not-allowed`.
 */
export const personNameSchema = nameSchema({
  forbidden: findForbiddenNameCharacters,
  hasLetter: hasNameLetter,
}).describe('Name as written in documents: DIN 91379 Latin letters (data type A), NFC')

/**
 * The name in the script of the person's documents or language (Arabic, Cyrillic, Ge'ez, …), for
 * display and for interpreters: letters and marks of any script with spaces, hyphens and
 * apostrophes; no digits, symbols or control characters. Same normalisation and error codes as
 * `personNameSchema`.
 */
export const originalScriptNameSchema = nameSchema({
  forbidden: findForbiddenOriginalScriptCharacters,
  hasLetter: (value) => /\p{L}/u.test(value),
}).describe('Name in original script (any script: letters, marks, spaces, hyphens, apostrophes), NFC')
