import { createHash } from 'node:crypto'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openText } from '../../platform/encryption.ts'
import { useTestApp } from '../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../test/auth.ts'
import { databaseKinds } from '../../test/database.ts'
import { startTestIdentityProvider, type TestIdentityProvider } from './sso.test-provider.ts'

const baseUrl = 'http://lotse.test'
const redirectUri = `${baseUrl}/api/auth/sso/callback`
const clientSecret = 'ein-geheimnis-das-nie-zurueckkommt'
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')
const cookieHeader = (response: LightMyRequestResponse, name: string) => {
  const cookie = response.cookies.find((each) => each.name === name)
  return cookie ? `${cookie.name}=${cookie.value}` : undefined
}

describe.each(databaseKinds)('single sign-on with a real OpenID provider on %s', (kind) => {
  const ctx = useTestApp(kind, { LOTSE_BASE_URL: baseUrl })
  useDemoData(ctx)
  let idp: TestIdentityProvider
  let admin: TestSession
  let caseManager: TestSession
  let teamNord: string

  const providerSettings = (overrides: object = {}) => ({
    label: 'Kreis-Login',
    issuer: idp.issuer,
    clientId: 'lotse',
    clientSecret,
    scopes: 'openid profile groups',
    roleClaim: 'groups',
    usernameClaim: 'preferred_username',
    roleMappings: [
      { value: 'lotse-fallmanagement', roles: ['case_manager'], teamIds: [teamNord] },
      { value: 'lotse-administration', roles: ['admin'] },
      { value: 'lotse-bericht', roles: ['report_reader'] },
    ],
    linkByUsername: true,
    createUsers: true,
    enabled: true,
    ...overrides,
  })
  const currentVersion = async () =>
    (await admin.request({ method: 'GET', url: '/api/identity-policy/sso' })).json().provider
      .version as number
  const configure = async (overrides: object = {}) => {
    const response = await admin.request({
      method: 'PUT',
      url: '/api/identity-policy/sso',
      payload: providerSettings(overrides),
      headers: { 'if-match': `"${await currentVersion()}"` },
    })
    expect(response.statusCode, response.body).toBe(200)
    return response
  }

  /** Starts at Lotse, signs in at the provider and hands its redirect back to Lotse, as a browser would. */
  const start = async (districtCode = '05382', query = '') => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/auth/sso/${districtCode}/start${query}`,
    })
    return {
      response,
      location: String(response.headers.location),
      browser: cookieHeader(response, 'lotse_sso'),
    }
  }
  const callback = (back: URL, browser: string | undefined, accept?: string) =>
    ctx.app.inject({
      method: 'GET',
      url: `${back.pathname}${back.search}`,
      headers: { ...(browser ? { cookie: browser } : {}), ...(accept ? { accept } : {}) },
    })
  const signIn = async (accountId: string, options: { accept?: string; query?: string } = {}) => {
    const started = await start('05382', options.query)
    expect(started.response.statusCode, started.response.body).toBe(302)
    const back = await idp.authorize(started.location, accountId)
    const response = await callback(back, started.browser, options.accept)
    return { response, back, browser: started.browser }
  }
  const sessionOf = (response: LightMyRequestResponse) =>
    ctx.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: cookieHeader(response, 'lotse_session') ?? '' },
    })
  const userNamed = (username: string) =>
    ctx.database.db
      .selectFrom('app_user')
      .select(['id', 'roles', 'version', 'sso_issuer', 'sso_subject', 'disabled_at'])
      .where('username', '=', username)
      .executeTakeFirst()
  const failedLogins = (code: string) =>
    ctx.database.db
      .selectFrom('audit_event')
      .select(['district_id', 'actor_id'])
      .where('action', '=', 'auth.login')
      .where('outcome', '=', 'failure')
      .where('purpose', '=', `sso: ${code}`)
      .execute()

  beforeAll(async () => {
    idp = await startTestIdentityProvider({ clientId: 'lotse', clientSecret, redirectUri })
    idp.accounts.set('kim', {
      preferred_username: 'kim.yilmaz',
      name: 'Kim Yılmaz',
      groups: ['lotse-fallmanagement', 'kantine'],
    })
    idp.accounts.set('ohne-gruppe', {
      preferred_username: 'ohne.gruppe',
      name: 'Ohne Gruppe',
      groups: ['kantine'],
    })
    admin = await loginAs(ctx.app, 'admin')
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    const teams = (await admin.request({ method: 'GET', url: '/api/teams' })).json()
    teamNord = teams.find((team: { name: string }) => team.name === 'Team Nord').id
    const created = await admin.request({
      method: 'PUT',
      url: '/api/identity-policy/sso',
      payload: providerSettings(),
    })
    expect(created.statusCode, created.body).toBe(200)
  })
  afterAll(async () => {
    await idp?.close()
  })

  it('shows administrators the settings and the redirect URI, but never the client secret', async () => {
    const response = await admin.request({ method: 'GET', url: '/api/identity-policy/sso' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({
      callbackUrl: redirectUri,
      provider: {
        label: 'Kreis-Login',
        issuer: idp.issuer,
        clientId: 'lotse',
        clientSecretSet: true,
        enabled: true,
      },
    })
    expect(response.body).not.toContain(clientSecret)
    expect(response.json().provider).not.toHaveProperty('clientSecret')
  })

  it('keeps the secret when a change leaves it out, and records each change without it', async () => {
    const changed = await configure({ clientSecret: undefined, label: 'Kreis-Login (Keycloak)' })
    expect(changed.json().provider).toMatchObject({ label: 'Kreis-Login (Keycloak)', clientSecretSet: true })
    expect(changed.body).not.toContain(clientSecret)
    const stored = await ctx.database.db.selectFrom('sso_provider').select('client_secret').executeTakeFirst()
    // Stored encrypted (decision 0020), and the same secret once opened.
    expect(stored?.client_secret).not.toContain(clientSecret)
    expect(openText(stored?.client_secret ?? '')).toBe(clientSecret)
    const audit = await ctx.database.db
      .selectFrom('audit_event')
      .select(['action', 'purpose'])
      .where('action', 'like', 'identity-policy.sso.%')
      .orderBy('id')
      .execute()
    expect(audit).toEqual([
      { action: 'identity-policy.sso.create', purpose: 'client secret changed' },
      { action: 'identity-policy.sso.update', purpose: null },
    ])
    await configure()
  })

  it('asks for the version before changing the provider and refuses a stale one', async () => {
    const put = (headers: Record<string, string>) =>
      admin.request({ method: 'PUT', url: '/api/identity-policy/sso', payload: providerSettings(), headers })
    expect((await put({})).statusCode).toBe(428)
    expect((await put({ 'if-match': '"1"' })).statusCode).toBe(409)
  })

  it('leaves the configuration to administrators', async () => {
    expect((await caseManager.request({ method: 'GET', url: '/api/identity-policy/sso' })).statusCode).toBe(
      403,
    )
    const put = await caseManager.request({
      method: 'PUT',
      url: '/api/identity-policy/sso',
      payload: providerSettings(),
      headers: { 'if-match': '"1"' },
    })
    expect(put.statusCode).toBe(403)
  })

  it('refuses a plain-HTTP issuer other than this machine', async () => {
    const response = await admin.request({
      method: 'PUT',
      url: '/api/identity-policy/sso',
      payload: providerSettings({ issuer: 'http://login.kreis.example/realms/lotse' }),
      headers: { 'if-match': `"${await currentVersion()}"` },
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().fields).toContainEqual({ path: 'body.issuer', message: 'https-required' })
  })

  it('lists the districts that offer single sign-on for the login page, without issuer or secret', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/auth/sso/providers' })
    expect(response.json()).toEqual([
      { districtCode: '05382', districtName: 'Rhein-Sieg-Kreis', label: 'Kreis-Login' },
    ])
    expect(response.body).not.toContain(idp.issuer)
  })

  it('sends the browser to the provider with a PKCE S256 challenge, state and nonce, keeping the verifier', async () => {
    const { response, location, browser } = await start()
    expect(response.statusCode).toBe(302)
    const url = new URL(location)
    expect(url.origin).toBe(idp.issuer)
    const params = Object.fromEntries(url.searchParams)
    expect(params).toMatchObject({
      client_id: 'lotse',
      response_type: 'code',
      redirect_uri: redirectUri,
      scope: 'openid profile groups',
      code_challenge_method: 'S256',
    })
    expect(params.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(params.nonce).toBeTruthy()
    expect(params).not.toHaveProperty('code_verifier')
    const pending = await ctx.database.db
      .selectFrom('sso_login')
      .select(['state_hash', 'browser_hash', 'code_verifier'])
      .where('state_hash', '=', sha256(params.state as string))
      .executeTakeFirst()
    expect(pending?.code_verifier).toBeTruthy()
    expect(pending?.browser_hash).toBe(sha256(String(browser).split('=')[1] ?? ''))
    expect(response.cookies.find((cookie) => cookie.name === 'lotse_sso')).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
    })
  })

  it('signs a new user in, maps groups to roles and teams, and the session works', async () => {
    const { response } = await signIn('kim')
    expect(response.statusCode, response.body).toBe(303)
    expect(response.headers.location).toBe('/')
    const session = await sessionOf(response)
    expect(session.statusCode).toBe(200)
    expect(session.json()).toMatchObject({
      user: {
        username: 'kim.yilmaz',
        displayName: 'Kim Yılmaz',
        roles: ['case_manager'],
        teamIds: [teamNord],
      },
      mustEnrolSecondFactor: false,
    })
    expect(await userNamed('kim.yilmaz')).toMatchObject({ sso_issuer: idp.issuer, sso_subject: 'kim' })
    const audit = await ctx.database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'purpose'])
      .where('actor_id', '=', session.json().user.id)
      .orderBy('id')
      .execute()
    expect(audit).toEqual([
      { action: 'user.create', outcome: 'success', purpose: 'sso' },
      { action: 'auth.login', outcome: 'success', purpose: 'sso' },
    ])
  })

  it('returns the browser to the page it started from', async () => {
    const { response } = await signIn('kim', { query: '?returnTo=/admin/users' })
    expect(response.headers.location).toBe('/admin/users')
    const outside = await start('05382', '?returnTo=//evil.example/')
    expect(outside.response.statusCode).toBe(400)
  })

  it('links an existing user by username on first sign-in and takes the roles from the groups', async () => {
    const created = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'jana.schulz',
        displayName: 'Jana Schulz',
        roles: ['coordinator'],
        password: 'ein langes passwort für jana',
      },
    })
    expect(created.statusCode).toBe(201)
    idp.accounts.set('f3a9-jana', { preferred_username: 'Jana.Schulz', groups: ['lotse-bericht'] })
    const { response } = await signIn('f3a9-jana')
    expect(response.statusCode, response.body).toBe(303)
    expect((await sessionOf(response)).json().user).toMatchObject({
      id: created.json().id,
      roles: ['report_reader'],
    })
    expect(await userNamed('jana.schulz')).toMatchObject({
      sso_subject: 'f3a9-jana',
      roles: ['report_reader'],
    })
  })

  it('trusts the provider with the second factor: an administrator by SSO need not enrol one in Lotse', async () => {
    const rule = { method: 'PUT' as const, url: '/api/identity-policy' }
    expect((await admin.request({ ...rule, payload: { roles: ['admin'] } })).statusCode).toBe(200)
    idp.accounts.set('chef', { preferred_username: 'chef.sso', groups: ['lotse-administration'] })
    const { response } = await signIn('chef')
    const session = (await sessionOf(response)).json()
    expect(session.user.roles).toEqual(['admin'])
    expect(session.mustEnrolSecondFactor).toBe(false)
    // The password administrator without a second factor is now held to their own account;
    // the one signed in through the provider may lift the rule again.
    expect((await admin.request({ ...rule, payload: { roles: [] } })).statusCode).toBe(403)
    const lifted = await ctx.app.inject({
      ...rule,
      payload: { roles: [] },
      headers: { cookie: cookieHeader(response, 'lotse_session') ?? '', 'x-csrf-token': session.csrfToken },
    })
    expect(lifted.statusCode).toBe(200)
  })

  it('refuses an account none of whose groups maps to a role, with a problem or a page, audited', async () => {
    const { response } = await signIn('ohne-gruppe')
    expect(response.statusCode).toBe(401)
    expect(response.json()).toMatchObject({ code: 'sso-no-role' })
    expect(response.cookies.find((cookie) => cookie.name === 'lotse_session')).toBeUndefined()
    const asPage = await signIn('ohne-gruppe', { accept: 'text/html,application/xhtml+xml' })
    expect(asPage.response.statusCode).toBe(303)
    expect(asPage.response.headers.location).toBe('/?ssoError=sso-no-role')
    expect(await userNamed('ohne.gruppe')).toBeUndefined()
    expect(await failedLogins('sso-no-role')).toHaveLength(2)
  })

  it('refuses a callback replayed after a successful sign-in', async () => {
    const { response, back, browser } = await signIn('kim')
    expect(response.statusCode).toBe(303)
    const replay = await callback(back, browser)
    expect(replay.statusCode).toBe(400)
    expect(replay.json().code).toBe('sso-state-invalid')
  })

  it('refuses a tampered state and burns nothing else', async () => {
    const started = await start()
    const back = await idp.authorize(started.location, 'kim')
    const tampered = new URL(back)
    tampered.searchParams.set('state', `${back.searchParams.get('state')}x`)
    const refused = await callback(tampered, started.browser)
    expect(refused.statusCode).toBe(400)
    expect(refused.json().code).toBe('sso-state-invalid')
    // The genuine answer still works once.
    expect((await callback(back, started.browser)).statusCode).toBe(303)
  })

  it('refuses a callback in a browser that did not start the sign-in (login CSRF)', async () => {
    const started = await start()
    const back = await idp.authorize(started.location, 'kim')
    const elsewhere = await callback(back, 'lotse_sso=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
    expect(elsewhere.statusCode).toBe(400)
    expect(elsewhere.json().code).toBe('sso-state-invalid')
    expect((await callback(back, undefined)).json().code).toBe('sso-state-invalid')
  })

  it('refuses a code exchanged without the verifier of its own sign-in', async () => {
    // Two sign-ins in one browser: the provider's answer to the first, presented with the state of
    // the second, carries a code whose PKCE challenge does not match the second verifier.
    const first = await start()
    const second = await start()
    const firstBack = await idp.authorize(first.location, 'kim')
    const secondBack = await idp.authorize(second.location, 'kim')
    const mixed = new URL(firstBack)
    mixed.searchParams.set('state', secondBack.searchParams.get('state') as string)
    const refused = await callback(mixed, second.browser)
    expect(refused.statusCode).toBe(401)
    expect(refused.json().code).toBe('sso-failed')
  })

  it('refuses a sign-in the person cancelled at the provider', async () => {
    const started = await start()
    const back = await idp.authorize(started.location, 'kim', { cancel: true })
    expect(back.searchParams.get('error')).toBe('access_denied')
    const refused = await callback(back, started.browser, 'text/html')
    expect(refused.statusCode).toBe(303)
    expect(refused.headers.location).toBe('/?ssoError=sso-failed')
    expect(await failedLogins('sso-failed')).toContainEqual(
      expect.objectContaining({ district_id: admin.districtId, actor_id: null }),
    )
  })

  it('refuses a disabled user', async () => {
    idp.accounts.set('olga', { preferred_username: 'olga.petrova', groups: ['lotse-fallmanagement'] })
    expect((await signIn('olga')).response.statusCode).toBe(303)
    const user = await userNamed('olga.petrova')
    const disabled = await admin.request({
      method: 'PATCH',
      url: `/api/users/${user?.id}`,
      payload: { disabled: true },
      headers: { 'if-match': `"${user?.version}"` },
    })
    expect(disabled.statusCode).toBe(200)
    const { response } = await signIn('olga')
    expect(response.statusCode).toBe(401)
    expect(response.json().code).toBe('sso-account-disabled')
    expect(await failedLogins('sso-account-disabled')).toEqual([
      expect.objectContaining({ actor_id: user?.id, district_id: admin.districtId }),
    ])
  })

  it('offers nothing for a district without a provider, and never reaches into another district', async () => {
    const lindenau = await start('99101')
    expect(lindenau.response.statusCode).toBe(404)
    expect(lindenau.response.json().code).toBe('sso-unavailable')
    const asPage = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/sso/99101/start',
      headers: { accept: 'text/html' },
    })
    expect(asPage.headers.location).toBe('/?ssoError=sso-unavailable')
    // The provider of Rhein-Sieg names a user of Lindenau: neither linked nor created.
    idp.accounts.set('fremd', { preferred_username: 'admin.lindenau', groups: ['lotse-administration'] })
    const { response } = await signIn('fremd')
    expect(response.statusCode).toBe(401)
    expect(response.json().code).toBe('sso-username-unavailable')
    expect(await userNamed('admin.lindenau')).toMatchObject({ sso_subject: null, roles: ['admin'] })
  })

  it('refuses a new account whose username is in use, alike in this district and another, audited', async () => {
    // kim.yilmaz is linked to the subject "kim" already; another subject claims the same name.
    await signIn('kim')
    idp.accounts.set('kim-zwei', { preferred_username: 'kim.yilmaz', groups: ['lotse-fallmanagement'] })
    idp.accounts.set('lindner', { preferred_username: 'admin.lindenau', groups: ['lotse-bericht'] })
    const refusedBefore = (await failedLogins('sso-username-unavailable')).length
    const own = await signIn('kim-zwei')
    const elsewhere = await signIn('lindner')
    for (const { response } of [own, elsewhere]) {
      expect(response.statusCode).toBe(401)
      expect(String(response.headers['content-type'])).toContain('application/problem+json')
      expect(response.json().code).toBe('sso-username-unavailable')
    }
    const usersWithSubject = await ctx.database.db
      .selectFrom('app_user')
      .select('id')
      .where('sso_subject', 'in', ['kim-zwei', 'lindner'])
      .execute()
    expect(usersWithSubject).toEqual([])
    expect(await failedLogins('sso-username-unavailable')).toHaveLength(refusedBefore + 2)
  })

  it('stops offering and accepting sign-ins once the provider is disabled', async () => {
    const started = await start()
    const back = await idp.authorize(started.location, 'kim')
    await configure({ enabled: false })
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/sso/providers' })).json()).toEqual([])
    expect((await start()).response.statusCode).toBe(404)
    expect((await callback(back, started.browser)).json().code).toBe('sso-unavailable')
    await configure({ enabled: true })
  })
})
