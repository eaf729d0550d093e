import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import { type Database, openDatabase } from '../server/db/database.ts'
import { migrate } from '../server/db/migrate.ts'
import { rheinSiegKreis } from '../server/db/seed/districts.ts'
import { seedDistricts } from '../server/modules/districts/index.ts'
import { createImport, dryRun, runImport, saveMapping } from '../server/modules/import/import.service.ts'
import type { RequestContext } from '../server/platform/access.ts'
import type { Actor } from '../server/platform/policy.ts'
import { runWithTenantStore, setTenantDistrict } from '../server/platform/tenant-context.ts'
import { removeDir, tempDir } from '../server/test/lotse-process.ts'
import { type BenchmarkResult, summarize } from './harness.ts'

/**
 * Import of a case list of N rows (default 100,000; LOTSE_BENCH_IMPORT_ROWS sets another) on
 * PGlite: upload and staging, mapping with the row check, dry run with the duplicate matcher,
 * run in batches through case work's services. Beside it the floor: the same persons and cases
 * as one plain bulk INSERT … SELECT FROM unnest, without check, match keys, audit or references.
 * Peak memory is the largest resident set sampled every 50 ms.
 */
const rows = Number(process.env.LOTSE_BENCH_IMPORT_ROWS ?? 100_000)
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
const places = [
  'Siegburg',
  'Troisdorf',
  'Sankt Augustin',
  'St. Augustin',
  'Hennef',
  'Bornheim',
  'Königswinter',
]
const letters = (n: number) => {
  let text = ''
  for (let value = n; text.length < 4; value = Math.floor(value / 26))
    text += String.fromCharCode(97 + (value % 26))
  return text
}

function caseList(count: number): Buffer {
  const lines = ['Nachname;Vorname(n);Geburtsdatum;Geschlecht;Wohnort;Fallbeginn']
  for (let i = 0; i < count; i += 1) {
    const day = String((i % 28) + 1).padStart(2, '0')
    const month = String((i % 12) + 1).padStart(2, '0')
    lines.push(
      `${family[i % family.length]}-${letters(i)};${given[i % given.length]};${day}.${month}.${1950 + (i % 50)};${i % 2 ? 'w' : 'm'};${places[i % places.length]};${day}.${month}.2023`,
    )
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')
}

export async function runImportBenchmark(): Promise<BenchmarkResult> {
  const started = performance.now()
  const dir = tempDir('import-bench')
  const database: Database = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'pgdata') })
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
    log(`import: ${rows.toLocaleString('en-US')} rows, ${(file.length / 1024 / 1024).toFixed(1)} MB CSV`)
    const baseMemory = process.memoryUsage().rss
    peak = baseMemory
    const phases: [string, number][] = []
    const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const at = performance.now()
      const result = await work()
      phases.push([name, performance.now() - at])
      log(`  ${name}: ${((performance.now() - at) / 1000).toFixed(1)} s`)
      return result
    }
    const totalStart = performance.now()
    const result = await runWithTenantStore(async () => {
      setTenantDistrict(districtId)
      const db = database.db
      const created = await phase('upload and staging', () =>
        createImport(db, actor, { fileName: 'bench.csv', content: file }, request),
      )
      await phase('mapping and row check', () =>
        saveMapping(db, actor, created.id, { columns: created.mapping }, request),
      )
      await phase('dry run (matcher)', () => dryRun(db, actor, created.id, request))
      return phase('run', async () => {
        let state = await runImport(db, actor, created.id, request, { budgetMs: 3_600_000 })
        while (state.status !== 'completed')
          state = await runImport(db, actor, created.id, request, { budgetMs: 3_600_000 })
        return state
      })
    })
    const total = performance.now() - totalStart
    const importPeak = peak
    log(
      `  totals: rows ${result.rows}, imported ${result.imported}, rejected ${result.rejected}, duplicates ${result.duplicates}`,
    )

    // The floor: the same rows as plain bulk inserts of persons and cases, nothing checked.
    const municipality = await sql<{
      id: string
    }>`SELECT id FROM municipality WHERE district_id = ${districtId} LIMIT 1`.execute(database.ownerDb)
    const bulkStart = performance.now()
    const chunk = 10_000
    for (let offset = 0; offset < rows; offset += chunk) {
      const size = Math.min(chunk, rows - offset)
      const names = Array.from({ length: size }, (_, i) => `Bulk-${letters(offset + i)}`)
      await sql`
        WITH p AS (
          INSERT INTO person (district_id, family_name, given_names, birth_date, birth_date_earliest, birth_date_latest, sex, municipality_id, registered_by)
          SELECT ${districtId}, n, 'Ida', '1980-01-01', '1980-01-01', '1980-01-01', 'female', ${municipality.rows[0]?.id}, ${actor.userId}
          FROM unnest(${names}::text[]) AS n RETURNING id)
        INSERT INTO client_case (district_id, reference, municipality_id, opened_on, created_by)
        SELECT ${districtId}, 'B-' || row_number() OVER () + ${offset}, ${municipality.rows[0]?.id}, '2023-01-01', ${actor.userId} FROM p`.execute(
        database.ownerDb,
      )
    }
    const bulk = performance.now() - bulkStart
    log(`  plain bulk insert: ${(bulk / 1000).toFixed(1)} s`)
    return {
      name: 'import',
      title: `Import of a case list, ${rows.toLocaleString('en-US')} rows (PGlite)`,
      description: `Upload, row check, dry run with the duplicate matcher and the batched run of a ${rows.toLocaleString('en-US')}-row CSV through the import service, one measurement (an import is not repeated on the same data). Phases: ${phases.map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`).join(', ')}. Peak resident memory during the import: ${Math.round(importPeak / 1024 / 1024)} MB (${Math.round(baseMemory / 1024 / 1024)} MB before).`,
      baselineLabel: 'plain bulk INSERT of the same number of persons and cases',
      rows: [
        {
          label: `import of ${rows.toLocaleString('en-US')} rows`,
          unit: 'ms',
          value: summarize([total]),
          baseline: summarize([bulk]),
        },
      ],
      notes: ['Target: under 60 s for 100,000 rows.'],
      measuredAt: new Date(),
      durationMs: performance.now() - started,
    }
  } finally {
    clearInterval(sampler)
    await database.close()
    removeDir(dir)
  }
}

if (process.argv[1]?.endsWith('import.bench.ts')) {
  const result = await runImportBenchmark()
  console.log(JSON.stringify(result.rows[0]?.value), JSON.stringify(result.rows[0]?.baseline))
}
