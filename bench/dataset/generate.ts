import { performance } from 'node:perf_hooks'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../server/db/database.ts'
import type { DB } from '../../server/db/schema.ts'
import { seededRandom } from '../../server/db/seed/random.ts'
import { matchKeyVersion } from '../../server/modules/casework/matching/index.ts'
import { hashPassword } from '../../server/modules/identity/password.ts'
import { relaxSecondFactorRuleIfUnset } from '../../server/modules/identity/second-factor.service.ts'
import {
  beginBulkLoad,
  caseworkBulkTables,
  type Exec,
  endBulkLoad,
  type Scale,
  writeCaseworkDistrict,
} from '../casework-data.ts'
import type { DistrictContext } from './context.ts'
import { writeNetworkDistrict } from './network.ts'
import { apportion, nrwDistricts, type StateDistrict } from './nrw.ts'
import { writeStaffingDistrict } from './staffing.ts'
import { writeSteeringDistrict } from './steering.ts'

/**
 * A complete database for benchmarks and load tests: every module's data for one district, two
 * (tiny, for the tests) or all 53 districts of North Rhine-Westphalia, written straight into the
 * tables after `migrate()` and composed from the modules' generators (case work from
 * bench/casework-data.ts, network, steering and staffing from this folder). Deterministic for the
 * seed (ids included); dates are relative to the day it runs. The kept figures are counted
 * afterwards as a restore counts them, the match keys marked current, and every user signs in with
 * one password.
 */

export type DataScaleName = 'tiny' | 'district' | 'state'

type DataScale = {
  districts: readonly string[]
  persons: number
  cases: number
  contacts: number
  users: number
  teams: number
  caseManagersPerTeam: number
}

export const dataScales: Record<DataScaleName, DataScale> = {
  tiny: {
    districts: ['05382', '05314'],
    persons: 500,
    cases: 600,
    contacts: 6_000,
    users: 60,
    teams: 4,
    caseManagersPerTeam: 4,
  },
  district: {
    districts: ['05382'],
    persons: 50_000,
    cases: 60_000,
    contacts: 600_000,
    users: 100,
    teams: 8,
    caseManagersPerTeam: 11,
  },
  state: {
    districts: nrwDistricts.map((district) => district.code),
    persons: 1_000_000,
    cases: 1_200_000,
    contacts: 12_000_000,
    users: 5_000,
    // 370 teams of a lead and 11 case managers, four other users and six partners per district:
    // about 5,000 users in all.
    teams: 370,
    caseManagersPerTeam: 11,
  },
}

/** Partner users the network makes per district, taken from the district's share of users. */
const partnerUsersPerDistrict = 6

const extraBulkTables = [
  'consent',
  'referral',
  'service_cell',
  'short_consultation',
  'legal_sphere_change',
  'legal_sphere_handover_step',
]

export type GenerateOptions = {
  scale: DataScaleName
  seed: number
  /** Share of the scale's persons, cases and contacts (1 = all), to measure a part and extrapolate. */
  fraction?: number
  password: string
}

export type GeneratedDatabase = {
  districts: {
    id: string
    code: string
    name: string
    admin: string
    coordinator: string
    caseManager: string
  }[]
  counts: Record<string, number>
  /** Seconds per step, summed over the districts. */
  steps: [string, number][]
  totalSeconds: number
  foreignKeyChecks: boolean
}

