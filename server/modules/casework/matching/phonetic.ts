/**
 * A transliteration-aware phonetic code for folded name tokens, in the spirit of the Kölner
 * Phonetik (consonant classes, vowels ignored, doubled sounds collapsed) with rules for the ways
 * Arabic, Persian, Ukrainian, Russian, Turkish, Kurdish, Tigrinya and Fula names reach Latin
 * letters. Two outputs per token:
 *
 * - `codes`: consonant classes with two vowel hints, for the match keys. They must agree across
 *   every spelling of one name, so they are coarse (Mohammed, Muhammad, Mohamad: MuGMD).
 * - `sequences`: the same sounds with vowels kept, for the scorer's weighted edit distance, which
 *   tells Hassan from Hussein and Ahmad from Hamid.
 *
 * Symbols: B (b p), D (d t th dh), F (f v w ph), G (g), Q (gh), H (h kh, German ch, Kurdish x),
 * h (a weak final h, often left out: Fatimah, Bah), K (k q hard c), L, M, N, R, S (every
 * sibilant and affricate: s z sh zh sch English ch, soft c, ts tz dsch dzh, French dj, English
 * j); vowels a e i o u (y and the German j are i).
 */

/**
 * A letter means different sounds in different romanisations; each token is read in four ways and
 * keeps the distinct results (most tokens have none of the ambiguous letters and one result).
 * - german: Duden transcription (ch = kh as in Charkiw/Chalid, j = y as in Jussuf/Juri).
 * - english: ICAO 9303, Ukrainian national 2010, English and French press (ch = tsch as in
 *   Shevchenko/Aicha, j = dsch as in Jamal/Djamal, French di-/thi- + vowel as in Diallo/Thierno).
 * - turkic: Turkish and Kurdish Kurmanji orthography without diacritics (c = dsch as in
 *   Cemal/Recep, j = zh as in Jiyan, x = kh as in Xelîl, g after a vowel = silent ğ as in
 *   Dogan/Doan), and Persian gh for ق (Sadeghi).
 * - slavic: scholarly Slavic transliteration without diacritics (c = ц/č as in Chmelnyckyj and
 *   Sevcenko, ch = х, j = й as in Djačuk), also Serbian, Croatian and Bosnian Latin (Gaj's
 *   alphabet) with its diacritics stripped: c, č and ć are all affricates (Petrovic = Petrović).
 * - albanian: Albanian orthography (ALA-LC and the 1972 Congress of Orthography): q = the sound
 *   Serbian writes ć (Qerimi = Ćerimi), ç = č, x = dz, xh = dž (Xhemaili = Džemaili), gj = đ
 *   (Gjyla = Đula), c = ts.
 * - somali: the official Somali Latin orthography of 1972: c is ʿayn, which Arabic-derived
 *   spellings leave out (Cabdi = Abdi, Cali = Ali, Siciid = Said), x is ḥ (Maxamed = Mohamed,
 *   Xasan = Hassan), j = dsch (Jaamac = Jama), q = k (Qaasim = Kasim); long vowels are doubled,
 *   which the collapsing of repeated sounds already absorbs.
 */
