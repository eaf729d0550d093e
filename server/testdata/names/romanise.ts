/**
 * Rule-based romanisations of hand-written source names, for the labelled set and the synthetic
 * persons. Each system names the standard or practice it follows. They are written from the
 * published tables, not from the matcher: the point is to produce the spellings that really
 * reach a registration desk, including the ones the matcher may fail on.
 *
 * Source notations:
 * - `arabic` and `persian`: a phonemic ASCII notation. Consonants b p t th j ch H (ḥ) kh d dh r z
 *   zh s sh S D T Z (emphatics) ` (ʿayn) ' (hamza) gh f q k g l m n h w y v; vowels a i u e o,
 *   long aa ii uu; # marks tāʾ marbūṭa; a doubled consonant is gemination; "al-" the article.
 * - `tigrinya`: the same letters for Ge'ez consonants (q for ቀ, kh for ኸ, H for ሐ, ts for ጸ) and
 *   vowels E (1st order ä), u, i, a, e, @ (6th order ǝ, often unwritten), o.
 * - `ukrainian`, `russian`: Cyrillic. `turkish`, `kurmanji`, `german`: their own orthography.
 *   `guinean`: the French-based official spelling of Guinean (Pular, Maninka, Susu) names.
 */

export const scripts = [
  'arabic',
  'persian',
  'kurmanji',
  'ukrainian',
  'russian',
  'turkish',
  'tigrinya',
  'guinean',
  'german',
] as const
export type Script = (typeof scripts)[number]

export type ArticleStyle = 'default' | 'hyphen' | 'el-hyphen' | 'space' | 'joined' | 'assimilated' | 'dropped'
export type CompoundStyle = 'default' | 'spaced' | 'joined' | 'hyphenated'

export type RenderOptions = {
  /** How an Arabic article before a family name is written (Al-Hassan, Alhassan, Hassan …). */
  article?: ArticleStyle
  /** How a compound given name is written (Abdul Rahman, Abdulrahman; Gebre Medhin, Gebremedhin). */
  compound?: CompoundStyle
  /** Write geminated consonants once (Mohamed for Muḥammad), as French and press spellings often do. */
  degeminate?: boolean
}

export type System = {
  name: string
  /** The standard or practice the rules follow. */
  standard: string
}

const capitalise = (word: string) => {
  const characters = [...word]
  const first = characters.findIndex((character) => /\p{L}/u.test(character) && !/[ʿʾ]/.test(character))
  if (first < 0) return word
  characters[first] = (characters[first] as string).toUpperCase()
  return characters.join('')
}

// ---------------------------------------------------------------------------------------------
// Arabic and Persian (phonemic notation)

const arabicPhoneme = /aa|ii|uu|th|kh|dh|sh|gh|ch|zh|[a-zA-Z`'#]/g
const shortVowels = new Set(['a', 'i', 'u', 'e', 'o'])
const longVowels = new Set(['aa', 'ii', 'uu'])
const isArabicVowel = (phoneme: string | undefined) =>
  phoneme !== undefined && (shortVowels.has(phoneme) || longVowels.has(phoneme))
const sunLetters = new Set(['t', 'th', 'd', 'dh', 'r', 'z', 's', 'sh', 'S', 'D', 'T', 'Z', 'l', 'n'])

type PhonemeContext = {
  phonemes: string[]
  index: number
  previous: string | undefined
  next: string | undefined
  initial: boolean
  final: boolean
}

type ArabicSystem = System & {
  letter: (phoneme: string, context: PhonemeContext) => string
  article: Exclude<ArticleStyle, 'default'>
  /** Article letters for the hyphen/space/joined styles. */
  articleWord: string
  /** The word that links ʿAbd to its noun when written as one word (Abdul-, Abdel-). */
  abdLink: 'ul' | 'el' | 'al' | 'ol'
  degeminate?: boolean
}

/** Whether y/w after a short a closes a syllable, i.e. forms a diphthong (Ḥusayn, Ḥawla). */
const isDiphthong = (context: PhonemeContext) => {
  const { previous, next } = context
  return (previous === 'a' || previous === 'e' || previous === 'o') && !isArabicVowel(next)
}

/**
 * Whether a short a stands in a last closed syllable after a consonant cluster or geminate, where
 * spoken Levantine and Egyptian Arabic raise it to e (Muḥammad → Mohammed, Aḥmad → Ahmed, but
 * Ḥasan stays Hasan).
 */
const inLastClosedSyllable = (context: PhonemeContext) => {
  const { phonemes, index } = context
  const rest = phonemes.slice(index + 1)
  const before = phonemes.slice(0, index)
  return (
    rest.length === 1 &&
    !isArabicVowel(rest[0]) &&
    before.length >= 3 &&
    !isArabicVowel(before.at(-1)) &&
    !isArabicVowel(before.at(-2))
  )
}

/** Whether a short a starts a diphthong ay (Ḥusayn, Zaynab), written ei in several systems. */
const beforeDiphthongY = (context: PhonemeContext) =>
  context.next === 'y' && !isArabicVowel(context.phonemes[context.index + 2])

const intervocalic = (context: PhonemeContext) =>
  isArabicVowel(context.previous) && isArabicVowel(context.next) && !context.initial

// DIN 31635:2011 (Arabic) and the matching DMG rules for Persian: one letter per consonant with
// diacritics, macrons for long vowels, ʿ and ʾ; word-initial hamza is not written; the article
// is al- and not assimilated.
const dinLetters: Record<string, string> = {
  b: 'b',
  p: 'p',
  t: 't',
  th: 'ṯ',
  j: 'ǧ',
  ch: 'č',
  H: 'ḥ',
  kh: 'ḫ',
  d: 'd',
  dh: 'ḏ',
  r: 'r',
  z: 'z',
  zh: 'ž',
  s: 's',
  sh: 'š',
  S: 'ṣ',
  D: 'ḍ',
  T: 'ṭ',
  Z: 'ẓ',
  '`': 'ʿ',
  gh: 'ġ',
  f: 'f',
  q: 'q',
  k: 'k',
  g: 'g',
  l: 'l',
  m: 'm',
  n: 'n',
  h: 'h',
  w: 'w',
  y: 'y',
  v: 'v',
  "'": 'ʾ',
  a: 'a',
  i: 'i',
  u: 'u',
  e: 'e',
  o: 'o',
  aa: 'ā',
  ii: 'ī',
  uu: 'ū',
  '#': '',
}

