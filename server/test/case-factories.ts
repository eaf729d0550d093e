import { expect } from 'vitest'
import type { Case, Person } from '../../common/casework.ts'
import type { TestSession } from './auth.ts'

/** Persons and cases made through the API, as a user would, for the tests of every module. */

export const personBody = (municipalityId: string, overrides: Record<string, unknown> = {}) => ({
  familyName: 'Berger',
  givenNames: 'Lena',
  birthDate: '1988-03-14',
  sex: 'female',
  municipalityId,
  ...overrides,
})

/** Registers a person through the API; fails the test unless the answer is 201. */
export async function registerPerson(
  session: TestSession,
  municipalityId: string,
  overrides: Record<string, unknown> = {},
): Promise<Person> {
  const response = await session.request({
    method: 'POST',
    url: '/api/persons',
    payload: personBody(municipalityId, overrides),
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json() as Person
}

/** Opens a case for the persons through the API; fails the test unless the answer is 201. */
export async function openCase(
  session: TestSession,
  personIds: string[],
  municipalityId: string,
  extra: Record<string, unknown> = {},
): Promise<Case> {
  const response = await session.request({
    method: 'POST',
    url: '/api/cases',
    payload: { personIds, municipalityId, ...extra },
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json() as Case
}

/** Registers a person and opens a case for them. */
export async function personWithCase(
  session: TestSession,
  municipalityId: string,
  overrides: Record<string, unknown> = {},
): Promise<{ person: Person; case: Case }> {
  const person = await registerPerson(session, municipalityId, overrides)
  return { person, case: await openCase(session, [person.id], municipalityId) }
}