type Reading = {
  ch: 'H' | 'S'
  j: 'glide' | 'S'
  /** c before a, o, u and consonants: k (Latin, English, French), ц/č/Turkish c, or Somali ʿayn. */
  hardC: 'K' | 'S' | 'ayn'
  x: 'KS' | 'H' | 'S'
  /** q: k in most romanisations, the affricate ć in Albanian. */
  q: 'K' | 'S'
  /** gj: g + glide, or one sound (Albanian gj = đ). */
  gjUnit: boolean
  /** Turkish ğ written without its breve: silent after a vowel. */
  silentG: boolean
  gh: 'Q' | 'K'
  /** Read only tokens with these letters (the reading would add nothing to others). */
  only?: RegExp
  /** Christian, Chloe, Michael. */
  greekCh: boolean
  frenchDi: boolean
  /** dj as one sound (French Djamal) rather than d + й (Djačuk). */
  djUnit: boolean
  /**
   * dz as one sound: Serbian dž with its caron lost (Dzeko, Hodzic), Albanian x. Elsewhere d and
   * z meet at a boundary (Ahmadzay, Ahmadzai).
   */
  dzUnit?: boolean
}
/** Letters only the Albanian and Somali readings treat differently; other tokens skip those readings. */
const albanianOrSomaliLetters = /[cqx]|gj/
const plain = { q: 'K', gjUnit: false, silentG: false } as const
const readings: readonly Reading[] = [
  {
    ...plain,
    ch: 'H',
    j: 'glide',
    hardC: 'K',
    x: 'KS',
    gh: 'Q',
    greekCh: true,
    frenchDi: false,
    djUnit: true,
  },
  { ...plain, ch: 'S', j: 'S', hardC: 'K', x: 'KS', gh: 'Q', greekCh: true, frenchDi: true, djUnit: true },
  {
    ...plain,
    ch: 'H',
    j: 'S',
    hardC: 'S',
    x: 'H',
    gh: 'K',
    silentG: true,
    greekCh: false,
    frenchDi: false,
    djUnit: true,
  },
  {
    ...plain,
    ch: 'H',
    j: 'glide',
    hardC: 'S',
    x: 'KS',
    gh: 'Q',
    greekCh: false,
    frenchDi: false,
    djUnit: false,
    dzUnit: true,
  },
  // albanian
  {
    ch: 'S',
    j: 'glide',
    hardC: 'S',
    x: 'S',
    q: 'S',
    gjUnit: true,
    silentG: false,
    dzUnit: true,
    only: albanianOrSomaliLetters,
    gh: 'Q',
    greekCh: false,
    frenchDi: false,
    djUnit: true,
  },
  // somali
  {
    ...plain,
    ch: 'H',
    j: 'S',
    hardC: 'ayn',
    x: 'H',
    gh: 'Q',
    greekCh: false,
    frenchDi: false,
    djUnit: true,
    only: albanianOrSomaliLetters,
  },
]

const vowels = new Set(['a', 'e', 'i', 'o', 'u', 'y'])
const isVowel = (character: string | undefined) => character !== undefined && vowels.has(character)

// Multi-letter units that mean one sound in every reading, longest first.
const units: readonly (readonly [string, string])[] = [
  ['schtsch', 'S'],
  ['shch', 'S'],
  ['tsch', 'S'],
  ['dsch', 'S'],
  ['sch', 'S'],
  ['tch', 'S'],
  ['dzh', 'S'],
  // Albanian xh is one sound (Xhemaili = Džemaili); so is dz in Slavic and Albanian spellings,
  // see Reading.dzUnit.
  ['xh', 'S'],
  ['zh', 'S'],
  ['sh', 'S'],
  ['ts', 'S'],
  ['tz', 'S'],
  ['kh', 'H'],
  ['ph', 'F'],
  ['th', 'D'],
  ['dh', 'D'],
  ['ou', 'u'],
  ['oo', 'u'],
  ['ee', 'i'],
]
const unitsByFirstLetter = new Map<string, (readonly [string, string])[]>()
for (const unit of units) {
  const first = unit[0][0] as string
  unitsByFirstLetter.set(first, [...(unitsByFirstLetter.get(first) ?? []), unit])
}

const single: Record<string, string> = {
  b: 'B',
  p: 'B',
  d: 'D',
  t: 'D',
  f: 'F',
  v: 'F',
  w: 'F',
  g: 'G',
  h: 'H',
  k: 'K',
  q: 'K',
  l: 'L',
  m: 'M',
  n: 'N',
  r: 'R',
  s: 'S',
  z: 'S',
  a: 'a',
  e: 'e',
  i: 'i',
  o: 'o',
  u: 'u',
  y: 'i',
}

