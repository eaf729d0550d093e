import { equivalentForms } from './equivalents.ts'

/**
 * Folding of person names to a comparable lowercase Latin skeleton, and splitting into the tokens
 * the matcher compares. Folding loses information on purpose (diacritics, script, articles): it
 * only has to make the spellings of one name agree, never to be shown.
 */

// Ukrainian national romanisation (Cabinet of Ministers resolution 55/2010) in its non-initial
// forms: word-initial є/ї/й/ю/я would be ye/yi/y/yu/ya, but y and i are the same vowel to the
// phonetic code, so one table serves both positions. Russian letters follow ICAO 9303.
const cyrillicUkrainian: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'h',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ie',
  ж: 'zh',
  з: 'z',
  и: 'y',
  і: 'i',
  ї: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ь: '',
  ъ: 'ie',
  ы: 'y',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  ё: 'e',
  ў: 'u',
  ј: 'j',
  "'": '',
  ʼ: '',
}
// Russian writes г for g and и for i; the rest of the ICAO table is shared.
const cyrillicRussianOverrides: Record<string, string> = { г: 'g', и: 'i' }
const russianOnlyLetters = /[ыэъё]/
const ukrainianOnlyLetters = /[іїєґ]/

// Arabic script has no short vowels, so this gives a consonant skeleton; the scorer compares such
// tokens without vowels. Long vowels are written with و/ي, which are consonants (w/y) only at
// the start of a word; hamza becomes a vowel so that it keeps the consonants around it apart
// (مأمون is Ma'mun, not Mmun). Persian, Pashto and Sorani Kurdish letters are included.
const arabicLetters: Record<string, string> = {
  ا: 'a',
  أ: 'a',
  إ: 'i',
  آ: 'a',
  ٱ: 'a',
  ء: 'a',
  ئ: 'i',
  ؤ: 'u',
  ب: 'b',
  پ: 'p',
  ت: 't',
  ث: 'th',
  ج: 'j',
  چ: 'ch',
  ح: 'h',
  خ: 'kh',
  د: 'd',
  ذ: 'dh',
  ر: 'r',
  ڕ: 'r',
  ز: 'z',
  ژ: 'zh',
  س: 's',
  ش: 'sh',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'z',
  ع: '',
  غ: 'gh',
  ف: 'f',
  ڤ: 'v',
  ق: 'q',
  ك: 'k',
  ک: 'k',
  گ: 'g',
  ل: 'l',
  ڵ: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
  ە: 'a',
  ة: 'a',
  ۀ: 'a',
  ى: 'a',
  ۆ: 'o',
  ێ: 'e',
  ـ: '',
  'َ': 'a',
  'ُ': 'u',
  'ِ': 'i',
  'ً': '',
  'ٌ': '',
  'ٍ': '',
  'ْ': '',
  'ٰ': 'a',
}
const arabicScript = /[\u0600-\u06ff]/
const arabicYeh = /[يیې]/
const arabicWaw = /[وۇ]/

