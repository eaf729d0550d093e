import { beforeAll, describe, expect, it } from 'vitest'
import type { Case, Person } from '../common/casework.ts'
import { contactBody, municipalityIds, personWithCase } from './modules/casework/casework.test-helpers.ts'
import { useTestApp } from './test/app.ts'
import { loginAs, type TestSession, useDemoData } from './test/auth.ts'
import { databaseKinds } from './test/database.ts'

describe.each(databaseKinds)('caching of API answers on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let caseManager: TestSession
  let dpo: TestSession
  let person: Person
  let kase: Case

  beforeAll(async () => {
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    dpo = await loginAs(ctx.app, 'datenschutz')
    const [municipality] = (await municipalityIds(ctx.database, caseManager.districtId)) as [string]
    ;({ person, case: kase } = await personWithCase(caseManager, municipality))
    const contact = await caseManager.request({
      method: 'POST',
      url: `/api/cases/${kase.id}/contacts`,
      payload: contactBody({ note: 'Erstgespräch' }),
    })
    expect(contact.statusCode, contact.body).toBe(201)
  })

  it.each([
    ['a person', () => `/api/persons/${person.id}`],
    ['the case list', () => '/api/cases'],
    ['a case', () => `/api/cases/${kase.id}`],
    ['the timeline of a case', () => `/api/cases/${kase.id}/timeline`],
    ['the contacts of a case', () => `/api/cases/${kase.id}/contacts`],
    ['the own session', () => '/api/auth/session'],
  ])('forbids every cache to keep %s', async (_label, url) => {
    const response = await caseManager.request({ method: 'GET', url: url() })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers['cache-control']).toBe('no-store')
  })

  it('forbids every cache to keep the audit CSV export', async () => {
    const response = await dpo.request({ method: 'GET', url: '/api/audit/export.csv' })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers['content-type']).toContain('text/csv')
    expect(response.headers['cache-control']).toBe('no-store')
  })

  it('forbids caching refusals and unknown API addresses too', async () => {
    const refused = await ctx.app.inject({ method: 'GET', url: `/api/persons/${person.id}` })
    expect(refused.statusCode).toBe(401)
    expect(refused.headers['cache-control']).toBe('no-store')
    const unknown = await caseManager.request({ method: 'GET', url: '/api/nirgendwo' })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.headers['cache-control']).toBe('no-store')
  })
})
