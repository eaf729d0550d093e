import { expect } from 'vitest'
import type { Consent } from '../../../common/consent.ts'
import type { DirectoryEntry } from '../../../common/network.ts'
import type { TestSession } from '../../test/auth.ts'
import { personWithCase as caseworkPersonWithCase } from '../../test/case-factories.ts'
import type { TestDatabase } from '../../test/database.ts'
import { countRows, isoDay } from '../../test/expectations.ts'

export { countRows, expectProblem, expectProblemCode, isoDay } from '../../test/expectations.ts'

/** Municipality ids of a district by name. */
export async function municipalitiesByName(database: TestDatabase, districtId: string) {
  const rows = await database.db
    .selectFrom('municipality')
    .select(['id', 'name'])
    .where('district_id', '=', districtId)
    .execute()
  return new Map(rows.map((row) => [row.name, row.id]))
}

/** The directory entry of an organisation by name, as the session sees the directory. */
export async function organisationByName(session: TestSession, name: string): Promise<DirectoryEntry> {
  const response = await session.request({ method: 'GET', url: '/api/directory' })
  expect(response.statusCode, response.body).toBe(200)
  const entry = (response.json().items as DirectoryEntry[]).find((item) => item.name === name)
  if (!entry) throw new Error(`no organisation ${name} in the directory`)
  return entry
}

/** Factories of the network tests; every record is made through the API, as a user would. */

export async function firstMunicipality(database: TestDatabase, districtId: string): Promise<string> {
  const row = await database.db
    .selectFrom('municipality')
    .select('id')
    .where('district_id', '=', districtId)
    .orderBy('code')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function organisationId(database: TestDatabase, districtId: string, name: string) {
  const row = await database.db
    .selectFrom('organisation')
    .select('id')
    .where('district_id', '=', districtId)
    .where('name', '=', name)
    .executeTakeFirstOrThrow()
  return row.id
}

export async function created<T>(session: TestSession, url: string, payload: object): Promise<T> {
  const response = await session.request({ method: 'POST', url, payload })
  expect(response.statusCode, response.body).toBe(201)
  return response.json() as T
}

/** A person with phone and e-mail and a case of their own. */
export const personWithCase = (
  session: TestSession,
  municipalityId: string,
  overrides: Record<string, unknown> = {},
) =>
  caseworkPersonWithCase(session, municipalityId, {
    familyName: 'Haddad',
    givenNames: 'Samira',
    birthDate: '1991-04-02',
    phone: '+49 2241 555123',
    email: 'samira.haddad@example.org',
    ...overrides,
  })

export const consentBody = (recipientOrganisationIds: string[], overrides: Record<string, unknown> = {}) => ({
  recipientOrganisationIds,
  purposes: ['referral'],
  dataCategories: ['identity', 'contact'],
  validFrom: isoDay(-30),
  validUntil: isoDay(335),
  ...overrides,
})

export const recordConsent = (
  session: TestSession,
  personId: string,
  recipientOrganisationIds: string[],
  overrides: Record<string, unknown> = {},
) =>
  created<Consent>(
    session,
    `/api/persons/${personId}/consents`,
    consentBody(recipientOrganisationIds, overrides),
  )

export const networkTables = ['consent', 'consent_form_file', 'referral', 'referral_status_change'] as const

export async function countNetworkRows(database: TestDatabase) {
  const counts: Record<string, number> = {}
  for (const table of networkTables) counts[table] = await countRows(database, table)
  return counts
}

/** The audit entries about a record, oldest first. */
export function auditOf(database: TestDatabase, subjectId: string) {
  return database.db
    .selectFrom('audit_event')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute()
}
