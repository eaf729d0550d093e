import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/app.ts'
import { loginAs, type TestSession, testPassword, useDemoData } from '../../test/auth.ts'
import { databaseKinds } from '../../test/database.ts'
import { totpFor } from './totp.ts'

/** A code for now, or for the next 30-second step (each step is accepted once). */
const codeFor = (secret: string, stepsAhead = 0) =>
  totpFor(secret, '').generate({ timestamp: Date.now() + stepsAhead * 30_000 })

describe.each(databaseKinds)('second factor on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let admin: TestSession
  let address = 20

  beforeAll(async () => {
    admin = await loginAs(ctx.app, 'admin')
  })

  const nextAddress = () => `192.0.2.${++address}`
  const createUser = async (username: string, roles = ['case_manager']) => {
    const response = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: { username, displayName: 'Zwei Faktor', roles, password: testPassword },
    })
    expect(response.statusCode).toBe(201)
    return response.json().id as string
  }
  const login = (username: string, code?: string) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: testPassword, ...(code ? { code } : {}) },
      remoteAddress: nextAddress(),
    })
  /** Sets up TOTP for a fresh user; answers the secret and the recovery codes. The current step is used up. */
  const enrol = async (username: string) => {
    await createUser(username)
    const session = await loginAs(ctx.app, username, testPassword, nextAddress())
    const setup = await session.request({ method: 'POST', url: '/api/account/second-factor/setup' })
    const { secret } = setup.json()
    const confirmed = await session.request({
      method: 'POST',
      url: '/api/account/second-factor/confirm',
      payload: { code: codeFor(secret) },
    })
    expect(confirmed.statusCode).toBe(200)
    return { secret: secret as string, recoveryCodes: confirmed.json().recoveryCodes as string[], session }
  }

  it('offers a secret with an otpauth URL and a QR code to set up', async () => {
    await createUser('zf.setup')
    const session = await loginAs(ctx.app, 'zf.setup', testPassword, nextAddress())
    const response = await session.request({ method: 'POST', url: '/api/account/second-factor/setup' })
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body.secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Lotse:zf\.setup\?/)
    expect(body.qrCode).toMatch(/^data:image\/svg\+xml;base64,/)
    const status = await session.request({ method: 'GET', url: '/api/account/second-factor' })
    expect(status.json()).toEqual({ enabled: false, required: false, recoveryCodesLeft: 0 })
  })

  it('refuses a wrong confirmation code with a field error and stays off', async () => {
    await createUser('zf.wrong')
    const session = await loginAs(ctx.app, 'zf.wrong', testPassword, nextAddress())
    await session.request({ method: 'POST', url: '/api/account/second-factor/setup' })
    const response = await session.request({
      method: 'POST',
      url: '/api/account/second-factor/confirm',
      payload: { code: '000000' },
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().fields).toEqual([{ path: 'body.code', message: 'second-factor-invalid' }])
    expect((await login('zf.wrong')).statusCode).toBe(200)
  })

  it('issues ten recovery codes once on confirmation and then asks for a code at sign-in', async () => {
    const { recoveryCodes, session } = await enrol('zf.on')
    expect(recoveryCodes).toHaveLength(10)
    expect(new Set(recoveryCodes).size).toBe(10)
    const status = await session.request({ method: 'GET', url: '/api/account/second-factor' })
    expect(status.json()).toMatchObject({ enabled: true, recoveryCodesLeft: 10 })
    const withoutCode = await login('zf.on')
    expect(withoutCode.statusCode).toBe(401)
    expect(withoutCode.json().code).toBe('second-factor-required')
    expect(withoutCode.cookies).toEqual([])
  })

  it('signs in with a current code, but never twice with the same one', async () => {
    const { secret } = await enrol('zf.replay')
    const code = codeFor(secret, 1)
    expect((await login('zf.replay', code)).statusCode).toBe(200)
    const replay = await login('zf.replay', code)
    expect(replay.statusCode).toBe(401)
    expect(replay.json().code).toBe('second-factor-invalid')
  })

  it('refuses a wrong code and audits the failure', async () => {
    const { secret } = await enrol('zf.bad')
    const wrong = codeFor(secret, 1) === '123456' ? '654321' : '123456'
    const response = await login('zf.bad', wrong)
    expect(response.statusCode).toBe(401)
    const failures = await ctx.database.db
      .selectFrom('audit_event as a')
      .innerJoin('app_user as u', 'u.id', 'a.actor_id')
      .select(['a.outcome', 'a.purpose'])
      .where('u.username', '=', 'zf.bad')
      .where('a.action', '=', 'auth.login')
      .where('a.outcome', '=', 'failure')
      .execute()
    expect(failures).toEqual([{ outcome: 'failure', purpose: 'second factor' }])
  })

  it('accepts each recovery code once', async () => {
    const { recoveryCodes } = await enrol('zf.recovery')
    const code = recoveryCodes[0] as string
    expect((await login('zf.recovery', code.toUpperCase())).statusCode).toBe(200)
    expect((await login('zf.recovery', code)).statusCode).toBe(401)
  })

  it('keeps a role the district requires to its own account until the second factor is set up', async () => {
    const policy = await admin.request({
      method: 'PUT',
      url: '/api/identity-policy',
      payload: { roles: ['team_lead'] },
    })
    expect(policy.json()).toEqual({ roles: ['team_lead'] })
    await createUser('zf.pflicht', ['team_lead'])
    const session = await loginAs(ctx.app, 'zf.pflicht', testPassword, nextAddress())
    const info = (await session.request({ method: 'GET', url: '/api/auth/session' })).json()
    expect(info.mustEnrolSecondFactor).toBe(true)
    expect(info.abilities).toMatchObject({ 'district.read': false, 'session.own': true })
    expect((await session.request({ method: 'GET', url: '/api/districts' })).statusCode).toBe(403)

    const { secret } = (
      await session.request({ method: 'POST', url: '/api/account/second-factor/setup' })
    ).json()
    await session.request({
      method: 'POST',
      url: '/api/account/second-factor/confirm',
      payload: { code: codeFor(secret) },
    })
    const after = (await session.request({ method: 'GET', url: '/api/auth/session' })).json()
    expect(after.mustEnrolSecondFactor).toBe(false)
    expect((await session.request({ method: 'GET', url: '/api/districts' })).statusCode).toBe(200)

    const disable = await session.request({
      method: 'POST',
      url: '/api/account/second-factor/disable',
      payload: { password: testPassword },
    })
    expect(disable.statusCode).toBe(409)
    expect(disable.json().code).toBe('second-factor-mandatory')
    await admin.request({ method: 'PUT', url: '/api/identity-policy', payload: { roles: [] } })
  })

  it('lets a user switch an optional second factor off with the password', async () => {
    const { session } = await enrol('zf.off')
    const wrong = await session.request({
      method: 'POST',
      url: '/api/account/second-factor/disable',
      payload: { password: 'not the password at all' },
    })
    expect(wrong.statusCode).toBe(400)
    const right = await session.request({
      method: 'POST',
      url: '/api/account/second-factor/disable',
      payload: { password: testPassword },
    })
    expect(right.statusCode).toBe(204)
    expect((await login('zf.off')).statusCode).toBe(200)
  })

  it("lets an administrator remove a lost second factor, which ends the user's sessions", async () => {
    const { session } = await enrol('zf.lost')
    const response = await admin.request({
      method: 'DELETE',
      url: `/api/users/${session.userId}/second-factor`,
    })
    expect(response.statusCode).toBe(204)
    expect((await session.request({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401)
    expect((await login('zf.lost')).statusCode).toBe(200)
  })

  it('lets only administrators change the rule: a case manager gets 403', async () => {
    const caseManager = await loginAs(ctx.app, 'fallmanagement', testPassword, nextAddress())
    const response = await caseManager.request({
      method: 'PUT',
      url: '/api/identity-policy',
      payload: { roles: [] },
    })
    expect(response.statusCode).toBe(403)
  })

  it('requires administration and data protection by default, in a district without a rule', async () => {
    await ctx.database.db.deleteFrom('identity_policy').where('district_id', '=', admin.districtId).execute()
    const response = await admin.request({ method: 'GET', url: '/api/auth/session' })
    expect(response.json().mustEnrolSecondFactor).toBe(true)
    const dpo = await loginAs(ctx.app, 'datenschutz', testPassword, nextAddress())
    expect((await dpo.request({ method: 'GET', url: '/api/audit' })).statusCode).toBe(403)
    await ctx.database.db
      .insertInto('identity_policy')
      .values({ district_id: admin.districtId, second_factor_roles: [] })
      .execute()
  })
})
