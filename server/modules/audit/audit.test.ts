import { parse } from 'csv-parse/sync'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/app.ts'
import { loginAs, type TestSession, testPassword, useDemoData } from '../../test/auth.ts'
import { databaseKinds } from '../../test/database.ts'
import { recordAudit, recordAuditAlone, verifyAuditTrail } from './index.ts'

const berlinDay = (offsetDays = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  )
const pseudonymPattern = /^[0-9a-f]{16}$/
const csvHeader =
  'Nr;Zeitpunkt (UTC);Person;Personen-ID;Rollen;Aktion;Ergebnis;Objektart;Objekt-ID;Zweck;Anfrage-ID;Adress-Pseudonym'

type AuditItem = {
  id: number
  action: string
  outcome: string
  subjectId: string | null
  actorName: string | null
}

describe.each(databaseKinds)('audit trail on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let admin: TestSession
  let dpo: TestSession

  beforeAll(async () => {
    admin = await loginAs(ctx.app, 'admin')
    dpo = await loginAs(ctx.app, 'datenschutz')
  })

  const eventsWithRequestId = (requestId: string) =>
    ctx.database.db.selectFrom('audit_event').selectAll().where('request_id', '=', requestId).execute()

  const eventsWithAction = (action: string) =>
    ctx.database.db.selectFrom('audit_event').selectAll().where('action', '=', action).execute()

  const createUser = async (payload: Record<string, unknown>, requestId: string) => {
    const response = await admin.request({
      method: 'POST',
      url: '/api/users',
      headers: { 'x-request-id': requestId },
      payload: { roles: ['case_manager'], password: testPassword, ...payload },
    })
    expect(response.statusCode).toBe(201)
    return response.json() as { id: string; version: number }
  }

  const listAudit = async (session: TestSession, query = '') => {
    const response = await session.request({ method: 'GET', url: `/api/audit?limit=200${query}` })
    expect(response.statusCode).toBe(200)
    return response.json() as { items: AuditItem[]; total: number }
  }

  it('verifies the trail written so far as intact', async () => {
    const chains = await verifyAuditTrail(ctx.database.db)
    expect(chains.length).toBeGreaterThanOrEqual(2)
    for (const chain of chains) expect(chain).toMatchObject({ ok: true })
    expect(chains.find((chain) => chain.chain === admin.districtId)?.events).toBeGreaterThanOrEqual(7)
  })

  it('keeps every chain intact when entries are written at the same time', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        recordAuditAlone(ctx.database.db, {
          districtId: admin.districtId,
          actorId: null,
          action: 'test.concurrent',
          purpose: `entry ${index}`,
        }),
      ),
    )
    const chain = (await verifyAuditTrail(ctx.database.db)).find((each) => each.chain === admin.districtId)
    expect(chain).toMatchObject({ ok: true })
  })

  it('has an entry committed when its promise settles, and keeps the others of its group when one is refused', async () => {
    const entry = (purpose: string, actorId: string | null = null) =>
      recordAuditAlone(ctx.database.db, {
        districtId: admin.districtId,
        actorId,
        action: 'test.grouped',
        purpose,
      })
    // The first is written at once; the rest wait for it and are written as one group.
    const settled = await Promise.allSettled([
      ...Array.from({ length: 15 }, (_, index) => entry(`good ${index}`)),
      entry('refused', 'not a user id'),
      ...Array.from({ length: 15 }, (_, index) => entry(`good ${15 + index}`)),
    ])
    expect(settled.filter((result) => result.status === 'rejected')).toHaveLength(1)
    expect((settled[15] as PromiseRejectedResult).reason).toBeInstanceOf(Error)
    const written = (await eventsWithAction('test.grouped')).map((event) => event.purpose)
    expect(written.sort()).toEqual(Array.from({ length: 30 }, (_, index) => `good ${index}`).sort())
    await entry('alone')
    expect((await eventsWithAction('test.grouped')).map((event) => event.purpose)).toContain('alone')
    const chain = (await verifyAuditTrail(ctx.database.db)).find((each) => each.chain === admin.districtId)
    expect(chain).toMatchObject({ ok: true })
  })

  it('refuses to write an entry outside a transaction, so no entry commits apart from its change', async () => {
    const before = await eventsWithAction('test.outside')
    const outside = ctx.database.db as unknown as Parameters<typeof recordAudit>[0]
    await expect(
      recordAudit(outside, { districtId: admin.districtId, actorId: null, action: 'test.outside' }),
    ).rejects.toThrow(/inside the transaction/)
    expect(await eventsWithAction('test.outside')).toEqual(before)
  })

  it('rolls an entry back with the change it records', async () => {
    await expect(
      ctx.database.db.transaction().execute(async (trx) => {
        await recordAudit(trx, { districtId: admin.districtId, actorId: null, action: 'test.rolled-back' })
        throw new Error('the change fails')
      }),
    ).rejects.toThrow('the change fails')
    expect(await eventsWithAction('test.rolled-back')).toEqual([])
  })

  it('records a successful login with actor, subject, request id and a pseudonym instead of the address', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'bericht', password: testPassword },
      remoteAddress: '192.0.2.44',
      headers: { 'x-request-id': 'audit-login-success' },
    })
    expect(response.statusCode).toBe(200)
    const userId = response.json().user.id
    const [event, ...others] = await eventsWithRequestId('audit-login-success')
    expect(others).toEqual([])
    expect(event).toMatchObject({
      action: 'auth.login',
      outcome: 'success',
      actor_id: userId,
      actor_roles: ['report_reader'],
      district_id: admin.districtId,
      subject_type: 'user',
      subject_id: userId,
    })
    expect(event?.client_pseudonym).toMatch(pseudonymPattern)
    expect(event?.client_pseudonym).not.toContain('192.0.2.44')
  })

  it('records a failed login as a failure of that account, with a pseudonym instead of the address', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'bericht', password: 'not the right one' },
      remoteAddress: '192.0.2.45',
      headers: { 'x-request-id': 'audit-login-failure' },
    })
    expect(response.statusCode).toBe(401)
    const [event, ...others] = await eventsWithRequestId('audit-login-failure')
    expect(others).toEqual([])
    const bericht = await ctx.database.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'bericht')
      .executeTakeFirstOrThrow()
    expect(event).toMatchObject({ action: 'auth.login', outcome: 'failure', actor_id: bericht.id })
    expect(event?.client_pseudonym).toMatch(pseudonymPattern)
    expect(event?.client_pseudonym).not.toContain('192.0.2.45')
  })

  it('records a user creation with the admin as actor and the new user as subject', async () => {
    const user = await createUser(
      { username: 'audit.created', displayName: 'Erika Angelegt' },
      'audit-create',
    )
    const [event, ...others] = await eventsWithRequestId('audit-create')
    expect(others).toEqual([])
    expect(event).toMatchObject({
      action: 'user.create',
      outcome: 'success',
      actor_id: admin.userId,
      actor_roles: ['admin'],
      subject_type: 'user',
      subject_id: user.id,
    })
    expect(event?.client_pseudonym).toMatch(pseudonymPattern)
  })

  it('records a user change with the admin as actor and the user as subject', async () => {
    const user = await createUser(
      { username: 'audit.changed', displayName: 'Erika Vorher' },
      'audit-create-2',
    )
    const response = await admin.request({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers: { 'if-match': `"${user.version}"`, 'x-request-id': 'audit-update' },
      payload: { displayName: 'Erika Nachher' },
    })
    expect(response.statusCode).toBe(200)
    const [event, ...others] = await eventsWithRequestId('audit-update')
    expect(others).toEqual([])
    expect(event).toMatchObject({
      action: 'user.update',
      outcome: 'success',
      actor_id: admin.userId,
      subject_type: 'user',
      subject_id: user.id,
    })
  })

  it('keeps passwords and display names out of every column of every entry', async () => {
    const secrets = {
      password: 'Zebrafink Laterne 0815',
      wrongPassword: 'Falsches Passwort 4711',
      newPassword: 'Neues Geheimnis Audit 99',
      displayName: 'Quirinus Audithaus',
      changedName: 'Quirinus Geaendert',
    }
    const user = await createUser(
      { username: 'audit.secrets', displayName: secrets.displayName, password: secrets.password },
      'audit-secrets',
    )
    await admin.request({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers: { 'if-match': `"${user.version}"` },
      payload: { displayName: secrets.changedName },
    })
    await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'audit.secrets', password: secrets.wrongPassword },
      remoteAddress: '192.0.2.46',
    })
    const owner = await loginAs(ctx.app, 'audit.secrets', secrets.password, '192.0.2.47')
    const change = await owner.request({
      method: 'POST',
      url: '/api/account/password',
      payload: { currentPassword: secrets.password, newPassword: secrets.newPassword },
    })
    expect(change.statusCode).toBe(204)

    const rows = await sql<Record<string, unknown>>`SELECT * FROM audit_event`.execute(ctx.database.db)
    const demoNames = (await ctx.database.db.selectFrom('app_user').select('display_name').execute()).map(
      (row) => row.display_name,
    )
    const forbidden = [...Object.values(secrets), testPassword, ...demoNames]
    expect(rows.rows.length).toBeGreaterThan(20)
    for (const row of rows.rows) {
      const text = JSON.stringify(Object.values(row))
      for (const value of forbidden) expect(text).not.toContain(value)
    }
  })

  it('refuses to UPDATE audit entries: the app role lacks the right, the owner meets the trigger', async () => {
    const before = await ctx.database.db
      .selectFrom('audit_event')
      .select(['id', 'action'])
      .orderBy('id')
      .execute()
    await expect(sql`UPDATE audit_event SET action = 'forged'`.execute(ctx.database.db)).rejects.toThrow(
      /permission denied/,
    )
    await expect(sql`UPDATE audit_event SET action = 'forged'`.execute(ctx.database.ownerDb)).rejects.toThrow(
      /append-only/,
    )
    const after = await ctx.database.db
      .selectFrom('audit_event')
      .select(['id', 'action'])
      .orderBy('id')
      .execute()
    expect(after).toEqual(before)
  })

  it('refuses to DELETE or TRUNCATE audit entries, through the app connection and the owner alike', async () => {
    const count = async () =>
      Number(
        (
          await ctx.database.db
            .selectFrom('audit_event')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const before = await count()
    await expect(sql`DELETE FROM audit_event`.execute(ctx.database.db)).rejects.toThrow(/permission denied/)
    await expect(sql`TRUNCATE audit_event`.execute(ctx.database.db)).rejects.toThrow(/permission denied/)
    await expect(sql`DELETE FROM audit_event`.execute(ctx.database.ownerDb)).rejects.toThrow(/append-only/)
    await expect(sql`TRUNCATE audit_event`.execute(ctx.database.ownerDb)).rejects.toThrow(/append-only/)
    expect(await count()).toBe(before)
  })

  it.each(['datenschutz', 'admin'])('shows the trail to %s', async (username) => {
    const session = await loginAs(ctx.app, username)
    const page = await listAudit(session)
    expect(page.total).toBeGreaterThan(0)
    expect(page.items.length).toBeGreaterThan(0)
  })

  it.each(['fallmanagement', 'koordination', 'teamleitung', 'bericht', 'partner.jobcenter'])(
    'refuses the trail and its export to %s with 403',
    async (username) => {
      const session = await loginAs(ctx.app, username)
      const list = await session.request({ method: 'GET', url: '/api/audit' })
      const csv = await session.request({ method: 'GET', url: '/api/audit/export.csv' })
      expect(list.statusCode).toBe(403)
      expect(list.headers['content-type']).toContain('application/problem+json')
      expect(csv.statusCode).toBe(403)
    },
  )

  it("shows another district's administrator only their own district's trail", async () => {
    const lindenau = await loginAs(ctx.app, 'admin.lindenau')
    const page = await listAudit(lindenau)
    const rheinSiegIds = new Set((await listAudit(dpo)).items.map((item) => item.id))
    expect(page.total).toBeGreaterThan(0)
    expect(page.items.filter((item) => rheinSiegIds.has(item.id))).toEqual([])
  })

  it('filters by an action prefix ending in a dot', async () => {
    const all = await listAudit(dpo)
    const auth = await listAudit(dpo, '&action=auth.')
    expect(auth.total).toBeGreaterThan(0)
    expect(auth.total).toBeLessThan(all.total)
    expect(auth.items.every((item) => item.action.startsWith('auth.'))).toBe(true)
    expect(all.items.some((item) => item.action === 'user.create')).toBe(true)
  })

  it('filters by outcome', async () => {
    const failures = await listAudit(dpo, '&outcome=failure')
    expect(failures.total).toBeGreaterThan(0)
    expect(failures.items.every((item) => item.outcome === 'failure')).toBe(true)
    expect((await listAudit(dpo)).items.some((item) => item.outcome === 'success')).toBe(true)
  })

  it('filters by subject', async () => {
    const page = await listAudit(dpo, `&subjectId=${admin.userId}`)
    expect(page.total).toBeGreaterThan(0)
    expect(page.items.every((item) => item.subjectId === admin.userId)).toBe(true)
  })

  it('filters by a date range of whole days in Europe/Berlin', async () => {
    const all = await listAudit(dpo)
    const today = await listAudit(dpo, `&from=${berlinDay()}&to=${berlinDay()}`)
    const untilYesterday = await listAudit(dpo, `&to=${berlinDay(-1)}`)
    const fromTomorrow = await listAudit(dpo, `&from=${berlinDay(1)}`)
    expect(today.total).toBe(all.total)
    expect(untilYesterday.total).toBe(0)
    expect(fromTomorrow.total).toBe(0)
  })

  it('exports the filtered trail as CSV with a BOM, semicolons and German headers', async () => {
    const filter = '&action=auth.login&outcome=failure'
    const expected = await listAudit(dpo, filter)
    const response = await dpo.request({ method: 'GET', url: `/api/audit/export.csv?${filter.slice(1)}` })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('text/csv')
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    expect(response.body.startsWith('\uFEFF')).toBe(true)
    // Read back with a real CSV parser, as a spreadsheet would: quoting and BOM included.
    const [header, ...rows] = parse(response.body, { bom: true, delimiter: ';' }) as string[][]
    expect(header?.join(';')).toBe(csvHeader)
    expect(rows).toHaveLength(expected.total)
    expect(rows.map((row) => Number(row[0]))).toEqual(expected.items.map((item) => item.id))
    for (const row of rows) expect(row.slice(5, 7)).toEqual(['auth.login', 'failure'])
  })

  it('writes English column headers when the client prefers English', async () => {
    const response = await dpo.request({
      method: 'GET',
      url: '/api/audit/export.csv?action=auth.login',
      headers: { 'accept-language': 'en-GB,en;q=0.9,de;q=0.5' },
    })
    const [header] = parse(response.body, { bom: true, delimiter: ';', to: 1 }) as string[][]
    expect(header?.slice(0, 3)).toEqual(['No', 'Time (UTC)', 'Person'])
  })

  it('records the export itself as audit.export', async () => {
    const response = await dpo.request({
      method: 'GET',
      url: '/api/audit/export.csv?action=auth.',
      headers: { 'x-request-id': 'audit-export-check' },
    })
    expect(response.statusCode).toBe(200)
    const [event, ...others] = await eventsWithRequestId('audit-export-check')
    expect(others).toEqual([])
    expect(event).toMatchObject({ action: 'audit.export', actor_id: dpo.userId, outcome: 'success' })
  })

  it('neutralises spreadsheet formulas in exported names', async () => {
    const name = '=HYPERLINK("https://evil.example/";"Klick")'
    await createUser({ username: 'formula.name', displayName: name }, 'audit-formula')
    await loginAs(ctx.app, 'formula.name', testPassword, '192.0.2.48')
    const response = await dpo.request({ method: 'GET', url: '/api/audit/export.csv?action=auth.login' })
    const rows = parse(response.body, { bom: true, delimiter: ';' }) as string[][]
    const names = rows.map((row) => row[2]).filter((cell) => cell?.includes('HYPERLINK'))
    expect(names).toEqual([`'${name}`])
  })
})