// Letters that NFD does not decompose, or whose plain base letter would mislead: DIN 31635 ǧ is
// the sound English writes j (stripping it to g would turn Ǧamāl into a different name).
const specialLatin: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  // Serbian, Croatian and Bosnian đ is written dj in German and English documents (Đorđević,
  // Djordjevic) and d when the stroke is lost (Dordevic); the phonetic code reads dj both ways.
  đ: 'dj',
  // The digraph ligatures of Unicode's Serbo-Croatian letters (rare, but they do arrive).
  ǆ: 'dzh',
  ǉ: 'lj',
  ǌ: 'nj',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ǧ: 'j',
  ḫ: 'kh',
  ṯ: 'th',
  ḏ: 'dh',
  ġ: 'gh',
  ĳ: 'ij',
  ŋ: 'ng',
  ə: 'e',
  ǝ: 'e',
}
// Apostrophe-like marks: DIN 31635 ʿayn ʿ and hamza ʾ, Ukrainian apostrophe, typographic quotes.
// They are dropped, so Ma'mun, Maʾmūn and Mamun agree.
const apostrophes = /['’‘`´ʼʻʹʿʾ′]/g

function transliterateCyrillic(text: string): string {
  const russian = russianOnlyLetters.test(text) && !ukrainianOnlyLetters.test(text)
  let out = ''
  for (const character of text) {
    const mapped = (russian ? cyrillicRussianOverrides[character] : undefined) ?? cyrillicUkrainian[character]
    out += mapped ?? character
  }
  return out
}

function transliterateArabic(text: string): string {
  let out = ''
  let atWordStart = true
  const characters = [...text]
  let articleAt = -1
  for (const [index, character] of characters.entries()) {
    if (/\s|-/.test(character)) {
      out += ' '
      atWordStart = true
      continue
    }
    // The noun after a joined article starts a word too (العبيدي is al-ʿUbaydi).
    if (atWordStart && character === 'ا' && characters[index + 1] === 'ل') articleAt = index
    if (index === articleAt + 2 && articleAt >= 0) atWordStart = true
    // A word-initial ʿayn stands before a vowel that Latin spellings write (ʿAbd → Abd, ʿUmar → Umar).
    const previous = characters[index - 1] ?? ''
    const next = characters[index + 1] ?? ''
    // و and ي are consonants at the start of a word, after alif and before another long vowel
    // letter (درويش Darwish, عزاوي Azawi, حموي Hamawi); elsewhere they are long vowels.
    const consonantal = atWordStart || previous === 'ا' || /[اويىي]/.test(next)
    if (character === 'ع' && atWordStart) out += 'a'
    else if (arabicYeh.test(character)) out += consonantal && !/[اىي]/.test(previous) ? 'y' : 'i'
    else if (arabicWaw.test(character)) out += consonantal ? 'w' : 'u'
    else if (character === 'ّ') out += out.at(-1) ?? ''
    else {
      const mapped = arabicLetters[character] ?? character
      // س + ه is s-h, not sh: keep letters apart that would read as a Latin digraph (سها Suha).
      if (mapped.startsWith('h') && /[sktdgzcp]$/.test(out)) out += 'a'
      out += mapped
    }
    atWordStart = false
  }
  // The article is written joined to its noun in Arabic script; separate it like "al-".
  return out.replace(/(^| )al(?=[a-z]{2})/g, '$1al ')
}

/**
 * Lowercase Latin skeleton of a name: Cyrillic and Arabic script transliterated, diacritics
 * stripped (Ševčenko → sevcenko, Şahin → sahin, Öztürk → ozturk), ß → ss, apostrophes dropped,
 * hyphens and other separators turned into single spaces.
 */
export function foldName(input: string): string {
  let text = input.normalize('NFC').toLowerCase()
  if (/[\u0400-\u04ff]/.test(text)) text = transliterateCyrillic(text)
  if (arabicScript.test(text)) text = transliterateArabic(text)
  text = text.replace(apostrophes, '')
  // Serbian and Bosnian dž is one sound, written dzh or dsch elsewhere (Džafić, Dzhafich,
  // Dschafitsch); with the caron stripped, dz would read as d + z.
  text = text.replace(/d\u017e/g, 'dzh')
  let mapped = ''
  for (const character of text) mapped += specialLatin[character] ?? character
  return mapped
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z]+/g, ' ')
    .trim()
}

/**
 * The form used to decide that two tokens are spelled the same: German umlaut expansions
 * (Oeztuerk) read like the stripped letters (Ozturk), so Öztürk, Oeztuerk and Ozturk are one
 * spelling.
 */
export function spellingKey(token: string): string {
  return token.replace(/([aou])e/g, '$1')
}

export type NameToken = {
  /** Folded token after article removal and compound joining, e.g. 'abdrahman', 'hassan'. */
  text: string
  /** Other readings of a joined form: 'alhassan' may be al-Hassan, so it also reads as 'hassan'. */
  alternatives: string[]
  /** The same name in another language: 'nikolai' for 'mykola' (equivalents.ts); absent if none. */
  equivalents?: string[]
}

export type NameField = {
  tokens: NameToken[]
  /** A separate article (al-, el-, ad-, …) was dropped from this field. */
  hadArticle: boolean
  /** Two or more written words were joined into one token (Abdul Rahman → abdrahman). */
  joined: boolean
  /** The name was written in Arabic script, so it carries no short vowels. */
  vowelless: boolean
  /** A compound written as one word was split at its first element (Mohammadreza → Mohammad Reza). */
  split: boolean
}

// Articles written apart from their noun. al/el/ul/il always are; the assimilated forms (ad-Din,
// ar-Rahman, as-Sayyid, ash-Shami, an-Nur …) only when the next word starts with the letter the
// article assimilated to, so a given name like Ed or An before another name is kept.
const plainArticles = new Set(['al', 'el', 'ul', 'il'])
const assimilatedArticle = /^[aeu](d|r|s|t|z|n|sh|th|dh)$/
const allahForms = new Set(['allah', 'ullah', 'ollah', 'alla', 'ulla', 'olla', 'illah'])
const dinForms = new Set(['din', 'deen', 'dine', 'ddin', 'eddin', 'uddin', 'eddine', 'addin', 'iddin'])

function isArticle(word: string, next: string | undefined): boolean {
  if (next === undefined) return false
  if (plainArticles.has(word)) return true
  const assimilated = assimilatedArticle.exec(word)
  return assimilated !== null && next.startsWith(assimilated[1] as string)
}

// ʿAbd + name compounds are written as one word or several: Abdulrahman, Abdul Rahman,
// Abd al-Rahman, Abdel Rahman, Abdurrahman (assimilated), Abderrahmane. All become abd + noun.
const abdPrefix = /^abd(?:oul|ul|el|al|ol|il|ou|u|o|e|i|a)?$/
const abdWithArticle = /^abd(?:oul|ul|el|al|ol|il)([a-z]{3,})$/
const abdAssimilated = /^abd[aeiou]([^aeiouy])\1([a-z]{2,})$/
const abdWithVowel = /^abd(?:ou|u|o|e|i|a)([^aeiouy][a-z]*[^aeiouy][a-z]*)$/

