import { randomBytes, randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import pg from 'pg'
import { type Database, openDatabase, redactUrl } from '../server/db/database.ts'
import { migrate } from '../server/db/migrate.ts'
import { readInbox } from '../server/modules/network/referrals/referral.service.ts'
import { defaultTimeZone, localDay } from '../server/platform/district-time.ts'
import type { Actor } from '../server/platform/policy.ts'
import { runWithTenantStore, setTenantDistrict } from '../server/platform/tenant-context.ts'
import {
  type BenchmarkResult,
  formatNumber,
  machineDescription,
  type ResultRow,
  summarize,
} from './harness.ts'

/**
 * The partner inbox on PostgreSQL: a district with many partner organisations, one referral per
 * case (with its consent), the busiest organisation's inbox read through the service beside the
 * raw SQL of the same page.
 */

const scale = { persons: 240_000, organisations: 400, caseManagers: 200 }
const warmup = 5
const runs = 200
const log = (message: string) => console.log(message)

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await run()
  return performance.now() - started
}

async function generate(database: Database) {
  const db = database.ownerDb
  const districtId = randomUUID()
  const exec = (query: ReturnType<typeof sql>) => query.execute(db)
  await exec(sql`SET session_replication_role = replica`).catch(() => {})
  await exec(
    sql`INSERT INTO district (id, code, name, kind, state_code) VALUES (${districtId}, '05993', 'Bench Netzwerk', 'kreis', 'NW')`,
  )
  await exec(sql`INSERT INTO case_work_setting (district_id) VALUES (${districtId})`)
  const municipalityId = randomUUID()
  await exec(
    sql`INSERT INTO municipality (id, district_id, code, name) VALUES (${municipalityId}, ${districtId}, '05993001', 'Benchstadt')`,
  )
  await exec(sql`
    INSERT INTO organisation (id, district_id, name, kind)
    SELECT gen_random_uuid(), ${districtId}, 'Träger ' || n, CASE WHEN n = 1 THEN 'jobcenter' ELSE 'wohlfahrtsverband' END
    FROM generate_series(1, ${scale.organisations}) n`)
  await exec(sql`
    INSERT INTO app_user (district_id, username, display_name, roles, organisation_id)
    SELECT ${districtId}, 'partner.' || o.n, 'Partner ' || o.n, ARRAY['partner'], o.id
    FROM (SELECT id, row_number() OVER (ORDER BY name) n FROM organisation WHERE district_id = ${districtId}) o`)
  await exec(sql`
    INSERT INTO app_user (district_id, username, display_name, roles)
    SELECT ${districtId}, 'fm.' || n, 'Fallmanagement ' || n, ARRAY['case_manager'] FROM generate_series(1, ${scale.caseManagers}) n`)
  // Persons, a case each, their manager; a consent and a referral per case.
  await exec(sql`
    CREATE TEMP TABLE bench_row AS
    SELECT n, gen_random_uuid() AS person_id, gen_random_uuid() AS case_id, gen_random_uuid() AS consent_id,
      (SELECT array_agg(id ORDER BY username) FROM app_user WHERE district_id = ${districtId} AND 'case_manager' = ANY (roles))[1 + (n % ${scale.caseManagers})] AS manager_id,
      -- Zipf-like: the first organisations (the Jobcenter first) receive most referrals.
      (SELECT array_agg(id ORDER BY name) FROM organisation WHERE district_id = ${districtId})[1 + floor(${scale.organisations} * power(random(), 3))::int] AS organisation_id,
      random() AS r1, random() AS r2
    FROM generate_series(1, ${scale.persons}) n`)
  await exec(sql`
    INSERT INTO person (id, district_id, family_name, given_names, birth_date, birth_date_earliest, birth_date_latest, sex, municipality_id, registered_by, phone)
    SELECT person_id, ${districtId}, 'Familie' || n, 'Vorname' || n, '1985-01-01', '1985-01-01', '1985-01-01', 'female', ${municipalityId}, manager_id,
      CASE WHEN n % 2 = 0 THEN '+49 151 0' || lpad(n::text, 7, '0') END
    FROM bench_row`)
  await exec(sql`
    INSERT INTO client_case (id, district_id, reference, municipality_id, opened_on, created_by, phase)
    SELECT case_id, ${districtId}, 'B-' || n, ${municipalityId}, current_date - 200, manager_id, 'implementation' FROM bench_row`)
  await exec(
    sql`INSERT INTO case_person (case_id, person_id, district_id) SELECT case_id, person_id, ${districtId} FROM bench_row`,
  )
  await exec(
    sql`INSERT INTO case_manager (case_id, user_id, district_id) SELECT case_id, manager_id, ${districtId} FROM bench_row`,
  )
  // 80 % valid, 10 % expired, 10 % revoked.
  await exec(sql`
    INSERT INTO consent (id, district_id, person_id, recipient_organisation_ids, purposes, data_categories, legal_basis, form, text_version,
      valid_from, valid_until, recorded_by, revoked_on, revoked_at, revoked_by)
    SELECT consent_id, ${districtId}, person_id, ARRAY[organisation_id], ARRAY['referral'], ARRAY['identity', 'contact'], 'gdpr-6-1-a', 'written', '2026-12',
      current_date - 300, CASE WHEN r1 < 0.1 THEN current_date - 10 ELSE current_date + 300 END, manager_id,
      CASE WHEN r1 >= 0.1 AND r1 < 0.2 THEN current_date - 5 END,
      CASE WHEN r1 >= 0.1 AND r1 < 0.2 THEN now() END,
      CASE WHEN r1 >= 0.1 AND r1 < 0.2 THEN manager_id END
    FROM bench_row`)
  await exec(sql`
    INSERT INTO referral (district_id, case_id, person_id, organisation_id, consent_id, purpose, shared_fields, due_on, status, created_by, sent_at)
    SELECT ${districtId}, case_id, person_id, organisation_id, consent_id, 'referral', ARRAY['familyName', 'givenNames', 'phone'],
      current_date + (floor(r2 * 120) - 60)::int,
      CASE WHEN r2 < 0.35 THEN 'sent' WHEN r2 < 0.6 THEN 'accepted' WHEN r2 < 0.85 THEN 'completed'
           WHEN r2 < 0.9 THEN 'declined' WHEN r2 < 0.95 THEN 'cancelled' ELSE 'draft' END,
      manager_id, now()
    FROM bench_row`)
  await exec(sql`RESET session_replication_role`).catch(() => {})
  await exec(sql`VACUUM ANALYZE`)
  const busiest = await sql<{ organisation_id: string; user_id: string; total: number; open: number }>`
    SELECT r.organisation_id, u.id AS user_id, count(*)::int AS total,
      (count(*) FILTER (WHERE r.status IN ('sent', 'accepted')))::int AS open
    FROM referral r JOIN app_user u ON u.organisation_id = r.organisation_id
    GROUP BY r.organisation_id, u.id ORDER BY total DESC LIMIT 1`.execute(db)
  const median = await sql<{ organisation_id: string; user_id: string; total: number; open: number }>`
    SELECT * FROM (
      SELECT r.organisation_id, u.id AS user_id, count(*)::int AS total,
        (count(*) FILTER (WHERE r.status IN ('sent', 'accepted')))::int AS open,
        row_number() OVER (ORDER BY count(*)) AS position, count(*) OVER () AS organisations
      FROM referral r JOIN app_user u ON u.organisation_id = r.organisation_id
      GROUP BY r.organisation_id, u.id) ranked
    WHERE position = organisations / 2 + 1`.execute(db)
  return { districtId, busiest: busiest.rows[0], median: median.rows[0] }
}

