import { describe, expect, it } from 'vitest'
import { type MatchQuery, matchKeys } from '../../modules/casework/matching/index.ts'
import {
  deriveSyntheticQueries,
  evaluateMatcher,
  generateSyntheticPersons,
  type LabelledPair,
} from './index.ts'

const person = (
  familyName: string,
  givenNames: string,
  birthDate: string | null = '1988-03-14',
): MatchQuery => ({
  familyName,
  givenNames,
  birthDate,
})

describe('evaluateMatcher', () => {
  it('counts true and false positives and negatives at the threshold', () => {
    const pairs: LabelledPair[] = [
      { query: person('A', 'B'), candidate: person('A', 'B'), same: true },
      { query: person('A', 'B'), candidate: person('C', 'D'), same: true },
      { query: person('A', 'B'), candidate: person('A', 'B'), same: false },
      { query: person('A', 'B'), candidate: person('C', 'D'), same: false },
    ]
    const result = evaluateMatcher(
      pairs,
      (query, candidate) => (query.familyName === candidate.familyName ? 1 : 0),
      0.5,
    )
    expect(result).toMatchObject({ truePositives: 1, falsePositives: 1, falseNegatives: 1, trueNegatives: 1 })
    expect(result.precision).toBe(0.5)
    expect(result.recall).toBe(0.5)
  })
})

describe('synthetic persons', () => {
  const persons = generateSyntheticPersons(20_000, 1)

  it('are the same for the same seed', () => {
    expect(generateSyntheticPersons(100, 1)).toEqual(persons.slice(0, 100))
  })

  it('make common names common', () => {
    const counts = new Map<string, number>()
    for (const { source } of persons) {
      const given = source.given[0] as string
      counts.set(given, (counts.get(given) ?? 0) + 1)
    }
    const top = Math.max(...counts.values())
    expect(top / persons.length).toBeGreaterThan(0.015)
    expect(counts.size).toBeGreaterThan(300)
  })

  it('have variant queries that find their person through the keys', () => {
    const index = new Map<string, number[]>()
    for (const [position, candidate] of persons.entries()) {
      for (const key of matchKeys(candidate)) index.set(key, [...(index.get(key) ?? []), position])
    }
    const queries = deriveSyntheticQueries(persons, 1000, 2)
    const found = queries.filter((query) =>
      matchKeys(query.query).some((key) => index.get(key)?.includes(query.personIndex)),
    ).length
    expect(found / queries.length).toBeGreaterThanOrEqual(0.99)
  })
})
