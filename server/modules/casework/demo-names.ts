import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { latestDay } from '../../../common/partial-date.ts'

/**
 * Demo persons for a district's integration management: names as German documents show them
 * (the Latin transliteration of the passport, ICAO 9303 style for Arabic, Persian, Cyrillic and
 * Ge'ez names; Turkish, Romanian, Albanian, Somali and West African names in their own Latin
 * spelling), the name in original script where the person's documents use another script, and
 * other spellings met in practice (Mohammad/Muhammad, Oleksandr/Alexander, Öztürk/Oeztuerk,
 * Somali orthography Maxamed/Xasan). Only common names; well-known public figures' combinations
 * are left out. Pure and deterministic: the same count and seed give the same people.
 *
 * Naming customs that shape the households:
 * - Arabic, Persian, Afghan, Eritrean and Somali wives keep their own family name.
 * - Eritrean and Somali documents give the father's (first) name as the child's family name
 *   (patronymic), so parents and children do not share it there.
 * - Russian family names have female forms (Ivanov/Ivanova).
 */

export type DemoSex = 'female' | 'male' | 'diverse' | 'unknown'
export type DemoRelation = 'partner' | 'child' | 'parent' | 'sibling' | 'other'

export type DemoPerson = {
  familyName: string
  givenNames: string
  nameInOriginalScript: string | null
  otherSpellings: string[]
  sex: DemoSex
  /** ISO 8601, full or partial (YYYY, YYYY-MM, YYYY-MM-DD; YYYY-01-01 often a placeholder). */
  birthDate: string
  nationalities: string[]
  languages: { code: string; interpreterNeeded: boolean }[]
  /** ISO day, after every day the birth date can mean, 2014-01-01 to 2026-10-31. */
  arrivalDate: string
  origin: DemoOrigin
}

/**
 * A household: indexes into `persons`, and its relations in both directions, each read as "`to`
 * is `from`'s <relation>" (a mother has the relation child to her son, he has parent to her).
 */
export type DemoHousehold = {
  origin: DemoOrigin
  memberIndexes: number[]
  relations: { from: number; to: number; relation: DemoRelation }[]
}

export type DemoPopulation = { persons: DemoPerson[]; households: DemoHousehold[] }

export const demoOrigins = [
  'SY',
  'UA',
  'AF',
  'IQ',
  'TR',
  'ER',
  'IR',
  'GN',
  'SO',
  'NG',
  'RU',
  'XK',
  'RO',
] as const
export type DemoOrigin = (typeof demoOrigins)[number]

type Name = { latin: string; original: string | null; other: readonly string[] }
type FamilyName = Name & { female?: Name }
type NameGroup = z.infer<typeof nameGroupSchema>
type OriginProfile = z.infer<typeof originProfileSchema>

// The names themselves are data, in server/db/seed/demo-names.json; this schema reads them.
const nameSchema = z
  .tuple([z.string().min(1), z.string().min(1).nullable()])
  .rest(z.string().min(1))
  .transform(([latin, original, ...other]): Name => ({ latin, original, other }))
const familyNameSchema = z.union([
  nameSchema,
  z.object({ male: nameSchema, female: nameSchema }).transform(
    ({ male, female }): FamilyName => ({
      ...male,
      female,
    }),
  ),
])
const shareSchema = <T extends z.ZodType>(value: T) => z.object({ value, share: z.number().min(0) })
const nameGroupSchema = z.object({
  name: z.string(),
  note: z.string().optional(),
  share: z.number().positive(),
  familyNames: z.array(familyNameSchema).min(1),
  female: z.array(nameSchema).min(1),
  male: z.array(nameSchema).min(1),
  /** First language, one of these. */
  languages: z.array(shareSchema(z.string())).min(1),
  /** Further languages, each with its own probability. */
  alsoSpoken: z.array(shareSchema(z.string())),
  /** Names given as a second given name ("Mamadou Saliou", "Chinedu Emmanuel"). */
  secondGiven: z
    .object({ female: z.array(nameSchema).min(1), male: z.array(nameSchema).min(1), share: z.number() })
    .optional(),
})
const originProfileSchema = z.object({
  share: z.number().positive(),
  nationality: z.string(),
  groups: z.array(nameGroupSchema).min(1),
  /** Weights of the arrival years 2014 to 2026. */
  arrivalYears: z.array(z.number().min(0)).length(13),
  familyShare: z.number().min(0).max(1),
  twoParentShare: z.number().min(0).max(1),
  maleShareOfSingles: z.number().min(0).max(1),
  naming: z.enum(['family-name', 'patronymic']),
  spouseTakesFamilyName: z.boolean(),
  /** How often the birth date is known only in part, or is the 1 January placeholder. */
  birthDate: z.object({ yearOnly: z.number(), yearMonth: z.number(), placeholder: z.number() }),
  otherNationalities: z.array(shareSchema(z.array(z.string()).min(1))).optional(),
})
const demoNamesSchema = z.object({
  description: z.string(),
  /**
   * ISO 3166-1 alpha-2 codes (XK for Kosovo is the code the EU and German authorities use; ISO has
   * not assigned one), plus 'stateless' and 'unclear' (ungeklärt).
   */
  nationalityCodes: z.array(z.string()).min(1),
  languageCodes: z.array(z.string()).min(1),
  /** Combinations that would name well-known public figures; the generator picks another name. */
  avoidedFullNames: z.array(z.string()),
  origins: z.record(z.enum(demoOrigins), originProfileSchema),
})

