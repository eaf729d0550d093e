import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { databaseKinds } from '../test/database.ts'
import { type Database, type DatabaseKind, openDatabase } from './database.ts'
import {
  ChangedMigrationError,
  currentSchemaVersion,
  MigrationError,
  migrate,
  readMigrations,
} from './migrate.ts'

// An empty PGlite data directory, made once: loading it is much faster than creating one.
let emptyPglite: Blob | undefined
beforeAll(async () => {
  const lite = await openDatabase({ kind: 'pglite-memory' })
  emptyPglite = await lite.pglite?.dumpDataDir('none')
  await lite.close()
})

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function adminQuery(statement: string): Promise<void> {
  const template = inject('postgresTemplate')
  if (!template) throw new Error('PostgreSQL tests need DATABASE_URL')
  const client = new pg.Client({ connectionString: template.url })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

/** An empty, unmigrated database, dropped after the test; `open` connects to it once more. */
async function openScratchDatabase(
  kind: DatabaseKind,
): Promise<{ database: Database; open(): Promise<Database> }> {
  if (kind === 'pglite') {
    const database = await openDatabase({ kind: 'pglite-memory', loadDataDir: emptyPglite })
    cleanups.push(() => database.close())
    return { database, open: async () => database }
  }
  const template = inject('postgresTemplate')
  if (!template) throw new Error('PostgreSQL tests need DATABASE_URL')
  const name = `lotse_scratch_${randomBytes(6).toString('hex')}`
  await adminQuery(`CREATE DATABASE ${name}`)
  cleanups.push(() => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
  const url = new URL(template.url)
  url.pathname = `/${name}`
  const open = async () => {
    const database = await openDatabase({ kind: 'postgresql', url: url.toString(), poolSize: 2 })
    cleanups.push(() => database.close())
    return database
  }
  return { database: await open(), open }
}

/** A temporary migrations folder holding the given files. */
function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lotse-migrations-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text)
  return dir
}

// Each migration appends its number to a log, so the log shows the order they ran in.
const threeMigrations = {
  '0001_create_log.sql':
    'CREATE TABLE step_log (n serial PRIMARY KEY, step integer NOT NULL);\nINSERT INTO step_log (step) VALUES (1);\n',
  '0002_second_step.sql': 'INSERT INTO step_log (step) VALUES (2);\n',
  '0003_third_step.sql': 'CREATE TABLE third (id integer);\nINSERT INTO step_log (step) VALUES (3);\n',
}

async function stepLog(database: Database): Promise<number[]> {
  const result = await sql<{ step: number }>`SELECT step FROM step_log ORDER BY n`.execute(database.ownerDb)
  return result.rows.map((row) => row.step)
}

async function recorded(database: Database) {
  return database.ownerDb
    .selectFrom('lotse_migration')
    .select(['version', 'name', 'checksum'])
    .orderBy('version')
    .execute()
}

async function tableExists(database: Database, table: string): Promise<boolean> {
  const result = await sql<{ found: string | null }>`SELECT to_regclass(${table})::text AS found`.execute(
    database.ownerDb,
  )
  return result.rows[0]?.found != null
}

describe('readMigrations', () => {
  it('numbers the committed migrations 1..n in file name order', () => {
    const migrations = readMigrations()
    expect(migrations.length).toBeGreaterThan(0)
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1))
    expect(migrations[0]?.name).toBe('districts')
  })

  it('refuses a gap in the numbering', () => {
    const dir = migrationsDir({
      '0001_first.sql': 'SELECT 1;',
      '0003_third.sql': 'SELECT 3;',
    })
    expect(() => readMigrations(dir)).toThrow(MigrationError)
    expect(() => readMigrations(dir)).toThrow(/expected 2, found 3/)
  })

  it('refuses a file name that does not follow NNNN_name.sql', () => {
    const dir = migrationsDir({ '0001_first.sql': 'SELECT 1;', '2_Second Step.sql': 'SELECT 2;' })
    expect(() => readMigrations(dir)).toThrow(/2_Second Step\.sql does not match/)
  })

  it('takes the checksum over the exact file text', () => {
    const dir = migrationsDir(threeMigrations)
    const text = threeMigrations['0002_second_step.sql']
    expect(readMigrations(dir)[1]).toEqual({
      file: '0002_second_step.sql',
      version: 2,
      name: 'second_step',
      sql: text,
      checksum: createHash('sha256').update(text).digest('hex'),
    })
  })
})