// ICAO Doc 9303 part 3 transliteration of Arabic (as on machine-readable passports): English
// consonant digraphs, emphatics as plain letters, ʿayn and hamza not written, no vowel length.
const icaoLetters: Record<string, string> = {
  b: 'b',
  p: 'p',
  t: 't',
  th: 'th',
  j: 'j',
  ch: 'ch',
  H: 'h',
  kh: 'kh',
  d: 'd',
  dh: 'dh',
  r: 'r',
  z: 'z',
  zh: 'zh',
  s: 's',
  sh: 'sh',
  S: 's',
  D: 'd',
  T: 't',
  Z: 'z',
  '`': '',
  gh: 'gh',
  f: 'f',
  q: 'q',
  k: 'k',
  g: 'g',
  l: 'l',
  m: 'm',
  n: 'n',
  h: 'h',
  w: 'w',
  y: 'y',
  v: 'v',
  "'": '',
  a: 'a',
  i: 'i',
  u: 'u',
  e: 'e',
  o: 'o',
  aa: 'a',
  ii: 'i',
  uu: 'u',
  '#': '',
}

const arabicSystems = {
  din31635: {
    name: 'din31635',
    standard: 'DIN 31635:2011 transliteration of Arabic (DMG rules for Persian)',
    letter: (phoneme, context) =>
      phoneme === "'" && context.initial ? '' : (dinLetters[phoneme] ?? phoneme),
    article: 'hyphen',
    articleWord: 'al',
    abdLink: 'al',
  },
  icao: {
    name: 'icao',
    standard: 'ICAO Doc 9303 part 3, Arabic (machine-readable travel documents); tāʾ marbūṭa as -ah',
    letter: (phoneme) => (phoneme === '#' ? 'h' : (icaoLetters[phoneme] ?? phoneme)),
    article: 'joined',
    articleWord: 'al',
    abdLink: 'ul',
  },
  // English press and Levantine/Egyptian document spellings: ICAO consonants, spoken vowels (u → o,
  // non-initial i → e, a → e in a last closed syllable: Mohammed, Ahmed), ū → ou, ī → ee, ay → ei.
  englishPress: {
    name: 'englishPress',
    standard: 'English press/Levantine document spelling (ICAO consonants, colloquial vowels)',
    letter: (phoneme, context) => {
      if (phoneme === 'u') return 'o'
      if (phoneme === 'i') return context.initial ? 'i' : 'e'
      if (phoneme === 'a') return inLastClosedSyllable(context) || beforeDiphthongY(context) ? 'e' : 'a'
      if (phoneme === 'uu') return 'ou'
      if (phoneme === 'ii') return context.final ? 'i' : 'ee'
      if (phoneme === 'y' && isDiphthong(context)) return 'i'
      if (phoneme === '#') return ''
      return icaoLetters[phoneme] ?? phoneme
    },
    article: 'el-hyphen',
    articleWord: 'el',
    abdLink: 'el',
  },
  // German transcription as in Duden and the German press: dsch, ch, sch, j for y, w, voiced z as
  // s, single s between vowels as ss (Jussuf), ay → ei, aw → au, q → k.
  german: {
    name: 'german',
    standard: 'German transcription (Duden/press: dsch, ch, sch, j, ss, ei, au)',
    letter: (phoneme, context) => {
      switch (phoneme) {
        case 'j':
          return 'dsch'
        case 'kh':
          return 'ch'
        case 'sh':
          return 'sch'
        case 'ch':
          return 'tsch'
        case 'zh':
          return 'sch'
        case 'y':
          return isDiphthong(context) ? 'i' : 'j'
        case 'w':
          return isDiphthong(context) ? 'u' : 'w'
        case 'v':
          return 'w'
        case 'z':
        case 'Z':
          return 's'
        case 's':
        case 'S':
          return intervocalic(context) ? 'ss' : 's'
        case 'q':
          return 'k'
        case 'dh':
          return 'd'
        case 'a':
          return beforeDiphthongY(context) ? 'e' : 'a'
        default:
          return icaoLetters[phoneme] ?? phoneme
      }
    },
    article: 'hyphen',
    articleWord: 'al',
    abdLink: 'ul',
  },
  // French transcription (Maghreb, West Africa, French-educated Syrian and Lebanese documents):
  // dj, kh, ch for sh, ou for u and initial w, ss between vowels, e in a last closed syllable.
  french: {
    name: 'french',
    standard: 'French transcription (dj, ch, ou, ss; Mohamed, Youssef, Abdelkader)',
    letter: (phoneme, context) => {
      switch (phoneme) {
        case 'j':
          return 'dj'
        case 'sh':
          return 'ch'
        case 'ch':
          return 'tch'
        case 'zh':
          return 'j'
        case 'u':
          return 'o'
        case 'uu':
          return 'ou'
        case 'w':
          return context.initial && isArabicVowel(context.next) ? 'ou' : 'w'
        case 's':
        case 'S':
          return intervocalic(context) ? 'ss' : 's'
        case 'q':
          return 'k'
        case 'dh':
          return 'd'
        case 'a':
          return inLastClosedSyllable(context) ? 'e' : 'a'
        default:
          return icaoLetters[phoneme] ?? phoneme
      }
    },
    article: 'space',
    articleWord: 'el',
    abdLink: 'el',
    degeminate: true,
  },
  // Afghan English (Dari pronunciation): short o → u, short e → i (Ghulam, Husain), w for و.
  dariEnglish: {
    name: 'dariEnglish',
    standard: 'Afghan passport English (Dari vowels: Ghulam, Muhammad, -zai)',
    letter: (phoneme, context) => {
      if (phoneme === 'o') return 'u'
      if (phoneme === 'e') return context.final ? 'a' : beforeDiphthongY(context) ? 'a' : 'i'
      if (phoneme === 'v') return 'w'
      if (phoneme === 'y' && isDiphthong(context)) return 'i'
      return icaoLetters[phoneme] ?? phoneme
    },
    article: 'joined',
    articleWord: 'al',
    abdLink: 'ul',
  },
  // Iranian English: Persian vowels (Gholam, Hossein, Mohammad), gh for q, v, ū as ou (Mousavi).
  iranianEnglish: {
    name: 'iranianEnglish',
    standard: 'Iranian passport English (Persian vowels, gh for q, ou for ū)',
    letter: (phoneme, context) => {
      if (phoneme === 'q') return 'gh'
      if (phoneme === 'w') return 'v'
      if (phoneme === 'uu') return 'ou'
      if (phoneme === 'y' && isDiphthong(context)) return 'i'
      if (phoneme === '#') return 'eh'
      return icaoLetters[phoneme] ?? phoneme
    },
    article: 'joined',
    articleWord: 'ol',
    abdLink: 'ol',
  },
} satisfies Record<string, ArabicSystem>