export type DemoNames = {
  /** Shares, arrival waves (2014 … 2026) and household patterns of each origin in the demo district. */
  originProfiles: Readonly<Record<DemoOrigin, OriginProfile>>
  nationalityCodes: readonly string[]
  languageCodes: readonly string[]
  avoidedFullNames: ReadonlySet<string>
}

const demoNamesFile = fileURLToPath(new URL('../../db/seed/demo-names.json', import.meta.url))
let demoNames: DemoNames | undefined

/**
 * The demo names, read from server/db/seed/demo-names.json on first use (when demo data is seeded,
 * not when the server starts) and checked against the schema, so a broken file fails loudly.
 */
export function loadDemoNames(): DemoNames {
  if (demoNames) return demoNames
  const parsed = demoNamesSchema.parse(JSON.parse(readFileSync(demoNamesFile, 'utf8')))
  for (const origin of demoOrigins) {
    if (!parsed.origins[origin]) throw new Error(`${demoNamesFile}: no profile for origin ${origin}`)
  }
  demoNames = {
    originProfiles: parsed.origins as Record<DemoOrigin, OriginProfile>,
    nationalityCodes: parsed.nationalityCodes,
    languageCodes: parsed.languageCodes,
    avoidedFullNames: new Set(parsed.avoidedFullNames),
  }
  return demoNames
}

// --- Generator -----------------------------------------------------------------------------
/** mulberry32: a small, well-mixed 32-bit PRNG; deterministic per seed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const msPerDay = 86_400_000
const firstArrivalYear = 2014
const lastArrivalDay = '2026-10-31'
const dayNumber = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / msPerDay
const isoOf = (day: number) => new Date(day * msPerDay).toISOString().slice(0, 10)
const yearsBetween = (fromIso: string, toIso: string) => (dayNumber(toIso) - dayNumber(fromIso)) / 365.25

type Random = () => number

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)]
  if (item === undefined) throw new Error('cannot pick from an empty list')
  return item
}

function pickShare<T extends { share: number }>(random: Random, items: readonly T[]): T {
  const total = items.reduce((sum, item) => sum + item.share, 0)
  let roll = random() * total
  for (const item of items) {
    roll -= item.share
    if (roll < 0) return item
  }
  return items[items.length - 1] as T
}

function pickArrival(random: Random, profile: OriginProfile): string {
  const years = profile.arrivalYears.map((share, offset) => ({ share, year: firstArrivalYear + offset }))
  const { year } = pickShare(random, years)
  const first = dayNumber(`${year}-01-01`)
  const last = Math.min(dayNumber(`${year}-12-31`), dayNumber(lastArrivalDay))
  return isoOf(first + Math.floor(random() * (last - first + 1)))
}

/** A full birth date for someone `age` (fractional years) old on `onDay`. */
const birthDateFor = (onDay: string, age: number) => isoOf(Math.round(dayNumber(onDay) - age * 365.25))

/** Leaves out the parts of the birth date that are often unknown, keeping it before arrival. */
function blurBirthDate(random: Random, birth: string, arrival: string, profile: OriginProfile): string {
  const { yearOnly, yearMonth, placeholder } = profile.birthDate
  const roll = random()
  const candidate =
    roll < yearOnly
      ? birth.slice(0, 4)
      : roll < yearOnly + yearMonth
        ? birth.slice(0, 7)
        : roll < yearOnly + yearMonth + placeholder
          ? `${birth.slice(0, 4)}-01-01`
          : birth
  return latestDay(candidate) < arrival ? candidate : birth
}

const namesFor = (group: NameGroup, sex: DemoSex, random: Random): readonly Name[] =>
  sex === 'female' ? group.female : sex === 'male' ? group.male : random() < 0.5 ? group.female : group.male

function pickGivenNames(random: Random, group: NameGroup, sex: DemoSex, taken: ReadonlySet<string>): Name[] {
  const list = namesFor(group, sex, random)
  let first = pick(random, list)
  for (let attempt = 0; attempt < 10 && taken.has(first.latin); attempt++) first = pick(random, list)
  const second = group.secondGiven
  if (second && random() < second.share) {
    const extra = pick(random, sex === 'female' ? second.female : second.male)
    if (extra.latin !== first.latin) return [first, extra]
  }
  return [first]
}