/**
 * abd + noun without the linking article or vowel. The linking vowel alone (Abdurahman) is only
 * dropped from a word written joined: after joining Abd Aziz the a belongs to the noun.
 */
function canonicalAbd(word: string, writtenJoined: boolean): string {
  const matched = abdWithArticle.exec(word)
  if (matched) return `abd${matched[1]}`
  const doubled = abdAssimilated.exec(word)
  if (doubled) return `abd${doubled[1]}${doubled[2]}`
  const vowel = writtenJoined ? abdWithVowel.exec(word) : null
  return vowel ? `abd${vowel[1]}` : word
}

// X ad-Din compounds: Nasreddin, Nasruddin, Nasraldin, Nasr ad-Din all become nasrdin. Only forms
// with the article's l or a doubled d are touched, so a family name like Borodin stays as it is.
const dinJoined = /^([a-z]{2,}?)[aeiou][ld]d(?:in|ine|een)$/

function canonicalDin(word: string): string {
  const matched = dinJoined.exec(word)
  return matched ? `${matched[1]}din` : word
}

/**
 * Readings of a word that may carry a joined Arabic article: Alhassan, Elkhatib, Alahmad,
 * Asshami. Family names often carry one; given names rarely, but a family name lands in the
 * given-name field when the names are swapped. So given names get these readings too, with a
 * longer remainder when it starts with a vowel (Alahmad → Ahmad, but Alina stays Alina). A
 * false reading (Alexander → Exander) only adds a key.
 */
function articleAlternatives(word: string, family: boolean): string[] {
  const out: string[] = []
  const plain = /^(?:al|el)([a-z]{3,})$/.exec(word)
  if (plain) {
    const rest = plain[1] as string
    const consonantStart = /^[^aeiouy]/.test(rest)
    const hasConsonant = /[^aeiouy]/.test(rest)
    if (consonantStart || (hasConsonant && (family || rest.length >= 4))) out.push(rest)
  }
  const assimilated = /^[ae](sh|th|dh|[dtrzsn])\1([a-z]{2,})$/.exec(word)
  if (assimilated) out.push(`${assimilated[1]}${assimilated[2]}`)
  return out
}

// Persian, Arabic and Eritrean compound names written as one word: the first element is one of
// a few (Mohammad-, Gholam-, Seyyed-; Tigrinya Gebre- "servant of", Haile- "power of", Tesfa-
// "hope of", Wolde- "son of", Kidane-, Habte-), the second a name of its own. Split, so that
// Mohammadreza and Mohammad Reza are one name and Mohammadhassan and Mohammadhossein two: the
// second elements are compared as names, not as the tail of a long word.
const compoundHead =
  /^(m[ou]h+am+[ae][dt]|gh?[ou]lam|s[ae]yy?[ei]d|g?h?ebre|haile|tesfa|w[oe]lde|kidane|habte)([a-z]{3,})$/

function splitCompound(word: string): string[] {
  const matched = compoundHead.exec(word)
  if (!matched || !/[aeiouy]/.test(matched[2] as string)) return [word]
  return [matched[1] as string, matched[2] as string]
}

/**
 * Splits a family or given name into comparable tokens: folds it, drops separate articles,
 * joins ʿAbd-, -ullah and ad-Din compounds, and lists article-less readings of joined forms.
 */
export function nameField(input: string, role: 'family' | 'given'): NameField {
  const vowelless = arabicScript.test(input)
  const words = foldName(input).split(' ').filter(Boolean)
  let hadArticle = false
  let joined = false
  const merged: string[] = []
  for (let index = 0; index < words.length; index++) {
    let word = words[index] as string
    // Somali writes the ʿayn of ʿAbd as c: Cabdullahi, Cabdi, Cabdiraxmaan are Abdullahi, Abdi,
    // Abdirahman.
    if (/^cabd[a-z]/.test(word)) word = word.slice(1)
    if (isArticle(word, words[index + 1])) {
      hadArticle = true
      continue
    }
    const previous = merged.at(-1)
    if (previous !== undefined && (allahForms.has(word) || dinForms.has(word))) {
      merged[merged.length - 1] = allahForms.has(word) ? `${previous}${word}` : `${previous}din`
      joined = true
      continue
    }
    if (abdPrefix.test(word) && index + 1 < words.length) {
      let next = index + 1
      if (isArticle(words[next] as string, words[next + 1])) {
        hadArticle = true
        next++
      }
      merged.push(canonicalAbd(`abd${words[next]}`, false))
      joined = true
      index = next
      continue
    }
    merged.push(word.startsWith('abd') ? canonicalAbd(word, true) : word)
  }
  const parts = merged.flatMap(splitCompound)
  const split = parts.length > merged.length
  const tokens = parts.map((word) => {
    const text = canonicalDin(word)
    const equivalents = equivalentForms(text)
    const token: NameToken = { text, alternatives: articleAlternatives(text, role === 'family') }
    if (equivalents.length > 0) token.equivalents = equivalents
    return token
  })
  return { tokens, hadArticle, joined, vowelless, split }
}
