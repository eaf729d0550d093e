import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { type Kysely, type RawBuilder, sql } from 'kysely'
import { contactChannels, lifeDomains } from '../common/casework.ts'
import { earliestDay, isPlaceholderBirthDate, latestDay } from '../common/partial-date.ts'
import type { Database } from '../server/db/database.ts'
import type { DB } from '../server/db/schema.ts'
import { seededRandom } from '../server/db/seed/random.ts'
import { matchKeys, nameCodes } from '../server/modules/casework/matching/index.ts'
import { generateSyntheticPersons, type SyntheticPerson } from '../server/testdata/names/index.ts'

/**
 * Case-work data at district or state scale, written straight into the tables after `migrate()`:
 * one district with its municipalities, teams of case managers with their team leads, persons from
 * the synthetic generator with their match keys, cases with persons and managers, and twelve months
 * of contacts, phase changes, assessments, goals, measures and tasks. Bulk rows go in as multi-row
 * `INSERT … SELECT FROM unnest(…)` from the bench process, or are made in the database with
 * `generate_series` (contacts, phase changes and the other per-case records). Deterministic for the
 * seed, apart from the generated UUIDs.
 */

export type Scale = {
  name: 'district' | 'state'
  persons: number
  cases: number
  contacts: number
  users: number
  municipalities: number
  teams: number
  caseManagersPerTeam: number
  /** The own caseload wanted for the first case manager of the first team (the "new colleague"). */
  smallCaseload: number
  /** Rows per INSERT … unnest statement. */
  batch: number
  /** Cases per INSERT … generate_series statement for the contacts. */
  contactBatchCases: number
}

export const districtScale: Scale = {
  name: 'district',
  persons: 50_000,
  cases: 60_000,
  contacts: 600_000,
  users: 100,
  municipalities: 19,
  teams: 8,
  caseManagersPerTeam: 11,
  smallCaseload: 100,
  batch: 10_000,
  contactBatchCases: 20_000,
}

export const stateScale: Scale = {
  name: 'state',
  persons: 1_000_000,
  cases: 1_200_000,
  contacts: 12_000_000,
  users: 5_000,
  municipalities: 396,
  teams: 400,
  caseManagersPerTeam: 11,
  smallCaseload: 100,
  batch: 25_000,
  contactBatchCases: 100_000,
}

export const phases = ['intake', 'assessment', 'planning', 'implementation', 'evaluation', 'closed'] as const
const phaseShares = [0.1, 0.1, 0.1, 0.38, 0.1, 0.22]
/** Relative number of contacts per case in each phase, before scaling to the wanted total. */
const contactWeights: [number, number][] = [
  [1, 3],
  [2, 6],
  [4, 9],
  [8, 24],
  [10, 28],
  [4, 18],
]

const nationality: Record<string, [string, string]> = {
  ukraine: ['UA', 'uk'],
  syria: ['SY', 'ar'],
  afghanistan: ['AF', 'fa'],
  turkiye: ['TR', 'tr'],
  iraq: ['IQ', 'ar'],
  iran: ['IR', 'fa'],
  eritrea: ['ER', 'ti'],
  guinea: ['GN', 'ff'],
  germany: ['DE', 'de'],
}
const legalSpheres = ['AsylbLG', 'SGB II', 'SGB II', 'SGB XII', 'SGB III', 'none']
const closingReasonList = ['goals-reached', 'handed-over', 'moved-away', 'no-longer-needed', 'contact-lost']
const taskTitles = ['Unterlagen nachfordern', 'Rückmeldung Jobcenter abfragen', 'Termin vereinbaren']

const dayMs = 24 * 60 * 60 * 1000
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10)

/** The seed data's generator (server/db/seed/random.ts), so the same scale gives the same data on every run. */
function prng(seed: number) {
  const random = seededRandom(seed)
  return { ...random, int: (min: number, max: number) => min + random.below(max - min + 1) }
}

/** Index drawn from cumulative weights (ascending, last = 1). */
function drawCumulative(cumulative: readonly number[], roll: number): number {
  let low = 0
  let high = cumulative.length - 1
  while (low < high) {
    const middle = (low + high) >> 1
    if ((cumulative[middle] as number) < roll) low = middle + 1
    else high = middle
  }
  return low
}

function cumulativeOf(weights: readonly number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0)
  let running = 0
  return weights.map((weight) => {
    running += weight
    return running / total
  })
}

export type Team = { id: string; leadId: string; caseManagerIds: string[]; homeMunicipalities: number[] }

export type GeneratedCasework = {
  scale: Scale
  districtId: string
  municipalityIds: string[]
  teams: Team[]
  /** The synthetic persons; person i has the id personIds[i]. */
  persons: SyntheticPerson[]
  personIds: string[]
  /** What was counted in the database after generation. */
  counts: Record<string, number>
  /** Own cases of each case manager of the first team. */
  caseloads: Map<string, number>
  /** A case of the first team with `wantedContacts` contacts, with its manager. */
  detailCase: { id: string; managerId: string; contacts: number }
  /** Seconds per step, in order. */
  steps: [string, number][]
  totalSeconds: number
  foreignKeyChecks: boolean
}