describe.each(databaseKinds)('audit tampering detection on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let districtId: string

  beforeAll(async () => {
    // A few more entries, so that there is a middle to tamper with.
    for (const username of ['admin', 'datenschutz', 'bericht']) await loginAs(ctx.app, username)
    const district = await ctx.database.ownerDb
      .selectFrom('district')
      .select('id')
      .where('code', '=', '05382')
      .executeTakeFirstOrThrow()
    districtId = district.id
  })

  /** What only a superuser can do: switch the append-only triggers off for one change. */
  const withTriggersDisabled = async (change: () => Promise<unknown>) => {
    await sql`ALTER TABLE audit_event DISABLE TRIGGER USER`.execute(ctx.database.ownerDb)
    try {
      await change()
    } finally {
      await sql`ALTER TABLE audit_event ENABLE TRIGGER USER`.execute(ctx.database.ownerDb)
    }
  }
  const chainIds = async () =>
    (
      await ctx.database.ownerDb
        .selectFrom('audit_event')
        .select('id')
        .where('district_id', '=', districtId)
        .orderBy('id')
        .execute()
    ).map((row) => row.id)
  const districtChain = async () =>
    (await verifyAuditTrail(ctx.database.ownerDb)).find((chain) => chain.chain === districtId)

  it('reports a changed entry as content-changed at its id', async () => {
    const ids = await chainIds()
    const middle = ids[Math.floor(ids.length / 2)] as number
    const original = await ctx.database.ownerDb
      .selectFrom('audit_event')
      .select('action')
      .where('id', '=', middle)
      .executeTakeFirstOrThrow()
    expect(await districtChain()).toMatchObject({ ok: true })
    await withTriggersDisabled(() =>
      ctx.database.ownerDb
        .updateTable('audit_event')
        .set({ action: 'auth.nothing-happened' })
        .where('id', '=', middle)
        .execute(),
    )
    expect(await districtChain()).toMatchObject({
      ok: false,
      firstBrokenId: middle,
      reason: 'content-changed',
    })
    await withTriggersDisabled(() =>
      ctx.database.ownerDb
        .updateTable('audit_event')
        .set({ action: original.action })
        .where('id', '=', middle)
        .execute(),
    )
    expect(await districtChain()).toMatchObject({ ok: true })
  })

  it('reports a deleted entry as link-broken at the entry after it', async () => {
    const ids = await chainIds()
    const index = Math.floor(ids.length / 2)
    const middle = ids[index] as number
    await withTriggersDisabled(() =>
      ctx.database.ownerDb.deleteFrom('audit_event').where('id', '=', middle).execute(),
    )
    expect(await districtChain()).toMatchObject({
      ok: false,
      firstBrokenId: ids[index + 1],
      reason: 'link-broken',
    })
  })

  it('switches the append-only triggers back on after tampering', async () => {
    await expect(sql`DELETE FROM audit_event`.execute(ctx.database.ownerDb)).rejects.toThrow(/append-only/)
  })
})
