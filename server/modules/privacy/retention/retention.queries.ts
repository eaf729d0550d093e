import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'

export function selectRetentionRules(db: Kysely<DB>, districtId: string) {
  return db
    .selectFrom('retention_rule')
    .select(['record_kind', 'start_event', 'period_months', 'action', 'version'])
    .where('district_id', '=', districtId)
    .execute()
}

/** The version of the district's rule set: the highest of its rows, 0 while it has none. */
export async function lockRuleSetVersion(trx: Transaction<DB>, districtId: string): Promise<number> {
  // The district's run row serialises concurrent saves of the rule set (rules may not exist yet).
  await trx
    .insertInto('retention_run')
    .values({ district_id: districtId })
    .onConflict((conflict) => conflict.column('district_id').doNothing())
    .execute()
  await trx
    .selectFrom('retention_run')
    .select('district_id')
    .where('district_id', '=', districtId)
    .forUpdate()
    .execute()
  const row = await trx
    .selectFrom('retention_rule')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('district_id', '=', districtId)
    .executeTakeFirst()
  return Number(row?.version ?? 0)
}

export async function upsertRetentionRule(
  trx: Transaction<DB>,
  districtId: string,
  rule: { record_kind: string; start_event: string; period_months: number; action: string },
  version: number,
  userId: string,
): Promise<void> {
  const values = { ...rule, version, updated_by: userId, updated_at: sql<string>`now()` }
  await trx
    .insertInto('retention_rule')
    .values({ district_id: districtId, ...values })
    .onConflict((conflict) => conflict.columns(['district_id', 'record_kind']).doUpdateSet(values))
    .execute()
}

export function selectLastRun(db: Kysely<DB>, districtId: string) {
  return db
    .selectFrom('retention_run')
    .select(['last_run_on', 'last_run_at', 'last_counts'])
    .where('district_id', '=', districtId)
    .executeTakeFirst()
}

export async function ensureRunRows(db: Kysely<DB>, districtIds: readonly string[]): Promise<void> {
  if (districtIds.length === 0) return
  await db
    .insertInto('retention_run')
    .values(districtIds.map((districtId) => ({ district_id: districtId })))
    .onConflict((conflict) => conflict.column('district_id').doNothing())
    .execute()
}

/**
 * The lease: the district's run row, locked for this transaction unless another node holds it
 * (then undefined, and that node does the work), and only if the district was not done today.
 */
export function leaseDistrictRun(trx: Transaction<DB>, districtId: string, today: string) {
  return trx
    .selectFrom('retention_run')
    .select(['district_id', 'last_run_on'])
    .where('district_id', '=', districtId)
    .where((eb) => eb.or([eb('last_run_on', 'is', null), eb('last_run_on', '<', today)]))
    .forUpdate()
    .skipLocked()
    .executeTakeFirst()
}

export async function markDistrictRun(
  trx: Transaction<DB>,
  districtId: string,
  today: string,
  at: string,
  counts: Record<string, number>,
): Promise<void> {
  await trx
    .updateTable('retention_run')
    .set({ last_run_on: today, last_run_at: at, last_counts: JSON.stringify(counts) })
    .where('district_id', '=', districtId)
    .execute()
}

/** Case ids under an active legal hold, among the given ones (all of the district's when omitted). */
export async function selectHeldCaseIds(
  db: Kysely<DB>,
  districtId: string,
  caseIds?: readonly string[],
): Promise<Set<string>> {
  if (caseIds && caseIds.length === 0) return new Set()
  let query = db
    .selectFrom('legal_hold')
    .select('case_id')
    .where('district_id', '=', districtId)
    .where('lifted_at', 'is', null)
  if (caseIds) query = query.where('case_id', 'in', caseIds)
  const rows = await query.execute()
  return new Set(rows.map((row) => row.case_id))
}

export function selectLegalHolds(db: Kysely<DB>, districtId: string) {
  return db
    .selectFrom('legal_hold')
    .selectAll()
    .where('district_id', '=', districtId)
    .orderBy((eb) => eb.case().when('lifted_at', 'is', null).then(0).else(1).end())
    .orderBy('set_at', 'desc')
    .limit(500)
    .execute()
}

export function selectLegalHold(db: Kysely<DB>, holdId: string) {
  return db.selectFrom('legal_hold').selectAll().where('id', '=', holdId).executeTakeFirst()
}

export async function insertLegalHold(
  trx: Transaction<DB>,
  values: { district_id: string; case_id: string; reason: string; set_by: string },
): Promise<string | undefined> {
  const row = await trx
    .insertInto('legal_hold')
    .values(values)
    .onConflict((conflict) => conflict.column('case_id').where('lifted_at', 'is', null).doNothing())
    .returning('id')
    .executeTakeFirst()
  return row?.id
}

export async function liftLegalHold(
  trx: Transaction<DB>,
  holdId: string,
  values: { lifted_by: string; lift_reason: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('legal_hold')
    .set({ ...values, lifted_at: sql<string>`now()` })
    .where('id', '=', holdId)
    .where('lifted_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function insertLedgerEntries(
  trx: Transaction<DB>,
  entries: readonly {
    district_id: string
    record_kind: string
    id_hash: string
    action: string
    rule: string
    erased_on: string
  }[],
): Promise<void> {
  if (entries.length === 0) return
  await trx
    .insertInto('erasure_ledger')
    .values([...entries])
    .onConflict((conflict) => conflict.columns(['district_id', 'record_kind', 'id_hash']).doNothing())
    .execute()
}

export function selectLedger(db: Kysely<DB>, districtIds: readonly string[]) {
  if (districtIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('erasure_ledger')
    .select(['district_id', 'record_kind', 'id_hash', 'action', 'rule', 'erased_on'])
    .where('district_id', 'in', districtIds)
    .orderBy('id')
    .execute()
}

export function selectAllLedger(db: Kysely<DB>) {
  return db
    .selectFrom('erasure_ledger')
    .select(['district_id', 'record_kind', 'id_hash', 'action', 'rule', 'erased_on'])
    .orderBy('id')
    .execute()
}
