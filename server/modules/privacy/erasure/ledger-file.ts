import { readFile, writeFile } from 'node:fs/promises'
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'
import { recordAudit } from '../../audit/index.ts'
import { insertLedgerEntries, selectAllLedger } from '../retention/retention.queries.ts'
import { type ErasureCounts, replayLedger } from './erase.ts'

type LedgerLine = {
  districtId: string
  recordKind: string
  idHash: string
  action: string
  rule: string
  erasedOn: string
}

const hashPattern = /^[0-9a-f]{64}$/

export class LedgerFileError extends Error {
  override name = 'LedgerFileError'
}

/**
 * Writes the whole erasure ledger as JSON lines. It holds no personal data, so it can be kept
 * beside the backups: restoring a backup into a new database with this file erases again what
 * was erased after the backup was made.
 */
export async function exportLedger(db: Kysely<DB>, file: string): Promise<number> {
  const rows = await selectAllLedger(db)
  const lines = rows.map((row) =>
    JSON.stringify({
      districtId: row.district_id,
      recordKind: row.record_kind,
      idHash: row.id_hash,
      action: row.action,
      rule: row.rule,
      erasedOn:
        typeof row.erased_on === 'string'
          ? row.erased_on
          : new Date(row.erased_on).toISOString().slice(0, 10),
    } satisfies LedgerLine),
  )
  await writeFile(file, lines.map((line) => `${line}\n`).join(''), { mode: 0o600 })
  return rows.length
}

function parseLine(line: string, index: number): LedgerLine {
  let value: Partial<LedgerLine>
  try {
    value = JSON.parse(line) as Partial<LedgerLine>
  } catch {
    throw new LedgerFileError(`line ${index + 1} of the erasure ledger is not JSON`)
  }
  const ok =
    typeof value.districtId === 'string' &&
    (value.recordKind === 'person' || value.recordKind === 'case') &&
    typeof value.idHash === 'string' &&
    hashPattern.test(value.idHash) &&
    (value.action === 'delete' || value.action === 'anonymise') &&
    typeof value.rule === 'string' &&
    typeof value.erasedOn === 'string'
  if (!ok) throw new LedgerFileError(`line ${index + 1} of the erasure ledger is not a ledger entry`)
  return value as LedgerLine
}

/** Adds the entries of a ledger file (those already known are skipped). */
export async function importLedger(trx: Transaction<DB>, file: string): Promise<number> {
  const text = await readFile(file, 'utf8')
  const entries = text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map(parseLine)
  await insertLedgerEntries(
    trx,
    entries.map((entry) => ({
      district_id: entry.districtId,
      record_kind: entry.recordKind,
      id_hash: entry.idHash,
      action: entry.action,
      rule: entry.rule,
      erased_on: entry.erasedOn,
    })),
  )
  return entries.length
}

/**
 * The restore's last step, in its transaction: the ledger (the database's own, plus a ledger file
 * if one is given) is replayed on the restored districts, so erased persons do not come back.
 */
export async function replayAfterRestore(
  trx: Transaction<DB>,
  districtIds: readonly string[],
  options: { ledgerFile?: string; now: Date },
): Promise<ErasureCounts> {
  if (options.ledgerFile) await importLedger(trx, options.ledgerFile)
  const counts = await replayLedger(trx, districtIds, options.now.toISOString())
  for (const districtId of districtIds)
    await recordAudit(trx, {
      districtId,
      actorId: null,
      action: 'erasure.replay',
      subjectType: 'district',
      subjectId: districtId,
      purpose: `cases=${counts.casesAnonymised} persons-anonymised=${counts.personsAnonymised} persons-deleted=${counts.personsDeleted}`,
    })
  return counts
}