export type Exec = <R = unknown>(query: RawBuilder<R>) => Promise<R[]>

function batches(total: number, size: number): [number, number][] {
  const out: [number, number][] = []
  for (let start = 0; start < total; start += size) out.push([start, Math.min(total, start + size)])
  return out
}

/** Tables whose plain (not constraint-backed) indexes are dropped for the load and built afterwards. */
export const caseworkBulkTables = [
  'person',
  'person_match_key',
  'client_case',
  'case_person',
  'case_name_code',
  'case_manager',
  'case_phase_change',
  'assessment',
  'goal',
  'measure',
  'contact',
  'task',
]

/** Options of one district's case work, for the generator of a whole database (bench/dataset). */
export type CaseworkOptions = {
  /** Seed of the draws; the benches' own when not given. */
  seed?: number
  /** Seed of the synthetic persons, so that each district has other names. */
  personSeed?: number
  /** Makes the ids; seeded by the whole-database generator so that a seed gives the same ids. */
  uuid?: () => string
  /** A district the caller has made; without it one is made here. */
  district?: { id: string; code: string }
  /** Put before every username, so that several districts' users do not collide. */
  usernamePrefix?: string
  /**
   * Fewer contacts in the summer holidays and around Christmas: four in ten of those (never a
   * case's last) are moved three weeks earlier, where the case was already open.
   */
  seasonal?: boolean
}

export type BulkLoad = { indexes: { indexname: string; indexdef: string }[]; foreignKeyChecks: boolean }

/**
 * Foreign-key triggers off (`session_replication_role = replica`, where the role may) and the plain
 * (not constraint-backed) indexes of the tables dropped, for a bulk load on this connection.
 */
export async function beginBulkLoad(
  exec: Exec,
  tables: readonly string[],
  log: (message: string) => void,
): Promise<BulkLoad> {
  let foreignKeyChecks = true
  try {
    await exec(sql`SET session_replication_role = replica`)
    foreignKeyChecks = false
  } catch {
    log('  (not allowed to turn foreign-key triggers off: loading with them)')
  }
  await exec(sql`SET maintenance_work_mem = '512MB'`).catch(() => {})
  const indexes = await exec<{ indexname: string; indexdef: string }>(sql`
    SELECT i.indexname, i.indexdef FROM pg_indexes i
    WHERE i.schemaname = 'public' AND i.tablename = ANY (${[...tables]}::text[])
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`)
  for (const index of indexes) await exec(sql`DROP INDEX ${sql.id(index.indexname)}`)
  return { indexes, foreignKeyChecks }
}

/** Triggers on again and the dropped indexes rebuilt unchanged from their definitions. */
export async function endBulkLoad(exec: Exec, load: BulkLoad): Promise<void> {
  if (!load.foreignKeyChecks) await exec(sql`RESET session_replication_role`)
  for (const index of load.indexes) await exec(sql.raw(index.indexdef))
}

/**
 * Generates the data for a scale into a freshly migrated database. Runs on one owner connection,
 * with foreign-key triggers off (`session_replication_role = replica`, where the role may) and the
 * plain indexes of the bulk tables dropped during the load and rebuilt unchanged afterwards, then
 * `VACUUM ANALYZE`, as autovacuum would have done on a database that grew over years.
 */
export async function generateCasework(
  database: Database,
  scale: Scale,
  log: (message: string) => void,
  options: CaseworkOptions = {},
): Promise<GeneratedCasework> {
  return database.ownerDb.connection().execute((connection) => generateOn(connection, scale, log, options))
}

