import { type Random, seededRandom } from '../../db/seed/random.ts'
import type { MatchCandidate, MatchQuery } from '../../modules/casework/matching/index.ts'
import {
  type ArticleStyle,
  type CompoundStyle,
  type RenderOptions,
  romanise,
  type Script,
} from './romanise.ts'
import { feminineFamily, sourceNames } from './source-names.ts'

/**
 * Synthetic persons for benchmarks at district (50,000) and state (1,000,000) scale: names from
 * the main countries of origin, drawn Zipf-like so that common names are as common as they are
 * (Muhammad, Oleksandr, Diallo), stored in the romanisation a German registry would have used,
 * with partial and placeholder birth dates where documents often lack the day. Deterministic for
 * a seed; no dependency. Names are rendered once per source name and system and then shared, so
 * a million persons take a few seconds.
 */

export const origins = [
  'ukraine',
  'syria',
  'afghanistan',
  'turkiye',
  'iraq',
  'iran',
  'eritrea',
  'guinea',
  'germany',
] as const
export type Origin = (typeof origins)[number]

type Weighted<T> = readonly (readonly [T, number])[]

type OriginProfile = {
  /** Share among persons (roughly the shares among protection seekers and EU migrants in Germany). */
  share: number
  scripts: Weighted<Script>
  /** How the registry spelled the name, per script (original script is never stored). */
  systems: Partial<Record<Script, Weighted<string>>>
  /** Share of birth dates recorded as 1 January because only the year was known. */
  placeholder: number
  /** Share of persons with a second given name drawn separately. */
  secondGivenName: number
}

const profiles: Record<Origin, OriginProfile> = {
  ukraine: {
    share: 0.28,
    scripts: [
      ['ukrainian', 0.8],
      ['russian', 0.2],
    ],
    systems: {
      ukrainian: [
        ['national2010', 0.6],
        ['legacy', 0.15],
        ['icao', 0.1],
        ['duden', 0.12],
        ['scholarly', 0.03],
      ],
      russian: [
        ['icao', 0.5],
        ['legacy', 0.3],
        ['duden', 0.17],
        ['scholarly', 0.03],
      ],
    },
    placeholder: 0.01,
    secondGivenName: 0,
  },
  syria: {
    share: 0.22,
    scripts: [
      ['arabic', 0.85],
      ['kurmanji', 0.15],
    ],
    systems: {
      arabic: [
        ['icao', 0.45],
        ['englishPress', 0.25],
        ['german', 0.15],
        ['french', 0.12],
        ['din31635', 0.03],
      ],
      kurmanji: [
        ['english', 0.4],
        ['ascii', 0.3],
        ['german', 0.2],
        ['kurmanji', 0.1],
      ],
    },
    placeholder: 0.08,
    secondGivenName: 0.05,
  },
  afghanistan: {
    share: 0.12,
    scripts: [['persian', 1]],
    systems: {
      persian: [
        ['dariEnglish', 0.7],
        ['german', 0.2],
        ['iranianEnglish', 0.1],
      ],
    },
    placeholder: 0.35,
    secondGivenName: 0.05,
  },
  turkiye: {
    share: 0.1,
    scripts: [
      ['turkish', 0.8],
      ['kurmanji', 0.2],
    ],
    systems: {
      turkish: [
        ['turkish', 0.55],
        ['ascii', 0.25],
        ['germanUmlaut', 0.15],
        ['germanPhonetic', 0.05],
      ],
      kurmanji: [
        ['turkish', 0.6],
        ['kurmanji', 0.2],
        ['ascii', 0.2],
      ],
    },
    placeholder: 0.03,
    secondGivenName: 0.1,
  },
  iraq: {
    share: 0.07,
    scripts: [
      ['arabic', 0.75],
      ['kurmanji', 0.25],
    ],
    systems: {
      arabic: [
        ['icao', 0.55],
        ['englishPress', 0.25],
        ['german', 0.15],
        ['din31635', 0.05],
      ],
      kurmanji: [
        ['english', 0.6],
        ['ascii', 0.3],
        ['german', 0.1],
      ],
    },
    placeholder: 0.15,
    secondGivenName: 0.05,
  },
  iran: {
    share: 0.04,
    scripts: [['persian', 1]],
    systems: {
      persian: [
        ['iranianEnglish', 0.75],
        ['german', 0.2],
        ['din31635', 0.05],
      ],
    },
    placeholder: 0.05,
    secondGivenName: 0.05,
  },
  eritrea: {
    share: 0.04,
    scripts: [['tigrinya', 1]],
    systems: {
      tigrinya: [
        ['eritrean', 0.6],
        ['italian', 0.1],
        ['compact', 0.1],
        ['german', 0.15],
        ['bgn', 0.05],
      ],
    },
    placeholder: 0.2,
    secondGivenName: 0,
  },
  guinea: {
    share: 0.03,
    scripts: [['guinean', 1]],
    systems: {
      guinean: [
        ['french', 0.5],
        ['ascii', 0.35],
        ['german', 0.1],
        ['english', 0.05],
      ],
    },
    placeholder: 0.2,
    secondGivenName: 0,
  },
  germany: {
    share: 0.1,
    scripts: [['german', 1]],
    systems: {
      german: [
        ['german', 0.8],
        ['expanded', 0.1],
        ['stripped', 0.1],
      ],
    },
    placeholder: 0,
    secondGivenName: 0.15,
  },
}

