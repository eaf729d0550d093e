import type { LightMyRequestResponse } from 'fastify'
import { expect } from 'vitest'
import type { DirectoryEntry } from '../../../common/network.ts'
import type { TestSession } from '../../test/auth.ts'
import type { TestDatabase } from '../../test/database.ts'

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

/** A problem+json answer with the status, and the field it names if one is given. */
export function expectProblem(
  response: LightMyRequestResponse,
  status: number,
  path?: string,
  message?: string,
) {
  expect(response.statusCode, response.body).toBe(status)
  expect(String(response.headers['content-type'])).toContain('application/problem+json')
  const problem = response.json()
  if (path !== undefined) {
    expect(problem.fields, response.body).toEqual(
      expect.arrayContaining([
        message === undefined
          ? expect.objectContaining({ path })
          : expect.objectContaining({ path, message }),
      ]),
    )
  }
  return problem as { code: string; fields?: { path: string; message: string }[] }
}

/** Audit rows about one subject, oldest first. */
export function auditOf(database: TestDatabase, subjectId: string) {
  return database.db
    .selectFrom('audit_event')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute()
}
