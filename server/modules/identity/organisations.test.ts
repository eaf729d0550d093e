import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../test/auth.ts'
import { databaseKinds } from '../../test/database.ts'

describe.each(databaseKinds)('teams and organisations on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let admin: TestSession
  let lindenau: TestSession
  let caseManager: TestSession

  beforeAll(async () => {
    admin = await loginAs(ctx.app, 'admin')
    lindenau = await loginAs(ctx.app, 'admin.lindenau')
    caseManager = await loginAs(ctx.app, 'fallmanagement')
  })

  const post = (session: TestSession, url: string, payload: object) =>
    session.request({ method: 'POST', url, payload })
  const change = (
    session: TestSession,
    method: 'PATCH' | 'PUT',
    url: string,
    payload: object,
    version?: number,
  ) =>
    session.request({
      method,
      url,
      payload,
      headers: version === undefined ? {} : { 'if-match': `"${version}"` },
    })

  it('lists the demo team with its two members and the organisations with their partner users', async () => {
    const teams = (await caseManager.request({ method: 'GET', url: '/api/teams' })).json()
    expect(teams).toEqual([
      expect.objectContaining({ name: 'Team Nord', memberCount: 2, version: 1 }),
      expect.objectContaining({ name: 'Team Süd', memberCount: 1, version: 1 }),
    ])
    const organisations = (await caseManager.request({ method: 'GET', url: '/api/organisations' })).json()
    expect(organisations.find((o: { name: string }) => o.name === 'Jobcenter Rhein-Sieg')).toMatchObject({
      kind: 'jobcenter',
      legalSpheres: ['SGB II'],
      memberCount: 1,
    })
  })

  it('lets an administrator create a team, audited, and refuses the same name again with 409', async () => {
    const created = await post(admin, '/api/teams', { name: 'Team Siegtal' })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ name: 'Team Siegtal', memberCount: 0, version: 1 })
    const again = await post(admin, '/api/teams', { name: 'Team Siegtal' })
    expect(again.statusCode).toBe(409)
    expect(again.json().fields).toEqual([{ path: 'body.name', message: 'name-taken' }])
    const audit = await ctx.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', created.json().id)
      .execute()
    expect(audit).toEqual([{ action: 'team.create' }])
  })

  it('renames a team with the current version and refuses a stale or missing one', async () => {
    const team = (await post(admin, '/api/teams', { name: 'Team West' })).json()
    expect((await change(admin, 'PATCH', `/api/teams/${team.id}`, { name: 'Team Ost' })).statusCode).toBe(428)
    const renamed = await change(admin, 'PATCH', `/api/teams/${team.id}`, { name: 'Team Ost' }, 1)
    expect(renamed.json()).toMatchObject({ name: 'Team Ost', version: 2 })
    const stale = await change(admin, 'PATCH', `/api/teams/${team.id}`, { name: 'Team Mitte' }, 1)
    expect(stale.statusCode).toBe(409)
    const teams = (await admin.request({ method: 'GET', url: '/api/teams' })).json()
    expect(teams.map((t: { name: string }) => t.name)).toContain('Team Ost')
  })

  it('creates and changes an organisation with its legal spheres', async () => {
    const created = await post(admin, '/api/organisations', {
      name: 'Evangelische Jugendhilfe Siebengebirge',
      kind: 'wohlfahrtsverband',
      legalSpheres: ['SGB XII'],
    })
    expect(created.statusCode).toBe(201)
    const id = created.json().id
    const changed = await change(
      admin,
      'PUT',
      `/api/organisations/${id}`,
      {
        name: 'Evangelische Jugendhilfe Siebengebirge',
        kind: 'migrationsberatung',
        legalSpheres: ['AufenthG', 'SGB II'],
      },
      1,
    )
    expect(changed.json()).toMatchObject({
      kind: 'migrationsberatung',
      legalSpheres: ['AufenthG', 'SGB II'],
      version: 2,
    })
  })

  it.each([
    ['an unknown kind', { name: 'X-Träger', kind: 'verein' }],
    ['an unknown legal sphere', { name: 'X-Träger', kind: 'kommune', legalSpheres: ['SGB IX'] }],
    ['an empty name', { name: ' ', kind: 'kommune' }],
    [
      'a district id',
      { name: 'X-Träger', kind: 'kommune', districtId: '00000000-0000-4000-8000-000000000000' },
    ],
  ])('refuses %s with 400 and stores nothing', async (_label, payload) => {
    const response = await post(admin, '/api/organisations', payload)
    expect(response.statusCode).toBe(400)
    const stored = await ctx.database.db
      .selectFrom('organisation')
      .select('id')
      .where('name', '=', 'X-Träger')
      .execute()
    expect(stored).toEqual([])
  })

  it('refuses a case manager with 403', async () => {
    expect((await post(caseManager, '/api/teams', { name: 'Schattenteam' })).statusCode).toBe(403)
  })

  it("answers another district's administrator with 404 and leaves the team as it was", async () => {
    const team = (await post(admin, '/api/teams', { name: 'Team Eigen' })).json()
    const response = await change(lindenau, 'PATCH', `/api/teams/${team.id}`, { name: 'Gekapert' }, 1)
    expect(response.statusCode).toBe(404)
    const teams = (await lindenau.request({ method: 'GET', url: '/api/teams' })).json()
    expect(teams.map((t: { name: string }) => t.name)).not.toContain('Team Eigen')
    const own = (await admin.request({ method: 'GET', url: '/api/teams' })).json()
    expect(own.find((t: { id: string }) => t.id === team.id)).toMatchObject({
      name: 'Team Eigen',
      version: 1,
    })
  })
})
