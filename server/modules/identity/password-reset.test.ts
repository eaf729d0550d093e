import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/app.ts'
import { loginAs, type TestSession, testPassword, useDemoData } from '../../test/auth.ts'
import { databaseKinds } from '../../test/database.ts'

const newPassword = 'ein ganz neuer langer satz'

describe.each(databaseKinds)('password reset links on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let admin: TestSession
  let lindenau: TestSession
  let caseManager: TestSession
  let address = 10

  beforeAll(async () => {
    admin = await loginAs(ctx.app, 'admin')
    lindenau = await loginAs(ctx.app, 'admin.lindenau')
    caseManager = await loginAs(ctx.app, 'fallmanagement')
  })

  const createUser = async (username: string) => {
    const response = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: { username, displayName: 'Reset Test', roles: ['case_manager'], password: testPassword },
    })
    expect(response.statusCode).toBe(201)
    return response.json().id as string
  }
  const issue = (session: TestSession, userId: string) =>
    session.request({ method: 'POST', url: `/api/users/${userId}/reset-link` })
  const reset = (token: string, password = newPassword) =>
    ctx.app.inject({ method: 'POST', url: '/api/auth/reset', payload: { token, newPassword: password } })
  const canLogIn = async (username: string, password: string) => {
    address++
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      remoteAddress: `192.0.2.${address}`,
    })
    return response.statusCode === 200
  }

  it('issues a link once and lets the person set a new password with it, which then signs in', async () => {
    const userId = await createUser('reset.ok')
    const issued = await issue(admin, userId)
    expect(issued.statusCode).toBe(201)
    const { token, expiresAt } = issued.json()
    expect(new Date(expiresAt).getTime() - Date.now()).toBeGreaterThan(23 * 3_600_000)
    expect((await reset(token)).statusCode).toBe(204)
    expect(await canLogIn('reset.ok', newPassword)).toBe(true)
    expect(await canLogIn('reset.ok', testPassword)).toBe(false)
  })

  it('keeps only the hash of the token', async () => {
    const userId = await createUser('reset.hash')
    const { token } = (await issue(admin, userId)).json()
    const rows = await ctx.database.db
      .selectFrom('password_reset')
      .select('token_hash')
      .where('user_id', '=', userId)
      .execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]?.token_hash).not.toContain(token)
  })

  it('refuses a second use of the same link with 410', async () => {
    const userId = await createUser('reset.twice')
    const { token } = (await issue(admin, userId)).json()
    expect((await reset(token)).statusCode).toBe(204)
    const again = await reset(token, 'noch ein anderer langer satz')
    expect(again.statusCode).toBe(410)
    expect(again.json().code).toBe('reset-link-invalid')
    expect(await canLogIn('reset.twice', newPassword)).toBe(true)
  })

  it('voids the older link when a new one is issued', async () => {
    const userId = await createUser('reset.newer')
    const older = (await issue(admin, userId)).json().token
    const newer = (await issue(admin, userId)).json().token
    expect((await reset(older)).statusCode).toBe(410)
    expect((await reset(newer)).statusCode).toBe(204)
  })

  it('refuses an expired link', async () => {
    const userId = await createUser('reset.expired')
    const { token } = (await issue(admin, userId)).json()
    await ctx.database.db
      .updateTable('password_reset')
      .set({ expires_at: sql`now() - interval '1 minute'` })
      .where('user_id', '=', userId)
      .execute()
    expect((await reset(token)).statusCode).toBe(410)
  })

  it('refuses a common password with a field error and keeps the link usable', async () => {
    const userId = await createUser('reset.weak')
    const { token } = (await issue(admin, userId)).json()
    const weak = await reset(token, 'password1234')
    expect(weak.statusCode).toBe(400)
    expect(weak.json().fields).toEqual([{ path: 'body.newPassword', message: 'password-common' }])
    expect((await reset(token)).statusCode).toBe(204)
  })

  it("ends all of the person's sessions and signs nobody in", async () => {
    await createUser('reset.sessions')
    const session = await loginAs(ctx.app, 'reset.sessions', testPassword, '192.0.2.99')
    const { token } = (await issue(admin, session.userId)).json()
    const response = await reset(token)
    expect(response.cookies).toEqual([])
    expect((await session.request({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401)
  })

  it('lets only administrators issue links: a case manager gets 403', async () => {
    const userId = await createUser('reset.forbidden')
    expect((await issue(caseManager, userId)).statusCode).toBe(403)
  })

  it("answers another district's administrator with 404", async () => {
    const userId = await createUser('reset.foreign')
    expect((await issue(lindenau, userId)).statusCode).toBe(404)
    const count = await ctx.database.db
      .selectFrom('password_reset')
      .select('user_id')
      .where('user_id', '=', userId)
      .execute()
    expect(count).toEqual([])
  })

  it('audits issuing and using a link', async () => {
    const userId = await createUser('reset.audit')
    const { token } = (await issue(admin, userId)).json()
    await reset(token)
    const actions = await ctx.database.db
      .selectFrom('audit_event')
      .select(['action', 'actor_id'])
      .where('subject_id', '=', userId)
      .where('action', 'like', 'user.%')
      .orderBy('id')
      .execute()
    expect(actions).toEqual([
      { action: 'user.create', actor_id: admin.userId },
      { action: 'user.reset-link.issue', actor_id: admin.userId },
      { action: 'user.password.reset', actor_id: userId },
    ])
  })

  it.each([
    ['a token that is too short', { token: 'abc', newPassword }],
    ['a missing password', { token: 'x'.repeat(43) }],
    [
      'an extra field',
      { token: 'x'.repeat(43), newPassword, userId: '00000000-0000-4000-8000-000000000000' },
    ],
  ])('refuses %s with 400', async (_label, payload) => {
    const response = await ctx.app.inject({ method: 'POST', url: '/api/auth/reset', payload })
    expect(response.statusCode).toBe(400)
  })

  it('answers an unknown token with 410', async () => {
    expect((await reset('y'.repeat(43))).statusCode).toBe(410)
  })
})
