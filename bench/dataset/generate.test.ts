import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { caseWorkFigure, rawCaseWorkFigure } from '../../server/modules/casework/index.ts'
import { verifyPassword } from '../../server/modules/identity/password.ts'
import { runWithTenantStore, setTenantDistrict } from '../../server/platform/tenant-context.ts'
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../server/test/database.ts'
import {
  countedTables,
  dataScales,
  type GeneratedDatabase,
  generateDatabase,
  planDistricts,
} from './generate.ts'

/**
 * The whole-database generator at its tiny scale (two districts): every module gets rows, the
 * same seed gives the same data, and what the load skipped (foreign-key triggers, the figure
 * triggers) leaves the database as the app keeps it.
 */

const password = 'tiny-bench-password'
const quiet = () => {}

/** What a run made, independent of the day it ran: names, ids and the rows per table. */
async function fingerprint(database: TestDatabase) {
  const rows = await sql<{ persons: string; cases: string; organisations: string; users: string }>`SELECT
      (SELECT md5(string_agg(id::text || family_name || given_names || birth_date, ',' ORDER BY id)) FROM person) AS persons,
      (SELECT md5(string_agg(id::text || phase, ',' ORDER BY id)) FROM client_case) AS cases,
      (SELECT md5(string_agg(id::text || name, ',' ORDER BY id)) FROM organisation) AS organisations,
      (SELECT md5(string_agg(id::text || username, ',' ORDER BY id)) FROM app_user) AS users`.execute(
    database.ownerDb,
  )
  return rows.rows[0]
}

