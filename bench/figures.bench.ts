import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { type Kysely, sql } from 'kysely'
import pg from 'pg'
import type { DimensionId, MetricId } from '../common/reporting.ts'
import { type Database, openDatabase, redactUrl } from '../server/db/database.ts'
import { migrate } from '../server/db/migrate.ts'
import type { DB } from '../server/db/schema.ts'
import { type CaseWorkMetric, caseWorkFigure, rawCaseWorkFigure } from '../server/modules/casework/index.ts'
import { figures } from '../server/modules/reporting/figures/figures.service.ts'
import { addMonths, firstDayOf, monthOf } from '../server/modules/steering/goals/months.ts'
import { districtTime } from '../server/platform/district-time.ts'
import type { Grouping } from '../server/platform/figures.ts'
import type { Actor } from '../server/platform/policy.ts'
import { asRequest, findMeasured, generate, generateDistrict, type Measured, paired } from './goals.bench.ts'
import {
  type BenchmarkResult,
  formatNumber,
  machineDescription,
  type ResultRow,
  summarize,
} from './harness.ts'

/**
 * Dashboard figures (`GET /api/figures`, reporting's service with suppression, labels and its
 * three comparison totals) read from the figures case work keeps by trigger (migration 0026,
 * decision 0015), beside the direct GROUP BY over the raw tables of the same figure in the same
 * run; and what the triggers cost a contact insert.
 */

const log = (message: string) => console.log(message)
const keepData = process.env.LOTSE_BENCH_KEEP === '1'
// Only the dashboard rows whose label contains one of these comma-separated words (all when unset).
const onlyRows = process.env.LOTSE_BENCH_FIGURES_ONLY?.split(',').filter((word) => word !== '')
const reuseDatabase = process.env.LOTSE_BENCH_GOALS_DATABASE

type Figure = { label: string; metric: MetricId & CaseWorkMetric; by: DimensionId | null; year?: boolean }

const dashboard: Figure[] = [
  { label: 'contacts by month, last 12 months', metric: 'contacts', by: 'month' },
  { label: 'contacts by municipality, last 12 months', metric: 'contacts', by: 'municipality' },
  { label: 'contacts by domain, last 12 months', metric: 'contacts', by: 'domain' },
  { label: 'persons counselled, last calendar year', metric: 'persons-counselled', by: null, year: true },
  { label: 'persons counselled by month, last 12 months', metric: 'persons-counselled', by: 'month' },
  {
    label: 'persons counselled by sex, last calendar year',
    metric: 'persons-counselled',
    by: 'sex',
    year: true,
  },
]

const groupingOf = (by: DimensionId | null): Grouping =>
  by === null
    ? { kind: 'total' }
    : by === 'month'
      ? { kind: 'bucket', unit: 'month', buckets: [] }
      : { kind: 'attribute', dimension: by as Extract<Grouping, { kind: 'attribute' }>['dimension'] }

async function measureDashboard(database: Database, data: Measured): Promise<ResultRow[]> {
  const time = await districtTime(database.db, data.districtId, new Date())
  const months = { from: firstDayOf(addMonths(monthOf(time.today), -11)), to: time.today }
  const lastYear = Number(time.today.slice(0, 4)) - 1
  const year = { from: `${lastYear}-01-01`, to: `${lastYear}-12-31` }
  const actor: Actor = {
    userId: data.coordinatorId,
    districtId: data.districtId,
    organisationId: null,
    roles: ['coordinator'],
    teamIds: [],
  }
  const rows: ResultRow[] = []
  for (const figure of dashboard.filter(
    (each) => !onlyRows || onlyRows.some((word) => each.label.includes(word)),
  )) {
    const period = figure.year ? year : months
    const scope = { districtId: data.districtId, range: period, timeZone: time.timeZone }
    const answer = () =>
      asRequest(data.districtId, () =>
        figures(database.db, actor, { metric: figure.metric, ...period, by: figure.by ?? undefined }, 'de'),
      )
    const raw = () =>
      asRequest(data.districtId, () =>
        rawCaseWorkFigure(database.db, figure.metric, scope, groupingOf(figure.by)),
      )
    // The kept figures and the raw GROUP BY give the same cells before anything is timed.
    const show = (cells: readonly { key: string; value: number }[]) =>
      JSON.stringify(
        [...cells].sort((a, b) => a.key.localeCompare(b.key)).map((cell) => [cell.key, cell.value]),
      )
    const kept = await asRequest(data.districtId, () =>
      caseWorkFigure(database.db, figure.metric, scope, groupingOf(figure.by)),
    )
    const counted = await raw()
    if (show(kept) !== show(counted))
      throw new Error(`${figure.label}: kept and raw disagree\n${show(kept)}\n${show(counted)}`)
    const served = await answer()
    log(`  ${figure.label}: ${counted.length} cells agree; answer total ${served.total.value ?? 'withheld'}`)
    const result = await paired(figure.label, answer, raw)
    rows.push({ label: `GET /api/figures ${figure.label}`, unit: 'ms', ...result })
  }
  return rows
}