/** The symbol sequence of one folded token in one reading, doubled sounds collapsed. */
function encode(token: string, reading: Reading): string {
  const out: string[] = []
  const push = (symbol: string) => {
    // Gemination and same-class clusters (dt, sz, ss) carry no information across spellings.
    if (out.at(-1) !== symbol) out.push(symbol)
  }
  let index = 0
  // French spellings write Fula j as di + vowel (Diallo = Jallo, Diakité = Jakite) and the ch
  // sound as ti/thi + vowel (Thierno = Pular Cerno). In Ukrainian dia is d + ya (Diachuk).
  if (reading.frenchDi && /^di[aeou]/.test(token)) {
    push('S')
    index = 2
  } else if (reading.frenchDi && /^th?i[aeou]/.test(token)) {
    push('S')
    index = token[1] === 'h' ? 3 : 2
  } else if (/^ou[aeio]/.test(token)) {
    // French ou before a vowel is w (Oualid = Walid, Ouattara = Wattara).
    push('F')
    index = 2
  }
  while (index < token.length) {
    const character = token[index] as string
    const previousLetter = token[index - 1]
    const next = token[index + 1]
    if (
      (character === 'j' || character === 'y' || character === 'i') &&
      next === 'o' &&
      previousLetter !== undefined &&
      !isVowel(previousLetter)
    ) {
      // Russian ё after a consonant: e in ICAO 9303, jo in Duden, yo in older English spellings
      // (Alena = Aljona = Alyona, Fedor = Fjodor, Semenov = Semjonow).
      push('e')
      index += 2
      continue
    }
    if (reading.silentG && character === 'g' && isVowel(previousLetter) && next !== 'h') {
      // Turkish ğ written without its breve: silent after a vowel (Doğan = Dogan = Doan,
      // Özoğlu = Oezoglu = Özolu).
      index += 1
      continue
    }
    if (reading.dzUnit && character === 'd' && next === 'z' && token[index + 2] !== 'h') {
      push('S')
      index += 2
      continue
    }
    if (reading.gjUnit && character === 'g' && next === 'j') {
      push('S')
      index += 2
      continue
    }
    if (character === 'g' && next === 'h') {
      push(reading.gh)
      index += 2
      continue
    }
    if (character === 'd' && next === 'j') {
      push(reading.djUnit ? 'S' : 'D')
      if (!reading.djUnit) push('i')
      index += 2
      continue
    }
    if (
      (character === 'w' || character === 'v') &&
      isVowel(previousLetter) &&
      next !== undefined &&
      !isVowel(next) &&
      next !== 'j'
    ) {
      // After a vowel and before a consonant w and v close a diphthong or are written u:
      // Sawsan = Sausan, Pavlo = Pawlo, Kravchenko = Krawtschenko.
      push('u')
      index += 1
      continue
    }
    const unit = unitsByFirstLetter.get(character)?.find(([letters]) => token.startsWith(letters, index))
    if (unit) {
      push(unit[1])
      index += unit[0].length
      continue
    }
    if (character === 'c' && next === 'h') {
      // Greek-derived ch is k: Christian, Chloe, Michael (Mikael in Tigrinya spellings). Inside a
      // word chr is French sh + r (Bochra, Achraf); scholarly Slavic writes х as ch (Chrystyna).
      const after = token[index + 2]
      const greek = token.startsWith('ae', index + 2) || (index === 0 && (after === 'r' || after === 'l'))
      if (reading.greekCh && greek) push('K')
      else push(reading.ch)
      index += 2
      continue
    }
    if (
      (character === 'a' || character === 'o' || character === 'u') &&
      next === 'e' &&
      token[index + 2] !== 'e'
    ) {
      // German umlaut expansion ae/oe/ue reads like the plain vowel (Oeztuerk = Öztürk = Ozturk).
      push(character)
      index += 2
      continue
    }
    if (character === 'c') {
      if (reading.hardC === 'ayn') {
        // Somali c is ʿayn: left out, or a vowel, in other spellings.
      } else if (next === 'e' || next === 'i' || next === 'y') push('S')
      else {
        push(reading.hardC)
        // German ck is one k; where c is ц/č the k is a sound of its own (Chmelnyckyj).
        if (next === 'k' && reading.hardC === 'K') index += 1
      }
      index += 1
      continue
    }
    if (character === 'x') {
      if (reading.x === 'H' || reading.x === 'S') push(reading.x)
      else {
        push('K')
        push('S')
      }
      index += 1
      continue
    }
    if (character === 'j') {
      push(reading.j === 'glide' ? 'i' : 'S')
      index += 1
      continue
    }
    if (character === 'q') {
      push(reading.q)
      index += 1
      continue
    }
    if (character === 'y' && previousLetter !== undefined && !isVowel(previousLetter) && !isVowel(next)) {
      // y between consonants or at the end is a vowel of its own: Ukrainian и (Mykola, Dmytro),
      // Albanian y = ü (Hyseni = Huseni, Bytyqi = Bitići), Turkish ı without its dot.
      push('y')
      index += 1
      continue
    }
    const symbol = single[character]
    if (symbol) push(symbol)
    index += 1
  }
  // A final h is weak: often left out in Latin (Fatimah), and in Arabic script the vowel before
  // it is not written (فرح, Farah).
  if (out.at(-1) === 'H' && out.length > 1) out[out.length - 1] = 'h'
  return out.join('')
}

