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

/** The records an entry names (decision 0035), one row each, in one statement. */
export async function insertAuditRecords(
  db: Transaction<DB>,
  eventId: number,
  districtId: string | null,
  records: readonly { type: string; id: string }[],
): Promise<void> {
  if (records.length === 0) return
  await sql`INSERT INTO audit_event_record (audit_event_id, district_id, subject_type, subject_id)
    SELECT ${eventId}::bigint, ${districtId}::uuid, t, i
    FROM unnest(${records.map((r) => r.type)}::text[], ${records.map((r) => r.id)}::text[]) AS v(t, i)`.execute(
    db,
  )
}

/** The records named by the given entries, for the chain's verification. */
export function selectNamedRecords(db: Kysely<DB>, eventIds: readonly number[]) {
  if (eventIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('audit_event_record')
    .select(['audit_event_id', 'subject_type', 'subject_id'])
    .where('audit_event_id', 'in', [...eventIds])
    .execute()
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
  // A record is also found through the entries that name it among many (an import's batch).
  if (filter.subjectId) {
    const subjectId = filter.subjectId
    const subjectType = filter.subjectType
    query = query.where((eb) =>
      eb.or([
        eb.and([
          eb('a.subject_id', '=', subjectId),
          ...(subjectType ? [eb('a.subject_type', '=', subjectType)] : []),
        ]),
        eb(
          'a.id',
          'in',
          eb
            .selectFrom('audit_event_record as r')
            .select('r.audit_event_id')
            .where('r.subject_id', '=', subjectId)
            .$if(subjectType !== undefined, (q) => q.where('r.subject_type', '=', subjectType as string)),
        ),
      ]),
    )
  } else if (filter.subjectType) query = query.where('a.subject_type', '=', filter.subjectType)
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
  const types = [...new Set(subjectTypes)]
  const ids = [...new Set(subjectIds)]
  // Both lists, so that the (subject_type, subject_id) indexes answer instead of a scan of the
  // trail. An entry naming many records (an import's batch) counts as about the record it names.
  return db
    .selectFrom('audit_event')
    .select(['occurred_at', 'actor_id', 'actor_roles', 'action', 'outcome', 'subject_type', 'purpose'])
    .where('district_id', '=', districtId)
    .where((eb) =>
      eb.or([
        eb.and([eb('subject_type', 'in', types), eb('subject_id', 'in', ids)]),
        eb(
          'id',
          'in',
          eb
            .selectFrom('audit_event_record')
            .select('audit_event_id')
            .where('subject_type', 'in', types)
            .where('subject_id', 'in', ids),
        ),
      ]),
    )
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}