/** Per-district scales: persons, cases and contacts by population, at least a team each. */
export function planDistricts(
  scale: DataScale,
  fraction: number,
): { district: StateDistrict; scale: Scale }[] {
  const districts = scale.districts.map((code) => {
    const district = nrwDistricts.find((each) => each.code === code)
    if (!district) throw new Error(`no NRW district ${code}`)
    return district
  })
  const weights = districts.map((district) => district.population)
  const persons = apportion(Math.round(scale.persons * fraction), weights)
  const cases = apportion(Math.round(scale.cases * fraction), weights)
  const contacts = apportion(Math.round(scale.contacts * fraction), weights)
  const users = apportion(scale.users, weights)
  const teams = apportion(scale.teams, weights).map((count) => Math.max(1, count))
  return districts.map((district, index) => {
    const teamCount = teams[index] as number
    const caseCount = Math.max(teamCount * 4, cases[index] as number)
    const districtScale: Scale = {
      name: scale.districts.length > 1 ? 'state' : 'district',
      persons: Math.max(teamCount * 4, persons[index] as number),
      cases: caseCount,
      contacts: Math.max(caseCount, contacts[index] as number),
      users: Math.max(
        teamCount * (1 + scale.caseManagersPerTeam) + 4,
        (users[index] as number) - partnerUsersPerDistrict,
      ),
      municipalities: district.municipalities,
      teams: teamCount,
      caseManagersPerTeam: scale.caseManagersPerTeam,
      smallCaseload: Math.max(
        1,
        Math.min(100, Math.floor(caseCount / teamCount / scale.caseManagersPerTeam / 2)),
      ),
      batch: 10_000,
      contactBatchCases: 20_000,
    }
    return { district, scale: districtScale }
  })
}