const maxCodeLength = 14

/**
 * Consonant classes of a symbol sequence: H joins G (Ukrainian Oleh is Russian Oleg, Russian
 * Magomed is Mohammed), vowels go, a final h goes (Bah = Ba, Fatimah = Fatima, Sheikh =
 * Scheich, and Arabic-script صالح = Salih, where the vowel before it is not written), and so
 * does a final g after a vowel (Oleg = Oleh).
 *
 * Two vowel hints keep common names apart without splitting spellings of one name: V for a
 * word-initial vowel (Ahmad VGMD against Hamid GaMD; Oleksandr and Alexander both start with
 * one), and otherwise, after the first consonant, the class of the vowel of the first
 * syllable, a for a/e/i and u for o/u (Mohammed MuGMD against Mahmoud MaGMD, Hussein against
 * Hassan). The classes follow the Arabic short vowels, which spellings move within but not
 * across: fatha a/e, kasra i/e, damma u/o. Names starting with a vowel get no class (the vowel
 * after the first consonant is a second syllable, as in Yusuf/Youssef), nor do names starting
 * with w/v (Eritrean Wolde/Welde); a name in Arabic script, which has no short vowels, gets
 * both classes.
 */
function codesOf(sequence: string, vowelless: boolean): string[] {
  let code = ''
  let previous = ''
  let hintAt = -1
  for (let index = 0; index < sequence.length; index++) {
    const symbol = sequence[index] as string
    if (isVowel(symbol)) {
      previous = symbol
      continue
    }
    const klass = symbol === 'H' || symbol === 'Q' || symbol === 'h' ? 'G' : symbol
    const last = index === sequence.length - 1
    if (last && (symbol === 'H' || symbol === 'h' || (klass === 'G' && isVowel(previous)))) break
    // Same class straight after itself (no vowel between) is one sound: kh + h, g + h.
    if (!(klass === code.at(-1) && !isVowel(previous))) code += klass
    if (hintAt < 0) hintAt = index
    previous = klass
  }
  if (code.length === 0) return ['V']
  const initial = isVowel(sequence[0]) ? 'V' : ''
  let hints: string[] = ['']
  if (initial === '' && hintAt >= 0 && sequence[hintAt] !== 'F') {
    let vowel: string | undefined
    if (!vowelless) {
      for (let index = hintAt + 1; index < sequence.length && vowel === undefined; index++) {
        // A glide i before another vowel is palatalisation (Djordje = Đorđe = Dorde, Liudmyla =
        // Ludmila): the vowel after it is the syllable's.
        if (isVowel(sequence[index]) && !(sequence[index] === 'i' && isVowel(sequence[index + 1])))
          vowel = sequence[index]
      }
    }
    // y between consonants (Ukrainian и, Albanian ü) stands between the classes.
    if (vowel === undefined || vowel === 'y') hints = ['a', 'u']
    else hints = [vowel === 'o' || vowel === 'u' ? 'u' : 'a']
  }
  return hints.map((hint) => `${initial}${code[0]}${hint}${code.slice(1)}`.slice(0, maxCodeLength))
}

