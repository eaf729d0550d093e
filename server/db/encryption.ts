import {
  EncryptionKeyError,
  type Keyring,
  openBytes,
  openText,
  sealBytes,
  sealText,
} from '../platform/encryption.ts'
import type { Database } from './database.ts'
import { type EncryptedColumn, encryptedColumns } from './encrypted-columns.ts'
import {
  registerKeyIds,
  retireKeysExcept,
  selectKeyIdsInUse,
  selectKeyIdsUsed,
  selectValuesToSeal,
  updateSealedValue,
} from './encryption.queries.ts'

const batchSize = 500

export class WrongKeyError extends EncryptionKeyError {
  override name = 'WrongKeyError'
}

function missingKeysMessage(missing: readonly string[], keyring: Keyring): string {
  return (
    `This database holds values encrypted under key ${missing.join(', ')}, which the key ring ` +
    `(${keyring.source}) does not hold: a wrong or missing encryption key. Configure the key the data ` +
    'was written with (LOTSE_ENCRYPTION_KEY, LOTSE_ENCRYPTION_OLD_KEYS or LOTSE_ENCRYPTION_KEY_FILE; docs/encryption.md).'
  )
}

/**
 * At start: refuses a key ring that lacks a key the database uses (before anything is written under
 * a wrong key), then records the active key as in use.
 */
export async function checkKeyring(database: Database, keyring: Keyring): Promise<void> {
  const missing = (await selectKeyIdsInUse(database.ownerDb)).filter((id) => !keyring.keys.has(id))
  if (missing.length > 0) throw new WrongKeyError(missingKeysMessage(missing, keyring))
  await registerKeyIds(database.ownerDb, [keyring.active.id])
}

/** The key ids found in the data of every encrypted column (a full scan). */
export async function keyIdsInData(database: Database): Promise<string[]> {
  const ids = new Set<string>()
  for (const column of encryptedColumns) {
    for (const id of await selectKeyIdsUsed(database.ownerDb, column)) ids.add(id)
  }
  return [...ids].sort()
}

function reseal(column: EncryptedColumn, value: string | Buffer, keyring: Keyring): string | Buffer {
  if (column.kind === 'text') return sealText(openText(value as string, keyring), keyring)
  return sealBytes(openBytes(value as Buffer, keyring), keyring)
}

/** Seals the column's values not under the active key (or only the plain ones), a batch per transaction. */
async function sealColumn(
  database: Database,
  column: EncryptedColumn,
  keyring: Keyring,
  plainOnly: boolean,
): Promise<number> {
  let count = 0
  while (true) {
    const done = await database.ownerDb.transaction().execute(async (trx) => {
      const rows = await selectValuesToSeal(trx, column, {
        activeKeyId: keyring.active.id,
        plainOnly,
        limit: batchSize,
      })
      for (const row of rows)
        await updateSealedValue(trx, column, row.key, reseal(column, row.value, keyring))
      return rows.length
    })
    count += done
    if (done < batchSize) return count
  }
}

export type SealCounts = Record<string, number>

/**
 * Encrypts values still stored in plain text (written before encryption existed, or by a seed that
 * inserts directly). Idempotent; runs at every start and after a restore.
 */
export async function sealPlainValues(database: Database, keyring: Keyring): Promise<SealCounts> {
  const counts: SealCounts = {}
  for (const column of encryptedColumns) {
    const sealed = await sealColumn(database, column, keyring, true)
    if (sealed > 0) counts[`${column.table}.${column.column}`] = sealed
  }
  return counts
}

/**
 * Step 1 of a rotation, before anything changes: every key the data is encrypted under must be in
 * the old key ring. A wrong old key is refused here, with nothing changed.
 */
export async function checkRotation(database: Database, oldKeyring: Keyring): Promise<void> {
  const used = new Set([...(await selectKeyIdsInUse(database.ownerDb)), ...(await keyIdsInData(database))])
  const missing = [...used].filter((id) => !oldKeyring.keys.has(id))
  if (missing.length > 0)
    throw new WrongKeyError(`${missingKeysMessage(missing, oldKeyring)} Nothing was changed.`)
}

/**
 * Step 2: re-encrypts every value (and every plain one) under the new ring's active key, in
 * batches; the older keys stay in the ring until the last batch is done, so a rotation that stops
 * half-way leaves readable data and can simply be run again. Then the older keys are retired.
 */
export async function rotateValues(database: Database, newKeyring: Keyring): Promise<SealCounts> {
  await registerKeyIds(database.ownerDb, [newKeyring.active.id])
  const counts: SealCounts = {}
  for (const column of encryptedColumns) {
    counts[`${column.table}.${column.column}`] = await sealColumn(database, column, newKeyring, false)
  }
  await retireKeysExcept(database.ownerDb, newKeyring.active.id)
  return counts
}
