import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../test/auth.ts'
import { databaseKinds } from '../../test/database.ts'

/**
 * Bad input to every write of retention and erasure: malformed, too long, wrong type, wrong
 * tenant, stale version. Each answers 4xx problem+json, stores nothing, and the app keeps serving.
 */
describe.each(databaseKinds)('privacy bad input on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let dpo: TestSession
  let foreignAdmin: TestSession

  beforeAll(async () => {
    dpo = await loginAs(ctx.app, 'datenschutz')
    foreignAdmin = await loginAs(ctx.app, 'admin.lindenau')
  })

  const rule = (overrides: Record<string, unknown> = {}) => [
    {
      recordKind: 'closed-case',
      startEvent: 'case-closed',
      periodMonths: 36,
      action: 'anonymise',
      ...overrides,
    },
    { recordKind: 'unattached-person', startEvent: 'last-activity', periodMonths: 12, action: 'delete' },
  ]
  const stored = async () => ({
    rules: await ctx.database.ownerDb.selectFrom('retention_rule').selectAll().execute(),
    holds: await ctx.database.ownerDb.selectFrom('legal_hold').selectAll().execute(),
    ledger: await ctx.database.ownerDb.selectFrom('erasure_ledger').selectAll().execute(),
  })

  it('refuses malformed, out-of-range, wrong-type, incomplete and stale rules, storing nothing', async () => {
    const before = await stored()
    const put = (payload: string | object, version = '"0"') =>
      dpo.request({ method: 'PUT', url: '/api/retention-rules', headers: { 'if-match': version }, payload })
    const answers = [
      await put({ rules: rule({ periodMonths: 0 }) }),
      await put({ rules: rule({ periodMonths: -12 }) }),
      await put({ rules: rule({ periodMonths: 1201 }) }),
      await put({ rules: rule({ periodMonths: 1.5 }) }),
      await put({ rules: rule({ periodMonths: '36' }) }),
      await put({ rules: rule({ recordKind: 'audit-event' }) }),
      await put({ rules: rule({ startEvent: 'registered' }) }),
      await put({ rules: [rule()[0]] }),
      await put({ rules: [rule()[0], rule()[0]] }),
      await put({ rules: rule(), extra: true }),
      await put('not json at all'),
      await put({ rules: rule() }, '"7"'),
      await put({ rules: rule() }, '"abc"'),
    ]
    expect(answers.map((answer) => answer.statusCode)).toEqual([
      400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 415, 409, 400,
    ])
    for (const answer of answers) expect(answer.headers['content-type']).toContain('application/problem+json')
    expect(await stored()).toEqual(before)
  })

  it('refuses empty, too long and foreign legal holds and erasures, storing nothing', async () => {
    const before = await stored()
    const reference = await ctx.database.ownerDb.selectFrom('district').select('id').executeTakeFirstOrThrow()
    const answers = [
      await dpo.request({
        method: 'POST',
        url: '/api/legal-holds',
        payload: { caseReference: '2025-0001', reason: '' },
      }),
      await dpo.request({
        method: 'POST',
        url: '/api/legal-holds',
        payload: { caseReference: '2025-0001', reason: 'x'.repeat(2001) },
      }),
      await dpo.request({
        method: 'POST',
        url: '/api/legal-holds',
        payload: { caseReference: 42, reason: 'Grund' },
      }),
      await dpo.request({
        method: 'POST',
        url: '/api/legal-holds',
        payload: { caseReference: '1999-9999', reason: 'Grund' },
      }),
      await dpo.request({
        method: 'POST',
        url: '/api/cases/not-a-uuid/legal-holds',
        payload: { reason: 'Grund' },
      }),
      await dpo.request({
        method: 'POST',
        url: `/api/legal-holds/${reference.id}/lift`,
        payload: { reason: 'Grund' },
      }),
      await dpo.request({
        method: 'POST',
        url: `/api/persons/${reference.id}/erasure`,
        payload: { reason: 'objection' },
      }),
      await dpo.request({ method: 'POST', url: `/api/persons/${reference.id}/erasure`, payload: {} }),
      await foreignAdmin.request({ method: 'GET', url: '/api/legal-holds' }),
    ]
    expect(answers.map((answer) => answer.statusCode)).toEqual([400, 400, 400, 404, 400, 404, 404, 400, 200])
    expect(answers.at(-1)?.json()).toEqual({ items: [] })
    expect(await stored()).toEqual(before)
    expect((await dpo.request({ method: 'GET', url: '/api/retention-rules' })).statusCode).toBe(200)
  })
})