/** A symbol sequence with what the edit distance needs, computed once. */
export type Sequence = {
  symbols: string
  /** Cost of inserting or deleting each symbol, by position. */
  indels: Float64Array
  /** Total weight: consonants 1, vowels and the weak final h 0.5. */
  weight: number
}

export type TokenSound = {
  /** Distinct coarse codes over the readings, for match keys. */
  codes: string[]
  /** Distinct symbol sequences over the readings, for the scorer. */
  sequences: Sequence[]
  /** The same without vowels, for comparing with names written in Arabic script. */
  consonants: Sequence[]
}

// Substitution costs between vowels. Arabic short vowels wander between a/e (fatha: Ahmad,
// Ahmed), i/e (kasra: Ibrahim, Ebrahim) and u/o (damma: Muhammad, Mohammed); a against u or i
// is a different name more often than a different spelling (Hassan, Hussein, Hisham).
const vowelCost: Record<string, number> = {
  ae: 0.2,
  ai: 0.9,
  ao: 0.6,
  au: 0.8,
  ei: 0.2,
  eo: 0.6,
  eu: 0.6,
  io: 0.8,
  iu: 0.6,
  ou: 0.15,
  // y between consonants: Ukrainian и (romanised y or i), Albanian y = ü (written u or i in
  // Serbian and German spellings).
  iy: 0.1,
  ey: 0.3,
  uy: 0.3,
  ay: 0.6,
  oy: 0.6,
}
// Within the G class: g against h is Ukrainian against Russian (Oleh, Oleg; Hryhorii, Grigorij);
// gh against g is Ghebre against Gebre; gh against h is mostly a different name (Ghassan, Hassan).
// Persian gh for ق against q/k (Sadeghi, Sadeqi) is a spelling too.
const consonantCost: Record<string, number> = {
  GH: 0.35,
  GQ: 0.15,
  HQ: 0.7,
  Gh: 0.35,
  Hh: 0.1,
  Qh: 0.7,
  KQ: 0.35,
}
const vowelIndel = 0.45
const vowelWeight = 0.5
// A word-initial vowel before a consonant is part of the name (Ahmad against Hamid, Amadou
// against Mamadou); before another vowel it is a glide that spellings add or drop (Yelena, Elena).
const initialVowelIndel = 0.9

const symbolAlphabet = 'aeiouyBDFGHKLMNRSQh'
// Substitution costs as a flat table indexed by char code, so the inner loop does no lookups.
const substitutionTable = new Float64Array(128 * 128).fill(1)
for (const a of symbolAlphabet) {
  for (const b of symbolAlphabet) {
    const aVowel = isVowel(a)
    const bVowel = isVowel(b)
    let cost: number
    if (a === b) cost = 0
    else if (aVowel && bVowel) cost = vowelCost[a < b ? a + b : b + a] ?? 0.8
    else if (aVowel || bVowel) cost = Number.POSITIVE_INFINITY
    else cost = consonantCost[a < b ? a + b : b + a] ?? 1
    substitutionTable[a.charCodeAt(0) * 128 + b.charCodeAt(0)] = cost
  }
}

function prepare(symbols: string): Sequence {
  const indels = new Float64Array(symbols.length)
  let weight = 0
  for (let index = 0; index < symbols.length; index++) {
    const symbol = symbols[index] as string
    if (isVowel(symbol)) {
      indels[index] =
        index === 0 && symbols.length > 1 && !isVowel(symbols[1]) ? initialVowelIndel : vowelIndel
      weight += vowelWeight
    } else if (symbol === 'h') {
      // A lost h is common (Fatimah/Fatima, Bah/Ba, Abdullah/Abdulla), other lost consonants are not.
      indels[index] = 0.2
      weight += vowelWeight
    } else {
      indels[index] = symbol === 'H' ? 0.5 : 1
      weight += 1
    }
  }
  return { symbols, indels, weight }
}