const familyNameForm = (family: FamilyName, sex: DemoSex): Name =>
  sex === 'female' && family.female ? family.female : family

function otherSpellingsFor(
  random: Random,
  given: readonly Name[],
  family: Name,
  documentName: string,
): string[] {
  const parts = [...given, family]
  if (!parts.some((part) => part.other.length > 0) || random() < 0.45) return []
  const spellings = new Set<string>()
  for (let attempt = 0; attempt < 4 && spellings.size < 2; attempt++) {
    const variant = parts.map((part) =>
      random() < 0.6 ? pick(random, [part.latin, ...part.other]) : part.latin,
    )
    const spelling = variant.join(' ')
    if (spelling !== documentName) spellings.add(spelling)
  }
  return [...spellings]
}

function languagesFor(
  random: Random,
  group: NameGroup,
  arrival: string,
  ageAtArrival: number,
): DemoPerson['languages'] {
  const codes = [pickShare(random, group.languages).value]
  for (const extra of group.alsoSpoken) {
    if (!codes.includes(extra.value) && random() < extra.share) codes.push(extra.value)
  }
  const yearsHere = yearsBetween(arrival, lastArrivalDay)
  const speaksGerman = ageAtArrival < 14 ? yearsHere > 1 : random() < Math.min(0.75, 0.08 * yearsHere)
  if (speaksGerman) codes.push('de')
  const needOfInterpreter = speaksGerman ? 0 : codes.includes('en') ? 0.1 : codes.includes('fr') ? 0.5 : 0.85
  const interpreter = ageAtArrival >= 14 && random() < needOfInterpreter
  return codes.map((code, index) => ({ code, interpreterNeeded: index === 0 && interpreter }))
}

function nationalitiesFor(random: Random, profile: OriginProfile, arrival: string): string[] {
  const roll = random()
  let threshold = 0
  for (const special of profile.otherNationalities ?? []) {
    threshold += special.share
    if (roll < threshold) return [...special.value]
  }
  // Naturalised with the Turkish citizenship kept, possible since the 2024 reform.
  if (profile.nationality === 'TR' && arrival < '2019-01-01' && random() < 0.15) return ['TR', 'DE']
  return [profile.nationality]
}

type Draft = {
  given: Name[]
  family: Name
  sex: DemoSex
  birth: string
}

/**
 * Deterministic demo persons: `count` people (singles and households) drawn with `seed`. Household
 * members are consecutive in `persons`; a person belongs to at most one household.
 */
