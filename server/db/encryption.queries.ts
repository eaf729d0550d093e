import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely'
import { BYTES_MAGIC, TEXT_PREFIX } from '../platform/encryption.ts'
import type { EncryptedColumn } from './encrypted-columns.ts'
import type { DB } from './schema.ts'

const magicLength = BYTES_MAGIC.length

/** True for values that are an envelope under the key (any key when undefined). */
function sealedUnder(column: EncryptedColumn, keyId: string | undefined): RawBuilder<boolean> {
  const ref = sql.ref(column.column)
  if (column.kind === 'text') return sql<boolean>`${ref} LIKE ${`${TEXT_PREFIX}${keyId ?? ''}%`}`
  const prefix = keyId
    ? Buffer.concat([BYTES_MAGIC, Buffer.from([keyId.length]), Buffer.from(keyId, 'ascii')])
    : BYTES_MAGIC
  return sql<boolean>`substring(${ref} from 1 for ${prefix.length}) = ${prefix}`
}

/** A value worth encrypting: present and, for text, not empty. */
function present(column: EncryptedColumn): RawBuilder<boolean> {
  const ref = sql.ref(column.column)
  return column.kind === 'text'
    ? sql<boolean>`${ref} IS NOT NULL AND ${ref} <> ''`
    : sql<boolean>`${ref} IS NOT NULL`
}

export type StoredValue = { key: string[]; value: string | Buffer }

/**
 * Up to `limit` rows whose value is not yet sealed under the given key (or, with `plainOnly`, not
 * sealed at all), locked for the caller's transaction.
 */
export async function selectValuesToSeal(
  db: Transaction<DB>,
  column: EncryptedColumn,
  options: { activeKeyId: string; plainOnly: boolean; limit: number },
): Promise<StoredValue[]> {
  const keyList = sql.join(column.primaryKey.map((key) => sql`${sql.ref(key)}::text`))
  const notSealed = options.plainOnly
    ? sql`NOT ${sealedUnder(column, undefined)}`
    : sql`NOT ${sealedUnder(column, options.activeKeyId)}`
  const result = await sql<{ key: string[]; value: string | Buffer }>`
    SELECT ARRAY[${keyList}] AS key, ${sql.ref(column.column)} AS value
    FROM ${sql.table(column.table)}
    WHERE ${present(column)} AND ${notSealed}
    LIMIT ${options.limit}
    FOR UPDATE`.execute(db)
  return result.rows
}

export async function updateSealedValue(
  db: Kysely<DB>,
  column: EncryptedColumn,
  key: readonly string[],
  value: string | Buffer,
): Promise<void> {
  const match = sql.join(
    column.primaryKey.map((name, index) => sql`${sql.ref(name)}::text = ${key[index]}`),
    sql` AND `,
  )
  await sql`UPDATE ${sql.table(column.table)} SET ${sql.ref(column.column)} = ${value} WHERE ${match}`.execute(
    db,
  )
}

/** The key ids the column's envelopes name, read from the data itself (a full scan: for rotation only). */
export async function selectKeyIdsUsed(db: Kysely<DB>, column: EncryptedColumn): Promise<string[]> {
  const ref = sql.ref(column.column)
  const id =
    column.kind === 'text'
      ? sql`split_part(substr(${ref}, ${TEXT_PREFIX.length + 1}), ':', 1)`
      : sql`encode(substring(${ref} from ${magicLength + 2} for get_byte(${ref}, ${magicLength})), 'escape')`
  const result = await sql<{ id: string }>`
    SELECT DISTINCT ${id} AS id FROM ${sql.table(column.table)}
    WHERE ${present(column)} AND ${sealedUnder(column, undefined)}`.execute(db)
  return result.rows.map((row) => row.id)
}

/** Key ids that may have values in this database: used and not retired. */
export async function selectKeyIdsInUse(db: Kysely<DB>): Promise<string[]> {
  const rows = await db
    .selectFrom('encryption_key')
    .select('key_id')
    .where('retired_at', 'is', null)
    .orderBy('first_used_at')
    .execute()
  return rows.map((row) => row.key_id)
}

/** Records that values may be encrypted under the key from now on (again, if it was retired). */
export async function registerKeyIds(db: Kysely<DB>, keyIds: readonly string[]): Promise<void> {
  if (keyIds.length === 0) return
  await db
    .insertInto('encryption_key')
    .values(keyIds.map((key_id) => ({ key_id })))
    .onConflict((oc) => oc.column('key_id').doUpdateSet({ retired_at: null }))
    .execute()
}

/** Marks every key but the active one retired: no value is encrypted under them any more. */
export async function retireKeysExcept(db: Kysely<DB>, activeKeyId: string): Promise<void> {
  await db
    .updateTable('encryption_key')
    .set({ retired_at: sql`now()` })
    .where('key_id', '<>', activeKeyId)
    .where('retired_at', 'is', null)
    .execute()
}