/**
 * A contact insert as the application role in a request of the district, with the figure
 * triggers on and, in alternating blocks of the same run, off (ALTER TABLE … DISABLE TRIGGER).
 */
async function measureWriteOverhead(database: Database, data: Measured): Promise<ResultRow> {
  const caseRow = (
    await sql<{
      id: string
    }>`SELECT id FROM client_case WHERE district_id = ${data.districtId}::uuid LIMIT 1`.execute(
      database.ownerDb,
    )
  ).rows[0] as { id: string }
  const person = (
    await sql<{
      id: string
    }>`SELECT person_id AS id FROM case_person WHERE case_id = ${caseRow.id}::uuid LIMIT 1`.execute(
      database.ownerDb,
    )
  ).rows[0]
  const withTriggers: number[] = []
  const without: number[] = []
  const made: { id: string; triggers: boolean }[] = []
  const insert = async (triggers: boolean, samples: number[]) => {
    const started = performance.now()
    const row = await asRequest(data.districtId, () =>
      sql<{ id: string }>`INSERT INTO contact (district_id, case_id, occurred_at, duration_minutes, channel,
          participant_person_ids, language, domains, created_by)
        VALUES (${data.districtId}::uuid, ${caseRow.id}::uuid, now() - interval '1 hour', 30, 'in-person',
          ${person ? `{${person.id}}` : '{}'}::uuid[], 'de', '{work,language}', ${data.coordinatorId}::uuid)
        RETURNING id`.execute(database.db),
    )
    samples.push(performance.now() - started)
    made.push({ id: (row.rows[0] as { id: string }).id, triggers })
  }
  const toggle = (on: boolean) =>
    sql`ALTER TABLE contact ${sql.raw(on ? 'ENABLE' : 'DISABLE')} TRIGGER contact_figures`.execute(
      database.ownerDb,
    )
  try {
    for (let round = 0; round < 6; round++) {
      const order = round % 2 === 0 ? [true, false] : [false, true]
      for (const triggers of order) {
        await toggle(triggers)
        for (let index = 0; index < 5; index++) await insert(triggers, [])
        for (let index = 0; index < 40; index++) await insert(triggers, triggers ? withTriggers : without)
      }
    }
  } finally {
    // What was inserted without the trigger is taken away without it, the rest with it.
    await toggle(false)
    const silent = made.filter((each) => !each.triggers).map((each) => each.id)
    if (silent.length > 0)
      await sql`DELETE FROM contact WHERE id = ANY (${`{${silent.join(',')}}`}::uuid[])`.execute(
        database.ownerDb,
      )
    await toggle(true)
    const counted = made.filter((each) => each.triggers).map((each) => each.id)
    if (counted.length > 0)
      await sql`DELETE FROM contact WHERE id = ANY (${`{${counted.join(',')}}`}::uuid[])`.execute(
        database.ownerDb,
      )
  }
  const result = { value: summarize(withTriggers), baseline: summarize(without) }
  log(
    `  contact insert: with triggers median ${formatNumber(result.value.median)} ms, without ${formatNumber(result.baseline.median)} ms`,
  )
  return {
    label: 'INSERT one contact (2 domains, 1 person) with the figure triggers vs. without',
    unit: 'ms',
    ...result,
  }
}

const description = (scale: string, counts: Record<string, number>) => {
  const count = (key: string) => (counts[key] ?? 0).toLocaleString('en-US')
  return (
    `Machine: ${machineDescription()}. ${scale}: ${count('cases')} cases, ${count('contacts')} contacts in the database; ` +
    `the measured Kreis has ${count('measured_contacts')} contacts. Each row is the whole answer of reporting's ` +
    '`figures()` (what GET /api/figures returns: the grouped cells, the total, the previous period and the year ' +
    'before, suppression and labels) as the application role with the district set for row-level security, read from ' +
    "the kept figures; the baseline is case work's raw GROUP BY of the same figure and grouping over the raw tables " +
    '(one statement, without the comparisons). Measured alternately after 3 warm-up calls each.'
  )
}

