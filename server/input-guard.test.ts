import { beforeAll, describe, expect, it } from 'vitest'
import type { Case } from '../common/casework.ts'
import {
  caseWorkTables,
  contactBody,
  countAll,
  expectProblem,
  goalBody,
  isoDay,
  municipalityIds,
  personBody,
  personWithCase,
} from './modules/casework/casework.test-helpers.ts'
import { useTestApp } from './test/app.ts'
import { loginAs, type TestSession, testPassword, useDemoData } from './test/auth.ts'
import { databaseKinds } from './test/database.ts'

const identityTables = ['app_user', 'team', 'organisation'] as const

type Probe = {
  label: string
  as: 'anonymous' | 'admin' | 'caseManager'
  method: 'GET' | 'POST' | 'PATCH'
  url: (f: Fixtures) => string
  payload?: (f: Fixtures) => unknown
}
type Fixtures = { municipality: string; kase: Case; districtId: string }

/** Texts with a character PostgreSQL or the API must not take, each in one field. */
const nul = 'Sprachkurs\u0000'
const probes: Probe[] = [
  {
    label: 'the username at sign-in',
    as: 'anonymous',
    method: 'POST',
    url: () => '/api/auth/login',
    payload: () => ({ username: 'teamleitung\u0000', password: testPassword }),
  },
  {
    label: 'a contact note',
    as: 'caseManager',
    method: 'POST',
    url: (f) => `/api/cases/${f.kase.id}/contacts`,
    payload: () => contactBody({ note: nul }),
  },
  {
    label: 'a goal statement',
    as: 'caseManager',
    method: 'POST',
    url: (f) => `/api/cases/${f.kase.id}/goals`,
    payload: () => goalBody({ statement: nul }),
  },
  {
    label: 'a task title',
    as: 'caseManager',
    method: 'POST',
    url: () => '/api/tasks',
    payload: () => ({ title: nul, dueOn: isoDay(3) }),
  },
  {
    label: 'a team name',
    as: 'admin',
    method: 'POST',
    url: () => '/api/teams',
    payload: () => ({ name: 'Team\u0000Ost' }),
  },
  {
    label: 'an organisation name',
    as: 'admin',
    method: 'POST',
    url: () => '/api/organisations',
    payload: () => ({ name: 'Tafel\u0000', kind: 'other' }),
  },
  {
    label: 'a display name',
    as: 'admin',
    method: 'POST',
    url: () => '/api/users',
    payload: () => ({
      username: 'nul.test',
      displayName: 'Nul\u0000Test',
      roles: ['case-manager'],
      password: testPassword,
    }),
  },
  {
    label: 'a street in a person address',
    as: 'caseManager',
    method: 'POST',
    url: () => '/api/persons',
    payload: (f) =>
      personBody(f.municipality, {
        address: { street: 'Markt\u00001', postcode: '53721', city: 'Siegburg' },
      }),
  },
  { label: 'the audit action filter', as: 'admin', method: 'GET', url: () => '/api/audit?action=%00' },
  { label: 'the user search', as: 'admin', method: 'GET', url: () => '/api/users?q=%00' },
  {
    label: 'the municipality search',
    as: 'caseManager',
    method: 'GET',
    url: (f) => `/api/districts/${f.districtId}/municipalities?q=%00`,
  },
  { label: 'the case search', as: 'caseManager', method: 'GET', url: () => '/api/cases?q=%00' },
]

