import { sql } from 'kysely'
import { verifyAuditTrail } from '../server/modules/audit/index.ts'
import type { Database } from './databases.ts'

/** One check of the stored data; `problems` lists what is wrong, empty when it holds. */
export type InvariantCheck = { name: string; problems: string[] }

/** `since`: the moment the run began writing; rows older than that (the demo seed) are not its own. */
export type InvariantContext = { since: Date }

export type Invariant = (database: Database, context: InvariantContext) => Promise<InvariantCheck>

/** Every audit chain verifies from its start. */
export const auditChainsVerify: Invariant = async (database) => {
  const chains = await verifyAuditTrail(database.ownerDb)
  return {
    name: 'audit chains verify',
    problems: chains
      .filter((chain) => !chain.ok)
      .map((chain) => `chain ${chain.chain}: ${chain.reason} at event ${chain.firstBrokenId}`),
  }
}

/** A contact is never visible without the audit event of its creation (they share one transaction). */
export const everyContactAudited: Invariant = async (database, { since }) => {
  const { rows } = await sql<{ id: string }>`
    select c.id from contact c
    where c.created_at >= ${since.toISOString()}::timestamptz and not exists (
      select 1 from audit_event a
      where a.action = 'contact.create' and a.subject_type = 'contact' and a.subject_id = c.id::text
    )`.execute(database.ownerDb)
  return {
    name: 'every contact has its audit event',
    problems: rows.map((row) => `contact ${row.id} has no audit event`),
  }
}

/** The kept figure client_case.last_contact_at matches a recount over the contacts. */
export const lastContactMatchesRecount: Invariant = async (database) => {
  const { rows } = await sql<{ id: string }>`
    select cc.id from client_case cc
    join (select case_id, max(occurred_at) as latest from contact group by case_id) c on c.case_id = cc.id
    where cc.last_contact_at is null or cc.last_contact_at < c.latest`.execute(database.ownerDb)
  return {
    name: 'client_case.last_contact_at matches a recount',
    problems: rows.map((row) => `case ${row.id}: last_contact_at behind its newest contact`),
  }
}

/** The kept figure contact_day_figure (dimension total) matches a recount per district day. */
export const contactDayTotalsMatchRecount: Invariant = async (database) => {
  const { rows } = await sql<{
    district_id: string
    day: string
    kept: number | null
    counted: number | null
  }>`
    with counted as (
      select c.district_id, (c.occurred_at at time zone d.time_zone)::date as day, count(*)::int as contacts
      from contact c join district d on d.id = c.district_id
      group by 1, 2
    ), kept as (
      select district_id, day, contacts from contact_day_figure where dimension = 'total'
    )
    select coalesce(counted.district_id, kept.district_id) as district_id,
           coalesce(counted.day, kept.day)::text as day, kept.contacts as kept, counted.contacts as counted
    from counted full join kept on kept.district_id = counted.district_id and kept.day = counted.day
    where kept.contacts is distinct from counted.contacts`.execute(database.ownerDb)
  return {
    name: 'contact_day_figure totals match a recount',
    problems: rows.map(
      (row) => `district ${row.district_id} day ${row.day}: kept ${row.kept}, counted ${row.counted}`,
    ),
  }
}

/**
 * Each scheduled job ran once although every node started its scheduler (decision 0025). Every job
 * is due at start and then hours later, so a run shorter than an hour must show one run per job.
 */
export const scheduledJobsRanOnce: Invariant = async (database) => {
  const { rows } = await sql<{ name: string; runs: number }>`
    select name, runs from scheduled_job order by name`.execute(database.ownerDb)
  const problems = rows
    .filter((row) => Number(row.runs) !== 1)
    .map((row) => `${row.name} ran ${row.runs} times`)
  if (rows.length === 0) problems.push('no scheduled job has run')
  return { name: 'each scheduled job ran once across the nodes', problems }
}

/**
 * The checks the stress suites run on the stored data after a crash or a multi-node run. Another
 * module adds its own (e.g. scheduled jobs that ran at most once) by appending to this list.
 */
export const invariants: Invariant[] = [
  auditChainsVerify,
  everyContactAudited,
  lastContactMatchesRecount,
  contactDayTotalsMatchRecount,
]

export async function checkInvariants(
  database: Database,
  context: InvariantContext,
  extra: Invariant[] = [],
): Promise<InvariantCheck[]> {
  const results: InvariantCheck[] = []
  for (const invariant of [...invariants, ...extra]) results.push(await invariant(database, context))
  return results
}

/** The acknowledged ids missing from the contact table. */
export async function missingContacts(database: Database, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return []
  const found = new Set<string>()
  for (let start = 0; start < ids.length; start += 500) {
    const chunk = ids.slice(start, start + 500)
    const rows = await database.ownerDb.selectFrom('contact').select('id').where('id', 'in', chunk).execute()
    for (const row of rows) found.add(String(row.id))
  }
  return ids.filter((id) => !found.has(id))
}
