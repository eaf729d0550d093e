import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/app.ts'
import { loginAs, type TestSession, testPassword, useDemoData } from '../../test/auth.ts'
import { databaseKinds } from '../../test/database.ts'
import { SessionCache } from './session.service.ts'

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')
const tokenOf = (session: TestSession) => session.cookie.slice(session.cookie.indexOf('=') + 1)

// Decision 0036: on PGlite a session, once read, is remembered until a statement writes to a table
// it was read from. Each change below is made behind the app's back, the way a job, the owner's
// connection or raw SQL would, right after a request that put the session into the cache.
describe.each(databaseKinds)('sessions remembered between requests on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let address = 0
  const freshSession = () => loginAs(ctx.app, 'fallmanagement', testPassword, `10.36.0.${++address}`)
  const casesStatus = async (session: TestSession) =>
    (await session.request({ method: 'GET', url: '/api/cases?limit=5' })).statusCode
  const tasksStatus = async (session: TestSession) =>
    (await session.request({ method: 'GET', url: '/api/tasks' })).statusCode

  it('counts what statements write, and plain reads as nothing', async () => {
    const { db, ownerDb, writes } = ctx.database
    const generation = () => writes.generation(SessionCache.tables)
    let before = generation()
    await db.selectFrom('app_user').select('id').execute()
    await sql`SELECT count(*) FROM session`.execute(db)
    await db
      .selectFrom('app_user as u')
      .select(sql<string[]>`ARRAY(SELECT t.team_id FROM user_team t WHERE t.user_id = u.id)`.as('teams'))
      .execute()
    expect(generation()).toBe(before)
    const writesOf = [
      () =>
        db.updateTable('app_user').set({ display_name: sql`display_name` }).where('id', 'is', null).execute(),
      () => ownerDb.deleteFrom('session').where('token_hash', '=', 'none').execute(),
      () => sql`UPDATE identity_policy SET district_id = district_id WHERE false`.execute(db),
      () => sql`DELETE FROM ${sql.table('user_team')} WHERE false`.execute(db),
      () =>
        sql`WITH gone AS (DELETE FROM team WHERE false RETURNING id) SELECT count(*) FROM gone`.execute(
          ownerDb,
        ),
    ]
    for (const write of writesOf) {
      await write()
      expect(generation()).toBeGreaterThan(before)
      before = generation()
    }
    // Other tables leave the sessions alone.
    await db
      .updateTable('case_work_setting')
      .set({ team_cases_visible: sql`team_cases_visible` })
      .where(sql<boolean>`false`)
      .execute()
    expect(generation()).toBe(before)
  })

  it('refuses a session deleted by raw SQL with the very next request', async () => {
    const session = await freshSession()
    expect(await tasksStatus(session)).toBe(200)
    expect(await tasksStatus(session)).toBe(200)
    await sql`DELETE FROM session WHERE token_hash = ${sha256(tokenOf(session))}`.execute(
      ctx.database.ownerDb,
    )
    expect(await tasksStatus(session)).toBe(401)
  })

  it('refuses the sessions of a user disabled behind the app at once', async () => {
    const session = await freshSession()
    expect(await tasksStatus(session)).toBe(200)
    await ctx.database.db
      .updateTable('app_user')
      .set({ disabled_at: sql`now()` })
      .where('id', '=', session.userId)
      .execute()
    try {
      expect(await tasksStatus(session)).toBe(401)
    } finally {
      await ctx.database.db
        .updateTable('app_user')
        .set({ disabled_at: null })
        .where('id', '=', session.userId)
        .execute()
    }
  })

  it('applies a role taken away at once', async () => {
    const session = await freshSession()
    expect(await casesStatus(session)).toBe(200)
    await sql`UPDATE ${sql.table('app_user')} SET roles = ARRAY['report_reader'] WHERE id = ${session.userId}`.execute(
      ctx.database.db,
    )
    try {
      expect(await casesStatus(session)).toBe(403)
    } finally {
      await sql`UPDATE app_user SET roles = ARRAY['case_manager'] WHERE id = ${session.userId}`.execute(
        ctx.database.db,
      )
    }
    expect(await casesStatus(session)).toBe(200)
  })

  it('refuses a session whose idle time ran out while it was remembered', async () => {
    const session = await freshSession()
    expect(await tasksStatus(session)).toBe(200)
    await ctx.database.db
      .updateTable('session')
      .set({ idle_expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('token_hash', '=', sha256(tokenOf(session)))
      .execute()
    expect(await tasksStatus(session)).toBe(401)
  })
})

describe('the session cache', () => {
  let hits = 0
  const writes = { generation: () => hits } as unknown as ConstructorParameters<typeof SessionCache>[0]
  const row = { token_hash: 'a' } as unknown as Parameters<SessionCache['set']>[1]

  beforeAll(() => {
    hits = 0
  })

  it('keeps a row only while nothing was written, and not one read while something was', () => {
    const cache = new SessionCache(writes)
    cache.set('a', row, 0)
    expect(cache.get('a')).toBe(row)
    hits++
    expect(cache.get('a')).toBeUndefined()
    cache.set('b', row, 0)
    expect(cache.get('b')).toBeUndefined()
  })
})