// Family-name tails, so that family names are as diverse as they are: the hand-written lists hold
// the most common names, the tail is formed the way such names are formed.
function familyPool(script: Script): string[] {
  const names = sourceNames[script]
  const single = names.male.filter((name) => !name.includes(' '))
  switch (script) {
    case 'arabic':
      // Al-Ahmad, Ahmad, Abu Ahmad: family names from a forefather's given name.
      return [
        ...names.family,
        ...single.map((name) => `al-${name}`),
        ...single,
        ...single.map((name) => `abu ${name}`),
      ]
    case 'persian':
      // Ahmadi, Ahmadzay, Ahmadyar, Ahmadzada.
      return [
        ...names.family,
        ...single.flatMap((name) => [`${name}i`, `${name}zay`, `${name}yaar`, `${name}zaade`]),
      ]
    case 'ukrainian': {
      const roots = [
        'Бондар',
        'Гончар',
        'Ковал',
        'Кравч',
        'Мельнич',
        'Пастуш',
        'Рибал',
        'Столяр',
        'Кушнір',
        'Швач',
        'Гнат',
        'Дмитр',
        'Петр',
        'Павл',
        'Іван',
        'Остап',
        'Семен',
        'Тарас',
        'Федор',
        'Юрч',
        'Василь',
        'Грицьк',
        'Максим',
        'Михайл',
        'Мирон',
        'Назар',
        'Олекс',
        'Степан',
        'Трохим',
        'Яцк',
        'Білан',
        'Гордій',
        'Дорош',
        'Зінч',
        'Клим',
        'Лук',
        'Мазур',
        'Наум',
        'Онищ',
        'Прок',
      ]
      return [
        ...names.family,
        ...roots.flatMap((root) => [
          `${root}енко`,
          `${root}ук`,
          `${root}ишин`,
          `${root}ів`,
          `${root}ський`,
          `${root}ич`,
        ]),
      ]
    }
    case 'russian': {
      const roots = [
        'Бел',
        'Черн',
        'Сер',
        'Крас',
        'Рыж',
        'Кудр',
        'Голуб',
        'Соков',
        'Гуль',
        'Лис',
        'Медв',
        'Волч',
        'Зайч',
        'Комар',
        'Мух',
        'Пет',
        'Сид',
        'Тимоф',
        'Ант',
        'Гаврил',
        'Дан',
        'Ерем',
        'Зах',
        'Игнат',
        'Кондрат',
        'Лавр',
        'Мир',
        'Ники',
        'Остр',
        'Прох',
      ]
      return [
        ...names.family,
        ...roots.flatMap((root) => [`${root}ов`, `${root}ев`, `${root}ин`, `${root}ский`, `${root}анов`]),
      ]
    }
    case 'turkish': {
      const prefixes = [
        'Öz',
        'Kara',
        'Ak',
        'Ay',
        'Er',
        'Gök',
        'Yıl',
        'Tek',
        'Al',
        'Bay',
        'Baş',
        'Demir',
        'Kır',
        'Sarı',
        'Taş',
        'Uz',
      ]
      const stems = [
        'türk',
        'demir',
        'kaya',
        'taş',
        'can',
        'han',
        'doğan',
        'soy',
        'el',
        'kurt',
        'aslan',
        'tekin',
        'yol',
        'oğlu',
      ]
      return [...names.family, ...prefixes.flatMap((prefix) => stems.map((stem) => `${prefix}${stem}`))]
    }
    case 'tigrinya': {
      // Father's names; Gebre-, Tesfa-, Habte-, Welde- + a saint or quality are common.
      const heads = ['gEbrE', 'tEsfa', 'habtE', 'wEldE', "zEr'a", "'andE"]
      const tails = ['maryam', 'mikaEl', 'giyorgis', 'yEsus', 'mEdh@n', 'sElasE', 'H@wEt', 'tsion']
      return [...names.family, ...single, ...heads.flatMap((head) => tails.map((tail) => `${head}${tail}`))]
    }
    case 'kurmanji':
      return [...names.family, ...single]
    case 'german': {
      const stems = [
        'Rosen',
        'Schön',
        'Lichten',
        'Grün',
        'Stein',
        'Eichen',
        'Birken',
        'Linden',
        'Wald',
        'Berg',
        'Hoch',
        'Neu',
        'Alt',
        'Kirch',
        'Bach',
        'Mühl',
      ]
      const suffixes = ['berg', 'feld', 'thal', 'bach', 'mann', 'hagen', 'dorf', 'hofer', 'meier', 'müller']
      return [...names.family, ...stems.flatMap((stem) => suffixes.map((suffix) => `${stem}${suffix}`))]
    }
    default:
      return [...names.family]
  }
}