describe.each(databaseKinds)('bench:data on %s', (kind) => {
  const opened: TestDatabase[] = []
  const open = async () => {
    const database = await openTestDatabase(kind)
    opened.push(database)
    return database
  }
  afterAll(async () => {
    for (const database of opened) await database.drop()
  })
  let first: { database: TestDatabase; result: GeneratedDatabase } | undefined

  it('writes every module of two districts at the planned sizes', { timeout: 300_000 }, async () => {
    const database = await open()
    const result = await generateDatabase(database, { scale: 'tiny', seed: 1, password }, quiet)
    first = { database, result }
    const plan = planDistricts(dataScales.tiny, 1)
    expect(result.districts.map((district) => district.code)).toEqual(['05382', '05314'])
    expect(result.counts.district).toBe(2)
    expect(result.counts.person).toBe(plan.reduce((sum, each) => sum + each.scale.persons, 0))
    expect(result.counts.client_case).toBe(dataScales.tiny.cases)
    expect(result.counts.contact).toBe(dataScales.tiny.contacts)
    expect(result.counts.municipality).toBe(19 + 1)
    for (const table of countedTables) expect(result.counts[table], table).toBeGreaterThan(0)
    // Every district has its share of each module, not just the first.
    const perDistrict = await sql<{
      code: string
      cases: number
      referrals: number
      meetings: number
      positions: number
    }>`
      SELECT d.code,
        (SELECT count(*) FROM client_case c WHERE c.district_id = d.id)::int AS cases,
        (SELECT count(*) FROM referral r WHERE r.district_id = d.id)::int AS referrals,
        (SELECT count(*) FROM meeting m WHERE m.district_id = d.id)::int AS meetings,
        (SELECT count(*) FROM staff_contract s WHERE s.district_id = d.id)::int AS positions
      FROM district d ORDER BY d.code`.execute(database.ownerDb)
    for (const row of perDistrict.rows) {
      expect(row.cases, row.code).toBe(plan.find((each) => each.district.code === row.code)?.scale.cases)
      expect(row.referrals, row.code).toBeGreaterThan(0)
      expect(row.meetings, row.code).toBeGreaterThan(0)
      expect(row.positions, row.code).toBeGreaterThan(0)
    }
    // Cases in every phase.
    const phases = await sql<{
      phase: string
    }>`SELECT DISTINCT phase FROM client_case ORDER BY phase`.execute(database.ownerDb)
    expect(phases.rows.map((row) => row.phase)).toEqual(
      ['assessment', 'closed', 'evaluation', 'implementation', 'intake', 'planning'].sort(),
    )
  })

  it('leaves a database the app keeps: every foreign key holds, the kept figures equal the raw count, users sign in', {
    timeout: 300_000,
  }, async () => {
    if (!first) throw new Error('the first test generates the database')
    const { database, result } = first
    // The load ran with foreign-key triggers off: check every foreign key of the schema by hand.
    const keys = await sql<{ child: string; parent: string; columns: string[]; references: string[] }>`
      SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
        array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a
          ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS columns,
        array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a
          ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS references
      FROM pg_constraint c JOIN pg_namespace s ON s.oid = c.connamespace
      WHERE c.contype = 'f' AND s.nspname = 'public'`.execute(database.ownerDb)
    expect(keys.rows.length).toBeGreaterThan(50)
    const broken: string[] = []
    for (const key of keys.rows) {
      const present = sql.join(
        key.columns.map((column) => sql`c.${sql.id(column)} IS NOT NULL`),
        sql` AND `,
      )
      const matches = sql.join(
        key.columns.map(
          (column, index) => sql`p.${sql.id(key.references[index] as string)} = c.${sql.id(column)}`,
        ),
        sql` AND `,
      )
      const found = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(key.child)} c
        WHERE ${present} AND NOT EXISTS (SELECT 1 FROM ${sql.table(key.parent)} p WHERE ${matches})`.execute(
        database.ownerDb,
      )
      if ((found.rows[0]?.n ?? 0) > 0)
        broken.push(`${key.child}(${key.columns}) → ${key.parent}: ${found.rows[0]?.n}`)
    }
    expect(broken).toEqual([])

    // The figures case work keeps (counted after the load) equal the GROUP BY over the raw rows.
    const to = new Date().toISOString().slice(0, 10)
    const range = { from: `${Number(to.slice(0, 4)) - 1}-01-01`, to }
    for (const district of result.districts) {
      const scope = { districtId: district.id, range, timeZone: 'Europe/Berlin' }
      for (const metric of ['contacts', 'persons-counselled'] as const) {
        const grouping = { kind: 'bucket', unit: 'month', buckets: [] } as const
        const [kept, raw] = await runWithTenantStore(() => {
          setTenantDistrict(district.id)
          return Promise.all([
            caseWorkFigure(database.db, metric, scope, grouping),
            rawCaseWorkFigure(database.db, metric, scope, grouping),
          ])
        })
        const sorted = (cells: readonly { key: string; value: number }[]) =>
          [...cells].sort((a, b) => a.key.localeCompare(b.key)).map((cell) => [cell.key, cell.value])
        expect(sorted(kept).length, `${metric} ${district.code}`).toBeGreaterThan(3)
        expect(sorted(kept), `${metric} ${district.code}`).toEqual(sorted(raw))
      }
    }
    // Recounting changes nothing: the kept rows were complete.
    const keptRows = async () =>
      (
        await sql<{
          row: string
        }>`SELECT md5(string_agg(f::text, ',' ORDER BY f::text)) AS row FROM contact_day_figure f`.execute(
          database.ownerDb,
        )
      ).rows[0]?.row
    const before = await keptRows()
    for (const district of result.districts)
      await sql`SELECT lotse_rebuild_figures(${district.id}::uuid)`.execute(database.ownerDb)
    expect(await keptRows()).toBe(before)

    // The match keys are marked current (no recomputation at start), every user has the password.
    const version = await sql<{ version: number }>`SELECT version FROM matching_key_version`.execute(
      database.ownerDb,
    )
    expect(version.rows[0]?.version).toBeGreaterThan(0)
    const admin = await sql<{ password_hash: string | null }>`SELECT password_hash FROM app_user
      WHERE username = ${result.districts[0]?.admin ?? ''}`.execute(database.ownerDb)
    expect(await verifyPassword(admin.rows[0]?.password_hash ?? null, password)).toBe(true)
    const withoutPassword = await sql<{
      n: number
    }>`SELECT count(*)::int AS n FROM app_user WHERE password_hash IS NULL`.execute(database.ownerDb)
    expect(withoutPassword.rows[0]?.n).toBe(0)
  })

  it('makes the same data from the same seed, and other data from another', {
    timeout: 300_000,
  }, async () => {
    if (!first) throw new Error('the first test generates the database')
    const again = await open()
    const repeated = await generateDatabase(again, { scale: 'tiny', seed: 1, password }, quiet)
    expect(repeated.counts).toEqual(first.result.counts)
    expect(await fingerprint(again)).toEqual(await fingerprint(first.database))
    const other = await open()
    const otherResult = await generateDatabase(other, { scale: 'tiny', seed: 2, password }, quiet)
    expect(otherResult.counts.client_case).toBe(first.result.counts.client_case)
    const [a, b] = [await fingerprint(first.database), await fingerprint(other)]
    expect(b?.persons).not.toBe(a?.persons)
    expect(b?.cases).not.toBe(a?.cases)
  })
})
