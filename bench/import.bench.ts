import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import pg from 'pg'
import { type Database, openDatabase, redactUrl } from '../server/db/database.ts'
import { migrate } from '../server/db/migrate.ts'
import { rheinSiegKreis } from '../server/db/seed/districts.ts'
import { registerImportedPersons } from '../server/modules/casework/index.ts'
import { seedDistricts } from '../server/modules/districts/index.ts'
import { createImport, dryRun, runImport, saveMapping } from '../server/modules/import/import.service.ts'
import { measureImportSteps, type StepTimes } from '../server/modules/import/steps.ts'
import type { RequestContext } from '../server/platform/access.ts'
import type { Actor } from '../server/platform/policy.ts'
import { runWithTenantStore, setTenantDistrict } from '../server/platform/tenant-context.ts'
import { removeDir, tempDir } from '../server/test/lotse-process.ts'
import { type BenchmarkResult, type ResultRow, summarize } from './harness.ts'
import { QueryProfile } from './query-profile.ts'

/**
 * Import of a messy case list through the import service: upload and staging, mapping with the
 * row check, dry run with the duplicate matcher, run in batches through case work's services.
 * Sizes: LOTSE_BENCH_IMPORT_ROWS, a comma-separated list (default 10,000 and 100,000). Each size
 * runs on PGlite (a fresh temporary data directory) and, when DATABASE_URL is set, on that
 * PostgreSQL server in a database of its own that is dropped afterwards. Beside each the floor:
 * the same number of persons and cases as one plain bulk INSERT … SELECT FROM unnest per 10,000,
 * without check, match keys, audit or references. Peak memory is the largest resident set
 * sampled every 50 ms during the import.
 */
const sizes = (process.env.LOTSE_BENCH_IMPORT_ROWS ?? '10000,100000')
  .split(',')
  .map((size) => Number(size.trim()))
  .filter((size) => Number.isInteger(size) && size > 0)
const log = (message: string) => console.log(message)

const family = [
  'Yılmaz',
  'Kowalski',
  'Haddad',
  'Okafor',
  'Nguyen',
  'Popescu',
  'Berisha',
  'Tesfaye',
  'Schmidt',
  'Hoxha',
]
const given = [
  'Ayşe',
  'Olena',
  'Yusuf',
  'Chidi',
  'Lan',
  'Andrei',
  'Arben',
  'Selam',
  'Jonas',
  'Drita',
  'Maryam',
]
// Usual spellings of the Rhein-Sieg-Kreis' municipalities, and one that is none of them.
const places = [
  'Siegburg',
  'Troisdorf',
  'Sankt Augustin',
  'St. Augustin',
  'Hennef',
  'Bornheim',
  'Königswinter',
  'SIEGBURG ',
  'Atlantis',
]
const letters = (n: number) => {
  let text = ''
  for (let value = n; text.length < 4; value = Math.floor(value / 26))
    text += String.fromCharCode(97 + (value % 26))
  return text
}

type Person = { familyName: string; givenNames: string; birthDate: string; sex: 'male' | 'female' }

/** The person of row i (the same i gives the same person, so a later row can double an earlier one). */
function personOf(i: number): Person {
  const day = String((i % 28) + 1).padStart(2, '0')
  const month = String((i % 12) + 1).padStart(2, '0')
  return {
    familyName: `${family[i % family.length]}-${letters(i)}`,
    givenNames: given[i % given.length] as string,
    birthDate: `${1950 + (i % 50)}-${month}-${day}`,
    sex: i % 2 ? 'female' : 'male',
  }
}

const germanDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`
/** Days since 1899-12-30, as Excel counts. */
const excelSerial = (iso: string) =>
  Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000)

/**
 * A messy semicolon CSV as offices export it: a title row above the header, CRLF, dates as
 * TT.MM.JJJJ and now and then as Excel serial numbers, a note with a line break in a quoted cell,
 * municipality spellings, and every 50th row an impossible date, every 71st an unknown
 * municipality, every 97th a copy of an earlier row, trailing empty rows.
 */
function caseList(count: number): Buffer {
  const lines = [
    'Fallliste Integrationsmanagement;;;;;;',
    'Nachname;Vorname(n);Geburtsdatum;Geschlecht;Wohnort;Fallbeginn;Bemerkung',
  ]
  for (let i = 0; i < count; i += 1) {
    const source = i % 97 === 96 ? i - 50 : i
    const person = personOf(source)
    const opened = `2023-${String((source % 12) + 1).padStart(2, '0')}-${String((source % 28) + 1).padStart(2, '0')}`
    const birth =
      i % 50 === 49
        ? '31.02.1980'
        : i % 13 === 0
          ? String(excelSerial(person.birthDate))
          : germanDate(person.birthDate)
    const place = i % 71 === 70 ? 'Atlantis' : (places[source % 7] as string)
    const note = i % 9 === 0 ? '"Termin vereinbart;\r\nRückruf offen"' : ''
    lines.push(
      `${person.familyName};${person.givenNames};${birth};${person.sex === 'female' ? 'w' : 'm'};${place};${germanDate(opened)};${note}`,
    )
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n;;;;;;\r\n;;;;;;\r\n`, 'utf8')
}

