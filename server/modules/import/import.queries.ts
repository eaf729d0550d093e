import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { openBytes, sealBytes } from '../../platform/encryption.ts'

export type ImportJobRow = Awaited<ReturnType<typeof selectImport>>

export async function insertImport(
  trx: Transaction<DB>,
  row: {
    district_id: string
    file_name: string
    format: 'csv' | 'xlsx'
    encoding: string | null
    delimiter: string | null
    size_bytes: number
    sha256: string
    content: Buffer
    header_row: number
    headers: string[]
    created_by: string
    kind: 'cases' | 'counts'
  },
): Promise<string> {
  const { id } = await trx
    .insertInto('import_job')
    .values({ ...row, content: sealBytes(row.content), headers: JSON.stringify(row.headers) })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** An import of the district without its file's bytes. */
export function selectImport(db: Kysely<DB>, districtId: string, importId: string) {
  return db
    .selectFrom('import_job')
    .select([
      'id',
      'kind',
      'file_name',
      'format',
      'encoding',
      'delimiter',
      'header_row',
      'headers',
      'mapping',
      'case_manager_id',
      'status',
      'row_count',
      'imported',
      'rejected',
      'duplicates',
      'batches_done',
      'created_at',
      'version',
    ])
    .where('district_id', '=', districtId)
    .where('id', '=', importId)
    .executeTakeFirst()
}

export function selectImports(db: Kysely<DB>, districtId: string) {
  return db
    .selectFrom('import_job')
    .select(['id'])
    .where('district_id', '=', districtId)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute()
}

export async function selectImportContent(db: Kysely<DB>, importId: string): Promise<Buffer> {
  const row = await db
    .selectFrom('import_job')
    .select('content')
    .where('id', '=', importId)
    .executeTakeFirstOrThrow()
  return openBytes(row.content)
}

/** Locks the import's row for the rest of the transaction, so two runs never take the same batch. */
export function lockImport(trx: Transaction<DB>, importId: string) {
  return trx
    .selectFrom('import_job')
    .select([
      'status',
      'batches_done',
      'version',
      'district_id',
      'row_count',
      'imported',
      'rejected',
      'duplicates',
    ])
    .where('id', '=', importId)
    .forUpdate()
    .executeTakeFirst()
}

export async function updateImport(
  db: Kysely<DB>,
  importId: string,
  changes: {
    status?: string
    mapping?: Record<string, string>
    case_manager_id?: string | null
    encoding?: string | null
    delimiter?: string | null
    header_row?: number
    headers?: string[]
    row_count?: number
  },
): Promise<void> {
  const { mapping, headers, ...rest } = changes
  await db
    .updateTable('import_job')
    .set({
      ...rest,
      ...(mapping ? { mapping: JSON.stringify(mapping) } : {}),
      ...(headers ? { headers: JSON.stringify(headers) } : {}),
      updated_at: sql`now()`,
      version: sql`version + 1`,
    })
    .where('id', '=', importId)
    .execute()
}

/** Adds a batch's outcomes to the import's totals. */
export async function addToTotals(
  trx: Transaction<DB>,
  importId: string,
  totals: { imported: number; rejected: number; duplicates: number },
): Promise<void> {
  await trx
    .updateTable('import_job')
    .set({
      imported: sql`imported + ${totals.imported}`,
      rejected: sql`rejected + ${totals.rejected}`,
      duplicates: sql`duplicates + ${totals.duplicates}`,
      batches_done: sql`batches_done + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', importId)
    .execute()
}

/** A batch of staged rows as two arrays (unnest): one parameter per column, however many rows. */
export async function insertRows(
  trx: Transaction<DB>,
  districtId: string,
  importId: string,
  rows: readonly { rowNumber: number; cells: unknown[] }[],
): Promise<void> {
  if (rows.length === 0) return
  await sql`INSERT INTO import_row (import_id, district_id, row_number, cells)
    SELECT ${importId}::uuid, ${districtId}::uuid, n, c::jsonb
    FROM unnest(${rows.map((row) => row.rowNumber)}::int[], ${rows.map((row) => JSON.stringify(row.cells))}::text[]) AS r(n, c)`.execute(
    trx,
  )
}

/** The import with its file and staged rows (fingerprints and header mappings stay). */
export async function deleteImport(trx: Transaction<DB>, importId: string): Promise<void> {
  await trx.deleteFrom('import_row').where('import_id', '=', importId).execute()
  await trx.deleteFrom('import_job').where('id', '=', importId).execute()
}

export async function deleteRows(trx: Transaction<DB>, importId: string): Promise<void> {
  await trx.deleteFrom('import_row').where('import_id', '=', importId).execute()
}

/*
 * Every statement on an import's rows names the row numbers it touches (a window of them, or the
 * batch's own): then each batch reads only its rows whatever the planner believes of the table. A
 * staging table filled in one go has no statistics (PGlite never analyses; PostgreSQL's autovacuum
 * comes late), and with them missing the planner read all of the import's rows for every batch
 * (a bitmap scan and sort, or a hash join), so that the import slowed down with its size.
 */

/** The highest row number of the import (0 without rows): where a walk over its rows ends. */
export async function selectLastRowNumber(db: Kysely<DB>, importId: string): Promise<number> {
  const row = await db
    .selectFrom('import_row')
    .select((eb) => eb.fn.max('row_number').as('last'))
    .where('import_id', '=', importId)
    .executeTakeFirst()
  return Number(row?.last ?? 0)
}

/** The rows numbered after `afterRow` up to `afterRow + span`, in order (gaps are rows the file left empty). */
export function selectRowsAfter(db: Kysely<DB>, importId: string, afterRow: number, span: number) {
  return db
    .selectFrom('import_row')
    .select([
      'row_number',
      'cells',
      'state',
      'problems',
      'fingerprint',
      'match_person_id',
      'match_score',
      'match_decision',
    ])
    .where('import_id', '=', importId)
    .where('row_number', '>', afterRow)
    .where('row_number', '<=', afterRow + span)
    .orderBy('row_number')
    .execute()
}

export type RowCheck = {
  row_number: number
  state: string
  problems: unknown[]
  fingerprint: string | null
  match_person_id: string | null
  match_score: number | null
}

/** Writes the check of many rows in one statement. */
export async function updateRowChecks(
  trx: Transaction<DB> | Kysely<DB>,
  importId: string,
  checks: readonly RowCheck[],
) {
  if (checks.length === 0) return
  // Arrays, one parameter per column, not a VALUES list: a batch is one short statement.
  await sql`UPDATE import_row r SET state = v.state, problems = v.problems::jsonb, fingerprint = v.fingerprint,
      match_person_id = v.match_person_id, match_score = v.match_score,
      match_decision = CASE WHEN v.match_person_id IS DISTINCT FROM r.match_person_id THEN NULL ELSE r.match_decision END
    FROM unnest(${checks.map((c) => c.row_number)}::int[], ${checks.map((c) => c.state)}::text[],
      ${checks.map((c) => JSON.stringify(c.problems))}::text[], ${checks.map((c) => c.fingerprint)}::text[],
      ${checks.map((c) => c.match_person_id)}::uuid[], ${checks.map((c) => c.match_score)}::real[])
      AS v(row_number, state, problems, fingerprint, match_person_id, match_score)
    WHERE r.import_id = ${importId} AND r.row_number = v.row_number
      AND r.row_number = ANY(${checks.map((c) => c.row_number)}::int[])`.execute(trx)
}

/** Fingerprints among the given ones that the district imported before. */
export async function selectKnownFingerprints(
  db: Kysely<DB>,
  districtId: string,
  fingerprints: readonly string[],
): Promise<Set<string>> {
  if (fingerprints.length === 0) return new Set()
  const rows = await db
    .selectFrom('import_fingerprint')
    .select('fingerprint')
    .where('district_id', '=', districtId)
    .where('fingerprint', 'in', [...fingerprints])
    .execute()
  return new Set(rows.map((row) => row.fingerprint))
}

/** Serialises the district's import batches until the transaction ends (another import may hold the same rows). */
export async function lockDistrictImports(trx: Transaction<DB>, districtId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`import:${districtId}`}))`.execute(trx)
}

/**
 * Records the fingerprints of a batch's imported rows with the case each became. The batch holds
 * `lockDistrictImports` and has left out the fingerprints the district already has, so every one
 * is new (a fingerprint that is not breaks the primary key and fails the batch).
 */
export async function claimFingerprints(
  trx: Transaction<DB>,
  rows: readonly {
    district_id: string
    fingerprint: string
    import_id: string
    row_number: number
    case_id: string
  }[],
): Promise<void> {
  if (rows.length === 0) return
  await sql`
    INSERT INTO import_fingerprint (district_id, fingerprint, import_id, row_number, case_id)
    SELECT d, f, i, n, c FROM unnest(${rows.map((r) => r.district_id)}::uuid[], ${rows.map((r) => r.fingerprint)}::text[],
      ${rows.map((r) => r.import_id)}::uuid[], ${rows.map((r) => r.row_number)}::int[], ${rows.map((r) => r.case_id)}::uuid[])
      AS v(d, f, i, n, c)`.execute(trx)
}

export function countRowStates(db: Kysely<DB>, importId: string) {
  return db
    .selectFrom('import_row')
    .select([
      'state',
      sql<boolean>`match_decision IS NULL`.as('undecided'),
      sql<boolean>`outcome IS NULL`.as('pending'),
      db.fn.countAll<string>().as('count'),
    ])
    .where('import_id', '=', importId)
    .groupBy(['state', sql`match_decision IS NULL`, sql`outcome IS NULL`])
    .execute()
}

/**
 * The next rows the run has not reached after `afterRow`, among the next `4 × limit` row numbers,
 * locked so that a second run waits for them.
 */
export function selectPendingRows(trx: Transaction<DB>, importId: string, afterRow: number, limit: number) {
  return trx
    .selectFrom('import_row')
    .select(['row_number', 'state', 'problems', 'fingerprint', 'match_person_id', 'match_decision', 'cells'])
    .where('import_id', '=', importId)
    .where('outcome', 'is', null)
    .where('row_number', '>', afterRow)
    .where('row_number', '<=', afterRow + 4 * limit)
    .orderBy('row_number')
    .limit(limit)
    .forUpdate()
    .execute()
}

/** The first row after `afterRow` the run has not reached, or null when every row has its outcome. */
export async function selectFirstPendingRow(
  trx: Transaction<DB>,
  importId: string,
  afterRow: number,
): Promise<number | null> {
  const row = await trx
    .selectFrom('import_row')
    .select((eb) => eb.fn.min('row_number').as('first'))
    .where('import_id', '=', importId)
    .where('outcome', 'is', null)
    .where('row_number', '>', afterRow)
    .executeTakeFirst()
  return row?.first === null || row?.first === undefined ? null : Number(row.first)
}

export async function updateRowOutcomes(
  trx: Transaction<DB>,
  importId: string,
  outcomes: readonly {
    row_number: number
    outcome: string
    reason: string | null
    batch: number
    person_id: string | null
    case_id: string | null
  }[],
): Promise<void> {
  if (outcomes.length === 0) return
  await sql`UPDATE import_row r SET outcome = v.outcome, reason = v.reason, batch = v.batch,
      person_id = v.person_id, case_id = v.case_id
    FROM unnest(${outcomes.map((o) => o.row_number)}::int[], ${outcomes.map((o) => o.outcome)}::text[],
      ${outcomes.map((o) => o.reason)}::text[], ${outcomes.map((o) => o.batch)}::int[],
      ${outcomes.map((o) => o.person_id)}::uuid[], ${outcomes.map((o) => o.case_id)}::uuid[])
      AS v(row_number, outcome, reason, batch, person_id, case_id)
    WHERE r.import_id = ${importId} AND r.row_number = v.row_number
      AND r.row_number = ANY(${outcomes.map((o) => o.row_number)}::int[])`.execute(trx)
}

export async function setMatchDecision(
  db: Kysely<DB>,
  importId: string,
  rowNumber: number,
  decision: 'same' | 'other',
): Promise<boolean> {
  const result = await db
    .updateTable('import_row')
    .set({ match_decision: decision })
    .where('import_id', '=', importId)
    .where('row_number', '=', rowNumber)
    .where('state', '=', 'match')
    .where('outcome', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function selectRowPage(
  db: Kysely<DB>,
  importId: string,
  options: { problemsOnly: boolean; offset: number; limit: number },
) {
  let query = db.selectFrom('import_row').where('import_id', '=', importId)
  if (options.problemsOnly)
    query = query.where((eb) =>
      eb.or([
        eb('state', 'in', ['invalid', 'duplicate', 'match']),
        eb(sql`jsonb_array_length(problems)`, '>', 0),
        eb('outcome', 'in', ['rejected', 'duplicate']),
      ]),
    )
  const [rows, total] = await Promise.all([
    query
      .select([
        'row_number',
        'cells',
        'state',
        'problems',
        'match_score',
        'match_decision',
        'outcome',
        'reason',
      ])
      .orderBy('row_number')
      .offset(options.offset)
      .limit(options.limit)
      .execute(),
    query.select(db.fn.countAll<string>().as('count')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.count) }
}

/** Rows that ended rejected or as duplicates, for the error report, numbered after `afterRow` up to `afterRow + span`. */
export function selectUnimportedRows(db: Kysely<DB>, importId: string, afterRow: number, span: number) {
  return db
    .selectFrom('import_row')
    .select(['row_number', 'cells', 'problems', 'outcome', 'reason'])
    .where('import_id', '=', importId)
    .where('outcome', 'in', ['rejected', 'duplicate'])
    .where('row_number', '>', afterRow)
    .where('row_number', '<=', afterRow + span)
    .orderBy('row_number')
    .execute()
}

export async function selectSavedMapping(db: Kysely<DB>, districtId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('import_header_mapping')
    .select(['header', 'field'])
    .where('district_id', '=', districtId)
    .execute()
  return new Map(rows.map((row) => [row.header, row.field]))
}

export async function saveHeaderMapping(
  db: Kysely<DB>,
  districtId: string,
  entries: readonly { header: string; field: string }[],
): Promise<void> {
  if (entries.length === 0) return
  await db
    .insertInto('import_header_mapping')
    .values(entries.map((entry) => ({ district_id: districtId, header: entry.header, field: entry.field })))
    .onConflict((conflict) =>
      conflict
        .columns(['district_id', 'header'])
        .doUpdateSet({ field: (eb) => eb.ref('excluded.field'), updated_at: sql`now()` }),
    )
    .execute()
}

// ---- Monthly counts (migration 0040, decision 0027) ----

export type TallyRow = {
  id: string
  month: string
  municipality_id: string
  team_id: string | null
  domain: string | null
  contacts: number | null
  persons: number | null
  short_consultations: number | null
  cases_new: number | null
  cases_closed: number | null
}

const tallyColumns = sql`id, to_char(month, 'YYYY-MM-DD') AS month, municipality_id, team_id, domain,
  contacts, persons, short_consultations, cases_new, cases_closed`

type TallyKey = { month: string; municipalityId: string; teamId: string | null; domain: string | null }

const talliesByKey = (
  districtId: string,
  keys: readonly TallyKey[],
) => sql`SELECT ${tallyColumns} FROM imported_month_tally t
    WHERE t.district_id = ${districtId} AND (t.month, t.municipality_id, coalesce(t.team_id::text, ''), coalesce(t.domain, '')) IN (
      SELECT m, u, coalesce(tm, ''), coalesce(d, '') FROM unnest(${keys.map((k) => k.month)}::date[], ${keys.map((k) => k.municipalityId)}::uuid[],
        ${keys.map((k) => k.teamId)}::text[], ${keys.map((k) => k.domain)}::text[]) AS v(m, u, tm, d))`

/** The district's tallies with one of the keys (month, municipality, team, domain). */
export async function selectTalliesByKey(
  db: Kysely<DB>,
  districtId: string,
  keys: readonly TallyKey[],
): Promise<TallyRow[]> {
  if (keys.length === 0) return []
  return (await sql<TallyRow>`${talliesByKey(districtId, keys)}`.execute(db)).rows
}

/** The same, locked for the rest of the run's batch: two runs never write one tally at once. */
export async function lockTalliesByKey(
  trx: Transaction<DB>,
  districtId: string,
  keys: readonly TallyKey[],
): Promise<TallyRow[]> {
  if (keys.length === 0) return []
  return (await sql<TallyRow>`${talliesByKey(districtId, keys)} FOR UPDATE`.execute(trx)).rows
}

export type TallyInsert = {
  month: string
  municipalityId: string
  teamId: string | null
  domain: string | null
  contacts: number | null
  persons: number | null
  shortConsultations: number | null
  casesNew: number | null
  casesClosed: number | null
  rowNumber: number
}

const tallyArrays = (rows: readonly TallyInsert[]) => sql`unnest(
    ${rows.map((r) => r.month)}::date[], ${rows.map((r) => r.municipalityId)}::uuid[], ${rows.map((r) => r.teamId)}::uuid[],
    ${rows.map((r) => r.domain)}::text[], ${rows.map((r) => r.contacts)}::int[], ${rows.map((r) => r.persons)}::int[],
    ${rows.map((r) => r.shortConsultations)}::int[], ${rows.map((r) => r.casesNew)}::int[], ${rows.map((r) => r.casesClosed)}::int[],
    ${rows.map((r) => r.rowNumber)}::int[])
    AS v(month, municipality_id, team_id, domain, contacts, persons, short_consultations, cases_new, cases_closed, row_number)`

export async function insertTallies(
  trx: Transaction<DB>,
  districtId: string,
  importId: string,
  rows: readonly TallyInsert[],
): Promise<void> {
  if (rows.length === 0) return
  await sql`INSERT INTO imported_month_tally (district_id, import_id, month, municipality_id, team_id, domain,
      contacts, persons, short_consultations, cases_new, cases_closed, row_number)
    SELECT ${districtId}::uuid, ${importId}::uuid, month, municipality_id, team_id, domain,
      contacts, persons, short_consultations, cases_new, cases_closed, row_number
    FROM ${tallyArrays(rows)}`.execute(trx)
}

/** Replaces the counts of existing tallies (by id); the import that changed them is noted. */
export async function replaceTallies(
  trx: Transaction<DB>,
  districtId: string,
  importId: string,
  rows: readonly (TallyInsert & { id: string })[],
): Promise<void> {
  if (rows.length === 0) return
  await sql`UPDATE imported_month_tally t SET contacts = v.contacts, persons = v.persons,
      short_consultations = v.short_consultations, cases_new = v.cases_new, cases_closed = v.cases_closed,
      import_id = ${importId}::uuid, row_number = v.row_number, updated_at = now()
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.contacts)}::int[], ${rows.map((r) => r.persons)}::int[],
      ${rows.map((r) => r.shortConsultations)}::int[], ${rows.map((r) => r.casesNew)}::int[], ${rows.map((r) => r.casesClosed)}::int[],
      ${rows.map((r) => r.rowNumber)}::int[])
      AS v(id, contacts, persons, short_consultations, cases_new, cases_closed, row_number)
    WHERE t.district_id = ${districtId} AND t.id = v.id`.execute(trx)
}

/** The district's tallies of the months from `fromMonth` to `toMonth` (first days), for the figures. */
export async function selectTalliesBetween(
  db: Kysely<DB>,
  districtId: string,
  fromMonth: string,
  toMonth: string,
): Promise<TallyRow[]> {
  if (fromMonth > toMonth) return []
  const result = await sql<TallyRow>`SELECT ${tallyColumns} FROM imported_month_tally
    WHERE district_id = ${districtId} AND month BETWEEN ${fromMonth}::date AND ${toMonth}::date`.execute(db)
  return result.rows
}
