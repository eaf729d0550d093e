import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/app.ts'
import { loginAs, type TestSession, testPassword, useDemoData } from '../../test/auth.ts'
import { databaseKinds } from '../../test/database.ts'
import { throttleRules } from './session.service.ts'

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')
const tokenOf = (session: TestSession) => session.cookie.slice(session.cookie.indexOf('=') + 1)
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number
const newPassword = 'a brand new passphrase 42'

describe.each(databaseKinds)('authentication and sessions on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let admin: TestSession
  let addressCounter = 0
  /** A client address nobody else in this file uses, so throttling of one test never touches another. */
  const freshAddress = () => {
    addressCounter++
    return `10.20.${Math.floor(addressCounter / 250)}.${(addressCounter % 250) + 1}`
  }

  beforeAll(async () => {
    admin = await loginAs(ctx.app, 'admin', testPassword, freshAddress())
  })

  const attemptLogin = (username: string, password: string, remoteAddress: string, headers = {}) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      remoteAddress,
      headers,
    })

  const sessionStatus = async (cookie: string) =>
    (await ctx.app.inject({ url: '/api/auth/session', headers: { cookie } })).statusCode

  const sessionRows = (userId: string) =>
    ctx.database.db.selectFrom('session').select('token_hash').where('user_id', '=', userId).execute()

  /** A fresh case manager for tests that disable, sign out or change the password of their user. */
  const createUser = async (username: string) => {
    const response = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: { username, displayName: 'Testperson', roles: ['case_manager'], password: testPassword },
    })
    expect(response.statusCode).toBe(201)
    return response.json() as { id: string; version: number }
  }

  it('sets the session cookie HttpOnly, SameSite=Lax, on path / and Secure on a loopback host', async () => {
    const response = await attemptLogin('bericht', testPassword, freshAddress())
    expect(response.statusCode).toBe(200)
    expect(response.cookies).toHaveLength(1)
    expect(response.cookies[0]).toMatchObject({
      name: 'lotse_session',
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: true,
    })
    expect(response.cookies[0]?.value.length).toBeGreaterThanOrEqual(43)
  })

  it('answers the session with the user, roles, abilities and the CSRF token', async () => {
    const response = await admin.request({ method: 'GET', url: '/api/auth/session' })
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body.user).toMatchObject({ id: admin.userId, username: 'admin', roles: ['admin'] })
    expect(body.user.districtName).toBe('Rhein-Sieg-Kreis')
    expect(body.abilities['user.manage']).toBe(true)
    expect(body.csrfToken).toBe(admin.csrfToken)
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(24)
  })

  it('tells a case manager in the abilities that they may not manage users', async () => {
    const caseManager = await loginAs(ctx.app, 'fallmanagement', testPassword, freshAddress())
    const body = (await caseManager.request({ method: 'GET', url: '/api/auth/session' })).json()
    expect(body.user.roles).toEqual(['case_manager'])
    expect(body.abilities['user.manage']).toBe(false)
    expect(body.abilities['district.read']).toBe(true)
  })

  it('answers an unknown user and a wrong password with the same 401 body', async () => {
    const unknown = await attemptLogin('nobody.here', 'some wrong password', freshAddress())
    const wrong = await attemptLogin('koordination', 'some wrong password', freshAddress())
    expect(unknown.statusCode).toBe(401)
    expect(wrong.statusCode).toBe(401)
    const comparable = (body: Record<string, unknown>) => {
      const { requestId: _requestId, instance: _instance, ...rest } = body
      return rest
    }
    expect(comparable(unknown.json())).toEqual(comparable(wrong.json()))
    expect(unknown.json().code).toBe('invalid-credentials')
    expect(unknown.headers['set-cookie']).toBeUndefined()
  })

  it('takes the same order of time for an unknown user as for a wrong password', async () => {
    const timed = async (username: string) => {
      const started = performance.now()
      const response = await attemptLogin(username, 'another wrong password', freshAddress())
      expect(response.statusCode).toBe(401)
      return performance.now() - started
    }
    // One of each first, so that start-up costs fall on neither side.
    await timed('nobody.timed')
    await timed('teamleitung')
    const unknown: number[] = []
    const wrong: number[] = []
    for (let round = 0; round < 5; round++) {
      unknown.push(await timed(`nobody.timed${round}`))
      wrong.push(await timed('teamleitung'))
    }
    const ratio = median(unknown) / median(wrong)
    expect(ratio).toBeGreaterThan(1 / 3)
    expect(ratio).toBeLessThan(3)
  })

  it('refuses a write without an x-csrf-token header with 403 csrf-failed and stores nothing', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin.cookie },
      payload: {
        username: 'csrf.missing',
        displayName: 'X',
        roles: ['case_manager'],
        password: testPassword,
      },
    })
    expect(response.statusCode).toBe(403)
    expect(response.json().code).toBe('csrf-failed')
    const stored = await ctx.database.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'csrf.missing')
      .execute()
    expect(stored).toEqual([])
  })

  it('refuses a write with a wrong x-csrf-token with 403 csrf-failed and changes nothing', async () => {
    const target = await createUser('csrf.target')
    const response = await admin.request({
      method: 'PATCH',
      url: `/api/users/${target.id}`,
      headers: { 'x-csrf-token': 'not-the-token-of-this-session', 'if-match': `"${target.version}"` },
      payload: { disabled: true },
    })
    expect(response.statusCode).toBe(403)
    expect(response.json().code).toBe('csrf-failed')
    const row = await ctx.database.db
      .selectFrom('app_user')
      .select(['disabled_at', 'version'])
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ disabled_at: null, version: target.version })
  })

  it('ends the session on logout, after which the cookie answers 401', async () => {
    const session = await loginAs(ctx.app, 'teamleitung', testPassword, freshAddress())
    const response = await session.request({ method: 'POST', url: '/api/auth/logout' })
    expect(response.statusCode).toBe(204)
    expect(await sessionStatus(session.cookie)).toBe(401)
    expect(
      await ctx.database.db
        .selectFrom('session')
        .select('token_hash')
        .where('token_hash', '=', sha256(tokenOf(session)))
        .execute(),
    ).toEqual([])
  })

  it('writes an auth.logout audit event naming the user on logout', async () => {
    const session = await loginAs(ctx.app, 'koordination', testPassword, freshAddress())
    const response = await session.request({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { 'x-request-id': 'logout-audit-check-1' },
    })
    expect(response.statusCode).toBe(204)
    const events = await ctx.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'auth.logout')
      .where('request_id', '=', 'logout-audit-check-1')
      .execute()
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      actor_id: session.userId,
      subject_id: session.userId,
      outcome: 'success',
    })
  })

  it('answers 401 for a session whose idle time has run out', async () => {
    const session = await loginAs(ctx.app, 'bericht', testPassword, freshAddress())
    expect(await sessionStatus(session.cookie)).toBe(200)
    await ctx.database.db
      .updateTable('session')
      .set({ idle_expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('token_hash', '=', sha256(tokenOf(session)))
      .execute()
    expect(await sessionStatus(session.cookie)).toBe(401)
  })

  it('answers 401 for a session past its absolute lifetime, even if recently used', async () => {
    const session = await loginAs(ctx.app, 'bericht', testPassword, freshAddress())
    await ctx.database.db
      .updateTable('session')
      .set({
        absolute_expires_at: new Date(Date.now() - 1000).toISOString(),
        idle_expires_at: new Date(Date.now() + 3_600_000).toISOString(),
      })
      .where('token_hash', '=', sha256(tokenOf(session)))
      .execute()
    expect(await sessionStatus(session.cookie)).toBe(401)
  })

  it('gives every login a new token and never brings back a logged-out one', async () => {
    const address = freshAddress()
    const first = await loginAs(ctx.app, 'datenschutz', testPassword, address)
    await first.request({ method: 'POST', url: '/api/auth/logout' })
    const second = await loginAs(ctx.app, 'datenschutz', testPassword, address)
    expect(tokenOf(second)).not.toBe(tokenOf(first))
    expect(second.csrfToken).not.toBe(first.csrfToken)
    expect(await sessionStatus(first.cookie)).toBe(401)
    expect(await sessionStatus(second.cookie)).toBe(200)
  })

  it('ends all sessions of a user at once when an admin disables them, and refuses their login', async () => {
    const user = await createUser('to.be.disabled')
    const address = freshAddress()
    const sessions = [
      await loginAs(ctx.app, 'to.be.disabled', testPassword, address),
      await loginAs(ctx.app, 'to.be.disabled', testPassword, address),
    ]
    const response = await admin.request({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers: { 'if-match': `"${user.version}"` },
      payload: { disabled: true },
    })
    expect(response.statusCode).toBe(200)
    expect(response.json().disabled).toBe(true)
    for (const session of sessions) expect(await sessionStatus(session.cookie)).toBe(401)
    expect(await sessionRows(user.id)).toEqual([])
    const login = await attemptLogin('to.be.disabled', testPassword, address)
    expect(login.statusCode).toBe(401)
    expect(login.json().code).toBe('invalid-credentials')
  })

  it("ends all of a user's sessions through DELETE /api/users/:id/sessions", async () => {
    const user = await createUser('sessions.ended')
    const address = freshAddress()
    const sessions = [
      await loginAs(ctx.app, 'sessions.ended', testPassword, address),
      await loginAs(ctx.app, 'sessions.ended', testPassword, address),
    ]
    const response = await admin.request({ method: 'DELETE', url: `/api/users/${user.id}/sessions` })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ ended: 2 })
    for (const session of sessions) expect(await sessionStatus(session.cookie)).toBe(401)
    expect(await sessionStatus(admin.cookie)).toBe(200)
  })

  /** Wrong passwords for one account from one address, all sent at once as an attacker would. */
  const guessInParallel = async (username: string, address: string, count: number) => {
    const responses = await Promise.all(
      Array.from({ length: count }, (_, attempt) =>
        attemptLogin(username, `guess number ${attempt}`, address),
      ),
    )
    return responses.map((response) => response.statusCode)
  }

  it('locks an account and address pair with 429 and retry-after after repeated failures', async () => {
    const attacker = freshAddress()
    const statuses = await guessInParallel('koordination', attacker, throttleRules.pairLockAfter)
    expect(statuses).toEqual(Array(throttleRules.pairLockAfter).fill(401))
    // Even the right password is refused from that address while the lock lasts.
    const locked = await attemptLogin('koordination', testPassword, attacker)
    expect(locked.statusCode).toBe(429)
    expect(locked.json().code).toBe('too-many-requests')
    const retryAfter = Number(locked.headers['retry-after'])
    expect(retryAfter).toBeGreaterThan(throttleRules.pairLockSeconds - 60)
    expect(retryAfter).toBeLessThanOrEqual(throttleRules.pairLockSeconds)
  })

  it('checks no more passwords than the pair limit when guesses arrive all at once', async () => {
    const statuses = await guessInParallel('teamleitung', freshAddress(), throttleRules.pairLockAfter + 10)
    const checked = statuses.filter((status) => status === 401).length
    expect(checked).toBeGreaterThan(0)
    expect(checked).toBeLessThanOrEqual(throttleRules.pairLockAfter)
    expect(statuses.filter((status) => status !== 401).every((status) => status === 429)).toBe(true)
  })

  it('still lets the real user sign in from another address while an attacker is locked out', async () => {
    const attacker = freshAddress()
    await guessInParallel('partner.jobcenter', attacker, throttleRules.pairLockAfter)
    expect((await attemptLogin('partner.jobcenter', testPassword, attacker)).statusCode).toBe(429)
    const real = await attemptLogin('partner.jobcenter', testPassword, freshAddress())
    expect(real.statusCode).toBe(200)
  })

  it('locks a client address that tries many accounts, for every account', async () => {
    const sprayer = freshAddress()
    for (let attempt = 0; attempt < throttleRules.addressLockAfter; attempt++) {
      const response = await attemptLogin(`sprayed.${attempt}`, 'Sommer2024!', sprayer)
      expect(response.statusCode).toBe(401)
    }
    const locked = await attemptLogin('bericht', testPassword, sprayer)
    expect(locked.statusCode).toBe(429)
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0)
    expect((await attemptLogin('bericht', testPassword, freshAddress())).statusCode).toBe(200)
  })

  it('ignores a forged X-Forwarded-For header when no trusted proxy is configured', async () => {
    const sprayer = freshAddress()
    for (let attempt = 0; attempt < throttleRules.addressLockAfter; attempt++) {
      await attemptLogin(`forged.${attempt}`, 'Sommer2024!', sprayer)
    }
    const forged = await attemptLogin('bericht', testPassword, sprayer, {
      'x-forwarded-for': '198.51.100.23',
    })
    expect(forged.statusCode).toBe(429)
  })

  describe('changing the own password', () => {
    let user: { id: string; version: number }
    let session: TestSession
    const changePassword = (payload: Record<string, unknown>, as = session) =>
      as.request({ method: 'POST', url: '/api/account/password', payload })

    beforeAll(async () => {
      user = await createUser('password.owner')
      session = await loginAs(ctx.app, 'password.owner', testPassword, freshAddress())
    })

    it('refuses the change without the right current password', async () => {
      const response = await changePassword({ currentPassword: 'not my password', newPassword })
      expect(response.statusCode).toBe(400)
      expect(response.json()).toMatchObject({
        code: 'password-wrong',
        fields: [{ path: 'body.currentPassword', message: 'wrong' }],
      })
    })

    it('locks the password check after ten wrong current passwords, even for the right one', async () => {
      await createUser('password.guessed')
      const stolen = await loginAs(ctx.app, 'password.guessed', testPassword, freshAddress())
      for (let attempt = 0; attempt < 10; attempt++) {
        const wrong = await changePassword(
          { currentPassword: `guess number ${attempt}`, newPassword },
          stolen,
        )
        expect(wrong.statusCode).toBe(400)
      }
      const locked = await changePassword({ currentPassword: testPassword, newPassword }, stolen)
      expect(locked.statusCode).toBe(429)
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0)
    })

    it('refuses a new password shorter than 12 characters with a field error', async () => {
      const response = await changePassword({ currentPassword: testPassword, newPassword: 'short pw 1' })
      expect(response.statusCode).toBe(400)
      expect(response.json().fields.map((field: { path: string }) => field.path)).toEqual([
        'body.newPassword',
      ])
    })

    it.each(['password1234', 'qwertyuiopas'])(
      'refuses the common password %s with a field error',
      async (common) => {
        const response = await changePassword({ currentPassword: testPassword, newPassword: common })
        expect(response.statusCode).toBe(400)
        expect(response.json().fields).toEqual([{ path: 'body.newPassword', message: 'password-common' }])
        const login = await attemptLogin('password.owner', common, freshAddress())
        expect(login.statusCode).toBe(401)
      },
    )

    it('ends the other sessions of the user and keeps the current one', async () => {
      const other = await loginAs(ctx.app, 'password.owner', testPassword, freshAddress())
      const response = await changePassword({ currentPassword: testPassword, newPassword })
      expect(response.statusCode).toBe(204)
      expect(await sessionStatus(other.cookie)).toBe(401)
      expect(await sessionStatus(session.cookie)).toBe(200)
      expect((await sessionRows(user.id)).map((row) => row.token_hash)).toEqual([sha256(tokenOf(session))])
      expect((await attemptLogin('password.owner', newPassword, freshAddress())).statusCode).toBe(200)
      expect((await attemptLogin('password.owner', testPassword, freshAddress())).statusCode).toBe(401)
    })
  })
})
