import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from './schema.ts'

/** Tables that hold no data worth restoring (schema bookkeeping, short-lived state). */
export const tablesNotBackedUp = new Set([
  'lotse_migration',
  'session',
  'login_throttle',
  'installation_secret',
  // Key ids of this database's encryption (decision 0020): a backup names its own in the header.
  'encryption_key',
  // Bookkeeping of the matcher: which rule version computed the stored keys (see restoreBackup).
  'matching_key_version',
  // The erasure ledger must outlive a backup, not travel with it: restored, it would stand for the
  // erasures before the backup only; kept in the database (or exported with `lotse erasure-ledger
  // export`), it is replayed after the restore (privacy module, decision 0018).
  'erasure_ledger',
  // Figures kept by triggers from the contacts, cases and goals (migrations 0026, 0032, 0038, 0045;
  // decisions 0015, 0024, 0034): derived data, counted afresh from the restored rows (rebuildKeptFigures).
  'contact_day_figure',
  'person_counselled_figure',
  'person_month_count',
  'person_month_previous_count',
  'person_day_neighbour_count',
  'case_plan_figure',
  // The one-word search's codes of a case (migration 0042, decision 0029): written by the case's
  // trigger from client_case.name_codes as the restored cases are inserted.
  'case_name_code',
])

/**
 * The restored rows were inserted in the order of their foreign keys, so the triggers that keep the
 * figures saw contacts before every case they belong to was complete: count the districts afresh.
 * lotse_rebuild_figures recounts the contact day cells, the person rows, the persons per month and,
 * since migration 0038, the persons per month by the month before (person_month_previous_count),
 * since 0045 the persons per contact day by their day before and after (person_day_neighbour_count).
 */
export async function rebuildKeptFigures(
  trx: Transaction<DB>,
  districtIds: readonly string[],
): Promise<void> {
  for (const districtId of districtIds) {
    await sql`SELECT lotse_rebuild_figures(${districtId}::uuid), lotse_rebuild_plan_figures(${districtId}::uuid)`.execute(
      trx,
    )
  }
}

/**
 * Restored persons bring keys computed by whichever rules the backup's server ran: mark the stored
 * keys as of unknown version, so that the next start computes them again with its own rules.
 */
export async function markMatchKeysUnknown(trx: Transaction<DB>): Promise<void> {
  await sql`UPDATE matching_key_version SET version = 0, refreshed_at = NULL`.execute(trx)
}

export type TableInfo = {
  name: string
  scope: 'district-root' | 'district' | 'global'
  columns: string[]
  primaryKey: string[]
  dependsOn: string[]
}

/** Reads the public tables with their insertable columns, primary keys and foreign keys. */
export async function describeTables(db: Kysely<DB>): Promise<TableInfo[]> {
  const columns = await sql<{ table_name: string; column_name: string; is_generated: string }>`
    SELECT table_name, column_name, is_generated
    FROM information_schema.columns
    WHERE table_schema = 'public'
    ORDER BY table_name, ordinal_position`.execute(db)
  const keys = await sql<{ table_name: string; column_name: string }>`
    SELECT tc.table_name, kcu.column_name
    FROM information_schema.table_constraints tc
    JOIN information_schema.key_column_usage kcu
      ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
    WHERE tc.table_schema = 'public' AND tc.constraint_type = 'PRIMARY KEY'
    ORDER BY tc.table_name, kcu.ordinal_position`.execute(db)
  const foreignKeys = await sql<{ table_name: string; referenced: string }>`
    SELECT DISTINCT cl.relname AS table_name, ref.relname AS referenced
    FROM pg_constraint con
    JOIN pg_class cl ON cl.oid = con.conrelid
    JOIN pg_class ref ON ref.oid = con.confrelid
    JOIN pg_namespace ns ON ns.oid = cl.relnamespace
    WHERE con.contype = 'f' AND ns.nspname = 'public'`.execute(db)
  const baseTables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(db)

  return baseTables.rows
    .map((row) => row.table_name)
    .filter((name) => !tablesNotBackedUp.has(name))
    .sort()
    .map((name) => {
      const tableColumns = columns.rows.filter((c) => c.table_name === name)
      const names = tableColumns.map((c) => c.column_name)
      const scope: TableInfo['scope'] =
        name === 'district' ? 'district-root' : names.includes('district_id') ? 'district' : 'global'
      return {
        name,
        scope,
        columns: tableColumns.filter((c) => c.is_generated !== 'ALWAYS').map((c) => c.column_name),
        primaryKey: keys.rows.filter((k) => k.table_name === name).map((k) => k.column_name),
        dependsOn: foreignKeys.rows
          .filter((f) => f.table_name === name && f.referenced !== name)
          .map((f) => f.referenced),
      }
    })
}

