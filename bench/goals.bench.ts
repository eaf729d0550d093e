import { randomBytes, randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { type Kysely, sql } from 'kysely'
import pg from 'pg'
import type { MetricKey, MetricParameters } from '../common/goals.ts'
import { type Database, openDatabase, redactUrl } from '../server/db/database.ts'
import { migrate } from '../server/db/migrate.ts'
import type { DB } from '../server/db/schema.ts'
import { listIndicators } from '../server/modules/steering/goals/goal.service.ts'
import { type MetricRange, metricComputer } from '../server/modules/steering/goals/metric-catalogue.ts'
import { addMonths, firstDayOf, monthOf } from '../server/modules/steering/goals/months.ts'
import { addDays, districtTime } from '../server/platform/district-time.ts'
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
 * Goal indicators at state scale: 53 districts (31 Kreise, 22 cities) with 1.2 million cases and
 * 12 million contacts in one database; the measured Kreis has the district scale (60,000 cases,
 * 600,000 contacts), the others share the rest. Every metric of the catalogue is computed for the
 * measured district as the indicator list computes it (through case work's and the network's
 * exported aggregates) beside one raw SQL statement per metric that gives the same months.
 */

const scale = Number(process.env.LOTSE_BENCH_GOALS_SCALE ?? 1)
const totalCases = Math.round(1_200_000 * scale)
const measuredCases = Math.round(60_000 * scale)
// Contacts planned per case; those that would lie ahead of now are left out (about 10 remain).
const contactsPerCase = 15
const shape = { kreise: 31, cities: 22, municipalitiesPerKreis: 12, measuredMunicipalities: 19 }
const warmup = 3
const runs = Number(process.env.LOTSE_BENCH_GOALS_RUNS ?? 30)
const keepData = process.env.LOTSE_BENCH_KEEP === '1'
// A database kept by an earlier run (LOTSE_BENCH_KEEP=1) is measured again without generating it
// (about 13 minutes); new migrations are applied to it first.
const reuseDatabase = process.env.LOTSE_BENCH_GOALS_DATABASE
const log = (message: string) => console.log(message)

export type Measured = {
  districtId: string
  coordinatorId: string
  municipalityIds: string[]
  jobcenterName: string
  seconds: number
  counts: Record<string, number>
}

/** Tables whose plain indexes are dropped for the load and built again afterwards. */
const bulkTables = ['client_case', 'case_person', 'contact', 'goal', 'short_consultation', 'referral']

/** One district's case work and network records, made in the database with generate_series. */
export async function generateDistrict(
  exec: (query: ReturnType<typeof sql>) => Promise<unknown>,
  district: { id: string; code: string; municipalities: number; cases: number; coordinatorId: string },
) {
  const did = sql`${district.id}::uuid`
  const municipalityIds = Array.from({ length: district.municipalities }, () => randomUUID())
  await exec(sql`INSERT INTO municipality (id, district_id, code, name)
    SELECT id, ${did}, ${district.code} || lpad(ord::text, 3, '0'), 'Gemeinde ' || ord
    FROM unnest(${municipalityIds}::uuid[]) WITH ORDINALITY AS m(id, ord)`)
  await exec(sql`INSERT INTO app_user (id, district_id, username, display_name, roles)
    VALUES (${district.coordinatorId}::uuid, ${did}, ${`bench.koordination.${district.code}`},
      ${`Koordination ${district.code}`}, ARRAY['coordinator'])`)
  const jobcenterId = randomUUID()
  const caritasId = randomUUID()
  const jobcenterName = `Jobcenter Bench ${district.code}`
  await exec(sql`INSERT INTO organisation (id, district_id, name, kind) VALUES
    (${jobcenterId}::uuid, ${did}, ${jobcenterName}, 'jobcenter'),
    (${caritasId}::uuid, ${did}, ${`Caritas Bench ${district.code}`}, 'wohlfahrtsverband')`)
  const user = sql`${district.coordinatorId}::uuid`
  const teamIds = [randomUUID(), randomUUID(), randomUUID()]
  await exec(sql`INSERT INTO team (id, district_id, name)
    SELECT id, ${did}, 'Team ' || ord FROM unnest(${teamIds}::uuid[]) WITH ORDINALITY AS t(id, ord)`)
  // Cases opened over the last 15 months; the municipality falls with its rank (Zipf-like), the
  // team is one of three (one case in ten has none).
  await exec(sql`INSERT INTO client_case (district_id, reference, municipality_id, team_id, opened_on, created_by)
    SELECT ${did}, 'B-' || g, (${municipalityIds}::uuid[])[1 + floor(${district.municipalities} * power((g * 7919 % 1000) / 1000.0, 2))::int],
      CASE WHEN g % 10 = 0 THEN NULL ELSE (${teamIds}::uuid[])[1 + g % 3] END,
      current_date - (g * 7907 % 455), ${user}
    FROM generate_series(1, ${district.cases}) AS g`)
  // One person per case, their id derived from the case's (so contacts can name them without a join);
  // one case in six shares the person of the case before it (about a million persons in the state).
  await exec(sql`INSERT INTO person (id, district_id, family_name, given_names, birth_date, birth_date_earliest,
      birth_date_latest, sex, nationalities, municipality_id, legal_sphere, registered_by)
    SELECT md5(id::text || 'p')::uuid, district_id, 'Bench', 'Person', (1950 + h % 60)::text,
      make_date(1950 + h % 60, 1, 1), make_date(1950 + h % 60, 12, 31),
      (ARRAY['female', 'male', 'diverse', 'unknown'])[1 + h % 4], ARRAY[(ARRAY['SY', 'UA', 'AF', 'TR', 'IQ'])[1 + h / 7 % 5]],
      municipality_id, (ARRAY['AsylbLG', 'SGB II', 'SGB XII', 'none'])[1 + h / 11 % 4], created_by
    FROM client_case, LATERAL (SELECT abs(hashtext(id::text || 'h')) AS h) x
    WHERE district_id = ${did} AND abs(hashtext(id::text || 's')) % 6 <> 0`)
  await exec(sql`INSERT INTO case_person (case_id, person_id, district_id)
    SELECT k.id, coalesce(p.id, (SELECT q.id FROM person q WHERE q.district_id = ${did} AND q.id > md5(k.id::text || 'p')::uuid ORDER BY q.id LIMIT 1),
        (SELECT min(q.id::text)::uuid FROM person q WHERE q.district_id = ${did})), k.district_id
    FROM client_case k LEFT JOIN person p ON p.id = md5(k.id::text || 'p')::uuid
    WHERE k.district_id = ${did}`)
  // Contacts a few days to weeks apart from the case's opening, none ahead of now (about ten per
  // case on average); one in fifty names the Jobcenter among its participants.
  await exec(sql`INSERT INTO contact (district_id, case_id, occurred_at, duration_minutes, channel,
      participant_person_ids, other_participants, language, interpreter_used, domains, created_by)
    SELECT c.district_id, c.id, x.at, 30, 'in-person', ARRAY[cp.person_id],
      CASE WHEN (abs(hashtext(c.id::text)::bigint) + g) % 50 = 0 THEN ${jobcenterName} || ', Arbeitsvermittlung' ELSE '' END,
      (ARRAY['de', 'de', 'ar', 'uk', 'fa'])[1 + (abs(hashtext(c.id::text)::bigint) + g) % 5], false,
      CASE WHEN g % 3 = 0 THEN ARRAY['work', 'language'] ELSE ARRAY[(ARRAY['work', 'housing', 'health', 'education'])[1 + (abs(hashtext(c.id::text)::bigint) + g) % 4]] END,
      ${user}
    FROM client_case c JOIN case_person cp ON cp.case_id = c.id CROSS JOIN generate_series(0, ${contactsPerCase - 1}) AS g,
      LATERAL (SELECT c.opened_on + (g * (5 + abs(hashtext(c.id::text)::bigint) % 30)) * interval '1 day' + time '09:00'
        + ((abs(hashtext(c.id::text)::bigint) + g * 37) % 480) * interval '1 minute' AS at) x
    WHERE c.district_id = ${did} AND x.at < now()`)
  // The plan (first goal) of seven in ten cases, 10 to 90 days after opening.
  await exec(sql`INSERT INTO goal (district_id, case_id, domain, statement, status, created_by, created_at)
    SELECT c.district_id, c.id, 'work', 'Ziel des Falls', 'open', ${user},
      c.opened_on + (10 + abs(hashtext(c.id::text)) % 80) * interval '1 day' + time '12:00'
    FROM client_case c
    WHERE c.district_id = ${did} AND abs(hashtext(c.id::text)) % 10 < 7
      AND c.opened_on + (10 + abs(hashtext(c.id::text)) % 80) < current_date`)
  await exec(sql`INSERT INTO short_consultation (district_id, occurred_on, municipality_id, domains, language, channel, recorded_by)
    SELECT ${did}, current_date - (g * 7901 % 365), (${municipalityIds}::uuid[])[1 + g % ${district.municipalities}],
      ARRAY['work'], 'de', 'phone', ${user}
    FROM generate_series(1, ${Math.ceil(district.cases / 10)}) AS g`)
  // Referrals from one case in five: seven in ten to the Jobcenter; answered after 0 to 29 days,
  // or not yet (one in five).
  await exec(sql`INSERT INTO referral (district_id, case_id, person_id, organisation_id, purpose, shared_fields,
      due_on, status, override_legal_basis, override_reason, created_by, sent_at, answered_at)
    SELECT c.district_id, c.id, cp.person_id,
      CASE WHEN (h / 5) % 10 < 7 THEN ${jobcenterId}::uuid ELSE ${caritasId}::uuid END,
      'Vermittlung', '{}', c.opened_on + 60,
      CASE WHEN answered IS NULL THEN 'sent' ELSE 'accepted' END,
      'Art. 6 Abs. 1 lit. e DSGVO', 'Bench', ${user}, sent, answered
    FROM client_case c JOIN case_person cp ON cp.case_id = c.id,
      LATERAL (SELECT abs(hashtext(c.id::text || 'r')) AS h, c.opened_on + 7 + time '10:00' AS sent) x,
      LATERAL (SELECT CASE WHEN (h / 50) % 5 = 0 OR sent + (h % 30) * interval '1 day' > now() THEN NULL
        ELSE sent + (h % 30) * interval '1 day' END AS answered) y
    WHERE c.district_id = ${did} AND h % 5 = 1 AND c.opened_on + 7 < current_date`)
  // Legal-sphere changes of one case in twenty, eight in ten into SGB II; the Jobcenter
  // appointment marked done for six in ten, 0 to 44 days after the change.
  await exec(sql`INSERT INTO legal_sphere_change (district_id, person_id, case_id, from_sphere, to_sphere, effective_on, reason, recorded_by, applied_at)
    SELECT c.district_id, cp.person_id, c.id, 'AsylbLG', CASE WHEN (h / 20) % 10 < 8 THEN 'SGB II' ELSE 'SGB XII' END,
      c.opened_on + 20, 'recognition', ${user}, now()
    FROM client_case c JOIN case_person cp ON cp.case_id = c.id,
      LATERAL (SELECT abs(hashtext(c.id::text || 'l')) AS h) x
    WHERE c.district_id = ${did} AND h % 20 = 3 AND c.opened_on + 20 <= current_date`)
  await exec(sql`INSERT INTO legal_sphere_handover_step (district_id, change_id, step, due_on, done_on)
    SELECT l.district_id, l.id, 'jobcenter-appointment', l.effective_on + 14,
      CASE WHEN l.effective_on + h % 45 <= current_date THEN l.effective_on + h % 45 END
    FROM legal_sphere_change l, LATERAL (SELECT abs(hashtext(l.id::text)) AS h) x
    WHERE l.district_id = ${did} AND h % 10 < 6`)
  return { municipalityIds, jobcenterName }
}

export async function generate(owner: Kysely<DB>): Promise<Measured> {
  const started = performance.now()
  const exec = async (query: ReturnType<typeof sql>) => (await query.execute(owner)).rows
  let foreignKeyChecks = true
  try {
    await exec(sql`SET session_replication_role = replica`)
    foreignKeyChecks = false
  } catch {
    log('  (not allowed to turn foreign-key triggers off: loading with them)')
  }
  const indexes = (await exec(sql`
    SELECT i.indexname, i.indexdef FROM pg_indexes i
    WHERE i.schemaname = 'public' AND i.tablename = ANY (${bulkTables}::text[])
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`)) as {
    indexname: string
    indexdef: string
  }[]
  for (const index of indexes) await exec(sql`DROP INDEX ${sql.id(index.indexname)}`)
  const others = shape.kreise + shape.cities - 1
  const perOther = Math.floor((totalCases - measuredCases) / others)
  let measured: Omit<Measured, 'seconds' | 'counts'> | undefined
  const districts = [
    ...Array.from({ length: shape.kreise }, (_, index) => ({
      code: `059${String(index).padStart(2, '0')}`,
      kind: 'kreis',
    })),
    ...Array.from({ length: shape.cities }, (_, index) => ({
      code: `051${String(index).padStart(2, '0')}`,
      kind: 'kreisfreie_stadt',
    })),
  ]
  for (const [index, district] of districts.entries()) {
    const id = randomUUID()
    const coordinatorId = randomUUID()
    await exec(sql`INSERT INTO district (id, code, name, kind, state_code)
      VALUES (${id}::uuid, ${district.code}, ${`Bench ${district.code}`}, ${district.kind}, 'NW')`)
    const generated = await generateDistrict(exec, {
      id,
      code: district.code,
      municipalities:
        index === 0
          ? shape.measuredMunicipalities
          : district.kind === 'kreis'
            ? shape.municipalitiesPerKreis
            : 1,
      cases: index === 0 ? measuredCases : perOther,
      coordinatorId,
    })
    if (index === 0) measured = { districtId: id, coordinatorId, ...generated }
    if (index % 10 === 0) log(`  district ${index + 1} of ${districts.length}`)
  }
  if (!measured) throw new Error('no district generated')
  if (!foreignKeyChecks) await exec(sql`RESET session_replication_role`)
  for (const index of indexes) await exec(sql.raw(index.indexdef))
  // The load ran without triggers (replica mode) or before them: the kept figures are counted once.
  const rebuilt = performance.now()
  await exec(sql`SELECT lotse_rebuild_figures(NULL)`)
  log(`  kept figures rebuilt in ${((performance.now() - rebuilt) / 1000).toFixed(0)} s`)
  await exec(sql`VACUUM ANALYZE`)
  return {
    ...measured,
    seconds: (performance.now() - started) / 1000,
    counts: await countData(owner, measured.districtId),
  }
}

async function countData(owner: Kysely<DB>, districtId: string) {
  const exec = async (query: ReturnType<typeof sql>) => (await query.execute(owner)).rows
  const countRows = (await exec(sql`SELECT
    (SELECT count(*) FROM client_case)::int AS cases,
    (SELECT count(*) FROM contact)::int AS contacts,
    (SELECT count(*) FROM goal)::int AS goals,
    (SELECT count(*) FROM short_consultation)::int AS short_consultations,
    (SELECT count(*) FROM referral)::int AS referrals,
    (SELECT count(*) FROM legal_sphere_change)::int AS changes,
    (SELECT count(*) FROM contact WHERE district_id = ${districtId}::uuid)::int AS measured_contacts,
    (SELECT count(*) FROM referral WHERE district_id = ${districtId}::uuid)::int AS measured_referrals,
    (SELECT count(*) FROM legal_sphere_change WHERE district_id = ${districtId}::uuid)::int AS measured_changes`)) as Record<
    string,
    number
  >[]
  return countRows[0] ?? {}
}

/** The measured Kreis of a kept database: the first generated, code 05900. */
export async function findMeasured(owner: Kysely<DB>): Promise<Measured> {
  const started = performance.now()
  const district = (
    await sql<{ id: string; coordinator_id: string; jobcenter_name: string }>`
      SELECT d.id, u.id AS coordinator_id, o.name AS jobcenter_name FROM district d
      JOIN app_user u ON u.district_id = d.id AND u.username = 'bench.koordination.05900'
      JOIN organisation o ON o.district_id = d.id AND o.kind = 'jobcenter'
      WHERE d.code = '05900'`.execute(owner)
  ).rows[0]
  if (!district) throw new Error('the kept database has no measured district 05900')
  const municipalities = await sql<{ id: string }>`
    SELECT id FROM municipality WHERE district_id = ${district.id}::uuid ORDER BY code`.execute(owner)
  // The ANALYZE after new migrations (an index added) keeps the planner's picture current; the
  // kept figures a migration just counted are vacuumed too (as autovacuum would), so their
  // primary keys answer from the index alone.
  await sql`VACUUM ANALYZE contact_day_figure, person_counselled_figure, case_plan_figure`.execute(owner)
  await sql`ANALYZE`.execute(owner)
  return {
    districtId: district.id,
    coordinatorId: district.coordinator_id,
    municipalityIds: municipalities.rows.map((row) => row.id),
    jobcenterName: district.jobcenter_name,
    seconds: (performance.now() - started) / 1000,
    counts: await countData(owner, district.id),
  }
}

type RawMonth = { month: string; value: number | null; basis: number }

/** Each metric as someone would write it against the tables, in one statement. */
function rawMetric(metric: MetricKey, range: MetricRange, parameters: MetricParameters) {
  const { districtId, from, time } = range
  const zone = time.timeZone
  const to = range.to
  const start = sql`(${from}::date::timestamp AT TIME ZONE ${zone})`
  const end = sql`((${to}::date + 1)::timestamp AT TIME ZONE ${zone})`
  const municipality = parameters.municipalityId
  switch (metric) {
    case 'counselling-contacts':
      return sql<RawMonth>`
        SELECT month, count(*)::int AS value, count(*)::int AS basis FROM (
          SELECT to_char(c.occurred_at AT TIME ZONE ${zone}, 'YYYY-MM') AS month
          FROM contact c JOIN client_case k ON k.id = c.case_id
          WHERE c.district_id = ${districtId}::uuid AND c.occurred_at >= ${start} AND c.occurred_at < ${end}
            ${municipality ? sql`AND k.municipality_id = ${municipality}::uuid` : sql``}
          UNION ALL
          SELECT to_char(s.occurred_on, 'YYYY-MM') FROM short_consultation s
          WHERE s.district_id = ${districtId}::uuid AND s.occurred_on BETWEEN ${from}::date AND ${to}::date
            ${municipality ? sql`AND s.municipality_id = ${municipality}::uuid` : sql``}
        ) x GROUP BY month ORDER BY month`
    case 'jobcenter-referrals-answered-14d':
      return sql<RawMonth>`
        SELECT month, CASE WHEN decided >= 3 THEN round(within * 1000.0 / decided) / 10 END::float8 AS value,
          decided AS basis FROM (
          SELECT to_char(r.sent_at AT TIME ZONE ${zone}, 'YYYY-MM') AS month,
            count(*) FILTER (WHERE r.answered_at IS NOT NULL
              OR ${time.today}::date - (r.sent_at AT TIME ZONE ${zone})::date > 14)::int AS decided,
            count(*) FILTER (WHERE (r.answered_at AT TIME ZONE ${zone})::date - (r.sent_at AT TIME ZONE ${zone})::date <= 14)::int AS within
          FROM referral r JOIN organisation o ON o.id = r.organisation_id AND o.kind = 'jobcenter'
          WHERE r.district_id = ${districtId}::uuid AND r.sent_at >= ${start} AND r.sent_at < ${end}
            AND NOT (r.status = 'cancelled' AND r.answered_at IS NULL)
          GROUP BY 1) x ORDER BY month`
    case 'median-days-contact-to-plan':
      return sql<RawMonth>`
        SELECT to_char(p.planned_at AT TIME ZONE ${zone}, 'YYYY-MM') AS month,
          CASE WHEN count(*) >= 3 THEN percentile_cont(0.5) WITHIN GROUP (ORDER BY
            (p.planned_at AT TIME ZONE ${zone})::date - (f.first_at AT TIME ZONE ${zone})::date) END::float8 AS value,
          count(*)::int AS basis
        FROM (SELECT case_id, min(created_at) AS planned_at FROM goal WHERE district_id = ${districtId}::uuid GROUP BY case_id) p
        JOIN (SELECT case_id, min(occurred_at) AS first_at FROM contact WHERE district_id = ${districtId}::uuid GROUP BY case_id) f
          ON f.case_id = p.case_id
        JOIN client_case k ON k.id = p.case_id
        WHERE p.planned_at >= ${start} AND p.planned_at < ${end}
          AND (p.planned_at AT TIME ZONE ${zone})::date >= (f.first_at AT TIME ZONE ${zone})::date
          ${municipality ? sql`AND k.municipality_id = ${municipality}::uuid` : sql``}
        GROUP BY 1 ORDER BY 1`
    case 'legal-sphere-changes-jobcenter-30d':
      return sql<RawMonth>`
        WITH changes AS (
          SELECT l.id, l.person_id, l.effective_on FROM legal_sphere_change l
          WHERE l.district_id = ${districtId}::uuid AND l.to_sphere = 'SGB II'
            AND l.effective_on BETWEEN ${from}::date AND least(${to}::date, ${time.today}::date)
        ), firsts AS (
          SELECT ch.effective_on, least(
            (SELECT greatest(coalesce(s.done_on, (t.done_at AT TIME ZONE ${zone})::date), ch.effective_on)
             FROM legal_sphere_handover_step s LEFT JOIN task t ON t.id = s.task_id
             WHERE s.change_id = ch.id AND s.step = 'jobcenter-appointment'
               AND coalesce(s.done_on, (t.done_at AT TIME ZONE ${zone})::date) IS NOT NULL LIMIT 1),
            (SELECT min((k.occurred_at AT TIME ZONE ${zone})::date) FROM contact k
             JOIN case_person cp ON cp.case_id = k.case_id
             WHERE cp.person_id = ch.person_id AND k.occurred_at >= ch.effective_on - 1
               AND (k.occurred_at AT TIME ZONE ${zone})::date >= ch.effective_on
               AND k.other_participants ILIKE ANY (ARRAY['%Jobcenter%'] || ARRAY(
                 SELECT '%' || o.name || '%' FROM organisation o WHERE o.district_id = ${districtId}::uuid AND o.kind = 'jobcenter')))
          ) AS first_on
          FROM changes ch)
        SELECT month, CASE WHEN decided >= 3 THEN round(within * 1000.0 / decided) / 10 END::float8 AS value,
          decided AS basis FROM (
          SELECT to_char(effective_on, 'YYYY-MM') AS month,
            count(*) FILTER (WHERE first_on IS NOT NULL OR effective_on + 30 < ${time.today}::date)::int AS decided,
            count(*) FILTER (WHERE first_on - effective_on <= 30)::int AS within
          FROM firsts GROUP BY 1) x
        WHERE decided > 0 ORDER BY month`
  }
}

/** Inside a request of the district: row-level security limits the connection as in the app. */
export const asRequest = <T>(districtId: string, run: () => Promise<T>) =>
  runWithTenantStore(() => {
    setTenantDistrict(districtId)
    return run()
  })

export async function paired(
  label: string,
  service: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
) {
  const values: number[] = []
  const baselines: number[] = []
  const time = async (run: () => Promise<unknown>) => {
    const started = performance.now()
    await run()
    return performance.now() - started
  }
  for (let iteration = 0; iteration < warmup + runs; iteration++) {
    const [first, second] = iteration % 2 === 0 ? [service, baseline] : [baseline, service]
    const a = await time(first)
    const b = await time(second)
    if (iteration < warmup) continue
    values.push(iteration % 2 === 0 ? a : b)
    baselines.push(iteration % 2 === 0 ? b : a)
  }
  const result = { value: summarize(values), baseline: summarize(baselines) }
  log(
    `  ${label}: median ${formatNumber(result.value.median)} ms, p95 ${formatNumber(result.value.p95)} ms; ` +
      `raw SQL median ${formatNumber(result.baseline.median)} ms`,
  )
  return result
}

const metrics: { metric: MetricKey; label: string; byMunicipality?: boolean }[] = [
  { metric: 'counselling-contacts', label: 'counselling contacts per month, whole district' },
  {
    metric: 'counselling-contacts',
    label: 'counselling contacts per month, largest municipality',
    byMunicipality: true,
  },
  { metric: 'jobcenter-referrals-answered-14d', label: 'referrals to the Jobcenter answered within 14 days' },
  { metric: 'median-days-contact-to-plan', label: 'median days from first contact to plan' },
  {
    metric: 'legal-sphere-changes-jobcenter-30d',
    label: 'changes into SGB II with a Jobcenter contact within 30 days',
  },
]

async function measure(database: Database, data: Measured): Promise<ResultRow[]> {
  const time = await districtTime(database.db, data.districtId, new Date())
  const from = firstDayOf(addMonths(monthOf(time.today), -11))
  const to = addDays(firstDayOf(addMonths(monthOf(from), 24)), -1)
  const range: MetricRange = { districtId: data.districtId, from, to, time }
  // The raw statements count up to today, as the service does (a fresh computer per call: no cache).
  const rawRange: MetricRange = { ...range, to: time.today }
  const parametersOf = (byMunicipality?: boolean) => ({
    municipalityId: byMunicipality ? (data.municipalityIds[0] as string) : null,
  })
  // The same months first: the service and the raw SQL must agree before anything is timed.
  for (const { metric, label, byMunicipality } of metrics) {
    const served = await asRequest(data.districtId, () =>
      metricComputer(database.db)(metric, range, parametersOf(byMunicipality)),
    )
    const raw = (
      await asRequest(data.districtId, () =>
        rawMetric(metric, rawRange, parametersOf(byMunicipality)).execute(database.db),
      )
    ).rows
    // Months with nothing in them: the service names them (with 0), the raw statements leave them out.
    const show = (rows: readonly RawMonth[]) =>
      JSON.stringify(
        rows
          .filter((row) => Number(row.basis) > 0 || (row.value !== null && Number(row.value) !== 0))
          .map((row) => [row.month, row.value === null ? null : Number(row.value), Number(row.basis)]),
      )
    if (show(served) !== show(raw))
      throw new Error(`${label}: service and raw SQL disagree\n${show(served)}\n${show(raw)}`)
    log(`  ${label}: ${served.length} months agree, e.g. ${show(served).slice(0, 160)}`)
  }
  const rows: ResultRow[] = []
  for (const { metric, label, byMunicipality } of metrics) {
    const result = await paired(
      label,
      () =>
        asRequest(data.districtId, () =>
          metricComputer(database.db)(metric, range, parametersOf(byMunicipality)),
        ),
      () =>
        asRequest(data.districtId, () =>
          rawMetric(metric, rawRange, parametersOf(byMunicipality)).execute(database.db),
        ),
    )
    rows.push({ label: `${metric}: ${label}`, unit: 'ms', ...result })
  }
  // The whole indicator list of an agreement with every metric, as GET …/indicators answers it.
  const agreementId = randomUUID()
  await sql`INSERT INTO goal_agreement (id, district_id, title, goal_statement, starts_on, ends_on, created_by)
    VALUES (${agreementId}::uuid, ${data.districtId}::uuid, 'Bench', 'Alle Kennzahlen', ${from}::date, ${to}::date,
      ${data.coordinatorId}::uuid)`.execute(database.ownerDb)
  for (const [position, { metric, byMunicipality }] of metrics.entries()) {
    const unit =
      metric === 'counselling-contacts'
        ? 'count'
        : metric === 'median-days-contact-to-plan'
          ? 'days'
          : 'percent'
    const [baseline, target] = unit === 'days' ? [60, 30] : [10, 90]
    await sql`INSERT INTO goal_indicator (district_id, agreement_id, position, name, unit, baseline, target, direction,
        source, metric, parameters, created_by)
      VALUES (${data.districtId}::uuid, ${agreementId}::uuid, ${position + 1}, ${metric}, ${unit}, ${baseline}, ${target},
        ${unit === 'days' ? 'decrease' : 'increase'}, 'computed', ${metric},
        ${JSON.stringify(parametersOf(byMunicipality))}::jsonb, ${data.coordinatorId}::uuid)`.execute(
      database.ownerDb,
    )
  }
  const actor: Actor = {
    userId: data.coordinatorId,
    districtId: data.districtId,
    organisationId: null,
    roles: ['coordinator'],
    teamIds: [],
  }
  const all = await paired(
    'every indicator of an agreement (GET …/indicators)',
    () => asRequest(data.districtId, () => listIndicators(database.db, actor, agreementId, new Date())),
    () =>
      asRequest(data.districtId, async () => {
        for (const { metric, byMunicipality } of metrics)
          await rawMetric(metric, rawRange, parametersOf(byMunicipality)).execute(database.db)
      }),
  )
  rows.push({ label: 'GET /api/goal-agreements/{id}/indicators, all five indicators', unit: 'ms', ...all })
  return rows
}

/** Every indicator of a district at state scale on the PostgreSQL of DATABASE_URL, in a database of its own. */
export async function runGoalsStateBenchmark(): Promise<BenchmarkResult | null> {
  const url = process.env.DATABASE_URL
  if (!url) {
    console.log(
      'goals-state: skipped, DATABASE_URL is not set (a PostgreSQL server on which it may create a database).',
    )
    return null
  }
  const started = performance.now()
  const name = reuseDatabase ?? `lotse_bench_goals_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  if (reuseDatabase) log(`goals-state: measuring the kept database ${name} on ${redactUrl(url)}`)
  else {
    await admin.query(`CREATE DATABASE ${name}`)
    log(`goals-state: created database ${name} on ${redactUrl(url)}`)
  }
  const target = new URL(url)
  target.pathname = `/${name}`
  const database = await openDatabase({ kind: 'postgresql', url: target.toString() })
  try {
    await migrate(database)
    const version = (await sql<{ version: string }>`SELECT version()`.execute(database.ownerDb)).rows[0]
      ?.version
    const data = await database.ownerDb
      .connection()
      .execute((connection) => (reuseDatabase ? findMeasured(connection) : generate(connection)))
    log(
      `goals-state: ${reuseDatabase ? 'found' : 'generated'} in ${data.seconds.toFixed(0)} s: ${JSON.stringify(data.counts)}`,
    )
    // Generating alone (to measure it later with LOTSE_BENCH_GOALS_DATABASE) writes no section.
    if (process.env.LOTSE_BENCH_GENERATE_ONLY === '1') return null
    const rows = await measure(database, data)
    const count = (key: string) => (data.counts[key] ?? 0).toLocaleString('en-US')
    return {
      name: 'goals-state',
      title: 'Goal indicators of a district at state scale beside the raw SQL of each metric',
      description:
        `Machine: ${machineDescription()}. Database: ${(version ?? 'PostgreSQL').split(' on ')[0]} at ${target.host} ` +
        `(database of its own, ${reuseDatabase || keepData ? 'kept' : 'dropped afterwards'}). 53 districts (31 Kreise, 22 cities) in one database with ` +
        `${count('cases')} cases, ${count('contacts')} contacts, ${count('goals')} plans, ${count('short_consultations')} short ` +
        `consultations, ${count('referrals')} referrals and ${count('changes')} legal-sphere changes; the measured Kreis has ` +
        `${measuredCases.toLocaleString('en-US')} cases (${count('measured_contacts')} contacts, ${count('measured_referrals')} referrals, ` +
        `${count('measured_changes')} changes), generated in SQL after \`migrate()\`, then \`VACUUM ANALYZE\`. Each metric ` +
        'is computed over a two-year agreement period (11 months of it past) as the indicator list computes it ' +
        "(case work's and the network's exported aggregates, as the application role with the district set for " +
        'row-level security), beside one raw SQL statement of the same metric; both give the same months, checked ' +
        `before measuring. ${warmup} warm-up and ${runs} measured calls each, alternating with the baseline.`,
      baselineLabel: 'raw SQL',
      rows,
      notes: [
        reuseDatabase
          ? 'Measured on the database an earlier run generated and kept (`LOTSE_BENCH_KEEP=1`, then ' +
            '`LOTSE_BENCH_GOALS_DATABASE=<name>`), with the newer migrations applied; generating it takes about 13 minutes.'
          : `Generated in ${data.seconds.toFixed(0)} s.`,
        'The last row is the whole answer of GET /api/goal-agreements/{id}/indicators for an agreement with all five ' +
          'indicators (authorisation, district time, agreement, indicators, every metric, series and status) against the ' +
          'five raw statements one after the other.',
        'Target: dashboard figures p95 under 300 ms at state scale.',
      ],
      measuredAt: new Date(),
      durationMs: performance.now() - started,
    }
  } finally {
    await database.close()
    if (keepData || reuseDatabase) log(`goals-state: database ${name} kept`)
    else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
  }
}
