import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { runWithTenantStore, setTenantDistrict } from '../platform/tenant-context.ts'
import { testPassword } from '../test/auth.ts'
import { databaseKinds, useTestDatabase } from '../test/database.ts'
import { seedDemo } from './seed/demo.ts'

/** Runs fn as a request of the given district would: row-level security limits the connection. */
const asDistrict = <T>(districtId: string, fn: () => Promise<T>) =>
  runWithTenantStore(() => {
    setTenantDistrict(districtId)
    return fn()
  })

describe.each(databaseKinds)('row-level security on %s', (kind) => {
  const ctx = useTestDatabase(kind)
  let rheinSieg: string
  let lindenau: string
  let tenantTables: string[]

  beforeAll(async () => {
    await seedDemo(ctx.database, { password: testPassword })
    const districts = await ctx.database.db.selectFrom('district').select(['id', 'code']).execute()
    rheinSieg = districts.find((d) => d.code === '05382')?.id as string
    lindenau = districts.find((d) => d.code === '99101')?.id as string
    const columns = await sql<{ table_name: string }>`
      SELECT c.table_name FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND c.column_name = 'district_id' AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name`.execute(ctx.database.ownerDb)
    tenantTables = columns.rows.map((row) => row.table_name)
  })

  it('works as lotse_app, a role that is neither superuser nor allowed to bypass row-level security', async () => {
    const role = await sql<{ name: string; rolsuper: boolean; rolbypassrls: boolean }>`
      SELECT current_user AS name, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`.execute(
      ctx.database.db,
    )
    expect(role.rows).toEqual([{ name: 'lotse_app', rolsuper: false, rolbypassrls: false }])
  })

  it('has row-level security enabled and forced on the district table and every table with a district_id', async () => {
    expect(tenantTables).toEqual(
      expect.arrayContaining(['app_user', 'audit_event', 'municipality', 'session']),
    )
    const flags = await sql<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>`
      SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class
      WHERE relnamespace = 'public'::regnamespace AND relname = ANY(${[...tenantTables, 'district']})`.execute(
      ctx.database.ownerDb,
    )
    expect(flags.rows).toHaveLength(tenantTables.length + 1)
    for (const row of flags.rows)
      expect(row, row.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true })
  })

  it("shows an unscoped query in a district's request no row of another district, in any tenant table", async () => {
    const foreignRows = await asDistrict(rheinSieg, async () => {
      const counts: Record<string, number> = {}
      for (const table of tenantTables) {
        const result = await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE district_id IS DISTINCT FROM ${rheinSieg}::uuid`.execute(
          ctx.database.db,
        )
        counts[table] = result.rows[0]?.n ?? -1
      }
      return counts
    })
    expect(
      Object.values(foreignRows).every((n) => n === 0),
      JSON.stringify(foreignRows),
    ).toBe(true)
    const districts = await asDistrict(rheinSieg, () =>
      ctx.database.db.selectFrom('district').select('code').execute(),
    )
    expect(districts).toEqual([{ code: '05382' }])
  })

  it('keeps the rows of the own district visible', async () => {
    const users = await asDistrict(lindenau, () =>
      ctx.database.db.selectFrom('app_user').select('username').execute(),
    )
    expect(users).toEqual([{ username: 'admin.lindenau' }])
  })

  it("refuses to write a row into another district from a district's request", async () => {
    await expect(
      asDistrict(rheinSieg, () =>
        ctx.database.db.insertInto('team').values({ district_id: lindenau, name: 'Eingeschleust' }).execute(),
      ),
    ).rejects.toThrow(/row-level security/)
    const teams = await ctx.database.ownerDb
      .selectFrom('team')
      .select('name')
      .where('name', '=', 'Eingeschleust')
      .execute()
    expect(teams).toEqual([])
  })

  it("cannot change another district's rows from a district's request", async () => {
    const changed = await asDistrict(rheinSieg, () =>
      ctx.database.db
        .updateTable('app_user')
        .set({ display_name: 'Übernommen' })
        .where('username', '=', 'admin.lindenau')
        .executeTakeFirst(),
    )
    expect(Number(changed.numUpdatedRows)).toBe(0)
    const user = await ctx.database.ownerDb
      .selectFrom('app_user')
      .select('display_name')
      .where('username', '=', 'admin.lindenau')
      .executeTakeFirstOrThrow()
    expect(user.display_name).toBe('Peter Lindner')
  })
})