/** Cumulative Zipf–Mandelbrot weights 1/(rank + offset)^exponent over a list. */
function zipf(count: number, offset: number, exponent = 1): Float64Array {
  const cumulative = new Float64Array(count)
  let total = 0
  for (let rank = 1; rank <= count; rank++) {
    total += 1 / (rank + offset) ** exponent
    cumulative[rank - 1] = total
  }
  for (let index = 0; index < count; index++) cumulative[index] = (cumulative[index] as number) / total
  return cumulative
}

function draw(cumulative: Float64Array, random: Random): number {
  const target = random.next()
  let low = 0
  let high = cumulative.length - 1
  while (low < high) {
    const middle = (low + high) >> 1
    if ((cumulative[middle] as number) < target) low = middle + 1
    else high = middle
  }
  return low
}

function drawWeighted<T>(items: Weighted<T>, random: Random): T {
  let target = random.next() * items.reduce((sum, [, weight]) => sum + weight, 0)
  for (const [item, weight] of items) {
    target -= weight
    if (target < 0) return item
  }
  return (items[items.length - 1] as readonly [T, number])[0]
}

type Pools = {
  male: readonly string[]
  female: readonly string[]
  family: readonly string[]
  maleZipf: Float64Array
  femaleZipf: Float64Array
  familyZipf: Float64Array
}

// Given names are concentrated (the first handful cover a third of a group); family names have a
// long tail, except where a few names cover much of the population (Guinea: Diallo, Bah, Barry)
// or the "family name" is the father's given name (Eritrea).
const familyOffset: Partial<Record<Script, number>> = { guinean: 1, tigrinya: 2, kurmanji: 4 }