/** The same page as `readInbox`, in one statement: the open referrals by due day with consent state and names. */
async function rawInbox(
  database: Database,
  organisationId: string,
  today: string,
  offset: number,
  statuses: string[] | null,
) {
  const filter = statuses ? sql`AND r.status = ANY (${statuses}::text[])` : sql``
  const page = await sql`
    SELECT r.id, r.status, r.purpose, r.due_on, r.complete_by, r.sent_at, u.display_name,
      (r.override_legal_basis IS NOT NULL OR (c.valid_from <= ${today}::date AND c.valid_until >= ${today}::date
        AND (c.revoked_on IS NULL OR c.revoked_on > ${today}::date)
        AND r.organisation_id = ANY (c.recipient_organisation_ids) AND r.purpose = ANY (c.purposes)
        AND ARRAY['identity', 'contact'] <@ c.data_categories)) AS consent_valid,
      p.family_name, p.given_names
    FROM referral r
    JOIN app_user u ON u.id = r.created_by
    JOIN person p ON p.id = r.person_id
    LEFT JOIN consent c ON c.id = r.consent_id
    WHERE r.organisation_id = ${organisationId} AND r.status <> 'draft' ${filter}
    ORDER BY r.due_on, r.id LIMIT 50 OFFSET ${offset}`.execute(database.db)
  const total =
    await sql`SELECT count(*)::int FROM referral r WHERE r.organisation_id = ${organisationId} AND r.status <> 'draft' ${filter}`.execute(
      database.db,
    )
  return { page: page.rows, total: total.rows }
}