// Arabic script as written in Syrian, Iraqi, Afghan and Iranian documents: consonants and long
// vowels only; the article joined (ال).
const arabicScriptLetters: Record<string, string> = {
  b: 'ب',
  p: 'پ',
  t: 'ت',
  th: 'ث',
  j: 'ج',
  ch: 'چ',
  H: 'ح',
  kh: 'خ',
  d: 'د',
  dh: 'ذ',
  r: 'ر',
  z: 'ز',
  zh: 'ژ',
  s: 'س',
  sh: 'ش',
  S: 'ص',
  D: 'ض',
  T: 'ط',
  Z: 'ظ',
  '`': 'ع',
  gh: 'غ',
  f: 'ف',
  q: 'ق',
  k: 'ك',
  g: 'گ',
  l: 'ل',
  m: 'م',
  n: 'ن',
  h: 'ه',
  w: 'و',
  y: 'ي',
  v: 'و',
  "'": 'ء',
  aa: 'ا',
  ii: 'ي',
  uu: 'و',
  '#': 'ة',
}

function arabicScriptWord(word: string): string {
  if (word === 'allaah') return 'الله'
  const article = word.startsWith('al-')
  const phonemes = (article ? word.slice(3) : word).match(arabicPhoneme) ?? []
  let out = article ? 'ال' : ''
  for (const [index, phoneme] of phonemes.entries()) {
    if (isArabicVowel(phoneme) && !longVowels.has(phoneme)) {
      // A word-initial short vowel is carried by alif.
      if (index === 0) out += phoneme === 'i' ? 'إ' : 'أ'
      continue
    }
    if (phoneme === "'" && index === 0) continue
    if (phoneme === phonemes[index - 1] && !isArabicVowel(phoneme)) continue
    out += arabicScriptLetters[phoneme] ?? ''
  }
  return out
}

type Word = { text: string; article: boolean }

function renderArabicPhonemes(word: string, system: ArabicSystem, degeminate: boolean): string {
  const phonemes = word.match(arabicPhoneme) ?? []
  let out = ''
  for (const [index, phoneme] of phonemes.entries()) {
    const previous = phonemes[index - 1]
    // Digraph gemination (Bashshār) is written once in every Latin system; single letters only
    // when the system or the option says so.
    if (phoneme === previous && !isArabicVowel(phoneme) && (phoneme.length > 1 || degeminate)) continue
    const letter = system.letter(phoneme, {
      phonemes,
      index,
      previous,
      next: phonemes[index + 1],
      initial: index === 0 || (index === 1 && (previous === '`' || previous === "'")),
      final: index === phonemes.length - 1,
    })
    // A geminate written with a digraph is written once (Persian q → gh: Haqqani → Haghani).
    if (phoneme === previous && letter.length > 1) continue
    out += letter
  }
  return out
}