function poolsFor(script: Script): Pools {
  const names = sourceNames[script]
  const family = familyPool(script)
  return {
    male: names.male,
    female: names.female,
    family,
    maleZipf: zipf(names.male.length, 1),
    femaleZipf: zipf(names.female.length, 1),
    familyZipf: zipf(family.length, familyOffset[script] ?? 8),
  }
}

export type SyntheticPerson = MatchCandidate & {
  id: number
  origin: Origin
  sex: 'male' | 'female'
  /** The source names and the system the stored spelling used, for deriving queries. */
  source: {
    script: Script
    /** One source name, or two drawn separately (a second given name). */
    given: readonly string[]
    family: string
    system: string
  }
}

type Renderer = (
  script: Script,
  source: string,
  system: string,
  role: 'family' | 'given',
  options?: RenderOptions,
) => string

/** romanise with a cache: a population has few distinct source names. */
function cachedRenderer(): Renderer {
  const cache = new Map<string, string>()
  return (script, source, system, role, options = {}) => {
    const key = `${script}|${system}|${role}|${options.article ?? ''}|${options.compound ?? ''}|${source}`
    let rendered = cache.get(key)
    if (rendered === undefined) {
      rendered = romanise(script, source, system, role, options)
      cache.set(key, rendered)
    }
    return rendered
  }
}

const renderGiven = (
  render: Renderer,
  script: Script,
  given: readonly string[],
  system: string,
  options: RenderOptions = {},
) => given.map((name) => render(script, name, system, 'given', options)).join(' ')

const pad = (value: number) => String(value).padStart(2, '0')

function birthDate(random: Random, placeholderShare: number): string {
  // A young population: a third children, most adults under 45.
  const band = random.next()
  const age =
    band < 0.3
      ? random.below(18)
      : band < 0.78
        ? 18 + random.below(27)
        : band < 0.96
          ? 45 + random.below(25)
          : 70 + random.below(20)
  const year = 2024 - age
  const kind = random.next()
  if (kind < placeholderShare) return `${year}-01-01`
  if (kind < placeholderShare + 0.02) return String(year)
  if (kind < placeholderShare + 0.03) return `${year}-${pad(1 + random.below(12))}`
  const month = 1 + random.below(12)
  return `${year}-${pad(month)}-${pad(1 + random.below(28))}`
}

const originWeights: Weighted<Origin> = origins.map((origin) => [origin, profiles[origin].share])

/**
 * `count` synthetic persons, the same for the same seed. About 8 % carry an other spelling (the
 * name as written in an earlier document), as merged or re-registered persons do.
 */
export function generateSyntheticPersons(count: number, seed = 1): SyntheticPerson[] {
  const random = seededRandom(seed)
  const render = cachedRenderer()
  const pools = new Map<Script, Pools>()
  const persons: SyntheticPerson[] = new Array(count)
  for (let id = 0; id < count; id++) {
    const origin = drawWeighted(originWeights, random)
    const profile = profiles[origin]
    const script = drawWeighted(profile.scripts, random)
    let pool = pools.get(script)
    if (!pool) {
      pool = poolsFor(script)
      pools.set(script, pool)
    }
    const sex = random.chance(0.55) ? 'male' : 'female'
    const [names, weights] = sex === 'male' ? [pool.male, pool.maleZipf] : [pool.female, pool.femaleZipf]
    const given = [names[draw(weights, random)] as string]
    if (random.chance(profile.secondGivenName)) {
      const second = names[draw(weights, random)] as string
      if (second !== given[0]) given.push(second)
    }
    const familySource = pool.family[draw(pool.familyZipf, random)] as string
    const family = sex === 'female' ? feminineFamily(script, familySource) : familySource
    const systems = profile.systems[script] as Weighted<string>
    const system = drawWeighted(systems, random)
    const person: SyntheticPerson = {
      id,
      origin,
      sex,
      familyName: render(script, family, system, 'family'),
      givenNames: renderGiven(render, script, given, system),
      birthDate: birthDate(random, profile.placeholder),
      source: { script, given, family, system },
    }
    if (random.chance(0.08)) {
      const other = drawWeighted(systems, random)
      if (other !== system) {
        person.otherSpellings = [
          `${renderGiven(render, script, given, other)} ${render(script, family, other, 'family')}`,
        ]
      }
    }
    persons[id] = person
  }
  return persons
}

