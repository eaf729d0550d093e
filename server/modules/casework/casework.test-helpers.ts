import type { LightMyRequestResponse } from 'fastify'
import { expect } from 'vitest'
import type { Case, CasePhase } from '../../../common/casework.ts'
import { tableOwners } from '../../architecture/table-ownership.ts'
import type { DB } from '../../db/schema.ts'
import { type TestSession, testPassword } from '../../test/auth.ts'
import type { TestDatabase } from '../../test/database.ts'

/** Factories and assertions shared by the case-work tests; every object is made through the API. */

import { isoDay, noonUtc } from '../../test/expectations.ts'

export { openCase, personBody, personWithCase, registerPerson } from '../../test/case-factories.ts'

export { countAll, countRows, expectProblem, isoDay, noonUtc } from '../../test/expectations.ts'

/** The municipalities of a district, ordered by their official key. */
export async function municipalityIds(database: TestDatabase, districtId: string): Promise<string[]> {
  const rows = await database.db
    .selectFrom('municipality')
    .select('id')
    .where('district_id', '=', districtId)
    .orderBy('code')
    .execute()
  return rows.map((row) => row.id)
}

export async function teamIdByName(
  database: TestDatabase,
  districtId: string,
  name: string,
): Promise<string> {
  const row = await database.db
    .selectFrom('team')
    .select('id')
    .where('district_id', '=', districtId)
    .where('name', '=', name)
    .executeTakeFirstOrThrow()
  return row.id
}

/** Creates a team as an administrator and returns its id. */
export async function createTeam(admin: TestSession, name: string): Promise<string> {
  const response = await admin.request({ method: 'POST', url: '/api/teams', payload: { name } })
  expect(response.statusCode, response.body).toBe(201)
  return response.json().id as string
}

/** Creates a user (password: testPassword) as an administrator and returns their id. */
export async function createUser(
  admin: TestSession,
  username: string,
  roles: string[],
  teamIds: string[] = [],
): Promise<string> {
  const response = await admin.request({
    method: 'POST',
    url: '/api/users',
    payload: { username, displayName: `Test ${username}`, roles, teamIds, password: testPassword },
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json().id as string
}

export const changePhase = (
  session: TestSession,
  caseId: string,
  version: number | null,
  body: Record<string, unknown>,
): Promise<LightMyRequestResponse> =>
  session.request({
    method: 'POST',
    url: `/api/cases/${caseId}/phase`,
    payload: body,
    headers: version === null ? {} : { 'if-match': `"${version}"` },
  })

export const assessmentBody = (assessedOn = isoDay(-1), domain = 'language', needLevel = 2) => ({
  assessedOn,
  entries: [{ domain, needLevel, resources: 'Motiviert', note: '' }],
})

export const goalBody = (overrides: Record<string, unknown> = {}) => ({
  domain: 'language',
  statement: 'B1-Sprachzertifikat erreichen',
  ...overrides,
})

export const contactBody = (overrides: Record<string, unknown> = {}) => ({
  occurredAt: noonUtc(-1),
  durationMinutes: 45,
  channel: 'in-person',
  language: 'de',
  domains: ['language'],
  ...overrides,
})

const regularOrder: CasePhase[] = ['intake', 'assessment', 'planning', 'implementation', 'evaluation']

/**
 * Walks an open case forward through the DGCC phases to `target`, recording the assessment and
 * the goal the phases need on the way.
 */
export async function advanceCase(session: TestSession, current: Case, target: CasePhase): Promise<Case> {
  let kase = current
  const steps = regularOrder.slice(regularOrder.indexOf(kase.phase) + 1, regularOrder.indexOf(target) + 1)
  for (const to of steps) {
    if (to === 'planning') {
      const assessed = await session.request({
        method: 'POST',
        url: `/api/cases/${kase.id}/assessments`,
        payload: assessmentBody(),
      })
      expect(assessed.statusCode, assessed.body).toBe(201)
    }
    if (to === 'implementation') {
      const goal = await session.request({
        method: 'POST',
        url: `/api/cases/${kase.id}/goals`,
        payload: goalBody(),
      })
      expect(goal.statusCode, goal.body).toBe(201)
    }
    const moved = await changePhase(session, kase.id, kase.version, { to })
    expect(moved.statusCode, moved.body).toBe(200)
    kase = moved.json() as Case
  }
  return kase
}

/** Sets the district's case-work settings as an administrator. */
export async function putSettings(
  admin: TestSession,
  settings: { teamCasesVisibleToCaseManagers: boolean; residenceExpiryLeadDays: number },
): Promise<void> {
  const response = await admin.request({ method: 'PUT', url: '/api/case-work-settings', payload: settings })
  expect(response.statusCode, response.body).toBe(200)
  expect(response.json()).toEqual(settings)
}

/** The case-work tables a write may touch: every table case work owns (server/architecture/table-ownership.ts). */
export const caseWorkTables = tableOwners.casework satisfies readonly (keyof DB & string)[]

/**
 * A small but complete PDF 1.4 (catalog, page tree, one page with a line of text, a cross-reference
 * table with the real byte offsets), as a scanner or word processor would write it.
 */
export function minimalPdf(text = 'Lotse Testdokument'): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body))
    body += `${index + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = Buffer.byteLength(body)
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}

/** A 1×1 transparent PNG. */
export const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

/** A multipart/form-data body with one file in the field "file", as a browser sends it. */
export async function multipartFile(
  fileName: string,
  content: Uint8Array,
  mediaType = 'application/octet-stream',
): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(content)], { type: mediaType }), fileName)
  const encoded = new Response(form)
  const payload = Buffer.from(await encoded.arrayBuffer())
  return { payload, headers: { 'content-type': encoded.headers.get('content-type') as string } }
}

/** Uploads a file to a case through the API. */
export async function upload(
  session: TestSession,
  caseId: string,
  fileName: string,
  content: Uint8Array,
  mediaType?: string,
): Promise<LightMyRequestResponse> {
  const { payload, headers } = await multipartFile(fileName, content, mediaType)
  return session.request({ method: 'POST', url: `/api/cases/${caseId}/documents`, payload, headers })
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