function articleText(
  noun: string,
  nounPhoneme: string | undefined,
  style: Exclude<ArticleStyle, 'default'>,
  system: ArabicSystem,
) {
  const word = system.articleWord
  const capitalNoun = capitalise(noun)
  switch (style) {
    case 'hyphen':
      return `${system.name === 'din31635' || system.name === 'german' ? word : capitalise(word)}-${capitalNoun}`
    case 'el-hyphen':
      return `El-${capitalNoun}`
    case 'space':
      return `${capitalise(word)} ${capitalNoun}`
    case 'joined':
      return `${capitalise(word)}${noun.toLowerCase()}`
    case 'assimilated': {
      // ar-Rahman, ash-Shami: the article takes the noun's first letter before "sun letters".
      if (nounPhoneme && sunLetters.has(nounPhoneme)) {
        const first = noun.slice(
          0,
          noun.toLowerCase().startsWith('sh') || noun.toLowerCase().startsWith('th') ? 2 : 1,
        )
        return `${capitalise(word.slice(0, -1))}${first.toLowerCase()}-${capitalNoun}`
      }
      return `${capitalise(word)}-${capitalNoun}`
    }
    case 'dropped':
      return capitalNoun
  }
}

function splitArticle(word: string): Word {
  return word.startsWith('al-') ? { text: word.slice(3), article: true } : { text: word, article: false }
}

/** An Arabic-notation name (family or given) in one system. */
function renderArabicName(
  source: string,
  system: ArabicSystem,
  options: RenderOptions,
  role: 'family' | 'given',
) {
  const degeminate = options.degeminate ?? system.degeminate ?? false
  const words = source.split(' ')
  const rendered: string[] = []
  for (let index = 0; index < words.length; index++) {
    const word = words[index] as string
    // ʿAbd + noun: as an article phrase (ʿAbd al-Raḥmān), with the link written on ʿAbd and
    // the noun apart (Abdul Rahman), or joined (Abdulrahman, Abdurrahman, Abdullah, Abdollah).
    if (word === '`abd' && index + 1 < words.length) {
      const { text: nounSource, article } = splitArticle(words[index + 1] as string)
      const noun = renderArabicPhonemes(nounSource, system, degeminate).toLowerCase()
      const abd = renderArabicPhonemes('`abd', system, degeminate)
      const isAllah = nounSource === 'allaah'
      const nounFirst = nounSource.match(arabicPhoneme)?.[0]
      const assimilate =
        options.article === 'assimilated' && article && nounFirst !== undefined && sunLetters.has(nounFirst)
      const linkVowel = system.abdLink[0] as string
      const link = isAllah
        ? linkVowel
        : article
          ? assimilate
            ? `${linkVowel}${noun[0]}`
            : system.abdLink
          : ''
      const style = options.compound ?? 'default'
      const articleForm =
        style === 'hyphenated' ||
        (style === 'default' && (system.name === 'din31635' || system.name === 'german'))
      if (style === 'spaced') {
        rendered.push(
          isAllah
            ? `${capitalise(abd)} ${capitalise(noun)}`
            : `${capitalise(abd + link)} ${capitalise(noun)}`,
        )
      } else if (articleForm) {
        rendered.push(
          article
            ? `${capitalise(abd)} ${articleText(noun, nounFirst, assimilate ? 'assimilated' : 'hyphen', system)}`
            : `${capitalise(abd)} ${capitalise(noun)}`,
        )
      } else rendered.push(capitalise(`${abd}${link}${isAllah ? noun.slice(1) : noun}`))
      index++
      continue
    }
    const { text, article } = splitArticle(word)
    const noun = renderArabicPhonemes(text, system, degeminate)
    if (!article) {
      rendered.push(capitalise(noun))
      continue
    }
    const style = options.article && options.article !== 'default' ? options.article : system.article
    rendered.push(
      articleText(
        noun,
        text.match(arabicPhoneme)?.[0],
        role === 'given' && style === 'dropped' ? 'hyphen' : style,
        system,
      ),
    )
  }
  const joined = options.compound === 'joined' && role === 'given' && rendered.length > 1
  return joined
    ? capitalise(rendered.join('').toLowerCase())
    : rendered.join(options.compound === 'hyphenated' ? '-' : ' ')
}

// ---------------------------------------------------------------------------------------------
// Cyrillic

const ukrainianVowels = new Set([...'аеєиіїоуюяь'])

type CyrillicTable = {
  map: Record<string, string>
  initial?: Record<string, string>
  afterVowel?: Record<string, string>
}