export function generateDemoPersons(count: number, seed: number): DemoPopulation {
  const { originProfiles: demoOriginProfiles, avoidedFullNames } = loadDemoNames()
  const random = mulberry32(seed)
  const persons: DemoPerson[] = []
  const households: DemoHousehold[] = []
  const origins = demoOrigins.map((origin) => ({ origin, share: demoOriginProfiles[origin].share }))

  const person = (
    origin: DemoOrigin,
    group: NameGroup,
    draft: Draft,
    arrival: string,
    nationalities: string[],
  ): number => {
    const profile = demoOriginProfiles[origin]
    const givenNames = draft.given.map((name) => name.latin).join(' ')
    const originals = [...draft.given, draft.family].map((name) => name.original)
    const ageAtArrival = yearsBetween(draft.birth, arrival)
    persons.push({
      familyName: draft.family.latin,
      givenNames,
      nameInOriginalScript: originals.every((original) => original !== null) ? originals.join(' ') : null,
      otherSpellings: otherSpellingsFor(
        random,
        draft.given,
        draft.family,
        `${givenNames} ${draft.family.latin}`,
      ),
      sex: draft.sex,
      birthDate: blurBirthDate(random, draft.birth, arrival, profile),
      nationalities,
      languages: languagesFor(random, group, arrival, ageAtArrival),
      arrivalDate: arrival,
      origin,
    })
    return persons.length - 1
  }

  const draftFor = (
    group: NameGroup,
    sex: DemoSex,
    family: FamilyName,
    birth: string,
    taken = new Set<string>(),
  ) => {
    const familyName = familyNameForm(family, sex)
    let given = pickGivenNames(random, group, sex, taken)
    for (let attempt = 0; attempt < 10; attempt++) {
      if (!avoidedFullNames.has(`${given.map((name) => name.latin).join(' ')} ${familyName.latin}`)) break
      given = pickGivenNames(random, group, sex, taken)
    }
    return { given, family: familyName, sex, birth }
  }

  const singleSex = (profile: OriginProfile): DemoSex => {
    const roll = random()
    if (roll < 0.005) return 'diverse'
    if (roll < 0.01) return 'unknown'
    return random() < profile.maleShareOfSingles ? 'male' : 'female'
  }

  const addSingle = (origin: DemoOrigin) => {
    const profile = demoOriginProfiles[origin]
    const group = pickShare(random, profile.groups)
    const arrival = pickArrival(random, profile)
    const ageAtArrival = 17 + random() ** 1.7 * 48
    const draft = draftFor(
      group,
      singleSex(profile),
      pick(random, group.familyNames),
      birthDateFor(arrival, ageAtArrival),
    )
    person(origin, group, draft, arrival, nationalitiesFor(random, profile, arrival))
  }

  const addFamily = (origin: DemoOrigin, room: number) => {
    const profile = demoOriginProfiles[origin]
    const group = pickShare(random, profile.groups)
    const arrival = pickArrival(random, profile)
    const motherAge = 21 + random() * 24
    const fatherAge = motherAge + random() * 8
    const withFather = random() < profile.twoParentShare
    const withGrandmother = origin === 'UA' && random() < 0.2

    // Children's ages at arrival: the oldest born when the mother was 19 or older, 1 to 4 years apart.
    const childAges: number[] = []
    let age = Math.min(17.9, motherAge - 19) * random()
    const wanted = 1 + Math.floor(random() * 4)
    while (childAges.length < wanted && age >= 0.1) {
      childAges.push(age)
      age -= 1 + random() * 3
    }
    const adults = 1 + (withFather ? 1 : 0) + (withGrandmother ? 1 : 0)
    childAges.splice(Math.max(0, room - adults))
    if (adults + childAges.length < 2 || adults + childAges.length > room) return addSingle(origin)

    const nationalities = nationalitiesFor(random, profile, arrival)
    // Families often reunite: the father came first, one to three years earlier.
    const fatherArrivalDay = Math.max(
      dayNumber(`${firstArrivalYear}-01-01`),
      dayNumber(arrival) - (random() < 0.3 && origin !== 'UA' ? Math.floor(365 + random() * 730) : 0),
    )
    const fatherArrival = isoOf(fatherArrivalDay)

    const fatherFamily = pick(random, group.familyNames)
    const father = draftFor(group, 'male', fatherFamily, birthDateFor(arrival, fatherAge))
    const motherFamily = profile.spouseTakesFamilyName ? fatherFamily : pick(random, group.familyNames)
    const mother = draftFor(group, 'female', motherFamily, birthDateFor(arrival, motherAge))
    const childFamily: FamilyName =
      profile.naming === 'patronymic' ? (father.given[0] as Name) : withFather ? fatherFamily : motherFamily

    const members: number[] = []
    const relations: DemoHousehold['relations'] = []
    const relate = (from: number, to: number, relation: DemoRelation, inverse: DemoRelation) => {
      relations.push({ from, to, relation }, { from: to, to: from, relation: inverse })
    }
    const fatherIndex = withFather
      ? person(origin, group, father, fatherArrival, [...nationalities])
      : undefined
    if (fatherIndex !== undefined) members.push(fatherIndex)
    const motherIndex = person(origin, group, mother, arrival, [...nationalities])
    members.push(motherIndex)
    if (fatherIndex !== undefined) relate(fatherIndex, motherIndex, 'partner', 'partner')

    const takenNames = new Set<string>()
    const children: number[] = []
    for (const childAge of childAges) {
      const roll = random()
      const sex: DemoSex = roll < 0.005 ? 'unknown' : roll < 0.5 ? 'female' : 'male'
      const child = draftFor(group, sex, childFamily, birthDateFor(arrival, childAge), takenNames)
      for (const name of child.given) takenNames.add(name.latin)
      const childIndex = person(origin, group, child, arrival, [...nationalities])
      for (const parent of [fatherIndex, motherIndex]) {
        if (parent !== undefined) relate(parent, childIndex, 'child', 'parent')
      }
      for (const sibling of children) relate(sibling, childIndex, 'sibling', 'sibling')
      children.push(childIndex)
      members.push(childIndex)
    }

    if (withGrandmother) {
      const grandmother = draftFor(
        group,
        'female',
        pick(random, group.familyNames),
        birthDateFor(arrival, motherAge + 20 + random() * 10),
      )
      const grandmotherIndex = person(origin, group, grandmother, arrival, [...nationalities])
      members.push(grandmotherIndex)
      relate(grandmotherIndex, motherIndex, 'child', 'parent')
      for (const child of children) relate(grandmotherIndex, child, 'other', 'other')
    }
    households.push({ origin, memberIndexes: members, relations })
  }

  while (persons.length < count) {
    const { origin } = pickShare(random, origins)
    const room = count - persons.length
    if (room >= 2 && random() < demoOriginProfiles[origin].familyShare) addFamily(origin, room)
    else addSingle(origin)
  }
  return { persons, households }
}
