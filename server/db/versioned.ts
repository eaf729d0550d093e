import { type Kysely, sql, type UpdateObject } from 'kysely'
import type { DB } from './schema.ts'

/** Tables whose rows carry a version for optimistic concurrency (If-Match). */
export type VersionedTable =
  | 'app_user'
  | 'team'
  | 'organisation'
  | 'person'
  | 'client_case'
  | 'goal'
  | 'measure'
  | 'task'

type AnyVersionedRow = { id: string; version: number; updated_at: string } & Record<string, unknown>

/**
 * Updates a row only while its version still matches and counts the version up; answers false
 * when the row is stale or not there. `scope` narrows which row counts (its district, its case,
 * not merged away), so a stale or foreign id never changes anything.
 */
export async function updateIfVersion<T extends VersionedTable>(
  db: Kysely<DB>,
  table: T,
  id: string,
  expectedVersion: number,
  changes: UpdateObject<DB, T>,
  scope: Record<string, string | null> = {},
): Promise<boolean> {
  let query = (db as unknown as Kysely<Record<VersionedTable, AnyVersionedRow>>)
    .updateTable(table as VersionedTable)
    .set({ ...(changes as Record<string, unknown>), version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
  for (const [column, value] of Object.entries(scope)) {
    query = value === null ? query.where(column, 'is', null) : query.where(column, '=', value)
  }
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
