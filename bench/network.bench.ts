import { randomBytes, randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { type Kysely, sql } from 'kysely'
import pg from 'pg'
import { overlapDomains, targetGroups } from '../common/network.ts'
import { type Database, openDatabase, redactUrl } from '../server/db/database.ts'
import { migrate } from '../server/db/migrate.ts'
import type { DB } from '../server/db/schema.ts'
import { seededRandom } from '../server/db/seed/random.ts'
import { listOverlaps } from '../server/modules/network/services/overlap.service.ts'
import { overlapQuery } from '../server/modules/network/services/service.queries.ts'
import { listServices } from '../server/modules/network/services/service.service.ts'
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
 * The network's service map at state scale: every district and independent city of North
 * Rhine-Westphalia with its own map, in one database. The overlap finder of one district is
 * measured as the route calls it (`listOverlaps`: authorisation, the overlap SQL, the decisions,
 * names from identity, sorting) beside one raw SQL statement that gives the same answer.
 */

/** NRW: 31 Kreise of about 12 municipalities each, 22 kreisfreie Städte of one each (394 in all). */
const stateShape = { kreise: 31, municipalitiesPerKreis: 12, cities: 22 }
const organisationsPerDistrict = Number(process.env.LOTSE_BENCH_NETWORK_ORGANISATIONS ?? 60)
const servicesPerDistrict = Number(process.env.LOTSE_BENCH_NETWORK_SERVICES ?? 400)
const warmup = 5
const runs = 100
const keepData = process.env.LOTSE_BENCH_KEEP === '1'
const log = (message: string) => console.log(message)

type Generated = {
  districtId: string
  coordinatorId: string
  municipalityIds: string[]
  services: number
  cells: number
  decisions: number
  seconds: number
}

/** Weights falling with the rank, as town sizes do. */
function zipfPick(random: ReturnType<typeof seededRandom>, count: number): number {
  const weights = Array.from({ length: count }, (_, index) => 1 / (index + 1))
  let roll = random.next() * weights.reduce((sum, weight) => sum + weight, 0)
  for (let index = 0; index < count; index++) {
    roll -= weights[index] as number
    if (roll <= 0) return index
  }
  return count - 1
}

function distinct<T>(count: number, draw: () => T): T[] {
  const picked = new Set<T>()
  for (let attempt = 0; picked.size < count && attempt < count * 20; attempt++) picked.add(draw())
  return [...picked]
}

/** Writes the state's districts, municipalities, organisations and service maps as the owner, in SQL. */
async function generate(owner: Kysely<DB>): Promise<Generated> {
  const started = performance.now()
  const random = seededRandom(20_261_207)
  const districts = [
    ...Array.from({ length: stateShape.kreise }, (_, index) => ({
      code: `059${String(index).padStart(2, '0')}`,
      kind: 'kreis' as const,
      municipalities: stateShape.municipalitiesPerKreis,
    })),
    ...Array.from({ length: stateShape.cities }, (_, index) => ({
      code: `051${String(index).padStart(2, '0')}`,
      kind: 'kreisfreie_stadt' as const,
      municipalities: 1,
    })),
  ]
  let measured: Omit<Generated, 'services' | 'cells' | 'decisions' | 'seconds'> | undefined
  let services = 0
  let cells = 0
  for (const district of districts) {
    const districtId = randomUUID()
    await sql`INSERT INTO district (id, code, name, kind, state_code)
      VALUES (${districtId}::uuid, ${district.code}, ${`Bench ${district.code}`}, ${district.kind}, 'NW')`.execute(
      owner,
    )
    const municipalityIds = Array.from({ length: district.municipalities }, () => randomUUID())
    await sql`INSERT INTO municipality (id, district_id, code, name)
      SELECT id, ${districtId}::uuid, ${district.code} || lpad(ord::text, 3, '0'), 'Gemeinde ' || ord
      FROM unnest(${municipalityIds}::uuid[]) WITH ORDINALITY AS m(id, ord)`.execute(owner)
    const coordinatorId = randomUUID()
    await sql`INSERT INTO app_user (id, district_id, username, display_name, roles)
      VALUES (${coordinatorId}::uuid, ${districtId}::uuid, ${`bench.koordination.${district.code}`},
        ${`Koordination ${district.code}`}, ARRAY['coordinator'])`.execute(owner)
    const organisationIds = Array.from({ length: organisationsPerDistrict }, () => randomUUID())
    await sql`INSERT INTO organisation (id, district_id, name, kind)
      SELECT id, ${districtId}::uuid, 'Träger ' || ord,
        (ARRAY['wohlfahrtsverband', 'migrationsberatung', 'migrantenorganisation', 'bildungstraeger', 'kommune'])[1 + ord % 5]
      FROM unnest(${organisationIds}::uuid[]) WITH ORDINALITY AS o(id, ord)`.execute(owner)
    const rows = Array.from({ length: servicesPerDistrict }, (_, index) => {
      const wholeDistrict = random.chance(0.1)
      const municipalities = wholeDistrict
        ? municipalityIds
        : distinct(1 + random.below(Math.min(4, district.municipalities)), () =>
            zipfPick(random, district.municipalities),
          ).map((m) => municipalityIds[m] as string)
      const ended = random.chance(0.1)
      return {
        id: randomUUID(),
        organisationId: organisationIds[zipfPick(random, organisationIds.length)] as string,
        name: `Angebot ${index + 1}`,
        domains: distinct(1 + random.below(3), () => random.pick(overlapDomains)),
        targetGroups: distinct(1 + random.below(2), () => random.pick(targetGroups)),
        municipalities,
        endsOn: ended ? '2025-06-30' : null,
      }
    })
    await sql`INSERT INTO service (id, district_id, organisation_id, name, domains, target_groups, municipality_ids, ends_on, created_by)
      SELECT s.id, ${districtId}::uuid, s.organisation_id, s.name, string_to_array(s.domains, ','),
        string_to_array(s.target_groups, ','), string_to_array(s.municipality_ids, ',')::uuid[], s.ends_on, ${coordinatorId}::uuid
      FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.organisationId)}::uuid[],
        ${rows.map((r) => r.name)}::text[], ${rows.map((r) => r.domains.join(','))}::text[],
        ${rows.map((r) => r.targetGroups.join(','))}::text[], ${rows.map((r) => r.municipalities.join(','))}::text[],
        ${rows.map((r) => r.endsOn)}::date[])
        AS s(id, organisation_id, name, domains, target_groups, municipality_ids, ends_on)`.execute(owner)
    // The cells, as the service layer writes them with each service.
    await sql`INSERT INTO service_cell (district_id, service_id, organisation_id, domain, target_group, municipality_id)
      SELECT s.district_id, s.id, s.organisation_id, d, t, m
      FROM service s, unnest(s.domains) d, unnest(s.target_groups) t, unnest(s.municipality_ids) m
      WHERE s.district_id = ${districtId}::uuid`.execute(owner)
    services += rows.length
    cells += rows.reduce(
      (sum, r) => sum + r.domains.length * r.targetGroups.length * r.municipalities.length,
      0,
    )
    // The measured district: the first Kreis.
    measured ??= { districtId, coordinatorId, municipalityIds }
  }
  if (!measured) throw new Error('no district generated')
  await sql`ANALYZE`.execute(owner)
  // A tenth of the measured district's overlaps marked as intended, as a steering group would.
  const pairs = (await overlapQuery(measured.districtId, today()).execute(owner)).rows
  const marked = pairs.filter((_, index) => index % 10 === 0)
  for (const pair of marked) {
    await sql`INSERT INTO service_overlap_decision (district_id, first_service_id, second_service_id, reason, decided_by)
      VALUES (${measured.districtId}::uuid, ${pair.first_id}::uuid, ${pair.second_id}::uuid, 'Gewollt: Nachfrage', ${measured.coordinatorId}::uuid)`.execute(
      owner,
    )
  }
  return {
    ...measured,
    services,
    cells,
    decisions: marked.length,
    seconds: (performance.now() - started) / 1000,
  }
}

const today = () => new Date().toISOString().slice(0, 10)

/**
 * The same answer in one statement, as someone would write it against the tables: the overlapping
 * pairs with their shared domains, target groups and municipalities, both services' names and
 * organisations, and the decision with the decider's name.
 */
function rawOverlaps(districtId: string, day: string, municipalityId?: string) {
  return sql<{ first_id: string; second_id: string }>`
    WITH pairs AS (
      SELECT a.service_id AS first_id, b.service_id AS second_id,
        array_agg(DISTINCT a.domain) AS domains, array_agg(DISTINCT a.target_group) AS target_groups,
        array_agg(DISTINCT a.municipality_id) AS municipality_ids
      FROM service_cell a
      JOIN service_cell b ON b.district_id = a.district_id AND b.domain = a.domain
        AND b.target_group = a.target_group AND b.municipality_id = a.municipality_id
        AND b.organisation_id <> a.organisation_id AND b.service_id > a.service_id
      JOIN service sa ON sa.id = a.service_id
      JOIN service sb ON sb.id = b.service_id
      WHERE a.district_id = ${districtId}::uuid AND a.domain <> 'other'
        ${municipalityId ? sql`AND a.municipality_id = ${municipalityId}::uuid` : sql``}
        AND (sa.ends_on IS NULL OR sa.ends_on >= ${day}::date) AND (sb.ends_on IS NULL OR sb.ends_on >= ${day}::date)
        AND (sa.starts_on IS NULL OR sb.ends_on IS NULL OR sa.starts_on <= sb.ends_on)
        AND (sb.starts_on IS NULL OR sa.ends_on IS NULL OR sb.starts_on <= sa.ends_on)
      GROUP BY a.service_id, b.service_id)
    SELECT p.*, sa.name AS first_name, oa.name AS first_organisation, sb.name AS second_name,
      ob.name AS second_organisation, d.reason, d.decided_at, u.display_name AS decided_by
    FROM pairs p
    JOIN service sa ON sa.id = p.first_id JOIN organisation oa ON oa.id = sa.organisation_id
    JOIN service sb ON sb.id = p.second_id JOIN organisation ob ON ob.id = sb.organisation_id
    LEFT JOIN service_overlap_decision d ON d.first_service_id = p.first_id AND d.second_service_id = p.second_id
    LEFT JOIN app_user u ON u.id = d.decided_by
    ORDER BY d.decided_at IS NOT NULL, cardinality(p.municipality_ids) DESC, oa.name, sa.name, sb.name`
}

/** The first page of the service list with a domain filter, as raw SQL. */
function rawServicePage(districtId: string, day: string, domain: string) {
  return sql`
    SELECT s.*, o.name AS organisation_name, count(*) OVER () AS total
    FROM service s JOIN organisation o ON o.id = s.organisation_id
    WHERE s.district_id = ${districtId}::uuid AND ${domain} = ANY (s.domains)
      AND (s.ends_on IS NULL OR s.ends_on >= ${day}::date)
    ORDER BY s.name, s.id LIMIT 50`
}

/** Inside a request of the district: row-level security limits the connection as in the app. */
const asRequest = <T>(districtId: string, run: () => Promise<T>) =>
  runWithTenantStore(() => {
    setTenantDistrict(districtId)
    return run()
  })

async function paired(
  label: string,
  service: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
): Promise<{ value: ReturnType<typeof summarize>; baseline: ReturnType<typeof summarize> }> {
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

async function measure(database: Database, data: Generated): Promise<{ rows: ResultRow[]; notes: string[] }> {
  const actor: Actor = {
    userId: data.coordinatorId,
    districtId: data.districtId,
    organisationId: null,
    roles: ['coordinator'],
    teamIds: [],
  }
  const day = today()
  const largest = data.municipalityIds[0] as string
  // The same answer first: the same pairs, the same intended ones.
  const served = await asRequest(data.districtId, () => listOverlaps(database.db, actor, {}, new Date()))
  const raw = (await asRequest(data.districtId, () => rawOverlaps(data.districtId, day).execute(database.db)))
    .rows
  const key = (a: string, b: string) => `${a}:${b}`
  const servedKeys = served.items.map((item) => key(item.services[0].id, item.services[1].id)).sort()
  const rawKeys = raw.map((row) => key(row.first_id, row.second_id)).sort()
  if (servedKeys.join() !== rawKeys.join()) throw new Error('listOverlaps and the raw SQL disagree')
  if (served.intended !== data.decisions) throw new Error('intended overlaps do not match the decisions')
  const inTown = await asRequest(data.districtId, () =>
    listOverlaps(database.db, actor, { municipalityId: largest }, new Date()),
  )
  log(
    `network-state: ${served.items.length} overlaps in the measured district, ${inTown.items.length} in its largest town`,
  )

  const whole = await paired(
    'overlap finder, whole district',
    () => asRequest(data.districtId, () => listOverlaps(database.db, actor, {}, new Date())),
    () => asRequest(data.districtId, () => rawOverlaps(data.districtId, day).execute(database.db)),
  )
  const town = await paired(
    'overlap finder, one municipality',
    () =>
      asRequest(data.districtId, () =>
        listOverlaps(database.db, actor, { municipalityId: largest }, new Date()),
      ),
    () => asRequest(data.districtId, () => rawOverlaps(data.districtId, day, largest).execute(database.db)),
  )
  const list = await paired(
    'service list, first page of one domain',
    () =>
      asRequest(data.districtId, () =>
        listServices(database.db, actor, { limit: 50, offset: 0, domain: 'language' }, new Date()),
      ),
    () =>
      asRequest(data.districtId, () => rawServicePage(data.districtId, day, 'language').execute(database.db)),
  )
  return {
    rows: [
      {
        label: `GET /api/services/overlaps, whole district (${served.items.length} pairs)`,
        unit: 'ms',
        ...whole,
      },
      { label: `… one municipality (${inTown.items.length} pairs)`, unit: 'ms', ...town },
      { label: 'GET /api/services?domain=language, first 50', unit: 'ms', ...list },
    ],
    notes: [
      `Generated in ${data.seconds.toFixed(0)} s: ${stateShape.kreise + stateShape.cities} districts, ` +
        `${(stateShape.kreise * stateShape.municipalitiesPerKreis + stateShape.cities).toLocaleString('en-US')} municipalities, ` +
        `${organisationsPerDistrict} organisations and ${servicesPerDistrict} services per district ` +
        `(${data.services.toLocaleString('en-US')} services, ${data.cells.toLocaleString('en-US')} cells in all); ` +
        `${data.decisions} of the measured district's overlaps marked as intended.`,
      'Before measuring, the pairs of `listOverlaps` and of the raw SQL are compared and must be the same.',
      'Why the service can beat the single statement: it finds the pairs in one query and then asks for the ' +
        'names of the few hundred services and organisations once each, where the statement joins the names to ' +
        'every pair and sorts all of them in SQL.',
      'The overlap finder answers a whole district at once (no paging), like a dashboard figure: its target is ' +
        'p95 under 300 ms at state scale, not the 100 ms of a search page.',
    ],
  }
}

/** The service map of a whole state on the PostgreSQL of DATABASE_URL, in a database of its own. */
export async function runNetworkStateBenchmark(): Promise<BenchmarkResult | null> {
  const url = process.env.DATABASE_URL
  if (!url) {
    console.log(
      'network-state: skipped, DATABASE_URL is not set (a PostgreSQL server on which it may create a database).',
    )
    return null
  }
  const started = performance.now()
  const name = `lotse_bench_network_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  log(`network-state: created database ${name} on ${redactUrl(url)}`)
  const target = new URL(url)
  target.pathname = `/${name}`
  const database = await openDatabase({ kind: 'postgresql', url: target.toString() })
  try {
    await migrate(database)
    const version = (await sql<{ version: string }>`SELECT version()`.execute(database.ownerDb)).rows[0]
      ?.version
    const data = await database.ownerDb.connection().execute((connection) => generate(connection))
    log(`network-state: generated in ${data.seconds.toFixed(0)} s`)
    const measured = await measure(database, data)
    return {
      name: 'network-state',
      title: 'Service map at state scale: overlap finder and service list',
      description:
        `Machine: ${machineDescription()}. Database: ${(version ?? 'PostgreSQL').split(' on ')[0]} at ${target.host} ` +
        '(database of its own, dropped afterwards). The service maps of all districts and independent cities of ' +
        'NRW in one database, generated in SQL after `migrate()`. The services are called in the bench process as ' +
        'the routes call them, as the application role with the district set for row-level security; no HTTP. ' +
        '**Overlap finder:** `listOverlaps` as a coordinator of one Kreis (authorisation, the pairs from ' +
        '`service_cell`, the decisions, organisation and user names from identity, sorting in German order) ' +
        'against one raw SQL statement that returns the same pairs with names and decisions already joined. ' +
        '**Service list:** `listServices` (page of 50 with its count) against the raw SQL of the same page. ' +
        `${warmup} warm-up and ${runs} measured calls each, alternating with the baseline.`,
      baselineLabel: 'raw SQL',
      rows: measured.rows,
      notes: measured.notes,
      measuredAt: new Date(),
      durationMs: performance.now() - started,
    }
  } finally {
    await database.close()
    if (keepData) log(`network-state: database ${name} kept`)
    else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
  }
}