// Ukrainian national romanisation, Cabinet of Ministers resolution no. 55 of 27 January 2010 (used
// in Ukrainian passports since then): є ї й ю я are ye yi y yu ya at the start of a word and
// ie i i iu ia elsewhere; г → h, ґ → g, зг → zgh; the soft sign and apostrophe are dropped.
const ukrainianNational: CyrillicTable = {
  map: {
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
    ю: 'iu',
    я: 'ia',
    "'": '',
  },
  initial: { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' },
}

// ICAO Doc 9303 part 3, Cyrillic table (generic, as in the pre-2010 and many foreign systems):
// г → g, и → i, й → i, є → ie, ю → iu, я → ia, х → kh, ц → ts, щ → shch.
const icaoCyrillic: CyrillicTable = {
  map: {
    а: 'a',
    б: 'b',
    в: 'v',
    г: 'g',
    ґ: 'g',
    д: 'd',
    е: 'e',
    ё: 'e',
    є: 'ie',
    ж: 'zh',
    з: 'z',
    и: 'i',
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
    ъ: 'ie',
    ы: 'y',
    ь: '',
    э: 'e',
    ю: 'iu',
    я: 'ia',
    "'": '',
  },
}

// Duden German transcription of Ukrainian: w, h, sh for ж, s for з (ss between vowels), y for и,
// j-forms, ch for х, z for ц, tsch, sch, schtsch.
const dudenUkrainian: CyrillicTable = {
  map: {
    а: 'a',
    б: 'b',
    в: 'w',
    г: 'h',
    ґ: 'g',
    д: 'd',
    е: 'e',
    є: 'je',
    ж: 'sh',
    з: 's',
    и: 'y',
    і: 'i',
    ї: 'ji',
    й: 'j',
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
    х: 'ch',
    ц: 'z',
    ч: 'tsch',
    ш: 'sch',
    щ: 'schtsch',
    ь: '',
    ю: 'ju',
    я: 'ja',
    "'": '',
  },
}

// Scholarly transliteration of Ukrainian (Slavistic, ISO 9-like with digraph ch and šč):
// Ševčenko, Chmel'nyc'kyj.
const scholarlyUkrainian: CyrillicTable = {
  map: {
    а: 'a',
    б: 'b',
    в: 'v',
    г: 'h',
    ґ: 'g',
    д: 'd',
    е: 'e',
    є: 'je',
    ж: 'ž',
    з: 'z',
    и: 'y',
    і: 'i',
    ї: 'ji',
    й: 'j',
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
    х: 'ch',
    ц: 'c',
    ч: 'č',
    ш: 'š',
    щ: 'šč',
    ь: 'ʹ',
    ю: 'ju',
    я: 'ja',
    "'": 'ʺ',
  },
}

// Older English-style spellings of Ukrainian names in passports before the 2010 resolution:
// Russian-style g for г, y for й and и, yu/ya/ye, -iy (Sergiy, Andriy, Oleg).
const legacyUkrainian: CyrillicTable = {
  map: {
    а: 'a',
    б: 'b',
    в: 'v',
    г: 'g',
    ґ: 'g',
    д: 'd',
    е: 'e',
    є: 'ye',
    ж: 'zh',
    з: 'z',
    и: 'y',
    і: 'i',
    ї: 'yi',
    й: 'y',
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
    ю: 'yu',
    я: 'ya',
    "'": '',
  },
}

// Russian passports since 2013 follow ICAO Doc 9303 (Aleksandr, Iurii, Natalia → Natalia).
// 1997–2010 passports used an English-style system: y for й, yu, ya, kh, ts (Yuriy, Dmitriy).
const legacyRussian: CyrillicTable = {
  map: {
    а: 'a',
    б: 'b',
    в: 'v',
    г: 'g',
    д: 'd',
    е: 'e',
    ё: 'e',
    ж: 'zh',
    з: 'z',
    и: 'i',
    й: 'y',
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
    ъ: '',
    ы: 'y',
    ь: '',
    э: 'e',
    ю: 'yu',
    я: 'ya',
  },
  initial: { е: 'ye' },
}

// Duden German transcription of Russian: je at the start and after vowels, sh for ж, s for з,
// j for й, ch, z for ц, tsch, sch, schtsch, ju, ja, w; -ий → -i (Dmitri, Juri).
const dudenRussian: CyrillicTable = {
  map: {
    а: 'a',
    б: 'b',
    в: 'w',
    г: 'g',
    д: 'd',
    е: 'e',
    ё: 'jo',
    ж: 'sh',
    з: 's',
    и: 'i',
    й: 'j',
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
    х: 'ch',
    ц: 'z',
    ч: 'tsch',
    ш: 'sch',
    щ: 'schtsch',
    ъ: '',
    ы: 'y',
    ь: '',
    э: 'e',
    ю: 'ju',
    я: 'ja',
  },
  initial: { е: 'je' },
  afterVowel: { е: 'je', ё: 'jo' },
}

// Scholarly transliteration of Russian (ISO 9/Slavistic): č š ž, ch, c, j, ë.
const scholarlyRussian: CyrillicTable = {
  map: {
    а: 'a',
    б: 'b',
    в: 'v',
    г: 'g',
    д: 'd',
    е: 'e',
    ё: 'ë',
    ж: 'ž',
    з: 'z',
    и: 'i',
    й: 'j',
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
    х: 'ch',
    ц: 'c',
    ч: 'č',
    ш: 'š',
    щ: 'šč',
    ъ: 'ʺ',
    ы: 'y',
    ь: 'ʹ',
    э: 'ė',
    ю: 'ju',
    я: 'ja',
  },
}

function transliterateCyrillicWord(word: string, table: CyrillicTable, german: boolean): string {
  const lower = word.toLowerCase()
  let out = ''
  const letters = [...lower]
  for (const [index, letter] of letters.entries()) {
    const previous = letters[index - 1]
    const next = letters[index + 1]
    let mapped =
      (index === 0 ? table.initial?.[letter] : undefined) ??
      (previous !== undefined && ukrainianVowels.has(previous) ? table.afterVowel?.[letter] : undefined) ??
      table.map[letter] ??
      letter
    // зг is zgh in the 2010 system, so that it is not read as ж + х.
    if (table === ukrainianNational && letter === 'г' && previous === 'з') mapped = 'gh'
    // German keeps s voiceless between vowels by doubling it (Wassylenko).
    if (
      german &&
      letter === 'с' &&
      previous &&
      next &&
      ukrainianVowels.has(previous) &&
      ukrainianVowels.has(next)
    )
      mapped = 'ss'
    out += mapped
  }
  if (german && table === dudenRussian) out = out.replace(/ij$/, 'i').replace(/yj$/, 'y')
  return out
}

type CyrillicSystem = System & { table: CyrillicTable | null; german?: boolean }

const ukrainianSystems = {
  national2010: {
    name: 'national2010',
    standard: 'Ukrainian national romanisation, CMU resolution 55 (2010)',
    table: ukrainianNational,
  },
  icao: { name: 'icao', standard: 'ICAO Doc 9303 part 3, Cyrillic table', table: icaoCyrillic },
  duden: {
    name: 'duden',
    standard: 'Duden German transcription of Ukrainian',
    table: dudenUkrainian,
    german: true,
  },
  scholarly: {
    name: 'scholarly',
    standard: 'Scholarly (Slavistic/ISO 9-like) transliteration',
    table: scholarlyUkrainian,
  },
  legacy: {
    name: 'legacy',
    standard: 'English-style passport spellings before 2010 (g for г, -iy)',
    table: legacyUkrainian,
  },
  cyrillic: { name: 'cyrillic', standard: 'Original Cyrillic script', table: null },
} satisfies Record<string, CyrillicSystem>

const russianSystems = {
  icao: {
    name: 'icao',
    standard: 'ICAO Doc 9303 part 3 (Russian passports since 2013)',
    table: icaoCyrillic,
  },
  legacy: {
    name: 'legacy',
    standard: 'Russian passports 1997–2010 (English-style: y, yu, ya, -iy)',
    table: legacyRussian,
  },
  duden: {
    name: 'duden',
    standard: 'Duden German transcription of Russian',
    table: dudenRussian,
    german: true,
  },
  scholarly: {
    name: 'scholarly',
    standard: 'Scholarly (Slavistic/ISO 9-like) transliteration',
    table: scholarlyRussian,
  },
  cyrillic: { name: 'cyrillic', standard: 'Original Cyrillic script', table: null },
} satisfies Record<string, CyrillicSystem>

function renderCyrillic(source: string, system: CyrillicSystem): string {
  return source
    .split(/([ -])/)
    .map((part) => {
      if (part === ' ' || part === '-') return part
      if (system.table === null) return part
      return capitalise(transliterateCyrillicWord(part, system.table, system.german ?? false))
    })
    .join('')
}

// ---------------------------------------------------------------------------------------------
// Latin-script sources: Turkish, Kurmanji, Guinean (French), German

type LatinSystem = System & { rewrite: (word: string) => string }

/**
 * Rewrites a word letter group by letter group in one pass (longest group first), so that the
 * output of one rule is never rewritten by another (Kurdish j → sch must not then meet c → dsch).
 * Rules are given in lowercase; a capitalised group keeps its capital.
 */
const mapLetters = (rules: Record<string, string>) => {
  const groups = Object.keys(rules).sort((a, b) => b.length - a.length)
  return (word: string) => {
    let out = ''
    let index = 0
    while (index < word.length) {
      const rest = word.slice(index)
      const lower = rest.toLowerCase()
      const group = groups.find((candidate) => lower.startsWith(candidate))
      if (group === undefined) {
        out += word[index]
        index += 1
        continue
      }
      const replacement = rules[group] as string
      const capital = rest[0] !== lower[0]
      out += capital ? replacement.charAt(0).toUpperCase() + replacement.slice(1) : replacement
      index += group.length
    }
    return out
  }
}

const stripDiacritics = (word: string) =>
  word.replaceAll('ı', 'i').replaceAll('İ', 'I').normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC')

const turkishSystems = {
  turkish: {
    name: 'turkish',
    standard: 'Turkish orthography (Latin alphabet of 1928)',
    rewrite: (word) => word,
  },
  ascii: {
    name: 'ascii',
    standard: 'Turkish without diacritics (keyboards and systems without ş ç ğ ı)',
    rewrite: stripDiacritics,
  },
  // German keyboards have ö and ü but not ş ç ğ ı; the umlauts are often expanded (ICAO MRZ rule).
  germanUmlaut: {
    name: 'germanUmlaut',
    standard: 'German entry: umlauts expanded (ö → oe, ü → ue as in the ICAO MRZ), other letters stripped',
    rewrite: (word) => stripDiacritics(mapLetters({ ö: 'oe', ü: 'ue' })(word)),
  },
  // Older German records spell Turkish names by ear: sch, tsch, dsch, j for y.
  germanPhonetic: {
    name: 'germanPhonetic',
    standard: 'German phonetic spelling of Turkish (ş → sch, ç → tsch, c → dsch, y → j)',
    rewrite: (word) =>
      mapLetters({ ş: 'sch', ç: 'tsch', c: 'dsch', y: 'j', ğ: '', v: 'w', ı: 'i', â: 'a', î: 'i', û: 'u' })(
        word.replaceAll('İ', 'I'),
      ),
  },
} satisfies Record<string, LatinSystem>

const kurmanjiSystems = {
  kurmanji: {
    name: 'kurmanji',
    standard: 'Kurmanji Latin alphabet (Bedirxan, 1932)',
    rewrite: (word) => word,
  },
  ascii: { name: 'ascii', standard: 'Kurmanji without diacritics', rewrite: stripDiacritics },
  english: {
    name: 'english',
    standard: 'English spelling of Kurmanji (x → kh, ş → sh, ç → ch, c → j, j → zh)',
    rewrite: (word) => stripDiacritics(mapLetters({ j: 'zh', c: 'j', x: 'kh', ş: 'sh', ç: 'ch' })(word)),
  },
  german: {
    name: 'german',
    standard: 'German spelling of Kurmanji (x → ch, ş → sch, ç → tsch, c → dsch, j → sch, y → j)',
    rewrite: (word) =>
      stripDiacritics(
        mapLetters({ j: 'sch', y: 'j', c: 'dsch', x: 'ch', ş: 'sch', ç: 'tsch', v: 'w' })(word),
      ),
  },
  // Kurdish names in Turkish civil registers: no q, w, x in the Turkish alphabet.
  turkish: {
    name: 'turkish',
    standard: 'Turkish civil-register spelling of Kurdish names (x → h, w → v, q → k)',
    rewrite: mapLetters({ x: 'h', w: 'v', q: 'k', ê: 'e', î: 'i', û: 'u' }),
  },
} satisfies Record<string, LatinSystem>

const guineanSystems = {
  french: {
    name: 'french',
    standard: 'Guinean civil status spelling (French orthography)',
    rewrite: (word) => word,
  },
  ascii: { name: 'ascii', standard: 'French spelling without accents', rewrite: stripDiacritics },
  english: {
    name: 'english',
    standard: 'English spelling of Guinean names (ou → u, ch → sh, dj → j)',
    rewrite: (word) => stripDiacritics(mapLetters({ ou: 'u', dj: 'j', ch: 'sh' })(word)),
  },
  german: {
    name: 'german',
    standard: 'German spelling by ear (ou → u, ch → sch, dj → dsch, y → j)',
    rewrite: (word) => stripDiacritics(mapLetters({ ou: 'u', dj: 'dsch', ch: 'sch', y: 'j' })(word)),
  },
  // The national Pular alphabet (AFAL Bamako 1966, Guinea 1989): u, j, c for the French
  // ou, dj/di-, tch/thi- sounds (Jallo for Diallo, Cerno for Thierno).
  pular: {
    name: 'pular',
    standard: 'Pular national orthography (AFAL 1966/Guinea 1989: u, j, c)',
    rewrite: (word) =>
      stripDiacritics(
        mapLetters({ ou: 'u', dj: 'j', ch: 'sh' })(
          word.replace(/^Thi(?=[aeo])/, 'C').replace(/^Di(?=[aeo])/, 'J'),
        ),
      ),
  },
} satisfies Record<string, LatinSystem>

const germanSystems = {
  german: { name: 'german', standard: 'German orthography', rewrite: (word) => word },
  expanded: {
    name: 'expanded',
    standard: 'Umlauts and ß expanded (ä → ae, ö → oe, ü → ue, ß → ss; ICAO MRZ rule)',
    rewrite: mapLetters({ ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' }),
  },
  stripped: {
    name: 'stripped',
    standard: 'Umlauts stripped (keyboards without umlauts: ä → a, ß → ss)',
    rewrite: (word) => stripDiacritics(word.replaceAll('ß', 'ss')),
  },
} satisfies Record<string, LatinSystem>

// ---------------------------------------------------------------------------------------------
// Tigrinya (phonemic notation of Ge'ez script)

const tigrinyaPhoneme = /ts|kh|sh|ch|zh|[a-zA-Z@'`]/g
const tigrinyaVowels = new Set(['E', 'a', 'i', 'u', 'e', 'o', '@'])

type TigrinyaSystem = System & {
  letter: (phoneme: string, next: string | undefined, previous: string | undefined) => string
}

// Eritrea has no single official romanisation. The systems follow BGN/PCGN 2007 for Amharic and
// Tigrinya (ä → e, ǝ → i), the common Eritrean document spelling (ǝ → e, ቀ and ኸ → k), the
// Italian-era gh before front vowels (Ghebre, Ghirmay), the compact diaspora spelling that
// leaves ǝ out (Brhane, Grmay) and German spelling by ear (Tesfai, Johannes).
const tigrinyaSystems = {
  eritrean: {
    name: 'eritrean',
    standard: 'Eritrean document spelling (ä → e, wäl → wol as in Wolde and Tewolde, ǝ → e, q/kh → k)',
    letter: (phoneme, next, previous) => {
      if (phoneme === 'E' && previous === 'w' && next === 'l') return 'o'
      return { E: 'e', '@': 'e', q: 'k', kh: 'k', H: 'h', "'": '', '`': '' }[phoneme] ?? phoneme
    },
  },
  bgn: {
    name: 'bgn',
    standard: 'BGN/PCGN 2007 Tigrinya (ä → e, ǝ → ĭ, ቀ → k’, ሐ → ḥ, ኸ → h)',
    letter: (phoneme) =>
      ({ E: 'e', '@': 'ĭ', q: 'k’', kh: 'h', H: 'ḥ', "'": '', '`': '‘' })[phoneme] ?? phoneme,
  },
  italian: {
    name: 'italian',
    standard: 'Italian-era spelling (gh before front vowels: Ghebre, Ghirmay)',
    letter: (phoneme, next) => {
      if (phoneme === 'g' && next !== undefined && /^[Ei@e]$/.test(next)) return 'gh'
      return { E: 'e', '@': 'i', q: 'k', kh: 'k', H: 'h', "'": '', '`': '' }[phoneme] ?? phoneme
    },
  },
  compact: {
    name: 'compact',
    standard: 'Compact diaspora spelling (ǝ unwritten: Brhane, Grmay, Mhret)',
    letter: (phoneme, next, previous) => {
      // ǝ stays where leaving it out would make a digraph (Fesehay, not Feshay).
      if (phoneme === '@')
        return previous === undefined ||
          (next !== undefined && /^[hH]$/.test(next) && /^[sktzcg]$/.test(previous))
          ? 'e'
          : ''
      return { E: 'e', q: 'k', kh: 'kh', H: 'h', "'": '', '`': '' }[phoneme] ?? phoneme
    },
  },
  german: {
    name: 'german',
    standard: 'German spelling by ear (ay → ai, y → j, sh → sch, ts → z)',
    letter: (phoneme, next, previous) => {
      if (phoneme === 'y')
        return previous !== undefined && tigrinyaVowels.has(previous) && !tigrinyaVowels.has(next ?? '')
          ? 'i'
          : 'j'
      return (
        {
          E: 'e',
          '@': 'e',
          q: 'k',
          kh: 'ch',
          H: 'h',
          sh: 'sch',
          ch: 'tsch',
          j: 'dsch',
          ts: 'z',
          "'": '',
          '`': '',
        }[phoneme] ?? phoneme
      )
    },
  },
} satisfies Record<string, TigrinyaSystem>

function renderTigrinya(source: string, system: TigrinyaSystem, options: RenderOptions): string {
  const words = source.split(' ').map((word) => {
    const phonemes = word.match(tigrinyaPhoneme) ?? []
    let out = ''
    for (const [index, phoneme] of phonemes.entries()) {
      out += system.letter(phoneme, phonemes[index + 1], phonemes[index - 1])
    }
    return capitalise(out)
  })
  if (options.compound === 'joined') return capitalise(words.join('').toLowerCase())
  return words.join(options.compound === 'hyphenated' ? '-' : ' ')
}

// ---------------------------------------------------------------------------------------------

/** The romanisation systems per source script, each with the standard it follows. */
export const systems: Record<Script, readonly System[]> = {
  arabic: [
    arabicSystems.din31635,
    arabicSystems.icao,
    arabicSystems.englishPress,
    arabicSystems.german,
    arabicSystems.french,
    { name: 'arabicScript', standard: 'Original Arabic script' },
  ],
  // No Perso-Arabic script: the source notation does not mark every long vowel, so the script
  // form would be guessed rather than derived.
  persian: [
    arabicSystems.din31635,
    arabicSystems.dariEnglish,
    arabicSystems.iranianEnglish,
    arabicSystems.german,
  ],
  kurmanji: Object.values(kurmanjiSystems),
  ukrainian: Object.values(ukrainianSystems),
  russian: Object.values(russianSystems),
  turkish: Object.values(turkishSystems),
  tigrinya: Object.values(tigrinyaSystems),
  guinean: Object.values(guineanSystems),
  german: Object.values(germanSystems),
}

/** Systems whose output is not Latin script. */
export const originalScriptSystems = new Set(['arabicScript', 'cyrillic'])

const latinSystemsOf: Partial<Record<Script, Record<string, LatinSystem>>> = {
  turkish: turkishSystems,
  kurmanji: kurmanjiSystems,
  guinean: guineanSystems,
  german: germanSystems,
}

function renderLatin(source: string, system: LatinSystem, options: RenderOptions): string {
  const words = source.split(' ').map(system.rewrite)
  if (options.compound === 'joined' && words.length > 1) return capitalise(words.join('').toLowerCase())
  return words.join(options.compound === 'hyphenated' ? '-' : ' ')
}

/**
 * A source name (family or given) written in one romanisation system of its script. Throws for
 * an unknown system, so a typo in a generator fails loudly.
 */
export function romanise(
  script: Script,
  source: string,
  systemName: string,
  role: 'family' | 'given',
  options: RenderOptions = {},
): string {
  switch (script) {
    case 'arabic':
    case 'persian': {
      if (systemName === 'arabicScript') return source.split(' ').map(arabicScriptWord).join(' ')
      const system = Object.values(arabicSystems).find((candidate) => candidate.name === systemName)
      if (!system) break
      return renderArabicName(source, system, options, role)
    }
    case 'ukrainian':
    case 'russian': {
      const table = script === 'ukrainian' ? ukrainianSystems : russianSystems
      const system = Object.values(table).find((candidate) => candidate.name === systemName)
      if (!system) break
      const rendered = renderCyrillic(source, system)
      return options.compound === 'joined' ? capitalise(rendered.replaceAll(' ', '').toLowerCase()) : rendered
    }
    case 'tigrinya': {
      const system = Object.values(tigrinyaSystems).find((candidate) => candidate.name === systemName)
      if (!system) break
      return renderTigrinya(source, system, options)
    }
    default: {
      const system = latinSystemsOf[script]?.[systemName]
      if (!system) break
      return renderLatin(source, system, options)
    }
  }
  throw new RangeError(`no system ${systemName} for ${script}`)
}