describe.each(databaseKinds)('text with control characters or broken Unicode on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let admin: TestSession
  let caseManager: TestSession
  let fixtures: Fixtures

  beforeAll(async () => {
    admin = await loginAs(ctx.app, 'admin')
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    const [municipality] = (await municipalityIds(ctx.database, caseManager.districtId)) as [string]
    const kase = (await personWithCase(caseManager, municipality)).case
    fixtures = { municipality, kase, districtId: caseManager.districtId }
  })

  const send = (probe: Probe, payload?: unknown, headers: Record<string, string> = {}) => {
    const options = {
      method: probe.method,
      url: probe.url(fixtures),
      ...(payload === undefined ? {} : { payload: payload as string }),
      headers,
    }
    if (probe.as === 'anonymous') return ctx.app.inject(options)
    return (probe.as === 'admin' ? admin : caseManager).request(options)
  }
  const stored = () => countAll(ctx.database, [...caseWorkTables, ...identityTables])

  it.each(probes)('refuses NUL in $label with 400 problem+json and stores nothing', async (probe) => {
    const before = await stored()
    const response = await send(probe, probe.payload?.(fixtures))
    const problem = expectProblem(response, 400)
    expect(problem.code).toBe('text-control-characters')
    expect(await stored()).toEqual(before)
  })

  it('names the field that carries the control character', async () => {
    const response = await caseManager.request({
      method: 'POST',
      url: `/api/cases/${fixtures.kase.id}/contacts`,
      payload: contactBody({ note: 'Termin\u0007' }),
    })
    expectProblem(response, 400, 'body.note', 'text-control-characters')
  })

  it('keeps tabs and line breaks in a multi-line note', async () => {
    const note = 'Erstes Gespräch.\r\n\tUnterlagen fehlen noch.'
    const response = await caseManager.request({
      method: 'POST',
      url: `/api/cases/${fixtures.kase.id}/contacts`,
      payload: contactBody({ note }),
    })
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json().map((contact: { note: string }) => contact.note)).toContain(note)
  })

  it('refuses a line break in a single-line text such as a team name', async () => {
    const response = await admin.request({
      method: 'POST',
      url: '/api/teams',
      payload: { name: 'Team\nOst' },
    })
    expectProblem(response, 400, 'body.name', 'text-control-characters')
  })

  it('refuses a lone surrogate in a JSON string with 400 and stores nothing', async () => {
    const before = await stored()
    const response = await caseManager.request({
      method: 'POST',
      url: `/api/cases/${fixtures.kase.id}/contacts`,
      headers: { 'content-type': 'application/json' },
      // Written by hand: JSON.stringify would escape the surrogate the same way, but this is explicit.
      payload: JSON.stringify(contactBody({ note: 'X' })).replace('"note":"X"', '"note":"Gespr\\ud800ch"'),
    })
    const problem = expectProblem(response, 400, 'body.note')
    expect(problem.code).toBe('text-invalid-unicode')
    expect(await stored()).toEqual(before)
  })

  it('refuses a body that is not valid UTF-8 with 400 instead of storing U+FFFD', async () => {
    const before = await stored()
    const json = Buffer.from(JSON.stringify(contactBody({ note: 'Gespräch' })), 'utf8')
    // "ä" as Latin-1: one byte 0xE4 where UTF-8 needs two.
    const latin1 = Buffer.from(JSON.stringify(contactBody({ note: 'Gespräch' })), 'latin1')
    expect(latin1.equals(json)).toBe(false)
    const response = await caseManager.request({
      method: 'POST',
      url: `/api/cases/${fixtures.kase.id}/contacts`,
      headers: { 'content-type': 'application/json' },
      payload: latin1,
    })
    const problem = expectProblem(response, 400)
    expect(problem.code).toBe('invalid-encoding')
    expect(await stored()).toEqual(before)
  })

  it('refuses a body declared in another character set with 415', async () => {
    const before = await stored()
    const response = await caseManager.request({
      method: 'POST',
      url: `/api/cases/${fixtures.kase.id}/contacts`,
      headers: { 'content-type': 'application/json; charset=iso-8859-1' },
      payload: Buffer.from(JSON.stringify(contactBody({ note: 'Gespräch' })), 'latin1'),
    })
    const problem = expectProblem(response, 415)
    expect(problem.code).toBe('unsupported-charset')
    expect(await stored()).toEqual(before)
  })

  it('takes a body declared as UTF-8 in any spelling', async () => {
    for (const charset of ['utf-8', 'UTF-8', '"utf-8"', 'utf8']) {
      const response = await caseManager.request({
        method: 'POST',
        url: `/api/cases/${fixtures.kase.id}/contacts`,
        headers: { 'content-type': `application/json; charset=${charset}` },
        payload: Buffer.from(JSON.stringify(contactBody({ note: `Gespräch ${charset}` })), 'utf8'),
      })
      expect(response.statusCode, `${charset}: ${response.body}`).toBe(201)
    }
  })

  it('refuses a JSON body over the small body limit with 413 on the public sign-in', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'teamleitung', password: 'x'.repeat(1024 * 1024 + 1) },
    })
    const problem = expectProblem(response, 413)
    expect(problem.code).toBe('payload-too-large')
  })

  it.each([
    ['__proto__', '{"__proto__": {"isAdmin": true}, "title": "Termin", "dueOn": "2030-01-01"}'],
    ['constructor.prototype', '{"constructor": {"prototype": {"isAdmin": true}}, "title": "Termin"}'],
  ])('still refuses a body with %s keys as malformed JSON', async (_label, payload) => {
    const before = await stored()
    const response = await caseManager.request({
      method: 'POST',
      url: '/api/tasks',
      headers: { 'content-type': 'application/json' },
      payload,
    })
    expect(expectProblem(response, 400).code).toBe('malformed-json')
    expect(await stored()).toEqual(before)
  })

  it('finds NUL 5,000 levels deep and names the field with a short path', async () => {
    const depth = 5_000
    const response = await caseManager.request({
      method: 'POST',
      url: '/api/tasks',
      headers: { 'content-type': 'application/json' },
      payload: `{"title": ${'['.repeat(depth)}"\\u0000"${']'.repeat(depth)}, "dueOn": "2030-01-01"}`,
    })
    expect(expectProblem(response, 400).code).toBe('text-control-characters')
    expect(response.body.length).toBeLessThan(2000)
  })

  it('keeps serving after all of it', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/health' })
    expect(response.statusCode).toBe(200)
  })
})