/** A version-4 UUID from the seeded generator. */
function seededUuid(random: ReturnType<typeof seededRandom>): () => string {
  const hex = (value: number) => (value >>> 0).toString(16).padStart(8, '0')
  return () => {
    const a = hex(random.next() * 4294967296)
    const b = hex(random.next() * 4294967296)
    const c = hex(random.next() * 4294967296)
    const d = hex(random.next() * 4294967296)
    const variant = ((Number.parseInt(c.slice(0, 1), 16) & 0x3) | 0x8).toString(16)
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`
  }
}

/** Writes the scale into a freshly migrated database, on one owner connection. */
export async function generateDatabase(
  database: Database,
  options: GenerateOptions,
  log: (message: string) => void,
): Promise<GeneratedDatabase> {
  return database.ownerDb.connection().execute((connection) => generateOn(connection, options, log))
}

async function generateOn(
  connection: Kysely<DB>,
  options: GenerateOptions,
  log: (message: string) => void,
): Promise<GeneratedDatabase> {
  const exec: Exec = async (query) => (await query.execute(connection)).rows
  const started = performance.now()
  const totals = new Map<string, number>()
  let stepStarted = performance.now()
  const step = (key: string) => {
    const seconds = (performance.now() - stepStarted) / 1000
    totals.set(key, (totals.get(key) ?? 0) + seconds)
    stepStarted = performance.now()
  }
  const plan = planDistricts(dataScales[options.scale], options.fraction ?? 1)
  const load = await beginBulkLoad(exec, [...caseworkBulkTables, ...extraBulkTables], log)
  step('indexes dropped')
  const districts: GeneratedDatabase['districts'] = []
  for (const [index, { district, scale }] of plan.entries()) {
    // Each district draws from its own stream, so a district's data does not depend on the others.
    const districtSeed = (options.seed * 1_000 + index) >>> 0
    const uuid = seededUuid(seededRandom(districtSeed ^ 0x5eed))
    const districtId = uuid()
    await exec(sql`INSERT INTO district (id, code, name, kind, state_code)
      VALUES (${districtId}::uuid, ${district.code}, ${district.name}, ${district.kind}, 'NW')`)
    const prefix = `${district.code}.`
    const casework = await writeCaseworkDistrict(
      exec,
      scale,
      {
        seed: districtSeed,
        personSeed: districtSeed,
        uuid,
        district: { id: districtId, code: district.code },
        usernamePrefix: prefix,
        seasonal: true,
      },
      {
        step: (_label, key) => step(`case work: ${key}`),
        log: () => {},
        foreignKeyChecks: load.foreignKeyChecks,
      },
    )
    const userOf = (role: string) => {
      const user = casework.users.find((each) => each.role === role)
      if (!user) throw new Error(`no ${role} in district ${district.code}`)
      return user
    }
    const context: DistrictContext = {
      exec,
      random: seededRandom(districtSeed ^ 0x0e7),
      uuid,
      key: `${options.seed}:${district.code}`,
      districtId,
      did: sql`${districtId}::uuid`,
      code: district.code,
      name: district.name,
      municipalityIds: casework.municipalityIds,
      adminId: userOf('admin').id,
      coordinatorId: userOf('coordinator').id,
      caseManagerIds: casework.teams.flatMap((team) => team.caseManagerIds),
      usernamePrefix: prefix,
    }
    const network = await writeNetworkDistrict(context, scale.cases)
    step('network: organisations, services, consents, referrals, legal-sphere changes')
    await writeSteeringDistrict(context, network.organisationIds)
    step('steering: bodies, meetings, decisions, goal agreements, obstacles')
    await writeStaffingDistrict(context, network.organisationIds.slice(5, 12))
    step('staffing: positions, staff, contracts, funding')
    districts.push({
      id: districtId,
      code: district.code,
      name: district.name,
      admin: userOf('admin').username,
      coordinator: userOf('coordinator').username,
      caseManager: casework.users.find((user) => user.role === 'case_manager')?.username ?? '',
    })
    log(
      `  ${district.code} ${district.name}: ${scale.persons.toLocaleString('en-US')} persons, ` +
        `${scale.cases.toLocaleString('en-US')} cases, ${scale.contacts.toLocaleString('en-US')} contacts ` +
        `(${index + 1}/${plan.length}, ${((performance.now() - started) / 1000).toFixed(0)} s)`,
    )
  }
  await endBulkLoad(exec, load)
  step('indexes rebuilt')
  // The keys were computed by this matcher: mark them current, or the first start recomputes all.
  await exec(sql`UPDATE matching_key_version SET version = ${matchKeyVersion}, refreshed_at = now()`)
  const passwordHash = await hashPassword(options.password)
  await exec(sql`UPDATE app_user SET password_hash = ${passwordHash}, password_changed_at = now()`)
  for (const district of districts) await relaxSecondFactorRuleIfUnset(connection, district.id)
  step('passwords, match-key version')
  // Loaded without the figure triggers (replica mode): counted once, as a restore does.
  for (const district of districts)
    await exec(sql`SELECT lotse_rebuild_figures(${district.id}::uuid), lotse_rebuild_plan_figures(${district.id}::uuid),
      lotse_rebuild_person_month_counts(${district.id}::uuid)`)
  step('kept figures counted')
  await exec(sql`VACUUM ANALYZE`)
  step('VACUUM ANALYZE')
  const counts = await countModules(exec)
  step('counted')
  return {
    districts,
    counts,
    steps: [...totals.entries()],
    totalSeconds: (performance.now() - started) / 1000,
    foreignKeyChecks: load.foreignKeyChecks,
  }
}

/** Rows per table of every module the generator writes. */
export const countedTables = [
  'district',
  'municipality',
  'app_user',
  'team',
  'person',
  'person_match_key',
  'client_case',
  'case_person',
  'case_manager',
  'contact',
  'case_phase_change',
  'assessment',
  'goal',
  'measure',
  'task',
  'organisation',
  'service',
  'service_cell',
  'consent',
  'referral',
  'legal_sphere_change',
  'short_consultation',
  'steering_body',
  'body_membership',
  'meeting',
  'agenda_item',
  'meeting_attendance',
  'steering_decision',
  'action_item',
  'goal_agreement',
  'goal_indicator',
  'goal_indicator_value',
  'obstacle',
  'obstacle_status_change',
  'obstacle_evidence',
  'staff_position',
  'staff_member',
  'staff_contract',
  'funding_rate',
  'pay_grade_cost',
  'contact_day_figure',
] as const

export async function countModules(exec: Exec): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of countedTables) {
    const rows = await exec<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.table(table)}`)
    counts[table] = rows[0]?.n ?? 0
  }
  return counts
}
