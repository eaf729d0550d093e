/**
 * A transliteration-aware phonetic code for folded name tokens, in the spirit of the Kölner
 * Phonetik (consonant classes, vowels ignored, doubled sounds collapsed) with rules for the ways
 * Arabic, Persian, Ukrainian, Russian, Turkish, Kurdish, Tigrinya and Fula names reach Latin
 * letters. Two outputs per token:
 *
 * - `codes`: consonant-class strings for the match keys. They must agree across every spelling
 *   of one name, so they are coarse (Mohammed, Muhammad, Mehmet and Mahmoud share MGMD).
 * - `sequences`: the same sounds with vowels kept, for the scorer's weighted edit distance, which
 *   tells Hassan from Hussein and Mohammed from Mahmoud.
 *
 * Symbols: B (b p), D (d t th dh), F (f v w ph), G (g), Q (gh), H (h kh, German ch, Kurdish x),
 * h (a final h after a vowel, often left out: Fatimah, Bah),
 * K (k q c-hard ck), L, M, N, R, S (every sibilant and affricate: s z sh zh sch ch-English c-soft
 * ts tz dsch dzh dj and English j); vowels a e i o u (y and the German j are i).
 */

/**
 * A letter means different sounds in different romanisations; each token is read in four ways and
 * keeps the distinct results (most tokens have none of the ambiguous letters and one result).
 * - german: Duden transcription (ch = kh as in Charkiw/Chalid, j = y as in Jussuf/Juri).
 * - english: ICAO 9303, Ukrainian national 2010, English and French press (ch = tsch as in
 *   Shevchenko/Aicha, j = dsch as in Jamal/Djamal, French di-/thi- + vowel as in Diallo/Thierno).
 * - turkic: Turkish and Kurdish Kurmanji orthography without diacritics (c = dsch as in
 *   Cemal/Recep, j = zh as in Jiyan, x = kh as in Xelîl), and Persian gh for ق (Sadeghi).
 * - slavic: scholarly Slavic transliteration without diacritics (c = ц/č as in Chmelnyckyj and
 *   Sevcenko, ch = х, j = й as in Djačuk).
 */