describe.each(databaseKinds)('migrate on %s', (kind) => {
  it('applies pending migrations in order and records version, name and checksum of each', async () => {
    const { database } = await openScratchDatabase(kind)
    const migrations = readMigrations(migrationsDir(threeMigrations))
    expect(await migrate(database, migrations)).toEqual({ applied: [1, 2, 3], schemaVersion: 3 })
    expect(await stepLog(database)).toEqual([1, 2, 3])
    expect(await recorded(database)).toEqual(
      migrations.map(({ version, name, checksum }) => ({ version, name, checksum })),
    )
  })

  it('applies nothing on a second run', async () => {
    const { database } = await openScratchDatabase(kind)
    const migrations = readMigrations(migrationsDir(threeMigrations))
    await migrate(database, migrations)
    expect(await migrate(database, migrations)).toEqual({ applied: [], schemaVersion: 3 })
    expect(await stepLog(database)).toEqual([1, 2, 3])
  })

  it('applies only the migrations added since the last run', async () => {
    const { database } = await openScratchDatabase(kind)
    const dir = migrationsDir({ '0001_create_log.sql': threeMigrations['0001_create_log.sql'] })
    await migrate(database, readMigrations(dir))
    writeFileSync(path.join(dir, '0002_second_step.sql'), threeMigrations['0002_second_step.sql'])
    expect(await migrate(database, readMigrations(dir))).toEqual({ applied: [2], schemaVersion: 2 })
    expect(await stepLog(database)).toEqual([1, 2])
  })

  it('refuses a landed migration that was edited, naming it, and applies nothing after it', async () => {
    const { database } = await openScratchDatabase(kind)
    const dir = migrationsDir({
      '0001_create_log.sql': threeMigrations['0001_create_log.sql'],
      '0002_second_step.sql': threeMigrations['0002_second_step.sql'],
    })
    await migrate(database, readMigrations(dir))
    writeFileSync(path.join(dir, '0002_second_step.sql'), 'INSERT INTO step_log (step) VALUES (22);\n')
    writeFileSync(path.join(dir, '0003_third_step.sql'), threeMigrations['0003_third_step.sql'])
    const run = migrate(database, readMigrations(dir))
    await expect(run).rejects.toThrow(MigrationError)
    await expect(run).rejects.toThrow(/Migration 2 \(second_step\) was changed/)
    expect(await stepLog(database)).toEqual([1, 2])
    expect(await tableExists(database, 'third')).toBe(false)
  })

  it('says in German and English which migration changed, and where to read on', async () => {
    const { database } = await openScratchDatabase(kind)
    const dir = migrationsDir({ '0001_create_log.sql': threeMigrations['0001_create_log.sql'] })
    await migrate(database, readMigrations(dir))
    writeFileSync(
      path.join(dir, '0001_create_log.sql'),
      `${threeMigrations['0001_create_log.sql']}-- later\n`,
    )
    const error = await migrate(database, readMigrations(dir)).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ChangedMigrationError)
    expect((error as ChangedMigrationError).draftCommit).toBeUndefined()
    expect((error as Error).message).toMatch(
      /wurde verändert, nachdem sie auf diese Datenbank angewandt wurde/,
    )
    expect((error as Error).message).toMatch(/was changed after it was applied to this database/)
    expect((error as Error).message).toMatch(/docs\/operations\.md/)
  })

  it('recognises a database made while 0007_case_work was still being written and refuses it plainly', async () => {
    const { database } = await openScratchDatabase(kind)
    await migrate(database)
    // The checksum 0007 had in commit 67945f5, before it was final.
    await sql`UPDATE lotse_migration SET checksum = 'bc488828a48b894169557958e5a856f14fa7625bc24926cf7b12ecfe32eff814'
      WHERE version = 7`.execute(database.ownerDb)
    const error = await migrate(database).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ChangedMigrationError)
    expect((error as ChangedMigrationError).draftCommit).toBe('67945f5')
    const [german, english] = (error as Error).message.split('\n')
    expect(german).toMatch(/Entwicklungsstand von Lotse .*Migration 7 \(case_work\) noch nicht fertig/)
    expect(english).toMatch(/development version of Lotse .*migration 7 \(case_work\) was not yet final/)
    expect(english).toMatch(/docs\/operations\.md, section “Datenbestand aus der Entwicklung der Fallarbeit”/)
  })

  it('rolls a failing migration back completely, does not record it and keeps the earlier ones', async () => {
    const { database } = await openScratchDatabase(kind)
    const dir = migrationsDir({
      '0001_create_log.sql': threeMigrations['0001_create_log.sql'],
      '0002_half_done.sql':
        'CREATE TABLE half_done (id integer);\nINSERT INTO step_log (step) VALUES (2);\nINSERT INTO no_such_table VALUES (1);\n',
    })
    const run = migrate(database, readMigrations(dir))
    await expect(run).rejects.toThrow(MigrationError)
    await expect(run).rejects.toThrow(/Migration 2 \(half_done\) failed.*no_such_table/)
    expect(await tableExists(database, 'half_done')).toBe(false)
    expect(await stepLog(database)).toEqual([1])
    expect((await recorded(database)).map((row) => row.version)).toEqual([1])
    expect(await currentSchemaVersion(database)).toBe(1)
  })

  it('refuses a database whose schema is newer than the code', async () => {
    const { database } = await openScratchDatabase(kind)
    await migrate(database, readMigrations(migrationsDir(threeMigrations)))
    const older = migrationsDir({
      '0001_create_log.sql': threeMigrations['0001_create_log.sql'],
      '0002_second_step.sql': threeMigrations['0002_second_step.sql'],
    })
    const run = migrate(database, readMigrations(older))
    await expect(run).rejects.toThrow(MigrationError)
    await expect(run).rejects.toThrow(/schema version 3, newer than this Lotse \(2\)/)
  })

  it('applies the committed migrations cleanly to an empty database', async () => {
    const { database } = await openScratchDatabase(kind)
    const migrations = readMigrations()
    const versions = migrations.map((migration) => migration.version)
    expect(await migrate(database)).toEqual({ applied: versions, schemaVersion: versions.length })
    expect(await tableExists(database, 'district')).toBe(true)
    expect(await tableExists(database, 'municipality')).toBe(true)
    expect(await migrate(database)).toEqual({ applied: [], schemaVersion: versions.length })
  })

  it('applies each migration once when several migrators start together on an empty database', async () => {
    const scratch = await openScratchDatabase(kind)
    const migrators = [scratch.database, await scratch.open(), await scratch.open()]
    const migrations = readMigrations(migrationsDir(threeMigrations))
    const results = await Promise.all(migrators.map((database) => migrate(database, migrations)))
    expect(results.flatMap((result) => result.applied).sort()).toEqual([1, 2, 3])
    expect(await stepLog(scratch.database)).toEqual([1, 2, 3])
  })
})
