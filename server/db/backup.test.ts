import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { sql } from 'kysely'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { seedDistricts } from '../modules/districts/index.ts'
import { databaseKinds, openTestDatabase, type TestDatabase } from '../test/database.ts'
import { describeTables, tableFingerprint } from './backup.queries.ts'
import { BackupError, restoreBackup, writeBackup } from './backup.ts'
import type { Database, DatabaseKind } from './database.ts'
import { seedDemo } from './seed/demo.ts'
import { rheinSiegKreis } from './seed/districts.ts'

const hasPostgres = databaseKinds.includes('postgresql')

// The demo data in PGlite, shared by the tests that only read it.
let demo: TestDatabase
let workDir: string
beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'lotse-backup-'))
  demo = await openTestDatabase('pglite')
  await seedDemo(demo)
})
afterAll(async () => {
  await demo?.drop()
  rmSync(workDir, { recursive: true, force: true })
})

const opened: TestDatabase[] = []
afterEach(async () => {
  for (const database of opened.splice(0)) await database.drop()
})

/** A fresh migrated database, dropped after the test. */
async function freshDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  const database = await openTestDatabase(kind)
  opened.push(database)
  return database
}

async function seededDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  const database = await freshDatabase(kind)
  await seedDemo(database)
  return database
}

let fileCount = 0
const backupFile = (name: string) => path.join(workDir, `${++fileCount}-${name}.lotse.gz`)

/** Row count and content hash of every table a backup covers. */
async function fingerprints(database: Database): Promise<Record<string, { rows: number; md5: string }>> {
  const result: Record<string, { rows: number; md5: string }> = {}
  for (const table of await describeTables(database.ownerDb)) {
    result[table.name] = await tableFingerprint(database.ownerDb, table.name)
  }
  return result
}

async function rowCounts(database: Database): Promise<Record<string, number>> {
  const all = await fingerprints(database)
  return Object.fromEntries(Object.entries(all).map(([table, { rows }]) => [table, rows]))
}

type Line = Record<string, unknown> & { table?: string; rows?: Record<string, unknown>[] }

const readLines = (file: string): Line[] =>
  gunzipSync(readFileSync(file))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Line)

const writeLines = (file: string, lines: Line[]) =>
  writeFileSync(file, gzipSync(`${lines.map((line) => JSON.stringify(line)).join('\n')}\n`))

const rowsOf = (lines: Line[], table: string) =>
  lines.filter((line) => line.table === table).flatMap((line) => line.rows ?? [])

describe('backup and restore roundtrip', () => {
  async function expectRoundtrip(from: DatabaseKind, to: DatabaseKind) {
    const source = from === 'pglite' ? demo : await seededDatabase(from)
    const expected = await fingerprints(source)
    expect(expected.district?.rows).toBe(2)
    expect(expected.municipality?.rows).toBe(24)
    const file = backupFile(`${from}-to-${to}`)
    await writeBackup(source, file, { lotseVersion: 'test' })
    const target = await freshDatabase(to)
    await restoreBackup(target, file)
    expect(await fingerprints(target)).toEqual(expected)
  }

  it('restores a PGlite backup into a fresh PGlite with every table identical', async () => {
    await expectRoundtrip('pglite', 'pglite')
  })

  it.runIf(hasPostgres)('restores a PGlite backup into PostgreSQL with every table identical', async () => {
    await expectRoundtrip('pglite', 'postgresql')
  })

  it.runIf(hasPostgres)('restores a PostgreSQL backup into PGlite with every table identical', async () => {
    await expectRoundtrip('postgresql', 'pglite')
  })

  it('counts the rows of every table in the end marker', async () => {
    const footer = await writeBackup(demo, backupFile('counts'), { lotseVersion: 'test' })
    expect(footer.counts).toEqual(await rowCounts(demo))
  })
})