/** State scale on the PostgreSQL of DATABASE_URL; reuses the goals bench's database when named. */
export async function runFiguresStateBenchmark(): Promise<BenchmarkResult | null> {
  const url = process.env.DATABASE_URL
  if (!url) {
    console.log('figures-state: skipped, DATABASE_URL is not set.')
    return null
  }
  const started = performance.now()
  const name = reuseDatabase ?? `lotse_bench_figures_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  if (!reuseDatabase) await admin.query(`CREATE DATABASE ${name}`)
  log(`figures-state: database ${name} on ${redactUrl(url)}`)
  const target = new URL(url)
  target.pathname = `/${name}`
  const database = await openDatabase({ kind: 'postgresql', url: target.toString() })
  try {
    const migrating = performance.now()
    await migrate(database)
    log(`figures-state: migrated in ${((performance.now() - migrating) / 1000).toFixed(0)} s`)
    const data = await database.ownerDb
      .connection()
      .execute((connection) => (reuseDatabase ? findMeasured(connection) : generate(connection)))
    const version = (await sql<{ version: string }>`SELECT version()`.execute(database.ownerDb)).rows[0]
      ?.version
    const rows = [...(await measureDashboard(database, data)), await measureWriteOverhead(database, data)]
    return {
      name: 'figures-state',
      title:
        'Dashboard figures at state scale from the kept figures beside the raw GROUP BY, and the write overhead',
      description: `${description(`${(version ?? 'PostgreSQL').split(' on ')[0]}, 53 districts`, data.counts)}`,
      baselineLabel: 'raw GROUP BY',
      rows,
      notes: [
        reuseDatabase
          ? `Measured on the database the goals bench generated and kept (\`LOTSE_BENCH_GOALS_DATABASE=${name}\`); migration 0026 counted its figures when applied.`
          : `Generated in ${data.seconds.toFixed(0)} s, the kept figures rebuilt after the load.`,
        'The last row: 240 single-row inserts of a contact as the application role, in blocks of 40 with the trigger ' +
          'enabled and disabled alternately (5 unmeasured inserts after each switch); the baseline is without the trigger.',
        'Target: dashboard figures p95 under 300 ms at state scale.',
      ],
      measuredAt: new Date(),
      durationMs: performance.now() - started,
    }
  } finally {
    await database.close()
    if (keepData || reuseDatabase) log(`figures-state: database ${name} kept`)
    else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
  }
}

/** District scale (one Kreis, 60,000 cases) on PGlite in the bench process. */
export async function runFiguresDistrictBenchmark(): Promise<BenchmarkResult | null> {
  const started = performance.now()
  // A folder named by LOTSE_BENCH_FIGURES_DATA_DIR is kept: generated into when empty, measured
  // again (with newer migrations applied) when an earlier run left its data there.
  const keptDir = process.env.LOTSE_BENCH_FIGURES_DATA_DIR
  if (keptDir) mkdirSync(keptDir, { recursive: true })
  const dataDir = keptDir ?? mkdtempSync(path.join(os.tmpdir(), 'lotse-bench-figures-'))
  const reuse = keptDir !== undefined && existsSync(path.join(keptDir, 'generated'))
  // The lock lives beside the data folder: inside a folder of our own, not in the shared tmp.
  const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pgdata') })
  try {
    await migrate(database)
    const data = await database.ownerDb.connection().execute(async (owner: Kysely<DB>) => {
      if (reuse) return findMeasured(owner)
      const loading = performance.now()
      const exec = async (query: ReturnType<typeof sql>) => (await query.execute(owner)).rows
      await exec(sql`SET session_replication_role = replica`)
      const id = randomUUID()
      const coordinatorId = randomUUID()
      await exec(
        sql`INSERT INTO district (id, code, name, kind, state_code) VALUES (${id}::uuid, '05900', 'Bench 05900', 'kreis', 'NW')`,
      )
      const generated = await generateDistrict(exec, {
        id,
        code: '05900',
        municipalities: 19,
        cases: 60_000,
        coordinatorId,
      })
      await exec(sql`RESET session_replication_role`)
      await exec(sql`SELECT lotse_rebuild_figures(NULL)`)
      await exec(sql`VACUUM ANALYZE`)
      const counts = (
        await exec(sql`SELECT (SELECT count(*) FROM client_case)::int AS cases, (SELECT count(*) FROM contact)::int AS contacts,
          (SELECT count(*) FROM contact WHERE district_id = ${id}::uuid)::int AS measured_contacts`)
      )[0] as Record<string, number>
      return {
        districtId: id,
        coordinatorId,
        ...generated,
        seconds: (performance.now() - loading) / 1000,
        counts,
      }
    })
    log(
      `figures-district: ${reuse ? 'found' : 'generated'} in ${data.seconds.toFixed(0)} s: ${JSON.stringify(data.counts)}`,
    )
    if (keptDir && !reuse) writeFileSync(path.join(keptDir, 'generated'), `${data.seconds.toFixed(0)}\n`)
    if (process.env.LOTSE_BENCH_GENERATE_ONLY === '1') return null
    const rows = [...(await measureDashboard(database, data)), await measureWriteOverhead(database, data)]
    return {
      name: 'figures-district',
      title: 'Dashboard figures at district scale on PGlite from the kept figures beside the raw GROUP BY',
      description: description('PGlite in the bench process, one Kreis', data.counts),
      baselineLabel: 'raw GROUP BY',
      rows,
      notes: [
        reuse
          ? `Measured on the data an earlier run generated and kept (\`LOTSE_BENCH_FIGURES_DATA_DIR\`, generated in ${readFileSync(path.join(dataDir, 'generated'), 'utf8').trim()} s), with the newer migrations applied.`
          : `Generated in ${data.seconds.toFixed(0)} s (the goals bench's generator for one district).`,
      ],
      measuredAt: new Date(),
      durationMs: performance.now() - started,
    }
  } finally {
    await database.close()
    if (keptDir) log(`figures-district: data kept in ${keptDir}`)
    else rmSync(dataDir, { recursive: true, force: true })
  }
}
