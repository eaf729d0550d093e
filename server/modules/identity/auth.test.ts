import { createHash } from 'node:crypto'
import { verify as argon2Verify } from '@node-rs/argon2'
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  Transaction,
  UnknownRow,
} from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../db/schema.ts'
import { testConfig, useTestApp } from '../../test/app.ts'
import { loginAs, type TestSession, testPassword, useDemoData } from '../../test/auth.ts'
import { databaseKinds } from '../../test/database.ts'
import { hashPassword } from './password.ts'
import { createIdentityContext, login, openSession, throttleRules } from './session.service.ts'

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')
const tokenOf = (session: TestSession) => session.cookie.slice(session.cookie.indexOf('=') + 1)

/**
 * Records what each statement does, without its values: the kind, the tables it names and the text
 * of raw SQL. Two sign-ins that record the same list ran the same queries on the same tables.
 */
function statementRecorder(statements: string[]): KyselyPlugin {
  const traverse = (node: unknown, parts: string[]) => {
    if (Array.isArray(node)) for (const each of node) traverse(each, parts)
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>
      if (record.kind === 'TableNode') parts.push(JSON.stringify(record.table))
      if (record.kind === 'RawNode') parts.push(String(record.sqlFragments))
      for (const [key, value] of Object.entries(record)) if (key !== 'parameters') traverse(value, parts)
    }
    return parts
  }
  return {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      statements.push(`${args.node.kind}: ${traverse(args.node, []).join(' ')}`)
      return args.node
    },
    transformResult: async (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => args.result,
  }
}
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

  it('does the same work for an unknown user, a wrong password, a disabled user and one without password', async () => {
    const disabled = await createUser('structural.disabled')
    await ctx.database.db
      .updateTable('app_user')
      .set({ disabled_at: new Date().toISOString() })
      .where('id', '=', disabled.id)
      .execute()
    const passwordless = await createUser('structural.sso.only')
    await ctx.database.db
      .updateTable('app_user')
      .set({ password_hash: null })
      .where('id', '=', passwordless.id)
      .execute()
    const attempts = [
      ['nobody.structural', 'some wrong password'],
      ['koordination', 'some wrong password'],
      ['structural.disabled', testPassword],
      ['structural.sso.only', testPassword],
    ] as const
    const traces = []
    for (const [username, password] of attempts) {
      const statements: string[] = []
      const verified: string[] = []
      const identity = {
        ...(await createIdentityContext(
          ctx.database.db.withPlugin(statementRecorder(statements)),
          testConfig(),
        )),
        verifyHash: (encoded: string, attempt: string) => {
          verified.push(encoded)
          return argon2Verify(encoded, attempt)
        },
      }
      const outcome = await login(identity, {
        username,
        password,
        clientAddress: freshAddress(),
        userAgent: '',
        requestId: `structural-${username}`,
      }).then(
        () => 'signed in',
        (error: Error & { code?: string }) => error.code,
      )
      traces.push({ username, outcome, statements, verified })
    }
    const productionCost = (await hashPassword('whatever it is')).split('$').slice(0, 4).join('$')
    for (const trace of traces) {
      expect(trace.outcome, trace.username).toBe('invalid-credentials')
      // Exactly one argon2 verification, at the production cost, whether or not there was a hash.
      expect(trace.verified, trace.username).toHaveLength(1)
      expect(trace.verified[0]?.split('$').slice(0, 4).join('$'), trace.username).toBe(productionCost)
      // The same statements on the same tables in the same order: throttle, user, lock check, audit.
      expect(trace.statements, trace.username).toEqual(traces[0]?.statements)
    }
    expect(traces[0]?.statements.length).toBeGreaterThanOrEqual(8)
    const failures = await ctx.database.db
      .selectFrom('audit_event')
      .select('request_id')
      .where('action', '=', 'auth.login')
      .where('outcome', '=', 'failure')
      .where('request_id', 'like', 'structural-%')
      .execute()
    expect(failures).toHaveLength(attempts.length)
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

  describe('sessions per user', () => {
    const sessionEnds = (userId: string) =>
      ctx.database.db
        .selectFrom('audit_event')
        .select(['actor_id', 'subject_id', 'purpose', 'outcome'])
        .where('action', '=', 'auth.session.end')
        .where('subject_id', '=', userId)
        .orderBy('id')
        .execute()
    const signIns = async (username: string, count: number) => {
      const sessions: TestSession[] = []
      for (let index = 0; index < count; index++)
        sessions.push(await loginAs(ctx.app, username, testPassword, freshAddress()))
      return sessions
    }

    it('ends the session used longest ago when a sign-in goes beyond the cap of 5, and audits it', async () => {
      const user = await createUser('many.browsers')
      const sessions = await signIns('many.browsers', 5)
      // The second session is the one left alone longest, although the first is older.
      await ctx.database.db
        .updateTable('session')
        .set({ last_seen_at: new Date(Date.now() - 20 * 60_000).toISOString() })
        .where('token_hash', '=', sha256(tokenOf(sessions[1] as TestSession)))
        .execute()
      expect(await sessionEnds(user.id)).toEqual([])
      const sixth = await loginAs(ctx.app, 'many.browsers', testPassword, freshAddress())
      expect(await sessionStatus((sessions[1] as TestSession).cookie)).toBe(401)
      for (const kept of [sessions[0], sessions[2], sessions[3], sessions[4], sixth])
        expect(await sessionStatus((kept as TestSession).cookie)).toBe(200)
      expect(await sessionRows(user.id)).toHaveLength(5)
      expect(await sessionEnds(user.id)).toEqual([
        { actor_id: user.id, subject_id: user.id, purpose: 'session-limit', outcome: 'success' },
      ])
    })

    // PGlite has a single connection, so two sign-ins cannot overlap there.
    it.skipIf(kind === 'pglite')(
      'never lets two overlapping sign-ins of one user go beyond the cap',
      async () => {
        const user = await createUser('parallel.browsers')
        await signIns('parallel.browsers', 4)
        const row = { id: user.id, district_id: admin.districtId, roles: ['case_manager'] }
        const open = (trx: Transaction<DB>) =>
          openSession(trx, testConfig(), {
            user: row,
            method: 'password',
            clientPseudonym: 'parallel',
            userAgent: '',
            requestId: 'parallel-sign-in',
          })
        const first = await ctx.database.db.startTransaction().execute()
        await open(first)
        // The second sign-in must wait for the first to commit, or neither would see the other's session.
        let secondDone = false
        const second = ctx.database.db.transaction().execute(async (trx) => {
          await open(trx)
          secondDone = true
        })
        await new Promise((resolve) => setTimeout(resolve, 300))
        expect(secondDone).toBe(false)
        await first.commit().execute()
        await second
        expect(await sessionRows(user.id)).toHaveLength(5)
        expect(await sessionEnds(user.id)).toHaveLength(1)
      },
    )

    it('lists the own sessions with the cap, browser and network tag, the current one marked', async () => {
      await createUser('session.lister')
      const address = freshAddress()
      const first = await loginAs(ctx.app, 'session.lister', testPassword, address)
      const browser = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0'
      const second = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'session.lister', password: testPassword },
        remoteAddress: address,
        headers: { 'user-agent': browser },
      })
      expect(second.statusCode).toBe(200)
      const response = await first.request({ method: 'GET', url: '/api/account/sessions' })
      expect(response.statusCode).toBe(200)
      const body = response.json()
      expect(body.maxPerUser).toBe(5)
      expect(body.items).toHaveLength(2)
      const [newest, older] = body.items
      expect(newest).toMatchObject({ current: false, userAgent: browser })
      expect(older).toMatchObject({ current: true, id: sha256(tokenOf(first)).slice(0, 16) })
      expect(newest.clientPseudonym).toMatch(/^[0-9a-f]{16}$/)
      expect(newest.clientPseudonym).toBe(older.clientPseudonym)
      expect(JSON.stringify(body)).not.toContain(tokenOf(first))
    })

    it('ends one other own session by its id, audited, and refuses an id that is not the own', async () => {
      const user = await createUser('ends.one')
      const [kept, ended] = (await signIns('ends.one', 2)) as [TestSession, TestSession]
      const endedId = sha256(tokenOf(ended)).slice(0, 16)
      const foreignId = sha256(tokenOf(admin)).slice(0, 16)
      const refused = await kept.request({ method: 'DELETE', url: `/api/account/sessions/${foreignId}` })
      expect(refused.statusCode).toBe(404)
      expect(await sessionStatus(admin.cookie)).toBe(200)
      const response = await kept.request({ method: 'DELETE', url: `/api/account/sessions/${endedId}` })
      expect(response.statusCode).toBe(204)
      expect(await sessionStatus(ended.cookie)).toBe(401)
      expect(await sessionStatus(kept.cookie)).toBe(200)
      expect(await sessionEnds(user.id)).toEqual([
        { actor_id: user.id, subject_id: user.id, purpose: null, outcome: 'success' },
      ])
    })

    it('ends all other own sessions at once and keeps the current one, audited', async () => {
      const user = await createUser('ends.others')
      const [current, ...others] = (await signIns('ends.others', 3)) as TestSession[]
      const response = await (current as TestSession).request({
        method: 'DELETE',
        url: '/api/account/sessions',
      })
      expect(response.statusCode).toBe(204)
      for (const other of others) expect(await sessionStatus(other.cookie)).toBe(401)
      expect((await sessionRows(user.id)).map((row) => row.token_hash)).toEqual([
        sha256(tokenOf(current as TestSession)),
      ])
      expect(await sessionEnds(user.id)).toEqual([
        { actor_id: user.id, subject_id: user.id, purpose: 'others', outcome: 'success' },
      ])
    })
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