export async function districtIdsByCode(
  db: Kysely<DB>,
  codes: string[] | undefined,
): Promise<{ id: string; code: string }[]> {
  let query = db.selectFrom('district').select(['id', 'code']).orderBy('code')
  if (codes) query = query.where('code', 'in', codes.length > 0 ? codes : [''])
  return query.execute()
}

/** Streams a table's rows as JSON text through a cursor, in primary-key order. */
export async function* readTableRows(
  trx: Transaction<DB>,
  table: TableInfo,
  districtIds: string[] | undefined,
  batchSize = 2000,
): AsyncGenerator<string[]> {
  const order = table.primaryKey.length > 0 ? table.primaryKey : table.columns
  const orderSql = sql.join(order.map((column) => sql.ref(`t.${column}`)))
  const filter =
    districtIds === undefined
      ? sql`TRUE`
      : table.scope === 'district-root'
        ? sql`t.id = ANY(${districtIds}::uuid[])`
        : sql`t.district_id = ANY(${districtIds}::uuid[])`
  const cursor = `backup_${table.name}`
  await sql`DECLARE ${sql.id(cursor)} NO SCROLL CURSOR FOR
    SELECT row_to_json(t)::text AS json FROM ${sql.table(table.name)} AS t WHERE ${filter} ORDER BY ${orderSql}`.execute(
    trx,
  )
  try {
    while (true) {
      const batch = await sql<{ json: string }>`FETCH ${sql.lit(batchSize)} FROM ${sql.id(cursor)}`.execute(
        trx,
      )
      if (batch.rows.length === 0) break
      yield batch.rows.map((row) => row.json)
    }
  } finally {
    await sql`CLOSE ${sql.id(cursor)}`.execute(trx)
  }
}

export async function insertJsonRows(trx: Transaction<DB>, table: TableInfo, rows: unknown[]): Promise<void> {
  const columnList = sql.join(table.columns.map((column) => sql.id(column)))
  await sql`INSERT INTO ${sql.table(table.name)} (${columnList}) OVERRIDING SYSTEM VALUE
    SELECT ${columnList} FROM json_populate_recordset(NULL::${sql.table(table.name)}, ${JSON.stringify(rows)}::json)`.execute(
    trx,
  )
}

/** Moves serial and identity sequences past the restored ids. */
export async function resetSequences(trx: Transaction<DB>, table: TableInfo): Promise<void> {
  for (const column of table.columns) {
    const sequence = await sql<{ name: string | null }>`
      SELECT pg_get_serial_sequence(${table.name}, ${column}) AS name`.execute(trx)
    const name = sequence.rows[0]?.name
    if (!name) continue
    await sql`SELECT setval(${name}, GREATEST((SELECT max(${sql.ref(column)}) FROM ${sql.table(table.name)}), 1))`.execute(
      trx,
    )
  }
}

/** Exports speak UTC so that the same data gives the same text on every server. */
export async function useUtc(trx: Transaction<DB>): Promise<void> {
  await sql`SET LOCAL TimeZone = 'UTC'`.execute(trx)
}

/** A content hash of a whole table, independent of physical row order. */
export async function tableFingerprint(
  db: Kysely<DB>,
  table: string,
): Promise<{ rows: number; md5: string }> {
  return db.transaction().execute(async (trx) => {
    await useUtc(trx)
    const result = await sql<{ rows: number; md5: string | null }>`
      SELECT count(*)::int AS rows, md5(string_agg(j, E'\n' ORDER BY j)) AS md5
      FROM (SELECT row_to_json(t)::text AS j FROM ${sql.table(table)} AS t) AS s`.execute(trx)
    const row = result.rows[0]
    return { rows: row?.rows ?? 0, md5: row?.md5 ?? '' }
  })
}