// Sounds of tokens are memoised: names are few and common ones are scored again and again.
// When the map is full the oldest entry goes (a Map iterates in insertion order).
const soundCache = new Map<string, TokenSound>()
const soundCacheLimit = 100_000

/**
 * Codes and symbol sequences of a folded token (see `foldName`); `vowelless` for a token from
 * Arabic script, whose short vowels are unknown.
 */
export function soundOf(token: string, vowelless = false): TokenSound {
  const cacheKey = vowelless ? `\u0000${token}` : token
  const cached = soundCache.get(cacheKey)
  if (cached) return cached
  const symbolSequences: string[] = []
  const codes: string[] = []
  for (const reading of readings) {
    if (reading.only && !reading.only.test(token)) continue
    const sequence = encode(token, reading)
    if (!symbolSequences.includes(sequence)) symbolSequences.push(sequence)
    // Somali spelling writes the Arabic short vowels its own way (Maxamed for Muḥammad, Cumar
    // for ʿUmar), so its reading gives no vowel class, like Arabic script.
    const looseVowels = vowelless || reading.hardC === 'ayn'
    for (const code of codesOf(sequence, looseVowels)) if (!codes.includes(code)) codes.push(code)
  }
  const consonantOnly = [...new Set(symbolSequences.map((sequence) => sequence.replace(/[aeiouyh]/g, '')))]
  const sound = { codes, sequences: symbolSequences.map(prepare), consonants: consonantOnly.map(prepare) }
  if (soundCache.size >= soundCacheLimit) soundCache.delete(soundCache.keys().next().value as string)
  soundCache.set(cacheKey, sound)
  return sound
}

/** The coarse phonetic codes of a folded token, one per distinct reading. */
export function phoneticCodes(token: string, vowelless = false): string[] {
  return soundOf(token, vowelless).codes
}

let rowBuffer = new Float64Array(32)
let previousBuffer = new Float64Array(32)

/** Weighted edit distance similarity of two prepared sequences, 1 for the same sounds. */
function similarity(a: Sequence, b: Sequence): number {
  if (a.symbols === b.symbols) return 1
  const aSymbols = a.symbols
  const bSymbols = b.symbols
  const width = bSymbols.length + 1
  if (rowBuffer.length < width) {
    rowBuffer = new Float64Array(width * 2)
    previousBuffer = new Float64Array(width * 2)
  }
  let previous = previousBuffer
  let row = rowBuffer
  const aIndels = a.indels
  const bIndels = b.indels
  previous[0] = 0
  for (let j = 1; j < width; j++) previous[j] = (previous[j - 1] as number) + (bIndels[j - 1] as number)
  for (let i = 1; i <= aSymbols.length; i++) {
    const aCode = aSymbols.charCodeAt(i - 1) * 128
    const aIndel = aIndels[i - 1] as number
    row[0] = (previous[0] as number) + aIndel
    for (let j = 1; j < width; j++) {
      const replace =
        (previous[j - 1] as number) + (substitutionTable[aCode + bSymbols.charCodeAt(j - 1)] as number)
      const remove = (previous[j] as number) + aIndel
      const insert = (row[j - 1] as number) + (bIndels[j - 1] as number)
      row[j] = Math.min(replace, remove, insert)
    }
    const swap = previous
    previous = row
    row = swap
  }
  const cost = previous[bSymbols.length] as number
  const scale = Math.max(a.weight, b.weight)
  return scale === 0 ? 0 : Math.max(0, 1 - cost / scale)
}

/**
 * Similarity of two tokens' sounds (0..1), the best over their readings. `vowelless` compares
 * consonants only, for names written in Arabic script, which omits short vowels.
 */
export function soundSimilarity(a: TokenSound, b: TokenSound, vowelless = false): number {
  const left = vowelless ? a.consonants : a.sequences
  const right = vowelless ? b.consonants : b.sequences
  let best = 0
  for (const x of left) {
    for (const y of right) {
      const value = similarity(x, y)
      if (value > best) {
        best = value
        if (best === 1) return 1
      }
    }
  }
  return best
}
