import { sql, type Transaction } from 'kysely'
import type { DB } from './schema.ts'

/**
 * Inserts many rows in one statement with one parameter: the rows as a JSON array, read by
 * `json_populate_recordset` into the table's own column types (arrays from JSON arrays, jsonb as
 * given, dates and times from their ISO text). A multi-row VALUES list takes a parameter per cell
 * (12,000 for 500 persons), which PGlite parses slowly; this is one short statement. The columns
 * are those of the first row; each row must have them all. Values must survive JSON: no Buffers,
 * and a jsonb column takes the value itself, not its JSON text.
 */
export async function insertJsonRows(
  trx: Transaction<DB>,
  table: keyof DB & string,
  rows: readonly Record<string, unknown>[],
  options: { onConflictDoNothing?: boolean } = {},
): Promise<void> {
  const [first] = rows
  if (!first) return
  const columns = sql.join(Object.keys(first).map((column) => sql.ref(column)))
  await sql`INSERT INTO ${sql.table(table)} (${columns})
    SELECT ${columns} FROM json_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(rows)}::json)
    ${options.onConflictDoNothing ? sql`ON CONFLICT DO NOTHING` : sql``}`.execute(trx)
}