type Target = { database: Database; label: string; cleanup(): Promise<void> }

async function pgliteTarget(): Promise<Target> {
  const dir = tempDir('import-bench')
  const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'pgdata') })
  return {
    database,
    label: 'PGlite',
    async cleanup() {
      await database.close()
      removeDir(dir)
    },
  }
}

async function postgresTarget(url: string): Promise<Target> {
  const name = `${process.env.LOTSE_BENCH_IMPORT_DB_PREFIX ?? 'lotse_bench_import'}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  log(`import: created database ${name} on ${redactUrl(url)}`)
  const target = new URL(url)
  target.pathname = `/${name}`
  const drop = async () => {
    // LOTSE_BENCH_IMPORT_KEEP=1 keeps the database for EXPLAIN ANALYZE afterwards (drop it yourself).
    if (process.env.LOTSE_BENCH_IMPORT_KEEP === '1') log(`import: kept database ${name}`)
    else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
  }
  try {
    const database = await openDatabase({ kind: 'postgresql', url: target.toString() })
    return {
      database,
      label: 'PostgreSQL',
      async cleanup() {
        await database.close()
        await drop()
      },
    }
  } catch (error) {
    await drop()
    throw error
  }
}

type Measured = {
  phases: [string, number][]
  total: number
  bulk: number
  peakMb: number
  baseMb: number
  totals: { rows: number; imported: number; rejected: number; duplicates: number; matches: number }
}

async function importOnce(target: Target, rows: number): Promise<Measured> {
  const { database } = target
  let peak = process.memoryUsage().rss
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 50)
  try {
    await migrate(database)
    await seedDistricts(database.ownerDb, [rheinSiegKreis])
    const district = await sql<{ id: string }>`SELECT id FROM district WHERE code = '05382'`.execute(
      database.ownerDb,
    )
    const districtId = district.rows[0]?.id as string
    const user = await sql<{ id: string }>`
      INSERT INTO app_user (district_id, username, display_name, roles)
      VALUES (${districtId}, 'bench.koordination', 'Bench', ARRAY['coordinator']) RETURNING id`.execute(
      database.ownerDb,
    )
    const municipality = await sql<{
      id: string
    }>`SELECT id FROM municipality WHERE district_id = ${districtId} LIMIT 1`.execute(database.ownerDb)
    const municipalityId = municipality.rows[0]?.id as string
    const actor: Actor = {
      userId: user.rows[0]?.id as string,
      districtId,
      organisationId: null,
      roles: ['coordinator'],
      teamIds: [],
    }
    const request: RequestContext = {
      actorId: actor.userId,
      actorRoles: actor.roles,
      districtId,
      requestId: 'bench-import',
      clientPseudonym: 'bench',
      now: new Date(),
    }
    const file = caseList(rows)
    log(
      `import (${target.label}): ${rows.toLocaleString('en-US')} rows, ${(file.length / 1024 / 1024).toFixed(1)} MB CSV`,
    )
    const phases: [string, number][] = []
    // LOTSE_BENCH_IMPORT_PROFILE=1: the time of each step of the import and of each kind of
    // statement, per phase (the timers cost a little themselves).
    const profiling = process.env.LOTSE_BENCH_IMPORT_PROFILE === '1'
    const queries = new QueryProfile()
    const steps: StepTimes = new Map()
    const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      queries.reset()
      steps.clear()
      measureImportSteps(profiling ? steps : null)
      const at = performance.now()
      const result = await work()
      measureImportSteps(null)
      phases.push([name, performance.now() - at])
      log(`  ${name}: ${((performance.now() - at) / 1000).toFixed(1)} s`)
      if (profiling) {
        for (const [stepName, { ms, count }] of [...steps.entries()].sort((a, b) => b[1].ms - a[1].ms))
          log(`    step ${(ms / 1000).toFixed(2)} s  ${count}×  ${stepName}`)
        for (const line of queries.top(12)) log(`    sql  ${line}`)
      }
      return result
    }
    return await runWithTenantStore(async () => {
      setTenantDistrict(districtId)
      const db = profiling ? database.db.withPlugin(queries) : database.db
      // Every 200th person of the file is already known to the district: the matcher suggests them.
      await db.transaction().execute(async (trx) => {
        const known: Person[] = []
        for (let i = 7; i < rows; i += 200) known.push(personOf(i))
        await registerImportedPersons(
          trx,
          actor,
          known.map((person) => ({ ...person, municipalityId })),
        )
      })
      const baseMemory = process.memoryUsage().rss
      peak = baseMemory
      const totalStart = performance.now()
      const created = await phase('upload and staging', () =>
        createImport(db, actor, { fileName: 'bench.csv', content: file }, request),
      )
      await phase('mapping and row check', () =>
        saveMapping(db, actor, created.id, { columns: created.mapping }, request),
      )
      const checked = await phase('dry run (matcher)', () => dryRun(db, actor, created.id, request))
      const result = await phase('run', async () => {
        let state = await runImport(db, actor, created.id, request, { budgetMs: 3_600_000 })
        while (state.status !== 'completed')
          state = await runImport(db, actor, created.id, request, { budgetMs: 3_600_000 })
        return state
      })
      const total = performance.now() - totalStart
      const importPeak = peak
      if (result.imported + result.rejected + result.duplicates !== result.rows)
        throw new Error(`import: the totals do not add up: ${JSON.stringify(result)}`)
      log(
        `  totals: rows ${result.rows}, imported ${result.imported}, rejected ${result.rejected}, duplicates ${result.duplicates} (suggested matches ${checked.matches})`,
      )

      // The floor: the same rows as plain bulk inserts of persons and cases, nothing checked.
      const bulkStart = performance.now()
      const chunk = 10_000
      for (let offset = 0; offset < rows; offset += chunk) {
        const size = Math.min(chunk, rows - offset)
        const names = Array.from({ length: size }, (_, i) => `Bulk-${letters(offset + i)}`)
        await sql`
          WITH p AS (
            INSERT INTO person (district_id, family_name, given_names, birth_date, birth_date_earliest, birth_date_latest, sex, municipality_id, registered_by)
            SELECT ${districtId}, n, 'Ida', '1980-01-01', '1980-01-01', '1980-01-01', 'female', ${municipalityId}, ${actor.userId}
            FROM unnest(${names}::text[]) AS n RETURNING id)
          INSERT INTO client_case (district_id, reference, municipality_id, opened_on, created_by)
          SELECT ${districtId}, 'B-' || row_number() OVER () + ${offset}, ${municipalityId}, '2023-01-01', ${actor.userId} FROM p`.execute(
          database.ownerDb,
        )
      }
      const bulk = performance.now() - bulkStart
      log(`  plain bulk insert: ${(bulk / 1000).toFixed(1)} s`)
      return {
        phases,
        total,
        bulk,
        peakMb: Math.round(importPeak / 1024 / 1024),
        baseMb: Math.round(baseMemory / 1024 / 1024),
        totals: {
          rows: result.rows,
          imported: result.imported,
          rejected: result.rejected,
          duplicates: result.duplicates,
          matches: checked.matches,
        },
      }
    })
  } finally {
    clearInterval(sampler)
  }
}

export async function runImportBenchmark(): Promise<BenchmarkResult> {
  const started = performance.now()
  const url = process.env.DATABASE_URL
  if (!url) log('import: DATABASE_URL is not set, PostgreSQL is left out (PGlite only)')
  // LOTSE_BENCH_IMPORT_DATABASES=pglite or =postgresql measures one of them only.
  const only = process.env.LOTSE_BENCH_IMPORT_DATABASES
  const targets: { label: string; open: () => Promise<Target> }[] = [
    ...(only !== 'postgresql' ? [{ label: 'PGlite', open: pgliteTarget }] : []),
    ...(url && only !== 'pglite' ? [{ label: 'PostgreSQL', open: () => postgresTarget(url) }] : []),
  ]
  const resultRows: ResultRow[] = []
  const details: string[] = []
  for (const rows of sizes) {
    for (const { label, open } of targets) {
      const target = await open()
      let measured: Measured
      try {
        measured = await importOnce(target, rows)
      } finally {
        await target.cleanup()
      }
      const count = rows.toLocaleString('en-US')
      resultRows.push({
        label: `import of ${count} rows, ${label}`,
        unit: 'ms',
        value: summarize([measured.total]),
        baseline: summarize([measured.bulk]),
      })
      const { totals } = measured
      details.push(
        `${count} rows on ${label}: ${measured.phases.map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`).join(', ')}; ` +
          `imported ${totals.imported}, rejected ${totals.rejected}, duplicates ${totals.duplicates} (suggested matches ${totals.matches}); ` +
          `peak resident memory ${measured.peakMb} MB (${measured.baseMb} MB before).`,
      )
    }
  }
  return {
    name: 'import',
    title: `Import of a messy case list, ${sizes.map((size) => size.toLocaleString('en-US')).join(' and ')} rows (${targets.map((t) => t.label).join(' and ')})`,
    description:
      'Upload, row check, dry run with the duplicate matcher and the batched run of a messy CSV (title row, ' +
      'serial and impossible dates, quoted line breaks, municipality spellings, an unknown municipality, ' +
      'rows doubled in the file, every 200th person already registered) through the import service, one ' +
      'measurement each (an import is not repeated on the same data).',
    baselineLabel: 'plain bulk INSERT of as many persons and cases',
    rows: resultRows,
    notes: [...details, 'Target: under 60 s for 100,000 rows.'],
    measuredAt: new Date(),
    durationMs: performance.now() - started,
  }
}

if (process.argv[1]?.endsWith('import.bench.ts')) {
  const { installTestKeyring } = await import('../server/test/encryption-key.ts')
  installTestKeyring()
  const result = await runImportBenchmark()
  for (const row of result.rows)
    console.log(row.label, Math.round(row.value.median), Math.round(row.baseline.median))
  for (const note of result.notes ?? []) console.log(note)
}