type Reading = {
  ch: 'H' | 'S'
  j: 'glide' | 'S'
  /** c before a, o, u and consonants: k (Latin, English, French) or ц/č/Turkish c. */
  hardC: 'K' | 'S'
  x: 'KS' | 'H'
  gh: 'Q' | 'K'
  /** Christian, Chloe, Michael. */
  greekCh: boolean
  frenchDi: boolean
  /** dj as one sound (French Djamal) rather than d + й (Djačuk). */
  djUnit: boolean
}
const readings: readonly Reading[] = [
  { ch: 'H', j: 'glide', hardC: 'K', x: 'KS', gh: 'Q', greekCh: true, frenchDi: false, djUnit: true },
  { ch: 'S', j: 'S', hardC: 'K', x: 'KS', gh: 'Q', greekCh: true, frenchDi: true, djUnit: true },
  { ch: 'H', j: 'S', hardC: 'S', x: 'H', gh: 'K', greekCh: false, frenchDi: false, djUnit: true },
  { ch: 'H', j: 'glide', hardC: 'S', x: 'KS', gh: 'Q', greekCh: false, frenchDi: false, djUnit: false },
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
  ['dz', 'S'],
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

const single: Record<string, string> = {
  b: 'B', p: 'B', d: 'D', t: 'D', f: 'F', v: 'F', w: 'F', g: 'G', h: 'H', k: 'K', q: 'K',
  l: 'L', m: 'M', n: 'N', r: 'R', s: 'S', z: 'S', a: 'a', e: 'e', i: 'i', o: 'o', u: 'u', y: 'i',
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
    const rest = token.slice(index)
    const character = token[index] as string
    const previousLetter = token[index - 1]
    const next = token[index + 1]
    if (/^[jyi]o/.test(rest) && previousLetter !== undefined && !isVowel(previousLetter)) {
      // Russian ё after a consonant: e in ICAO 9303, jo in Duden, yo in older English spellings
      // (Alena = Aljona = Alyona, Fedor = Fjodor, Semenov = Semjonow).
      push('e')
      index += 2
      continue
    }
    if (rest.startsWith('gh')) {
      push(reading.gh)
      index += 2
      continue
    }
    if (rest.startsWith('dj')) {
      push(reading.djUnit ? 'S' : 'D')
      if (!reading.djUnit) push('i')
      index += 2
      continue
    }
    if ((character === 'w' || character === 'v') && isVowel(previousLetter) && next !== undefined && !isVowel(next) && next !== 'j') {
      // After a vowel and before a consonant w and v close a diphthong or are written u:
      // Sawsan = Sausan, Pavlo = Pawlo, Kravchenko = Krawtschenko.
      push('u')
      index += 1
      continue
    }
    const unit = units.find(([letters]) => rest.startsWith(letters))
    if (unit) {
      push(unit[1])
      index += unit[0].length
      continue
    }
    if (rest.startsWith('ch')) {
      // Greek-derived ch is k: Christian, Chloe, Michael (Mikael in Tigrinya spellings). Inside a
      // word chr is French sh + r (Bochra, Achraf); scholarly Slavic writes х as ch (Chrystyna).
      if (reading.greekCh && (/^chae/.test(rest) || (index === 0 && /^ch[rl]/.test(rest)))) push('K')
      else push(reading.ch)
      index += 2
      continue
    }
    if ((character === 'a' || character === 'o' || character === 'u') && next === 'e' && token[index + 2] !== 'e') {
      // German umlaut expansion ae/oe/ue reads like the plain vowel (Oeztuerk = Öztürk = Ozturk).
      push(character)
      index += 2
      continue
    }
    if (character === 'c') {
      if (next !== undefined && /[eiy]/.test(next)) push('S')
      else {
        push(reading.hardC)
        // German ck is one k; where c is ц/č the k is a sound of its own (Chmelnyckyj).
        if (next === 'k' && reading.hardC === 'K') index += 1
      }
      index += 1
      continue
    }
    if (character === 'x') {
      if (reading.x === 'H') push('H')
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
 */
function codeOf(sequence: string): string {
  let code = ''
  let previous = ''
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
    previous = klass
  }
  return code.length === 0 ? 'V' : code.slice(0, maxCodeLength)
}

export type TokenSound = {
  /** Distinct coarse codes over the readings, for match keys. */
  codes: string[]
  /** Distinct symbol sequences over the readings, for the scorer. */
  sequences: string[]
}

/** Codes and symbol sequences of a folded token (see `foldName`). */
export function soundOf(token: string): TokenSound {
  const sequences: string[] = []
  for (const reading of readings) {
    const sequence = encode(token, reading)
    if (!sequences.includes(sequence)) sequences.push(sequence)
  }
  const codes: string[] = []
  for (const sequence of sequences) {
    const code = codeOf(sequence)
    if (!codes.includes(code)) codes.push(code)
  }
  return { codes, sequences }
}

/** The coarse phonetic codes of a folded token, one per distinct reading. */
export function phoneticCodes(token: string): string[] {
  return soundOf(token).codes
}

// Substitution costs between vowels. Arabic short vowels wander between a/e (fatha: Ahmad,
// Ahmed), i/e (kasra: Ibrahim, Ebrahim) and u/o (damma: Muhammad, Mohammed); a against u or i
// is a different name more often than a different spelling (Hassan, Hussein, Hisham).
const vowelCost: Record<string, number> = {
  ae: 0.3, ai: 0.7, ao: 0.6, au: 0.8, ei: 0.3, eo: 0.6, eu: 0.6, io: 0.8, iu: 0.6, ou: 0.2,
}
const vowelIndel = 0.35
const vowelWeight = 0.5

function substitution(a: string, b: string): number {
  if (a === b) return 0
  const aVowel = isVowel(a)
  const bVowel = isVowel(b)
  if (aVowel && bVowel) return vowelCost[a < b ? a + b : b + a] ?? 0.8
  if (aVowel || bVowel) return Number.POSITIVE_INFINITY
  const pair = a < b ? a + b : b + a
  return consonantCost[pair] ?? 1
}

// Within the G class: g against h is Ukrainian against Russian (Oleh, Oleg; Hryhorii, Grigorij);
// gh against g is Ghebre against Gebre; gh against h is mostly a different name (Ghassan, Hassan).
// Persian gh for ق against q/k (Sadeghi, Sadeqi) is a spelling too.
const consonantCost: Record<string, number> = { GH: 0.35, GQ: 0.15, HQ: 0.7, Gh: 0.35, Hh: 0.1, Qh: 0.7, KQ: 0.35 }

// A word-initial vowel before a consonant is part of the name (Ahmad against Hamid, Amadou
// against Mamadou); before another vowel it is a glide that spellings add or drop (Yelena, Elena).
const initialVowelIndel = 0.9

/** Cost of inserting or deleting each symbol of a sequence, by position. */
function indelCosts(sequence: string): Float64Array {
  const costs = new Float64Array(sequence.length)
  for (let index = 0; index < sequence.length; index++) {
    const symbol = sequence[index] as string
    if (isVowel(symbol)) {
      costs[index] = index === 0 && !isVowel(sequence[1]) && sequence.length > 1 ? initialVowelIndel : vowelIndel
    } else if (symbol === 'h') {
      // A lost h is common (Fatimah/Fatima, Bah/Ba, Abdullah/Abdulla), other lost consonants are not.
      costs[index] = 0.2
    } else costs[index] = symbol === 'H' ? 0.5 : 1
  }
  return costs
}

const weightOf = (sequence: string) => {
  let weight = 0
  for (const symbol of sequence) weight += isVowel(symbol) || symbol === 'h' ? vowelWeight : 1
  return weight
}

let rowBuffer = new Float64Array(32)
let previousBuffer = new Float64Array(32)

/** Weighted edit distance similarity of two symbol sequences, 1 for the same sounds. */
export function sequenceSimilarity(a: string, b: string): number {
  if (a === b) return 1
  const width = b.length + 1
  if (rowBuffer.length < width) {
    rowBuffer = new Float64Array(width * 2)
    previousBuffer = new Float64Array(width * 2)
  }
  let previous = previousBuffer
  let row = rowBuffer
  const aIndels = indelCosts(a)
  const bIndels = indelCosts(b)
  previous[0] = 0
  for (let j = 1; j < width; j++) previous[j] = (previous[j - 1] as number) + (bIndels[j - 1] as number)
  for (let i = 1; i <= a.length; i++) {
    const aSymbol = a[i - 1] as string
    const aIndel = aIndels[i - 1] as number
    row[0] = (previous[0] as number) + aIndel
    for (let j = 1; j < width; j++) {
      const bSymbol = b[j - 1] as string
      const replace = (previous[j - 1] as number) + substitution(aSymbol, bSymbol)
      const remove = (previous[j] as number) + aIndel
      const insert = (row[j - 1] as number) + (bIndels[j - 1] as number)
      row[j] = replace < remove ? (replace < insert ? replace : insert) : remove < insert ? remove : insert
    }
    const swap = previous
    previous = row
    row = swap
  }
  const cost = previous[b.length] as number
  const scale = Math.max(weightOf(a), weightOf(b))
  return scale === 0 ? 0 : Math.max(0, 1 - cost / scale)
}

const withoutVowels = (sequence: string) => sequence.replace(/[aeiouh]/g, '')

/**
 * Similarity of two tokens' sounds (0..1), the best over their readings. `vowelless` compares
 * consonants only, for names written in Arabic script, which omits short vowels.
 */
export function soundSimilarity(a: TokenSound, b: TokenSound, vowelless = false): number {
  let best = 0
  for (const left of a.sequences) {
    for (const right of b.sequences) {
      const similarity = vowelless
        ? sequenceSimilarity(withoutVowels(left), withoutVowels(right))
        : sequenceSimilarity(left, right)
      if (similarity > best) best = similarity
      if (best === 1) return 1
    }
  }
  return best
}