describe('a backup of one district', () => {
  it('holds only that district and its municipalities', async () => {
    const file = backupFile('district-05382')
    await writeBackup(demo, file, { districtCodes: ['05382'], lotseVersion: 'test' })
    const lines = readLines(file)
    expect(lines[0]).toMatchObject({ format: 'lotse-backup', districts: ['05382'], complete: false })
    const districts = rowsOf(lines, 'district')
    expect(districts.map((row) => row.code)).toEqual(['05382'])
    const municipalities = rowsOf(lines, 'municipality')
    expect(municipalities).toHaveLength(rheinSiegKreis.municipalities.length)
    expect(new Set(municipalities.map((row) => row.district_id))).toEqual(new Set([districts[0]?.id]))
    expect(municipalities.map((row) => row.code).sort()).toEqual(
      rheinSiegKreis.municipalities.map((m) => m.code).sort(),
    )
  })

  it('leaves out tables that belong to no district', async () => {
    const source = await seededDatabase('pglite')
    await sql`CREATE TABLE shared_setting (key text PRIMARY KEY, value text NOT NULL)`.execute(source.ownerDb)
    await sql`INSERT INTO shared_setting VALUES ('theme', 'dark')`.execute(source.ownerDb)
    const districtFile = backupFile('district-tables')
    await writeBackup(source, districtFile, { districtCodes: ['05382'], lotseVersion: 'test' })
    expect(readLines(districtFile).some((line) => line.table === 'shared_setting')).toBe(false)
    const completeFile = backupFile('complete-tables')
    await writeBackup(source, completeFile, { lotseVersion: 'test' })
    expect(rowsOf(readLines(completeFile), 'shared_setting')).toEqual([{ key: 'theme', value: 'dark' }])
  })

  it('restores into a fresh database as just that district', async () => {
    const file = backupFile('district-restore')
    await writeBackup(demo, file, { districtCodes: ['05382'], lotseVersion: 'test' })
    const target = await freshDatabase('pglite')
    await restoreBackup(target, file)
    const codes = await target.db.selectFrom('district').select('code').execute()
    expect(codes).toEqual([{ code: '05382' }])
    const municipalities = await target.db
      .selectFrom('municipality')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(municipalities.n)).toBe(rheinSiegKreis.municipalities.length)
  })

  it('refuses an unknown district code', async () => {
    const run = writeBackup(demo, backupFile('unknown'), {
      districtCodes: ['05382', '01001'],
      lotseVersion: 'test',
    })
    await expect(run).rejects.toThrow(BackupError)
    await expect(run).rejects.toThrow(/Unknown district code: 01001/)
  })
})

describe.each(databaseKinds)('restore into %s refuses', (kind) => {
  // One complete backup of the demo data, written once; each test damages a copy of it.
  let original: string
  beforeAll(async () => {
    original = backupFile(`original-for-${kind}`)
    await writeBackup(demo, original, { lotseVersion: 'test' })
  })

  async function expectRefusedAndEmpty(file: string, message: RegExp) {
    const target = await freshDatabase(kind)
    const before = await fingerprints(target)
    const run = restoreBackup(target, file)
    await expect(run).rejects.toThrow(BackupError)
    await expect(run).rejects.toThrow(message)
    expect(Object.values(await rowCounts(target)).every((rows) => rows === 0)).toBe(true)
    expect(await fingerprints(target)).toEqual(before)
  }

  it('a database that already holds a district of the backup, and changes nothing', async () => {
    const target = await freshDatabase(kind)
    await seedDistricts(target.db, [rheinSiegKreis])
    const before = await fingerprints(target)
    const run = restoreBackup(target, original)
    await expect(run).rejects.toThrow(BackupError)
    await expect(run).rejects.toThrow(/already holds district 05382/)
    expect(await fingerprints(target)).toEqual(before)
  })

  it('a gzip file cut short, leaving the database empty', async () => {
    const bytes = readFileSync(original)
    const file = backupFile('cut')
    writeFileSync(file, bytes.subarray(0, bytes.length - 8))
    await expectRefusedAndEmpty(file, /not a readable Lotse backup/)
  })

  it('a file without its end marker, leaving the database empty', async () => {
    const lines = readLines(original)
    expect(lines.at(-1)).toMatchObject({ end: true })
    const file = backupFile('no-end')
    writeLines(file, lines.slice(0, -1))
    await expectRefusedAndEmpty(file, /truncated: its end marker is missing/)
  })

  it('a file that lost rows of a table, leaving the database empty', async () => {
    // A table nothing refers to, so that only the row count can notice the loss.
    const lines_ = readLines(original)
    const held = lines_.find((line) => line.table === 'short_consultation')?.rows?.length ?? 0
    expect(held).toBeGreaterThan(1)
    const lines = lines_.map((line) =>
      line.table === 'short_consultation' ? { ...line, rows: line.rows?.slice(1) } : line,
    )
    const file = backupFile('lost-rows')
    writeLines(file, lines)
    await expectRefusedAndEmpty(
      file,
      new RegExp(`short_consultation should hold ${held} rows, found ${held - 1}`),
    )
  })

  it('a file of a different schema version, leaving the database empty', async () => {
    const [header, ...rest] = readLines(original)
    const file = backupFile('other-schema')
    writeLines(file, [{ ...header, schemaVersion: Number(header?.schemaVersion) + 1 }, ...rest])
    await expectRefusedAndEmpty(file, /The backup has schema version \d+, this database \d+/)
  })

  it('a file that is not a Lotse backup', async () => {
    const file = backupFile('foreign')
    writeLines(file, [{ format: 'something-else', formatVersion: 1 }])
    await expectRefusedAndEmpty(file, /is not a Lotse backup of format version 1/)
  })

  it('a file that is not gzip', async () => {
    const file = backupFile('plain')
    writeFileSync(file, 'district;code\n')
    await expectRefusedAndEmpty(file, /not a readable Lotse backup/)
  })

  it('a file that does not exist', async () => {
    await expectRefusedAndEmpty(path.join(workDir, 'missing.lotse.gz'), /ENOENT/)
  })
})
