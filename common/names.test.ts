import { describe, expect, it } from 'vitest'
import {
  describeCodePoints,
  din91379LatinLetters,
  din91379NameNonLetters,
  findForbiddenNameCharacters,
  findForbiddenOriginalScriptCharacters,
  normaliseName,
  originalScriptNameSchema,
  personNameSchema,
} from './names.ts'

const issuesOf = (result: {
  success: boolean
  error?: { issues: { message: string; params?: unknown }[] }
}) => result.error?.issues ?? []

describe('normaliseName', () => {
  it('trims, collapses whitespace of every kind to one space and composes to NFC', () => {
    expect(normaliseName('  Anna\u00A0\u00A0 Maria\t\nMüller ')).toBe('Anna Maria Müller')
    expect(normaliseName('S\u030Cevc\u030Cenko')).toBe('Ševčenko')
  })
})

describe('personNameSchema', () => {
  it.each([
    'Ševčenko',
    'Şahin',
    'Öztürk',
    'Al-Hassan',
    "O'Brien",
    'O’Brien',
    'Nguyễn',
    'Đorđević',
    'Łukasz',
    'Ægir',
    'Ștefan',
    'Yılmaz',
    'İbrahim',
    'Groß',
    'GROẞ',
    'Müller-Lüdenscheidt',
    'de la Cruz',
    'Jr.',
  ])('accepts %s', (name) => {
    expect(personNameSchema.parse(name)).toBe(name)
  })

  it('stores decomposed input composed (NFC)', () => {
    const decomposed = 'Nguye\u0302\u0303n'
    expect(decomposed).not.toBe('Nguyễn')
    expect(personNameSchema.parse(decomposed)).toBe('Nguyễn')
  })

  it('stores the name trimmed with single spaces', () => {
    expect(personNameSchema.parse('  Mohammad   Ali ')).toBe('Mohammad Ali')
  })

  it.each([
    ['L\u0325', 'L̥ (ring below)'],
    ['N\u0302', 'N̂'],
    ['K\u035FH', 'K͟H (double macron below across two letters)'],
    ['C\u0328\u0306', 'C̨̆ (two marks)'],
    ['l\u0325\u0304', 'l̥̄'],
    ['\u1EA0\u0308', 'Ạ̈ (precomposed letter plus mark)'],
  ])('accepts the defined sequence %s (%s) as a whole', (sequence) => {
    expect(personNameSchema.parse(`${sequence}ami`)).toBe(`${sequence}ami`.normalize('NFC'))
  })

  it('accepts the marks of a sequence in any canonical order', () => {
    // A + diaeresis + dot below is reordered by NFC to Ạ + diaeresis, a listed sequence.
    expect(personNameSchema.safeParse('A\u0308\u0323').success).toBe(true)
  })

  it('accepts a combining mark only where base and marks form a listed letter or sequence', () => {
    expect(personNameSchema.safeParse('E\u0301mile').success).toBe(true) // composes to É
    expect(findForbiddenNameCharacters('X\u0301aver')).toEqual(['X\u0301'])
    expect(findForbiddenNameCharacters('Le\u0325na')).toEqual(['e\u0325'])
  })

  it('refuses a listed sequence with a further mark, reporting the whole cluster', () => {
    // Reported in NFC, as stored: L + ring below + acute composes to Ĺ + ring below.
    expect(findForbiddenNameCharacters('L\u0325\u0301a')).toEqual(['\u0139\u0325'])
    expect(findForbiddenNameCharacters('K\u035Fa')).toEqual(['K\u035F'])
  })

  it('refuses a combining mark on its own', () => {
    expect(findForbiddenNameCharacters('\u0301Anna')).toEqual(['\u0301'])
    expect(findForbiddenNameCharacters("O'\u0301Brien")).toEqual(["'\u0301"])
  })

  it('refuses Arabic and Cyrillic script, naming each offending letter once', () => {
    expect(findForbiddenNameCharacters('محمد')).toEqual(['م', 'ح', 'د'])
    expect(personNameSchema.safeParse('Шевченко').success).toBe(false)
    expect(personNameSchema.safeParse('Αλέξανδρος').success).toBe(false)
  })

  it.each([
    ['😀 Anna', ['😀']],
    ['Anna2', ['2']],
    ['<script>alert(1)</script>', ['<', '>', '(', '1', ')', '/']],
    ['Ann\u0000a', ['\u0000']],
    ['An\u200Bna', ['\u200B']],
    ['Anna\u202E', ['\u202E']],
    ['Anna & Ben', ['&']],
    ['Anna_Ben', ['_']],
  ])('refuses %j', (name, forbidden) => {
    expect(findForbiddenNameCharacters(name)).toEqual(forbidden)
    expect(personNameSchema.safeParse(name).success).toBe(false)
  })

  it('puts the refused characters into the issue params under the stable message code', () => {
    const issues = issuesOf(personNameSchema.safeParse('Ali2\u200B'))
    expect(issues).toHaveLength(1)
    expect(issues[0]?.message).toBe('name-characters-not-allowed')
    expect(issues[0]?.params).toEqual({
      code: 'name-characters-not-allowed',
      characters: ['2', '\u200B'],
      codePoints: ['U+0032', 'U+200B'],
    })
  })

  it('refuses an empty name, a name over 200 characters and one without any letter', () => {
    expect(issuesOf(personNameSchema.safeParse('   ')).map((issue) => issue.message)).toEqual(['name-empty'])
    expect(issuesOf(personNameSchema.safeParse('a'.repeat(201))).map((issue) => issue.message)).toEqual([
      'name-too-long',
    ])
    expect(personNameSchema.safeParse('a'.repeat(200)).success).toBe(true)
    expect(issuesOf(personNameSchema.safeParse('- .')).map((issue) => issue.message)).toEqual([
      'name-without-letter',
    ])
  })

  it('allows exactly the N1 non-letters: apostrophe variants yes, other quotation marks no', () => {
    expect(din91379NameNonLetters).toContain('’')
    expect(din91379NameNonLetters).toContain('ʿ')
    expect(findForbiddenNameCharacters('Mar‘ia')).toEqual(['‘'])
    expect(findForbiddenNameCharacters('Marʼiana')).toEqual(['ʼ'])
    expect(findForbiddenNameCharacters('«Anna»')).toEqual(['«', '»'])
  })
})

