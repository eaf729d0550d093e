import { describe, expect, it } from 'vitest'
import { personWriteSchema } from '../../../common/casework.ts'
import { originalScriptNameSchema, personNameSchema } from '../../../common/names.ts'
import {
  comparePartialDates,
  isPlaceholderBirthDate,
  latestDay,
  parsePartialDate,
  partialDateSchema,
} from '../../../common/partial-date.ts'
import { generateDemoPersons, loadDemoNames } from './demo-names.ts'

const {
  originProfiles: demoOriginProfiles,
  nationalityCodes,
  languageCodes: demoLanguageCodes,
} = loadDemoNames()

const population = generateDemoPersons(300, 42)
const { persons, households } = population

describe('generateDemoPersons', () => {
  it('gives exactly the number of persons asked for', () => {
    expect(persons).toHaveLength(300)
    expect(generateDemoPersons(1, 7).persons).toHaveLength(1)
    expect(generateDemoPersons(0, 7).persons).toHaveLength(0)
  })

  it('gives the same people for the same seed and others for another seed', () => {
    expect(generateDemoPersons(300, 42)).toEqual(population)
    expect(generateDemoPersons(300, 43).persons).not.toEqual(persons)
  })

  it('writes every name as the person schemas store it', () => {
    for (const person of persons) {
      for (const name of [person.familyName, person.givenNames, ...person.otherSpellings]) {
        expect(personNameSchema.parse(name)).toBe(name)
      }
      if (person.nameInOriginalScript !== null) {
        expect(originalScriptNameSchema.parse(person.nameInOriginalScript)).toBe(person.nameInOriginalScript)
      }
      expect(person.otherSpellings).not.toContain(`${person.givenNames} ${person.familyName}`)
    }
  })

  it('lists only names that pass the schemas, in the right Arabic-script letters', () => {
    for (const [origin, profile] of Object.entries(demoOriginProfiles)) {
      for (const group of profile.groups) {
        for (const name of [...group.familyNames, ...group.female, ...group.male]) {
          for (const spelling of [name.latin, ...name.other])
            expect(personNameSchema.parse(spelling)).toBe(spelling)
          if (name.original === null) continue
          expect(originalScriptNameSchema.parse(name.original)).toBe(name.original)
          // Persian and Pashto write ی and ک, Arabic ي and ك.
          if (origin === 'AF' || origin === 'IR') expect(name.original).not.toMatch(/[\u064A\u0643]/)
          else expect(name.original).not.toMatch(/[\u06CC\u06A9]/)
        }
      }
    }
  })

  it('gives valid birth dates before arrival, and arrivals from 2014 to October 2026', () => {
    for (const person of persons) {
      expect(partialDateSchema.parse(person.birthDate)).toBe(person.birthDate)
      expect(latestDay(person.birthDate) < person.arrivalDate).toBe(true)
      expect(person.arrivalDate >= '2014-01-01' && person.arrivalDate <= '2026-10-31').toBe(true)
    }
  })

  it('leaves birth dates partial or placeholder about as often as the issue describes', () => {
    const many = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].flatMap((seed) => generateDemoPersons(300, seed).persons)
    const share = (test: (birthDate: string) => boolean) =>
      many.filter((person) => test(person.birthDate)).length / many.length
    expect(share((date) => parsePartialDate(date)?.precision === 'year')).toBeGreaterThan(0.06)
    expect(share((date) => parsePartialDate(date)?.precision === 'year')).toBeLessThan(0.15)
    expect(share((date) => parsePartialDate(date)?.precision === 'month')).toBeGreaterThan(0.01)
    expect(share((date) => parsePartialDate(date)?.precision === 'month')).toBeLessThan(0.06)
    expect(share(isPlaceholderBirthDate)).toBeGreaterThan(0.025)
    expect(share(isPlaceholderBirthDate)).toBeLessThan(0.09)
  })

  it('uses only the exported nationality and language codes', () => {
    for (const person of persons) {
      expect(person.nationalities.length).toBeGreaterThan(0)
      for (const code of person.nationalities) expect(nationalityCodes).toContain(code)
      for (const language of person.languages) expect(demoLanguageCodes).toContain(language.code)
      expect(person.languages.filter((language) => language.interpreterNeeded).length).toBeLessThanOrEqual(1)
    }
  })

  it('gives persons the API would accept (the seed writes them to the tables directly)', () => {
    for (const person of persons) {
      const { familyName, givenNames, nameInOriginalScript, otherSpellings, sex, birthDate } = person
      const written = personWriteSchema.safeParse({
        familyName,
        givenNames,
        nameInOriginalScript,
        otherSpellings,
        sex,
        birthDate,
        nationalities: person.nationalities,
        languages: person.languages,
        municipalityId: '00000000-0000-4000-8000-000000000000',
      })
      expect(written.error?.issues, `${givenNames} ${familyName}`).toBeUndefined()
    }
  })

  it('groups families of one origin, each person in one household at most', () => {
    expect(households.length).toBeGreaterThan(10)
    const seen = new Set<number>()
    for (const household of households) {
      expect(household.memberIndexes.length).toBeGreaterThanOrEqual(2)
      for (const index of household.memberIndexes) {
        expect(seen.has(index)).toBe(false)
        seen.add(index)
        expect(persons[index]?.origin).toBe(household.origin)
      }
      for (const relation of household.relations) {
        expect(household.memberIndexes).toContain(relation.from)
        expect(household.memberIndexes).toContain(relation.to)
      }
    }
  })

  it('states every relation in both directions', () => {
    const inverse = {
      partner: 'partner',
      child: 'parent',
      parent: 'child',
      sibling: 'sibling',
      other: 'other',
    }
    for (const household of households) {
      for (const { from, to, relation } of household.relations) {
        expect(household.relations).toContainEqual({ from: to, to: from, relation: inverse[relation] })
      }
    }
  })

  it('makes children younger than their parents and names them by the custom of their origin', () => {
    for (const household of households) {
      const profile = demoOriginProfiles[household.origin]
      for (const { from, to, relation } of household.relations) {
        if (relation !== 'child') continue
        const parent = persons[from]
        const child = persons[to]
        if (!parent || !child) throw new Error('relation outside the persons')
        expect(comparePartialDates(parent.birthDate, child.birthDate)).toBeLessThan(0)
        const isFather = parent.sex === 'male'
        if (profile.naming === 'patronymic' && isFather) {
          expect(child.familyName).toBe(parent.givenNames.split(' ')[0])
        }
        if (profile.naming === 'family-name' && isFather && household.origin !== 'RU') {
          expect(child.familyName).toBe(parent.familyName)
        }
      }
    }
  })
})
