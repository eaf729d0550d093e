import { type LifeDomain, lifeDomainNames } from '../../../../common/casework-values.ts'
import type { AgeGroup, summaryLanguages } from '../../../../common/conference.ts'

/**
 * The pseudonymised summary a conference is given: household size, age groups, the needs of the
 * latest assessment and the domains of open goals. Nothing else of the case goes in, so it holds
 * no name, birth date, address or case number; `identifyingParts` checks an edited text for them.
 */

type Language = (typeof summaryLanguages)[number]

export type SummaryFacts = {
  birthDates: string[]
  needs: { domain: LifeDomain; needLevel: number }[]
  goalDomains: LifeDomain[]
}

const domainNames: Record<Language, Record<LifeDomain, string>> = lifeDomainNames

const texts = {
  de: {
    household: (count: number) => (count === 1 ? 'Eine Person' : `Haushalt mit ${count} Personen`),
    ages: 'Altersgruppen',
    age: (group: AgeGroup) => (group === '65+' ? '65 Jahre und älter' : `${group.replace('-', '–')} Jahre`),
    unknownAge: 'Alter unbekannt',
    needs: 'Bedarfe laut letzter Einschätzung',
    noNeeds: 'Noch keine Einschätzung mit Bedarf.',
    levels: ['kein Bedarf', 'geringer Bedarf', 'mittlerer Bedarf', 'hoher Bedarf'],
    goals: 'Offene Ziele in',
  },
  en: {
    household: (count: number) => (count === 1 ? 'One person' : `Household of ${count} persons`),
    ages: 'Age groups',
    age: (group: AgeGroup) => (group === '65+' ? '65 years and older' : `${group.replace('-', '–')} years`),
    unknownAge: 'age unknown',
    needs: 'Needs in the latest assessment',
    noNeeds: 'No assessment with a need yet.',
    levels: ['no need', 'low need', 'medium need', 'high need'],
    goals: 'Open goals in',
  },
} as const

/** Whole years at a day, from a full or partial birth date (a year alone counts from its middle). */
function ageAt(birthDate: string, day: string): number | null {
  const [year, month, date] = birthDate.split('-').map(Number)
  const [atYear, atMonth, atDate] = day.split('-').map(Number) as [number, number, number]
  if (!year) return null
  const birthday = [month ?? 7, date ?? 1] as const
  const before = atMonth < birthday[0] || (atMonth === birthday[0] && atDate < birthday[1])
  return atYear - year - (before ? 1 : 0)
}

export function ageGroupOf(birthDate: string, day: string): AgeGroup | null {
  const age = ageAt(birthDate, day)
  if (age === null || age < 0) return null
  if (age <= 5) return '0-5'
  if (age <= 17) return '6-17'
  if (age <= 26) return '18-26'
  if (age <= 44) return '27-44'
  if (age <= 64) return '45-64'
  return '65+'
}

/** Drafts the summary in German or English from the facts alone. */
export function draftSummary(facts: SummaryFacts, day: string, language: Language): string {
  const text = texts[language]
  const names = domainNames[language]
  const groups = facts.birthDates
    .map((birthDate) => ageGroupOf(birthDate, day))
    .map((group) => (group ? text.age(group) : text.unknownAge))
    .sort()
  const counted = [...new Set(groups)].map((group) => {
    const count = groups.filter((each) => each === group).length
    return count > 1 ? `${count} × ${group}` : group
  })
  const needs = facts.needs
    .filter((need) => need.needLevel > 0)
    .sort((a, b) => b.needLevel - a.needLevel)
    .map((need) => `${names[need.domain]}: ${text.levels[need.needLevel] ?? need.needLevel}`)
  const lines = [
    `${text.household(facts.birthDates.length)}. ${text.ages}: ${counted.join(', ')}.`,
    needs.length > 0 ? `${text.needs}: ${needs.join('; ')}.` : text.noNeeds,
  ]
  if (facts.goalDomains.length > 0)
    lines.push(`${text.goals}: ${facts.goalDomains.map((domain) => names[domain]).join(', ')}.`)
  return lines.join('\n')
}

export type Identifiers = {
  reference: string
  personIds: string[]
  names: string[]
  birthDates: string[]
  addresses: string[]
}

/** The spellings of a day a text may carry: 1988-03-14, 14.03.1988, 14.3.1988. */
function daySpellings(birthDate: string): string[] {
  const [year, month, day] = birthDate.split('-')
  if (!month || !day) return []
  return [birthDate, `${day}.${month}.${year}`, `${Number(day)}.${Number(month)}.${year}`]
}

/**
 * Which kinds of identifier an edited summary contains: names (each word of three letters or
 * more, case-insensitive, whole words), full birth dates, addresses (street, postcode), the case
 * reference or a person's id. Empty when the text is pseudonymised.
 */
export function identifyingParts(summary: string, identifiers: Identifiers): string[] {
  const lower = summary.toLocaleLowerCase('de')
  const words = new Set(lower.split(/[^\p{L}\p{M}']+/u).filter(Boolean))
  const found = new Set<string>()
  for (const name of identifiers.names)
    for (const part of name.toLocaleLowerCase('de').split(/[\s-]+/))
      if (part.length >= 3 && words.has(part)) found.add('name')
  for (const birthDate of identifiers.birthDates)
    if (daySpellings(birthDate).some((spelling) => summary.includes(spelling))) found.add('birth-date')
  for (const address of identifiers.addresses)
    if (address.trim().length >= 4 && lower.includes(address.trim().toLocaleLowerCase('de')))
      found.add('address')
  if (identifiers.reference && lower.includes(identifiers.reference.toLocaleLowerCase('de')))
    found.add('case-reference')
  if (identifiers.personIds.some((id) => lower.includes(id))) found.add('person-id')
  return [...found].sort()
}
