import { type Kysely, type Selectable, sql, type Transaction } from 'kysely'
import { insertJsonRows } from '../../db/json-rows.ts'
import type { AuditEventTable, DB } from '../../db/schema.ts'

export type AuditRow = Selectable<AuditEventTable>
export type NewAuditRow = Omit<AuditRow, 'id'>

const GENESIS = 'genesis'

/** Chains are per district (and one for events outside any district), so a district's backup verifies alone. */
export async function lockChainAndReadHead(db: Transaction<DB>, districtId: string | null): Promise<string> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`audit:${districtId ?? 'none'}`}))`.execute(db)
  const head = await db
    .selectFrom('audit_event')
    .select('hash')
    .where('district_id', districtId === null ? 'is' : '=', districtId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return head?.hash ?? GENESIS
}

export async function insertAuditRow(db: Transaction<DB>, row: NewAuditRow): Promise<number> {
  const inserted = await db.insertInto('audit_event').values(row).returning('id').executeTakeFirstOrThrow()
  return Number(inserted.id)
}

/** Rows of one chain in their order: the ids follow the order of the values. */
export async function insertAuditRows(db: Transaction<DB>, rows: readonly NewAuditRow[]): Promise<void> {
  // The ids come from the sequence in the order of the rows: the chain's order.
  for (let start = 0; start < rows.length; start += 1000)
    await insertJsonRows(db, 'audit_event', rows.slice(start, start + 1000))
}

export async function* readChain(
  db: Kysely<DB>,
  districtId: string | null,
  batchSize = 5000,
): AsyncGenerator<AuditRow[]> {
  let after = 0
  while (true) {
    const rows = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('district_id', districtId === null ? 'is' : '=', districtId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(batchSize)
      .execute()
    if (rows.length === 0) return
    yield rows
    after = (rows[rows.length - 1] as AuditRow).id
  }
}

export async function selectChainKeys(db: Kysely<DB>): Promise<(string | null)[]> {
  const rows = await db.selectFrom('audit_event').select('district_id').distinct().execute()
  return rows.map((row) => row.district_id)
}

export type AuditFilter = {
  districtId: string
  /** The district's time zone, in which whole days of `from` and `to` are counted. */
  timeZone: string
  actorId?: string | undefined
  action?: string | undefined
  subjectType?: string | undefined
  subjectId?: string | undefined
  outcome?: 'success' | 'failure' | 'denied' | undefined
  from?: string | undefined
  to?: string | undefined
}

function filtered(db: Kysely<DB>, filter: AuditFilter) {
  let query = db.selectFrom('audit_event as a').where('a.district_id', '=', filter.districtId)
  if (filter.actorId) query = query.where('a.actor_id', '=', filter.actorId)
  if (filter.action) {
    query = filter.action.endsWith('.')
      ? query.where('a.action', 'like', `${filter.action.replace(/[\\%_]/g, '\\$&')}%`)
      : query.where('a.action', '=', filter.action)
  }
  if (filter.subjectType) query = query.where('a.subject_type', '=', filter.subjectType)
  if (filter.subjectId) query = query.where('a.subject_id', '=', filter.subjectId)
  if (filter.outcome) query = query.where('a.outcome', '=', filter.outcome)
  // Whole days of the district's calendar: local midnight as an instant. The day must become a
  // timestamp (local wall time) before AT TIME ZONE; a date alone would first be taken as midnight
  // in the session's zone (UTC) and the day would start an hour or two late.
  const districtZone = sql`${filter.timeZone}::text`
  if (filter.from)
    query = query.where(
      sql<boolean>`a.occurred_at >= (${filter.from}::date::timestamp AT TIME ZONE ${districtZone})`,
    )
  if (filter.to)
    query = query.where(
      sql<boolean>`a.occurred_at < ((${filter.to}::date + 1)::timestamp AT TIME ZONE ${districtZone})`,
    )
  return query
}

export async function selectAuditEvents(
  db: Kysely<DB>,
  filter: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  const base = filtered(db, filter)
  const [rows, total] = await Promise.all([
    base.selectAll('a').orderBy('a.id', 'desc').limit(page.limit).offset(page.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.n) }
}

/** Entries about any of the records, newest first: who touched a data subject's records (Art. 15). */
export function selectEventsAboutRecords(
  db: Kysely<DB>,
  districtId: string,
  subjectTypes: readonly string[],
  subjectIds: readonly string[],
  limit: number,
) {
  if (subjectIds.length === 0 || subjectTypes.length === 0) return Promise.resolve([])
  // Both lists, so that the (subject_type, subject_id) index answers instead of a scan of the trail.
  return db
    .selectFrom('audit_event')
    .select(['occurred_at', 'actor_id', 'actor_roles', 'action', 'outcome', 'subject_type', 'purpose'])
    .where('district_id', '=', districtId)
    .where('subject_type', 'in', [...new Set(subjectTypes)])
    .where('subject_id', 'in', [...new Set(subjectIds)])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}