export const queryVariants = [
  'other-system',
  'swapped-names',
  'partial-date',
  'placeholder-date',
  'article-variant',
  'compound-variant',
  'same-spelling',
] as const
export type QueryVariant = (typeof queryVariants)[number]

export type SyntheticQuery = { personIndex: number; query: MatchQuery; variants: QueryVariant[] }

const allSystems: Record<Script, readonly string[]> = {
  arabic: ['din31635', 'icao', 'englishPress', 'german', 'french'],
  persian: ['din31635', 'dariEnglish', 'iranianEnglish', 'german'],
  kurmanji: ['kurmanji', 'ascii', 'english', 'german', 'turkish'],
  ukrainian: ['national2010', 'icao', 'duden', 'scholarly', 'legacy'],
  russian: ['icao', 'legacy', 'duden', 'scholarly'],
  turkish: ['turkish', 'ascii', 'germanUmlaut', 'germanPhonetic'],
  tigrinya: ['eritrean', 'bgn', 'italian', 'compact', 'german'],
  guinean: ['french', 'ascii', 'english', 'german', 'pular'],
  german: ['german', 'expanded', 'stripped'],
}

/**
 * Queries for `count` randomly chosen persons, each as a case worker might type the same person
 * again: usually in another romanisation, sometimes with names swapped, the article or compound
 * written otherwise, or only the year (or the 1 January placeholder) as birth date. The person
 * at `personIndex` is the right answer; recall at scale is how often the matcher finds it.
 */
export function deriveSyntheticQueries(
  persons: readonly SyntheticPerson[],
  count: number,
  seed = 2,
): SyntheticQuery[] {
  const random = seededRandom(seed)
  const render = cachedRenderer()
  const queries: SyntheticQuery[] = []
  for (let index = 0; index < count; index++) {
    const personIndex = random.below(persons.length)
    const person = persons[personIndex] as SyntheticPerson
    const { script, given, family, system } = person.source
    const variants: QueryVariant[] = []
    let querySystem = system
    if (random.chance(0.8)) {
      const others = (allSystems[script] ?? []).filter((name) => name !== system)
      if (others.length > 0) {
        querySystem = random.pick(others)
        variants.push('other-system')
      }
    }
    const options: RenderOptions = {}
    if (family.includes('al-') && random.chance(0.5)) {
      options.article = random.pick<ArticleStyle>([
        'hyphen',
        'joined',
        'space',
        'dropped',
        'assimilated',
        'el-hyphen',
      ])
      variants.push('article-variant')
    }
    // Only a compound source name is joined or split (Mohammad Reza, Nur Mohammad, Abd al-Rahman),
    // never two separate given names.
    if (given.some((name) => name.includes(' ')) && random.chance(0.5)) {
      options.compound = random.pick<CompoundStyle>(['joined', 'spaced', 'hyphenated'])
      variants.push('compound-variant')
    }
    let familyName = render(script, family, querySystem, 'family', options)
    let givenNames = renderGiven(render, script, given, querySystem, options)
    if (random.chance(0.1)) {
      ;[familyName, givenNames] = [givenNames, familyName]
      variants.push('swapped-names')
    }
    let birthDate = person.birthDate
    const year = birthDate?.slice(0, 4) ?? null
    if (year !== null && birthDate !== null && birthDate.length === 10 && random.chance(0.15)) {
      if (random.chance(0.5)) {
        birthDate = year
        variants.push('partial-date')
      } else if (!birthDate.endsWith('-01-01')) {
        birthDate = `${year}-01-01`
        variants.push('placeholder-date')
      }
    }
    if (variants.length === 0) variants.push('same-spelling')
    queries.push({ personIndex, query: { familyName, givenNames, birthDate }, variants })
  }
  return queries
}
