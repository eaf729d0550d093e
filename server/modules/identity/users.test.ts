import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/app.ts'
import { loginAs, type TestSession, testPassword, useDemoData } from '../../test/auth.ts'
import { databaseKinds } from '../../test/database.ts'

type UserBody = { id: string; username: string; displayName: string; version: number; roles: string[] }

const newUser = (username: string, extra: Record<string, unknown> = {}) => ({
  username,
  displayName: 'Neue Kollegin',
  roles: ['case_manager'],
  password: testPassword,
  ...extra,
})

describe.each(databaseKinds)('users API on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let admin: TestSession
  let caseManager: TestSession
  let lindenau: TestSession

  beforeAll(async () => {
    admin = await loginAs(ctx.app, 'admin')
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    lindenau = await loginAs(ctx.app, 'admin.lindenau')
  })

  const userRow = (username: string) =>
    ctx.database.db
      .selectFrom('app_user')
      .select(['id', 'district_id', 'display_name', 'roles', 'version', 'disabled_at', 'password_hash'])
      .where('username', '=', username)
      .executeTakeFirst()

  const create = async (username: string, extra: Record<string, unknown> = {}) => {
    const response = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: newUser(username, extra),
    })
    expect(response.statusCode).toBe(201)
    return response.json() as UserBody
  }

  const patch = (session: TestSession, id: string, payload: unknown, headers: Record<string, string> = {}) =>
    session.request({ method: 'PATCH', url: `/api/users/${id}`, payload: payload as object, headers })

  const expectProblem = (
    response: { statusCode: number; headers: Record<string, unknown> },
    status: number,
  ) => {
    expect(response.statusCode).toBe(status)
    expect(String(response.headers['content-type'])).toContain('application/problem+json')
  }

  it('lets an admin create a user and audits it as user.create', async () => {
    const response = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: newUser('neu.angelegt', { displayName: 'Nora Neu' }),
    })
    expect(response.statusCode).toBe(201)
    const body = response.json()
    expect(body).toMatchObject({
      username: 'neu.angelegt',
      displayName: 'Nora Neu',
      roles: ['case_manager'],
      disabled: false,
      hasPassword: true,
      version: 1,
    })
    expect(body).not.toHaveProperty('password')
    expect(body).not.toHaveProperty('passwordHash')
    const row = await userRow('neu.angelegt')
    expect(row?.district_id).toBe(admin.districtId)
    expect(row?.password_hash).toMatch(/^\$argon2id\$/)
    const events = await ctx.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'user.create')
      .where('subject_id', '=', body.id)
      .execute()
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ actor_id: admin.userId, outcome: 'success' })
  })

  it.each([
    ['districtId', '6f1c7b1e-0000-4000-8000-000000000000'],
    ['id', '6f1c7b1e-0000-4000-8000-000000000001'],
    ['version', 7],
    ['passwordHash', '$argon2id$v=19$m=19456,t=2,p=1$forged'],
  ])('refuses a new user with the extra field %s and stores nothing', async (field, value) => {
    const username = `extra.create.${field.toLowerCase()}`
    const response = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: newUser(username, { [field]: value }),
    })
    expectProblem(response, 400)
    expect(await userRow(username)).toBeUndefined()
  })

  it.each([
    ['districtId', '6f1c7b1e-0000-4000-8000-000000000000'],
    ['id', '6f1c7b1e-0000-4000-8000-000000000001'],
    ['version', 7],
    ['passwordHash', '$argon2id$v=19$m=19456,t=2,p=1$forged'],
    ['username', 'renamed.user'],
  ])('refuses a change with the extra field %s and changes nothing', async (field, value) => {
    const username = `extra.patch.${field.toLowerCase()}`
    const user = await create(username)
    const before = await userRow(username)
    const response = await patch(
      admin,
      user.id,
      { displayName: 'Geändert', [field]: value },
      { 'if-match': `"${user.version}"` },
    )
    expectProblem(response, 400)
    expect(await userRow(username)).toEqual(before)
  })

  it('refuses a duplicate username with 409', async () => {
    await create('doppelt')
    const response = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: newUser('doppelt', { displayName: 'Zweite Person' }),
    })
    expectProblem(response, 409)
    expect(response.json()).toMatchObject({
      code: 'username-unavailable',
      fields: [{ path: 'body.username', message: 'unavailable' }],
    })
    expect((await userRow('doppelt'))?.display_name).toBe('Neue Kollegin')
  })

  it('answers a username used in another district exactly as one used in the own, and stores nothing', async () => {
    await create('anderswo.vergeben')
    const auditBefore = await ctx.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const attempt = (session: TestSession) =>
      session.request({
        method: 'POST',
        url: '/api/users',
        payload: newUser('anderswo.vergeben', { displayName: 'Jemand Anderes' }),
      })
    const elsewhere = await attempt(lindenau)
    const own = await attempt(admin)
    expectProblem(elsewhere, 409)
    const comparable = (body: Record<string, unknown>) => ({ ...body, requestId: undefined })
    expect(comparable(elsewhere.json())).toEqual(comparable(own.json()))
    expect(elsewhere.json().messages.de).toBe(
      'Dieser Benutzername ist nicht verfügbar. Bitte wählen Sie einen anderen.',
    )
    const rows = await ctx.database.db
      .selectFrom('app_user')
      .select(['district_id', 'display_name'])
      .where('username', '=', 'anderswo.vergeben')
      .execute()
    expect(rows).toEqual([{ district_id: admin.districtId, display_name: 'Neue Kollegin' }])
    const auditAfter = await ctx.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n))
  })

  it('refuses a partner without an organisation with 400', async () => {
    const response = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: newUser('partner.ohne.org', { roles: ['partner'] }),
    })
    expectProblem(response, 400)
    expect(response.json().fields).toEqual([{ path: 'body.organisationId', message: 'partner-organisation' }])
    expect(await userRow('partner.ohne.org')).toBeUndefined()
  })

  it('refuses a change without If-Match with 428', async () => {
    const user = await create('ohne.ifmatch')
    const response = await patch(admin, user.id, { displayName: 'Geändert' })
    expectProblem(response, 428)
    expect((await userRow('ohne.ifmatch'))?.version).toBe(1)
  })

  it('refuses a case manager a change without If-Match with 403, before asking for a version', async () => {
    const user = await create('ohne.recht')
    const response = await patch(caseManager, user.id, { displayName: 'Geändert' })
    expectProblem(response, 403)
    expect((await userRow('ohne.recht'))?.version).toBe(1)
  })

  it("ends a user's sessions when their roles change", async () => {
    const user = await create('rollenwechsel')
    const session = await loginAs(ctx.app, 'rollenwechsel', testPassword, '192.0.2.201')
    const response = await patch(admin, user.id, { roles: ['team_lead'] }, { 'if-match': '"1"' })
    expect(response.json().roles).toEqual(['team_lead'])
    expect((await session.request({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401)
  })

  it('keeps the sessions when the edit form sends the unchanged roles with a new name', async () => {
    const user = await create('nur.name')
    const session = await loginAs(ctx.app, 'nur.name', testPassword, '192.0.2.202')
    const payload = { displayName: 'Neuer Name', roles: ['case_manager'], organisationId: null, teamIds: [] }
    const response = await patch(admin, user.id, payload, { 'if-match': '"1"' })
    expect(response.json()).toMatchObject({ displayName: 'Neuer Name', version: 2 })
    expect((await session.request({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(200)
  })

  it('refuses a change with a stale version with 409 and changes nothing', async () => {
    const user = await create('veraltet')
    const first = await patch(admin, user.id, { displayName: 'Erste Änderung' }, { 'if-match': '"1"' })
    expect(first.statusCode).toBe(200)
    const stale = await patch(admin, user.id, { displayName: 'Zweite Änderung' }, { 'if-match': '"1"' })
    expectProblem(stale, 409)
    expect(await userRow('veraltet')).toMatchObject({ display_name: 'Erste Änderung', version: 2 })
  })

  it('applies a change with the current version and answers version + 1 with its ETag', async () => {
    const user = await create('aktuell')
    const response = await patch(
      admin,
      user.id,
      { displayName: 'Neuer Name' },
      { 'if-match': `"${user.version}"` },
    )
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ displayName: 'Neuer Name', version: user.version + 1 })
    expect(response.headers.etag).toBe(`"${user.version + 1}"`)
    expect((await userRow('aktuell'))?.display_name).toBe('Neuer Name')
  })

  it('refuses user creation by a case manager with 403 and audits the refusal as denied', async () => {
    const response = await caseManager.request({
      method: 'POST',
      url: '/api/users',
      headers: { 'x-request-id': 'denied-create-check' },
      payload: newUser('vom.fallmanagement'),
    })
    expectProblem(response, 403)
    expect(await userRow('vom.fallmanagement')).toBeUndefined()
    const events = await ctx.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('request_id', '=', 'denied-create-check')
      .execute()
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      actor_id: caseManager.userId,
      action: 'user.manage',
      outcome: 'denied',
    })
  })

  it("audits another district's attempt on a user as denied, while answering a plain 404", async () => {
    const response = await lindenau.request({
      method: 'GET',
      url: `/api/users/${caseManager.userId}`,
      headers: { 'x-request-id': 'cross-district-read' },
    })
    const unknown = await lindenau.request({
      method: 'GET',
      url: '/api/users/6f1c7b1e-0000-4000-8000-000000000000',
      headers: { 'x-request-id': 'unknown-user-read' },
    })
    expect(response.json().code).toBe(unknown.json().code)
    const entries = await ctx.database.db
      .selectFrom('audit_event')
      .select(['request_id', 'outcome', 'actor_id', 'district_id', 'subject_type', 'subject_id'])
      .where('request_id', 'in', ['cross-district-read', 'unknown-user-read'])
      .execute()
    expect(entries).toEqual([
      {
        request_id: 'cross-district-read',
        outcome: 'denied',
        actor_id: lindenau.userId,
        district_id: lindenau.districtId,
        subject_type: 'user',
        subject_id: caseManager.userId,
      },
    ])
  })

  it("answers 404 to another district's admin reading a Rhein-Sieg user", async () => {
    const response = await lindenau.request({ method: 'GET', url: `/api/users/${caseManager.userId}` })
    expectProblem(response, 404)
    expect(response.json().code).toBe('not-found')
  })

  it("answers 404 to another district's admin changing a Rhein-Sieg user and leaves the user unchanged", async () => {
    const before = await userRow('fallmanagement')
    const response = await patch(
      lindenau,
      caseManager.userId,
      { displayName: 'Übernommen', disabled: true },
      { 'if-match': `"${before?.version}"` },
    )
    expectProblem(response, 404)
    expect(await userRow('fallmanagement')).toEqual(before)
  })

  it('lists only the users of the own district', async () => {
    const response = await admin.request({ method: 'GET', url: '/api/users?limit=200' })
    expect(response.statusCode).toBe(200)
    const usernames = response.json().items.map((user: UserBody) => user.username)
    expect(usernames).toEqual(expect.arrayContaining(['admin', 'fallmanagement', 'datenschutz']))
    expect(usernames).not.toContain('admin.lindenau')
    const other = await lindenau.request({ method: 'GET', url: '/api/users?limit=200' })
    expect(other.json().items.map((user: UserBody) => user.username)).toEqual(['admin.lindenau'])
  })

  it('shows a case manager their own record', async () => {
    const response = await caseManager.request({ method: 'GET', url: `/api/users/${caseManager.userId}` })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ username: 'fallmanagement', can: { 'user.manage': false } })
  })

  it("refuses a case manager another user's record with 403", async () => {
    const response = await caseManager.request({ method: 'GET', url: `/api/users/${admin.userId}` })
    expectProblem(response, 403)
  })

  it('refuses a case manager the list of users with 403', async () => {
    const response = await caseManager.request({ method: 'GET', url: '/api/users' })
    expectProblem(response, 403)
  })

  describe('bad input', () => {
    it.each([
      ['a display name over 200 characters', { displayName: 'x'.repeat(201) }, 'body.displayName'],
      ['roles given as a string', { roles: 'admin' }, 'body.roles'],
      ['a username given as a number', { username: 42 }, 'body.username'],
      ['an unknown role', { roles: ['superuser'] }, 'body.roles.0'],
      ['a team id that is not a uuid', { teamIds: ['team-nord'] }, 'body.teamIds.0'],
    ])(
      'refuses a new user with %s with 400 naming the field and keeps serving',
      async (_label, extra, field) => {
        const username = `bad.input.${field.replaceAll('.', '-')}`
        const response = await admin.request({
          method: 'POST',
          url: '/api/users',
          payload: newUser(username, extra),
        })
        expectProblem(response, 400)
        expect(response.json().fields.map((each: { path: string }) => each.path)).toContain(field)
        expect(await userRow(username)).toBeUndefined()
        expect((await ctx.app.inject({ url: '/api/health' })).statusCode).toBe(200)
      },
    )

    it('refuses a display name over 200 characters in a change and changes nothing', async () => {
      const user = await create('zu.lang')
      const response = await patch(admin, user.id, { displayName: 'x'.repeat(201) }, { 'if-match': '"1"' })
      expectProblem(response, 400)
      expect(await userRow('zu.lang')).toMatchObject({ display_name: 'Neue Kollegin', version: 1 })
    })

    it('refuses a change with disabled given as a string and changes nothing', async () => {
      const user = await create('falscher.typ')
      const response = await patch(admin, user.id, { disabled: 'yes' }, { 'if-match': '"1"' })
      expectProblem(response, 400)
      expect(await userRow('falscher.typ')).toMatchObject({ disabled_at: null, version: 1 })
    })

    it('refuses a malformed JSON body with 400 and keeps serving', async () => {
      const response = await admin.request({
        method: 'POST',
        url: '/api/users',
        headers: { 'content-type': 'application/json' },
        payload: '{"username": "kaputt", "displayName": ',
      })
      expectProblem(response, 400)
      expect(response.json().code).toBe('malformed-json')
      expect(await userRow('kaputt')).toBeUndefined()
      expect((await ctx.app.inject({ url: '/api/health' })).statusCode).toBe(200)
    })

    it('refuses a text/plain body with 415 and keeps serving', async () => {
      const response = await admin.request({
        method: 'POST',
        url: '/api/users',
        headers: { 'content-type': 'text/plain' },
        payload: JSON.stringify(newUser('als.text')),
      })
      expectProblem(response, 415)
      expect(response.json().code).toBe('unsupported-media-type')
      expect(await userRow('als.text')).toBeUndefined()
      expect((await ctx.app.inject({ url: '/api/health' })).statusCode).toBe(200)
    })
  })
})

describe.each(databaseKinds)('users API with a small body limit on %s', (kind) => {
  const ctx = useTestApp(kind, { LOTSE_BODY_LIMIT_KB: '10' })
  useDemoData(ctx)

  it('refuses a body over the limit with 413 problem+json, stores nothing and keeps serving', async () => {
    const admin = await loginAs(ctx.app, 'admin')
    const response = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: newUser('zu.gross', { displayName: 'x'.repeat(20_000) }),
    })
    expect(response.statusCode).toBe(413)
    expect(response.headers['content-type']).toContain('application/problem+json')
    expect(response.json().code).toBe('payload-too-large')
    const stored = await ctx.database.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'zu.gross')
      .execute()
    expect(stored).toEqual([])
    expect((await ctx.app.inject({ url: '/api/health' })).statusCode).toBe(200)
  })
})
