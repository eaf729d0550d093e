import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

/**
 * The SQL of the access review's flags (decision 0021). Every query names one district, a few
 * actions and a bounded period, so the (district_id, action, occurred_at) index of migration 0035
 * answers it at district scale without reading the whole trail.
 */
export type FlagPeriod = {
  districtId: string
  /** The district's time zone: days, night hours and weekends are the district's. */
  timeZone: string
  /** First and last day, inclusive, as YYYY-MM-DD in the district's calendar. */
  from: string
  to: string
}

export const flagListLimit = 500

function inPeriod(db: Kysely<DB>, period: FlagPeriod, actions: readonly string[]) {
  const zone = sql`${period.timeZone}::text`
  return db
    .selectFrom('audit_event as a')
    .where('a.district_id', '=', period.districtId)
    .where('a.action', 'in', [...actions])
    .where('a.outcome', '=', 'success')
    .where(sql<boolean>`a.occurred_at >= (${period.from}::date::timestamp AT TIME ZONE ${zone})`)
    .where(sql<boolean>`a.occurred_at < ((${period.to}::date + 1)::timestamp AT TIME ZONE ${zone})`)
}

const entryColumns = [
  'a.id',
  'a.occurred_at',
  'a.actor_id',
  'a.action',
  'a.subject_type',
  'a.subject_id',
  'a.purpose',
] as const

/** Entries of the given actions in the period, newest first, at most one more than the limit. */
export function selectEntriesOfActions(db: Kysely<DB>, period: FlagPeriod, actions: readonly string[]) {
  return inPeriod(db, period, actions)
    .select(entryColumns)
    .orderBy('a.id', 'desc')
    .limit(flagListLimit + 1)
    .execute()
}

/**
 * Reads at unusual hours: from 20:00 to 06:00 and on Saturdays and Sundays, local time of the
 * district. Newest first, at most one more than the limit.
 */
export function selectUnusualHourEntries(
  db: Kysely<DB>,
  period: FlagPeriod,
  actions: readonly string[],
  hours: { nightFrom: number; nightUntil: number },
) {
  const local = sql`(a.occurred_at AT TIME ZONE ${sql`${period.timeZone}::text`})`
  return inPeriod(db, period, actions)
    .where(
      sql<boolean>`(extract(hour FROM ${local}) >= ${hours.nightFrom} OR extract(hour FROM ${local}) < ${hours.nightUntil} OR extract(isodow FROM ${local}) >= 6)`,
    )
    .select(entryColumns)
    .orderBy('a.id', 'desc')
    .limit(flagListLimit + 1)
    .execute()
}

/**
 * Per user and district day: how many distinct cases and persons they read outside their caseload
 * (the read's purpose says so, written when the read happened), where that reaches the threshold.
 */
export async function selectOutsideCaseloadDays(
  db: Kysely<DB>,
  period: FlagPeriod,
  actions: readonly string[],
  purposes: readonly string[],
  threshold: number,
) {
  const day = sql<string>`to_char(a.occurred_at AT TIME ZONE ${sql`${period.timeZone}::text`}, 'YYYY-MM-DD')`
  const rows = await inPeriod(db, period, actions)
    .where('a.purpose', 'in', [...purposes])
    .select([
      'a.actor_id',
      day.as('day'),
      sql<number>`count(DISTINCT (a.subject_type, a.subject_id))`.as('records'),
    ])
    // By position: the day's expression carries the zone as a parameter of its own in each place.
    .groupBy(sql`1, 2`)
    .having(sql`count(DISTINCT (a.subject_type, a.subject_id))`, '>=', threshold)
    .orderBy('day', 'desc')
    .orderBy('records', 'desc')
    .limit(flagListLimit + 1)
    .execute()
  return rows.map((row) => ({ ...row, records: Number(row.records) }))
}

/** How often each user read each case after the break-glass entries, within the grant's day. */
export async function selectReadsAfter(
  db: Kysely<DB>,
  districtId: string,
  grants: readonly { auditEventId: number; actorId: string; caseId: string; until: string }[],
) {
  if (grants.length === 0) return new Map<number, number>()
  const counts = new Map<number, number>()
  // One bounded query per grant: the (subject_type, subject_id) index answers each.
  for (const grant of grants) {
    const row = await db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('district_id', '=', districtId)
      .where('subject_type', '=', 'case')
      .where('subject_id', '=', grant.caseId)
      .where('actor_id', '=', grant.actorId)
      .where('action', '=', 'case.read')
      .where('id', '>', grant.auditEventId)
      .where('occurred_at', '<', grant.until)
      .executeTakeFirstOrThrow()
    counts.set(grant.auditEventId, Number(row.n))
  }
  return counts
}

/** One entry of a district's trail, to check what is being reviewed. */
export function selectAuditEntry(db: Kysely<DB>, districtId: string, id: number) {
  return db
    .selectFrom('audit_event')
    .select(['id', 'action', 'outcome'])
    .where('district_id', '=', districtId)
    .where('id', '=', id)
    .executeTakeFirst()
}