async function generateOn(
  connection: Kysely<DB>,
  scale: Scale,
  log: (message: string) => void,
  options: CaseworkOptions,
): Promise<GeneratedCasework> {
  const exec: Exec = async (query) => (await query.execute(connection)).rows
  const started = performance.now()
  const steps: [string, number][] = []
  let stepStarted = performance.now()
  const step = (name: string) => {
    const seconds = (performance.now() - stepStarted) / 1000
    steps.push([name, seconds])
    log(`  ${name}: ${seconds.toFixed(1)} s`)
    stepStarted = performance.now()
  }
  const load = await beginBulkLoad(exec, caseworkBulkTables, log)
  const foreignKeyChecks = load.foreignKeyChecks
  const district = await writeCaseworkDistrict(exec, scale, options, {
    step: (label) => step(label),
    log,
    foreignKeyChecks,
  })
  const { districtId, municipalityIds, teams, persons, personIds, caseIds, caseManager, detailIndex } =
    district
  await endBulkLoad(exec, load)
  step(`${load.indexes.length} indexes rebuilt`)
  await exec(sql`VACUUM ANALYZE`)
  step('VACUUM ANALYZE')

  const countRows = await exec<Record<string, number>>(sql`SELECT
    (SELECT count(*) FROM person)::int AS persons,
    (SELECT count(*) FROM person_match_key)::int AS match_keys,
    (SELECT count(*) FROM client_case)::int AS cases,
    (SELECT count(*) FROM case_person)::int AS case_persons,
    (SELECT count(*) FROM case_manager)::int AS case_managers,
    (SELECT count(*) FROM contact)::int AS contacts,
    (SELECT count(*) FROM case_phase_change)::int AS phase_changes,
    (SELECT count(*) FROM assessment)::int AS assessments,
    (SELECT count(*) FROM assessment_entry)::int AS assessment_entries,
    (SELECT count(*) FROM goal)::int AS goals,
    (SELECT count(*) FROM measure)::int AS measures,
    (SELECT count(*) FROM task)::int AS tasks,
    (SELECT count(*) FROM app_user)::int AS users`)
  const counts = countRows[0] as Record<string, number>
  const firstTeam = teams[0] as Team
  const caseloadRows = await exec<{ user_id: string; cases: number }>(sql`
    SELECT user_id, count(*)::int AS cases FROM case_manager
    WHERE user_id = ANY (${firstTeam.caseManagerIds}::uuid[]) GROUP BY user_id`)
  const caseloads = new Map(caseloadRows.map((row) => [row.user_id, row.cases]))
  const detailContacts = await exec<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM contact WHERE case_id = ${caseIds[detailIndex] as string}`,
  )
  step('counted')
  return {
    scale,
    districtId,
    municipalityIds,
    teams,
    persons,
    personIds,
    counts,
    caseloads,
    detailCase: {
      id: caseIds[detailIndex] as string,
      managerId: caseManager[detailIndex] as string,
      contacts: detailContacts[0]?.n ?? 0,
    },
    steps,
    totalSeconds: (performance.now() - started) / 1000,
    foreignKeyChecks,
  }
}

export type CaseworkDistrict = {
  districtId: string
  municipalityIds: string[]
  teams: Team[]
  /** Every user made, with the role each holds. */
  users: { id: string; username: string; role: string }[]
  persons: SyntheticPerson[]
  personIds: string[]
  caseIds: string[]
  caseManager: string[]
  detailIndex: number
}

/**
 * One district's case work into the tables (which the caller has prepared with beginBulkLoad):
 * its municipalities, teams and users, persons with match keys, cases and their records.
 */
export async function writeCaseworkDistrict(
  exec: Exec,
  scale: Scale,
  options: CaseworkOptions,
  progress: {
    step: (label: string, key: string) => void
    log: (message: string) => void
    foreignKeyChecks: boolean
  },
): Promise<CaseworkDistrict> {
  const random = prng(options.seed ?? 20_261_125)
  const uuid = options.uuid ?? randomUUID
  const prefix = options.usernamePrefix ?? ''
  const now = Date.now()
  const log = progress.log
  const foreignKeyChecks = progress.foreignKeyChecks
  // District, municipalities, teams, users.
  const districtId = options.district?.id ?? uuid()
  const did = sql`${districtId}::uuid`
  const districtCode = options.district?.code ?? (scale.name === 'district' ? '05991' : '05992')
  if (!options.district)
    await exec(sql`INSERT INTO district (id, code, name, kind, state_code)
      VALUES (${did}, ${districtCode}, ${`Bench ${scale.name}`}, 'kreis', 'NW')`)
  await exec(sql`INSERT INTO case_work_setting (district_id) VALUES (${did})`)
  const municipalityIds = Array.from({ length: scale.municipalities }, () => uuid())
  await exec(sql`INSERT INTO municipality (id, district_id, code, name)
    SELECT id, ${did}, ${districtCode} || lpad(ord::text, 3, '0'), 'Gemeinde ' || ord
    FROM unnest(${municipalityIds}::uuid[]) WITH ORDINALITY AS m(id, ord)`)
  // Larger towns first: Zipf-like weights over the municipalities.
  const municipalityCumulative = cumulativeOf(municipalityIds.map((_, index) => 1 / (index + 2)))

  const teams: Team[] = Array.from({ length: scale.teams }, (_, index) => ({
    id: uuid(),
    leadId: uuid(),
    caseManagerIds: Array.from({ length: scale.caseManagersPerTeam }, () => uuid()),
    homeMunicipalities:
      scale.municipalities >= scale.teams
        ? municipalityIds.flatMap((_, m) => (m % scale.teams === index ? [m] : []))
        : [index % scale.municipalities],
  }))
  await exec(sql`INSERT INTO team (id, district_id, name)
    SELECT id, ${did}, 'Team ' || ord FROM unnest(${teams.map((team) => team.id)}::uuid[]) WITH ORDINALITY AS t(id, ord)`)
  const users: { id: string; username: string; name: string; role: string; teamId: string | null }[] = []
  teams.forEach((team, t) => {
    users.push({
      id: team.leadId,
      username: `${prefix}tl.${t}`,
      name: `Teamleitung ${t}`,
      role: 'team_lead',
      teamId: team.id,
    })
    team.caseManagerIds.forEach((id, c) => {
      users.push({
        id,
        username: `${prefix}fm.${t}.${c}`,
        name: `Fallmanagement ${t}/${c}`,
        role: 'case_manager',
        teamId: team.id,
      })
    })
  })
  const otherRoles = ['admin', 'coordinator', 'report_reader', 'dpo']
  for (let index = 0; users.length < scale.users; index++) {
    const role = otherRoles[index % otherRoles.length] as string
    users.push({
      id: uuid(),
      username: `${prefix}${role.replace('_', '-')}.${index}`,
      name: `${role} ${index}`,
      role,
      teamId: null,
    })
  }
  await exec(sql`INSERT INTO app_user (id, district_id, username, display_name, roles)
    SELECT id, ${did}, username, name, ARRAY[role]
    FROM unnest(${users.map((u) => u.id)}::uuid[], ${users.map((u) => u.username)}::text[],
      ${users.map((u) => u.name)}::text[], ${users.map((u) => u.role)}::text[]) AS u(id, username, name, role)`)
  const members = users.filter((user) => user.teamId !== null)
  await exec(sql`INSERT INTO user_team (user_id, team_id, district_id)
    SELECT u, t, ${did} FROM unnest(${members.map((u) => u.id)}::uuid[], ${members.map((u) => u.teamId)}::uuid[]) AS m(u, t)`)
  progress.step(
    `district, ${scale.municipalities} municipalities, ${scale.teams} teams, ${users.length} users`,
    'districts, municipalities, teams, users',
  )

  // Persons (generated now, written after the cases have decided their teams).
  const persons = generateSyntheticPersons(scale.persons, options.personSeed ?? 1)
  const personIds = persons.map(() => uuid())
  progress.step(
    `${scale.persons.toLocaleString('en-US')} synthetic persons generated`,
    'synthetic persons generated',
  )

  // Cases: the first 85 % of persons each have a case; the remaining cases are second cases of
  // those persons; the last 15 % of persons join a case as household members.
  const primary = Math.min(scale.cases, Math.floor(scale.persons * 0.85))
  const caseIds: string[] = new Array(scale.cases)
  const caseTeam = new Int32Array(scale.cases)
  const caseManager: string[] = new Array(scale.cases)
  const caseSecondManager: (string | null)[] = new Array(scale.cases)
  const caseMunicipality = new Int32Array(scale.cases)
  const casePerson = new Int32Array(scale.cases)
  const casePhase = new Int8Array(scale.cases)
  const personCase = new Int32Array(scale.persons).fill(-1)
  const managerWeights = (count: number) => {
    const casesPerTeam = scale.cases / scale.teams
    const small = (scale.smallCaseload * (count - 1)) / Math.max(1, casesPerTeam - scale.smallCaseload)
    return cumulativeOf([small, ...Array.from({ length: count - 1 }, () => 1)])
  }
  const managerCumulative = managerWeights(scale.caseManagersPerTeam)
  for (let c = 0; c < scale.cases; c++) {
    caseIds[c] = uuid()
    const person = c < primary ? c : random.below(primary)
    casePerson[c] = person
    const firstCase = personCase[person] as number
    const teamIndex =
      firstCase >= 0 && random.chance(0.9) ? (caseTeam[firstCase] as number) : random.below(scale.teams)
    caseTeam[c] = teamIndex
    const team = teams[teamIndex] as Team
    const manager = drawCumulative(managerCumulative, random.next())
    caseManager[c] = team.caseManagerIds[manager] as string
    // A few cases are worked in tandem; never by the new colleague, whose caseload stays as planned.
    const second = 1 + random.below(scale.caseManagersPerTeam - 1)
    caseSecondManager[c] =
      random.chance(0.05) && manager !== 0 && second !== manager
        ? (team.caseManagerIds[second] as string)
        : null
    caseMunicipality[c] =
      firstCase >= 0
        ? (caseMunicipality[firstCase] as number)
        : random.chance(0.85)
          ? random.pick(team.homeMunicipalities)
          : drawCumulative(municipalityCumulative, random.next())
    casePhase[c] = drawCumulative(cumulativeOf(phaseShares), random.next())
    if (firstCase < 0) personCase[person] = c
  }
  const householdCase = new Int32Array(scale.persons).fill(-1)
  for (let p = primary; p < scale.persons; p++) {
    const c = random.below(scale.cases)
    householdCase[p] = c
    if ((personCase[p] as number) < 0) personCase[p] = c
  }

  // Contacts per case: by phase, scaled so that the total is exactly scale.contacts.
  const rawContacts = new Float64Array(scale.cases)
  let rawTotal = 0
  for (let c = 0; c < scale.cases; c++) {
    const [low, high] = contactWeights[casePhase[c] as number] as [number, number]
    rawContacts[c] = low + random.next() * (high - low)
    rawTotal += rawContacts[c] as number
  }
  const contactCount = new Int32Array(scale.cases)
  let assigned = 0
  for (let c = 0; c < scale.cases; c++) {
    contactCount[c] = Math.max(1, Math.floor(((rawContacts[c] as number) * scale.contacts) / rawTotal))
    assigned += contactCount[c] as number
  }
  for (let c = 0; assigned !== scale.contacts; c = (c + 7919) % scale.cases) {
    const delta = assigned < scale.contacts ? 1 : -1
    if (delta < 0 && (contactCount[c] as number) <= 1) continue
    contactCount[c] = (contactCount[c] as number) + delta
    assigned += delta
  }
  // The detail case: the first case of the first team with exactly 20 contacts (one is made so).
  let detailIndex = -1
  for (let c = 0; c < scale.cases && detailIndex < 0; c++) {
    if (caseTeam[c] === 0 && contactCount[c] === 20 && (casePhase[c] as number) === 3) detailIndex = c
  }
  if (detailIndex < 0) throw new Error('no case of team 0 with 20 contacts in implementation')

  // When: the last contact 1–45 days ago for open cases, up to 300 days ago for closed ones; the
  // earlier ones every few weeks before it, all within the last 350 days.
  const lastAgo = new Int32Array(scale.cases)
  const stepDays = new Int32Array(scale.cases)
  const lastAt: string[] = new Array(scale.cases)
  const openedOn: string[] = new Array(scale.cases)
  const closedOn: (string | null)[] = new Array(scale.cases)
  const references: string[] = new Array(scale.cases)
  for (let c = 0; c < scale.cases; c++) {
    const n = contactCount[c] as number
    const closed = casePhase[c] === 5
    const maxAgo = Math.max(1, 350 - (n - 1))
    const ago = Math.min(maxAgo, closed ? random.int(1, 300) : random.int(1, 45))
    const spacing = n > 1 ? Math.max(1, Math.min(random.int(7, 30), Math.floor((350 - ago) / (n - 1)))) : 1
    lastAgo[c] = ago
    stepDays[c] = spacing
    const last = now - ago * dayMs
    const lastDate = new Date(last)
    lastDate.setUTCHours(random.int(7, 15), random.pick([0, 15, 30, 45]), 0, 0)
    lastAt[c] = lastDate.toISOString()
    const first = lastDate.getTime() - (n - 1) * spacing * dayMs - 480 * 60_000
    openedOn[c] = isoDay(first - random.int(0, 200) * dayMs)
    closedOn[c] = closed ? isoDay(Math.min(now, lastDate.getTime() + random.int(0, 20) * dayMs)) : null
  }
  // References in the order of opening, numbered per year.
  const order = Array.from({ length: scale.cases }, (_, c) => c).sort((a, b) =>
    (openedOn[a] as string) < (openedOn[b] as string)
      ? -1
      : (openedOn[a] as string) > (openedOn[b] as string)
        ? 1
        : a - b,
  )
  const perYear = new Map<string, number>()
  for (const c of order) {
    const year = (openedOn[c] as string).slice(0, 4)
    const next = (perYear.get(year) ?? 0) + 1
    perYear.set(year, next)
    references[c] = `${year}-${String(next).padStart(4, '0')}`
  }
  progress.step(`${scale.cases.toLocaleString('en-US')} cases planned`, 'cases planned')

  // Persons and their match keys.
  const keyCache = new Map<string, string>()
  const codeCache = new Map<string, string>()
  for (const [from, to] of batches(scale.persons, scale.batch)) {
    const cols = {
      id: [] as string[],
      family: [] as string[],
      given: [] as string[],
      other: [] as string[],
      birth: [] as string[],
      earliest: [] as string[],
      latest: [] as string[],
      placeholder: [] as boolean[],
      sex: [] as string[],
      nationality: [] as string[],
      languages: [] as string[],
      municipality: [] as string[],
      arrival: [] as string[],
      sphere: [] as string[],
      registeredBy: [] as string[],
      team: [] as string[],
      keys: [] as string[],
      codes: [] as string[],
    }
    for (let p = from; p < to; p++) {
      const person = persons[p] as SyntheticPerson
      const c = personCase[p] as number
      const birthDate = person.birthDate as string
      const [country, language] = nationality[person.origin] ?? ['XX', 'de']
      cols.id.push(personIds[p] as string)
      cols.family.push(person.familyName)
      cols.given.push(person.givenNames)
      cols.other.push((person.otherSpellings ?? []).join('|'))
      cols.birth.push(birthDate)
      cols.earliest.push(earliestDay(birthDate))
      cols.latest.push(latestDay(birthDate))
      cols.placeholder.push(isPlaceholderBirthDate(birthDate))
      cols.sex.push(person.sex)
      cols.nationality.push(country)
      cols.languages.push(JSON.stringify([{ code: language, interpreterNeeded: language !== 'de' }]))
      cols.municipality.push(municipalityIds[caseMunicipality[c] as number] as string)
      const arrival = Math.max(Date.parse(latestDay(birthDate)), now - random.int(60, 3000) * dayMs)
      cols.arrival.push(isoDay(Math.min(arrival, now - dayMs)))
      cols.sphere.push(random.pick(legalSpheres))
      cols.registeredBy.push(caseManager[c] as string)
      cols.team.push((teams[caseTeam[c] as number] as Team).id)
      const cacheKey = `${person.familyName}\u0000${person.givenNames}\u0000${cols.other.at(-1)}`
      let keys = keyCache.get(cacheKey)
      if (keys === undefined) {
        keys = matchKeys(person).join(' ')
        keyCache.set(cacheKey, keys)
      }
      cols.keys.push(keys)
      let codes = codeCache.get(cacheKey)
      if (codes === undefined) {
        codes = nameCodes(person).join(' ')
        codeCache.set(cacheKey, codes)
      }
      cols.codes.push(codes)
    }
    await exec(sql`INSERT INTO person (id, district_id, family_name, given_names, other_spellings, birth_date,
        birth_date_earliest, birth_date_latest, birth_date_placeholder, sex, nationalities, languages,
        municipality_id, arrival_date, legal_sphere, registered_by, registered_team_id, name_codes)
      SELECT id, ${did}, family, given, CASE WHEN other = '' THEN '{}'::text[] ELSE string_to_array(other, '|') END,
        birth, earliest, latest, placeholder, sex, ARRAY[nationality], languages::jsonb, municipality, arrival,
        sphere, registered_by, team, string_to_array(codes, ' ')
      FROM unnest(${cols.id}::uuid[], ${cols.family}::text[], ${cols.given}::text[], ${cols.other}::text[],
        ${cols.birth}::text[], ${cols.earliest}::date[], ${cols.latest}::date[], ${cols.placeholder}::boolean[],
        ${cols.sex}::text[], ${cols.nationality}::text[], ${cols.languages}::text[], ${cols.municipality}::uuid[],
        ${cols.arrival}::date[], ${cols.sphere}::text[], ${cols.registeredBy}::uuid[], ${cols.team}::uuid[],
        ${cols.codes}::text[])
        AS p(id, family, given, other, birth, earliest, latest, placeholder, sex, nationality, languages,
          municipality, arrival, sphere, registered_by, team, codes)`)
    await exec(sql`INSERT INTO person_match_key (district_id, key, person_id)
      SELECT ${did}, k, id
      FROM unnest(${cols.id}::uuid[], ${cols.keys}::text[]) AS p(id, keys),
        unnest(string_to_array(keys, ' ')) AS k
      WHERE k <> ''
      ON CONFLICT DO NOTHING`)
  }
  progress.step(
    `${scale.persons.toLocaleString('en-US')} persons and their match keys`,
    'persons and their match keys',
  )

  // Cases, their persons and managers, and the plan the per-case records are made from.
  await exec(sql`CREATE TEMP TABLE bench_case_plan (
    ord int PRIMARY KEY, case_id uuid NOT NULL, contacts int NOT NULL, last_at timestamptz NOT NULL,
    step_days int NOT NULL, manager_id uuid NOT NULL, person_id uuid NOT NULL, phase_index int NOT NULL,
    opened_on date NOT NULL, closed_on date, language text NOT NULL, task_due date, task_done boolean NOT NULL)`)
  for (const [from, to] of batches(scale.cases, scale.batch)) {
    const cols = {
      id: [] as string[],
      reference: [] as string[],
      municipality: [] as string[],
      team: [] as string[],
      phase: [] as string[],
      opened: [] as string[],
      closed: [] as (string | null)[],
      reason: [] as (string | null)[],
      lastAt: [] as string[],
      manager: [] as string[],
      cpCase: [] as string[],
      cpPerson: [] as string[],
      cmCase: [] as string[],
      cmUser: [] as string[],
      ord: [] as number[],
      contacts: [] as number[],
      step: [] as number[],
      person: [] as string[],
      phaseIndex: [] as number[],
      language: [] as string[],
      taskDue: [] as (string | null)[],
      taskDone: [] as boolean[],
    }
    for (let c = from; c < to; c++) {
      const id = caseIds[c] as string
      const phaseIndex = casePhase[c] as number
      const person = persons[casePerson[c] as number] as SyntheticPerson
      cols.id.push(id)
      cols.reference.push(references[c] as string)
      cols.municipality.push(municipalityIds[caseMunicipality[c] as number] as string)
      cols.team.push((teams[caseTeam[c] as number] as Team).id)
      cols.phase.push(phases[phaseIndex] as string)
      cols.opened.push(openedOn[c] as string)
      cols.closed.push(closedOn[c] ?? null)
      cols.reason.push(closedOn[c] ? random.pick(closingReasonList) : null)
      cols.lastAt.push(lastAt[c] as string)
      cols.manager.push(caseManager[c] as string)
      cols.cpCase.push(id)
      cols.cpPerson.push(personIds[casePerson[c] as number] as string)
      cols.cmCase.push(id)
      cols.cmUser.push(caseManager[c] as string)
      const second = caseSecondManager[c]
      if (second) {
        cols.cmCase.push(id)
        cols.cmUser.push(second)
      }
      cols.ord.push(c)
      cols.contacts.push(contactCount[c] as number)
      cols.step.push(stepDays[c] as number)
      cols.person.push(personIds[casePerson[c] as number] as string)
      cols.phaseIndex.push(phaseIndex)
      cols.language.push((nationality[person.origin] ?? ['XX', 'de'])[1])
      const hasTask = phaseIndex < 5 ? random.chance(0.3) : random.chance(0.1)
      cols.taskDue.push(hasTask ? isoDay(now + random.int(-30, 30) * dayMs) : null)
      cols.taskDone.push(phaseIndex === 5 || random.chance(0.2))
    }
    await exec(sql`INSERT INTO client_case (id, district_id, reference, municipality_id, team_id, phase, opened_on,
        closed_on, closing_reason, last_contact_at, created_by)
      SELECT id, ${did}, reference, municipality, team, phase, opened, closed, reason, last_at, manager
      FROM unnest(${cols.id}::uuid[], ${cols.reference}::text[], ${cols.municipality}::uuid[], ${cols.team}::uuid[],
        ${cols.phase}::text[], ${cols.opened}::date[], ${cols.closed}::date[], ${cols.reason}::text[],
        ${cols.lastAt}::timestamptz[], ${cols.manager}::uuid[])
        AS c(id, reference, municipality, team, phase, opened, closed, reason, last_at, manager)`)
    await exec(sql`INSERT INTO case_person (case_id, person_id, district_id)
      SELECT c, p, ${did} FROM unnest(${cols.cpCase}::uuid[], ${cols.cpPerson}::uuid[]) AS x(c, p)
      ON CONFLICT DO NOTHING`)
    await exec(sql`INSERT INTO case_manager (case_id, user_id, district_id)
      SELECT c, u, ${did} FROM unnest(${cols.cmCase}::uuid[], ${cols.cmUser}::uuid[]) AS x(c, u)`)
    await exec(sql`INSERT INTO bench_case_plan
      SELECT * FROM unnest(${cols.ord}::int[], ${cols.id}::uuid[], ${cols.contacts}::int[], ${cols.lastAt}::timestamptz[],
        ${cols.step}::int[], ${cols.manager}::uuid[], ${cols.person}::uuid[], ${cols.phaseIndex}::int[],
        ${cols.opened}::date[], ${cols.closed}::date[], ${cols.language}::text[], ${cols.taskDue}::date[],
        ${cols.taskDone}::boolean[])`)
  }
  // Household members join a case.
  const householdPairs = { c: [] as string[], p: [] as string[] }
  for (let p = primary; p < scale.persons; p++) {
    householdPairs.c.push(caseIds[householdCase[p] as number] as string)
    householdPairs.p.push(personIds[p] as string)
  }
  for (const [from, to] of batches(householdPairs.c.length, scale.batch)) {
    await exec(sql`INSERT INTO case_person (case_id, person_id, district_id)
      SELECT c, p, ${did} FROM unnest(${householdPairs.c.slice(from, to)}::uuid[], ${householdPairs.p.slice(from, to)}::uuid[]) AS x(c, p)
      ON CONFLICT DO NOTHING`)
  }
  await exec(sql`INSERT INTO case_counter (district_id, year, last_number)
    SELECT ${did}, split_part(reference, '-', 1)::int, max(split_part(reference, '-', 2)::int)
    FROM client_case WHERE district_id = ${did} GROUP BY 1, 2`)
  progress.step(
    `${scale.cases.toLocaleString('en-US')} cases with persons and managers`,
    'cases with persons and managers',
  )

  // Contacts, made in the database: the last one at last_at, the others step_days apart before it.
  const channels = [...contactChannels, 'in-person', 'in-person', 'phone']
  const domains = [...lifeDomains]
  for (const [from, to] of batches(scale.cases, scale.contactBatchCases)) {
    await exec(sql`INSERT INTO contact (district_id, case_id, occurred_at, duration_minutes, channel,
        participant_person_ids, language, interpreter_used, interpreter_language, domains, created_by)
      SELECT ${did}, p.case_id,
        ${
          options.seasonal
            ? sql`CASE WHEN g < p.contacts AND (g * 13 + p.ord) % 10 < 4
                AND (extract(month FROM x.at) IN (7, 8) OR (extract(month FROM x.at) = 12 AND extract(day FROM x.at) >= 20))
                AND x.at - interval '21 days' > p.opened_on + 1 THEN x.at - interval '21 days' ELSE x.at END`
            : sql`x.at`
        },
        (ARRAY[15, 30, 30, 45, 60, 90])[1 + (p.ord + g) % 6],
        (${channels}::text[])[1 + (p.ord * 7 + g) % ${channels.length}],
        ARRAY[p.person_id],
        CASE WHEN p.language <> 'de' AND (p.ord + g) % 3 = 0 THEN p.language ELSE 'de' END,
        p.language <> 'de' AND (p.ord + g) % 3 = 0,
        CASE WHEN p.language <> 'de' AND (p.ord + g) % 3 = 0 THEN p.language END,
        ARRAY[(${domains}::text[])[1 + (p.ord * 5 + g / 4) % ${domains.length}]],
        p.manager_id
      FROM bench_case_plan p CROSS JOIN LATERAL generate_series(1, p.contacts) AS g,
        LATERAL (SELECT p.last_at - ((p.contacts - g) * p.step_days) * interval '1 day'
          - CASE WHEN g < p.contacts THEN ((g * 7919 + p.ord * 31) % 480) * interval '1 minute' ELSE interval '0' END AS at) x
      WHERE p.ord >= ${from} AND p.ord < ${to}`)
    log(`    contacts of cases ${to.toLocaleString('en-US')} / ${scale.cases.toLocaleString('en-US')}`)
  }
  progress.step(
    `${scale.contacts.toLocaleString('en-US')} contacts (generate_series)`,
    'contacts (generate_series)',
  )

  // Phase changes, assessments, goals, measures, tasks.
  await exec(sql`INSERT INTO case_phase_change (district_id, case_id, from_phase, to_phase, reason, changed_by, changed_at)
    SELECT ${did}, p.case_id,
      CASE WHEN s = 0 THEN NULL ELSE (${[...phases]}::text[])[s] END,
      (${[...phases]}::text[])[s + 1],
      CASE WHEN s = 5 THEN 'goals-reached' END,
      p.manager_id,
      p.opened_on + (s * (COALESCE(p.closed_on, current_date) - p.opened_on) / (p.phase_index + 1)) + time '10:00'
    FROM bench_case_plan p CROSS JOIN LATERAL generate_series(0, p.phase_index) AS s`)
  await exec(sql`INSERT INTO assessment (district_id, case_id, assessed_on, created_by, created_at)
    SELECT ${did}, p.case_id, p.opened_on + 7 + 120 * r, p.manager_id, p.opened_on + 7 + 120 * r + time '11:00'
    FROM bench_case_plan p CROSS JOIN LATERAL generate_series(0, CASE WHEN p.phase_index >= 3 THEN 1 ELSE 0 END) AS r
    WHERE p.phase_index >= 1`)
  await exec(sql`INSERT INTO assessment_entry (assessment_id, district_id, domain, need_level)
    SELECT a.id, a.district_id, (${domains}::text[])[1 + (get_byte(uuid_send(a.id), 0) + 4 * d) % ${domains.length}],
      (get_byte(uuid_send(a.id), 1) + d) % 4
    FROM assessment a CROSS JOIN generate_series(0, 2) AS d
    WHERE a.district_id = ${did}`)
  await exec(sql`INSERT INTO goal (district_id, case_id, domain, statement, target_date, status, outcome, created_by, created_at)
    SELECT ${did}, p.case_id, (${domains}::text[])[1 + (p.ord * 5) % ${domains.length}], 'Ziel des Falls',
      p.opened_on + 180,
      CASE WHEN p.phase_index = 5 THEN 'achieved' WHEN p.phase_index >= 3 THEN 'in-progress' ELSE 'open' END,
      CASE WHEN p.phase_index = 5 THEN 'reached' END, p.manager_id, p.opened_on + 30 + time '12:00'
    FROM bench_case_plan p WHERE p.phase_index >= 2`)
  await exec(sql`INSERT INTO measure (district_id, case_id, goal_id, description, owner, due_on, status, created_by, created_at)
    SELECT g.district_id, g.case_id, g.id, 'Termin bei der Ausländerbehörde begleiten', 'case-manager',
      g.target_date - 60, CASE WHEN g.status = 'achieved' THEN 'done' ELSE 'in-progress' END, g.created_by, g.created_at
    FROM goal g WHERE g.district_id = ${did}`)
  await exec(sql`INSERT INTO task (district_id, title, due_on, assignee_id, case_id, done_at, created_by, created_at)
    SELECT ${did}, (${taskTitles}::text[])[1 + p.ord % 3], p.task_due, p.manager_id, p.case_id,
      CASE WHEN p.task_done THEN p.task_due + time '09:00' END, p.manager_id, p.task_due - 14 + time '09:00'
    FROM bench_case_plan p WHERE p.task_due IS NOT NULL`)
  progress.step(
    'phase changes, assessments, goals, measures, tasks',
    'phase changes, assessments, goals, measures, tasks',
  )

  await exec(sql`DROP TABLE bench_case_plan`)
  // The case's sort name and name codes, as the services keep them (refreshCaseNames), for the
  // whole district at once.
  await exec(sql`UPDATE client_case c SET sort_name = s.name, name_codes = s.codes FROM (
      SELECT x.case_id, min(x.name) AS name,
        coalesce(array_agg(DISTINCT x.code ORDER BY x.code) FILTER (WHERE x.code IS NOT NULL), '{}') AS codes
      FROM (SELECT cp.case_id, lower(p.family_name || ' ' || p.given_names) AS name, code
        FROM case_person cp JOIN person p ON p.id = cp.person_id AND p.district_id = ${did}
        LEFT JOIN LATERAL unnest(p.name_codes) AS code ON true
        WHERE cp.district_id = ${did}) x
      GROUP BY x.case_id) s
    WHERE s.case_id = c.id AND c.district_id = ${did}`)
  // The codes one row each (case_name_code), which the case's trigger writes when triggers are on.
  if (!foreignKeyChecks)
    await exec(sql`INSERT INTO case_name_code (case_id, code, district_id, team_id)
      SELECT c.id, code, c.district_id, c.team_id FROM client_case c, unnest(c.name_codes) AS code WHERE c.district_id = ${did}`)
  progress.step('case sort names and name codes', 'case sort names and name codes')
  return {
    districtId,
    municipalityIds,
    teams,
    users: users.map((user) => ({ id: user.id, username: user.username, role: user.role })),
    persons,
    personIds,
    caseIds,
    caseManager,
    detailIndex,
  }
}