export async function runNetworkInboxBenchmark(): Promise<BenchmarkResult | null> {
  const url = process.env.DATABASE_URL
  if (!url) {
    console.log(
      'network-inbox: skipped, DATABASE_URL is not set (it needs a PostgreSQL server to create a database on).',
    )
    return null
  }
  const started = performance.now()
  const name = `lotse_bench_network_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  log(`network-inbox: created database ${name} on ${redactUrl(url)}`)
  const target = new URL(url)
  target.pathname = `/${name}`
  const database = await openDatabase({ kind: 'postgresql', url: target.toString() })
  try {
    await migrate(database)
    const generationStarted = performance.now()
    const data = await generate(database)
    const generationSeconds = (performance.now() - generationStarted) / 1000
    log(`network-inbox: generated in ${generationSeconds.toFixed(0)} s`)
    // SHOW names its column server_version; current_setting() answers under a name of our choosing.
    const version =
      (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(database.ownerDb))
        .rows[0]?.v ?? ''
    const today = localDay(new Date(), defaultTimeZone)
    const rows: ResultRow[] = []
    const scenarios = [
      {
        label: 'busiest organisation, open referrals, first page',
        who: data.busiest,
        include: 'open' as const,
        offset: 0,
      },
      {
        label: 'busiest organisation, all referrals, page 21 (offset 1,000)',
        who: data.busiest,
        include: 'all' as const,
        offset: 1000,
      },
      {
        label: 'median organisation, open referrals, first page',
        who: data.median,
        include: 'open' as const,
        offset: 0,
      },
    ]
    for (const scenario of scenarios) {
      if (!scenario.who) continue
      const actor: Actor = {
        userId: scenario.who.user_id,
        districtId: data.districtId,
        organisationId: scenario.who.organisation_id,
        roles: ['partner'],
        teamIds: [],
      }
      const statuses = scenario.include === 'open' ? ['sent', 'accepted'] : null
      const values: number[] = []
      const baselines: number[] = []
      await runWithTenantStore(async () => {
        setTenantDistrict(data.districtId)
        // The same answer first: ids of the page and the total.
        const service = await readInbox(
          database.db,
          actor,
          { limit: 50, offset: scenario.offset, include: scenario.include },
          {
            actorId: actor.userId,
            actorRoles: actor.roles,
            districtId: actor.districtId,
            requestId: 'bench-check',
            clientPseudonym: 'bench',
            now: new Date(),
          },
        )
        const raw = await rawInbox(
          database,
          scenario.who?.organisation_id as string,
          today,
          scenario.offset,
          statuses,
        )
        const rawIds = raw.page.map((row) => (row as { id: string }).id)
        if (JSON.stringify(service.items.map((item) => item.id)) !== JSON.stringify(rawIds))
          throw new Error(`network-inbox: service and raw SQL disagree on the page (${scenario.label})`)
        for (let iteration = 0; iteration < warmup + runs; iteration++) {
          const request = {
            actorId: actor.userId,
            actorRoles: actor.roles,
            districtId: actor.districtId,
            requestId: `bench-${iteration}`,
            clientPseudonym: 'bench',
            now: new Date(),
          }
          const runService = () =>
            readInbox(
              database.db,
              actor,
              { limit: 50, offset: scenario.offset, include: scenario.include },
              request,
            )
          const runRaw = () =>
            rawInbox(database, scenario.who?.organisation_id as string, today, scenario.offset, statuses)
          let value: number
          let base: number
          if (iteration % 2 === 0) {
            value = await timed(runService)
            base = await timed(runRaw)
          } else {
            base = await timed(runRaw)
            value = await timed(runService)
          }
          if (iteration < warmup) continue
          values.push(value)
          baselines.push(base)
        }
      })
      const row: ResultRow = {
        label: `${scenario.label} (${scenario.who.open.toLocaleString('en-US')} open of ${scenario.who.total.toLocaleString('en-US')})`,
        unit: 'ms',
        value: summarize(values),
        baseline: summarize(baselines),
      }
      log(
        `  ${row.label}: median ${formatNumber(row.value.median)}, p95 ${formatNumber(row.value.p95)}; raw ${formatNumber(row.baseline.median)} / ${formatNumber(row.baseline.p95)}`,
      )
      rows.push(row)
    }
    return {
      name: 'network-inbox',
      title: 'Partner inbox at a moderate state scale beside the raw SQL of the same page',
      description:
        `Machine: ${machineDescription()}. Database: PostgreSQL ${version} of DATABASE_URL, a database of its own, dropped afterwards. ` +
        `${scale.persons.toLocaleString('en-US')} persons with one case, one consent (80 % valid, 10 % expired, 10 % revoked) and one referral each ` +
        `(a fifth of the state scale's 1.2 million cases), sent to ${scale.organisations} partner organisations with a Zipf-like spread, ` +
        'so that the busiest (a Jobcenter) receives about a fifth of them; statuses 35 % sent, 25 % accepted, 25 % completed, 5 % each declined, ' +
        'cancelled, draft; due days ±60 days around today. Generated in SQL after `migrate()`, then `VACUUM ANALYZE`. ' +
        '`readInbox` is called in the bench process as the route calls it (application role, district set for row-level security, ' +
        `page of 50, the consent of each item read and checked, names of shared fields only while it holds, one audit entry per call), ` +
        `${warmup} warm-up and ${runs} measured calls per scenario, alternating with the raw SQL of the same page and total (one statement ` +
        'joining referral, consent, person and user, plus the count) on the same pool; both give the same ids in the same order (checked before measuring).',
      baselineLabel: 'raw SQL',
      rows,
      notes: [`Data generated in ${generationSeconds.toFixed(0)} s.`],
      measuredAt: new Date(),
      durationMs: performance.now() - started,
    }
  } finally {
    await database.close()
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
  }
}