describe('the DIN 91379 letter list', () => {
  it('holds every entry once and in NFC', () => {
    expect(new Set(din91379LatinLetters).size).toBe(din91379LatinLetters.length)
    for (const entry of din91379LatinLetters) expect(entry.normalize('NFC')).toBe(entry)
  })

  it('has the 500 single letters and 149 sequences of the normative group', () => {
    const sequences = din91379LatinLetters.filter((entry) => [...entry].length > 1)
    expect(din91379LatinLetters.length - sequences.length).toBe(500)
    expect(sequences).toHaveLength(149)
  })

  it('leaves out letters the standard does not list', () => {
    for (const letter of ['ſ', 'Ȧ', 'Ḉ', 'ƒ', 'ɛ']) expect(din91379LatinLetters).not.toContain(letter)
  })
})

describe('originalScriptNameSchema', () => {
  it.each([
    'محمد الحسن',
    'Олександр Шевченко',
    'ዮናስ ተስፋይ',
    'رحمت\u200Cالله ستانکزی',
    'Αλέξανδρος Παπαδόπουλος',
    '王秀英',
    'Ngozi Okafor',
    'O’Brien-Smith',
  ])('accepts %s', (name) => {
    expect(originalScriptNameSchema.parse(name)).toBe(name)
  })

  it('normalises like document names', () => {
    expect(originalScriptNameSchema.parse('  Йо\u0308жик  ')).toBe('Йӧжик'.normalize('NFC'))
  })

  it.each([
    ['محمد 2', ['2']],
    ['محمد ٢', ['٢']],
    ['Anna 😀', ['😀']],
    ['<b>Анна</b>', ['<', '>', '/']],
    ['Анна\u0007', ['\u0007']],
    ['Анна\u202E', ['\u202E']],
    ['Анна$', ['$']],
  ])('refuses %j', (name, forbidden) => {
    expect(findForbiddenOriginalScriptCharacters(name)).toEqual(forbidden)
    const issues = issuesOf(originalScriptNameSchema.safeParse(name))
    expect(issues.map((issue) => issue.message)).toEqual(['name-characters-not-allowed'])
  })

  it('refuses marks that follow no letter and letters buried under marks', () => {
    expect(findForbiddenOriginalScriptCharacters('\u064Eمحمد')).toEqual(['\u064E'])
    const zalgo = `a${'\u0300\u0301\u0302\u0303'.repeat(2)}`
    expect(findForbiddenOriginalScriptCharacters(zalgo)).toEqual([zalgo.normalize('NFC')])
  })
})

describe('describeCodePoints', () => {
  it('writes each code point as U+XXXX', () => {
    expect(describeCodePoints('K\u035FH')).toBe('U+004B U+035F U+0048')
    expect(describeCodePoints('😀')).toBe('U+1F600')
  })
})
