import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'

export function insertRestrictionDecision(
  trx: Transaction<DB>,
  row: { districtId: string; personId: string; restricted: boolean; reason: string; decidedBy: string },
) {
  return trx
    .insertInto('processing_restriction')
    .values({
      district_id: row.districtId,
      person_id: row.personId,
      restricted: row.restricted,
      reason: row.reason,
      decided_by: row.decidedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export function selectRestrictionDecisions(db: Kysely<DB>, districtId: string, personId: string) {
  return db
    .selectFrom('processing_restriction')
    .selectAll()
    .where('district_id', '=', districtId)
    .where('person_id', '=', personId)
    .orderBy('decided_at')
    .execute()
}

/**
 * Erasure reaches the restriction history too: a deleted person's decisions go with them, an
 * anonymised person's keep the fact and the day but lose the reason, which may describe them.
 */
export async function eraseRestrictionHistory(
  trx: Transaction<DB>,
  districtId: string,
  persons: { deleteIds: readonly string[]; anonymiseIds: readonly string[] },
): Promise<void> {
  if (persons.deleteIds.length > 0) {
    await trx
      .deleteFrom('processing_restriction')
      .where('district_id', '=', districtId)
      .where('person_id', 'in', persons.deleteIds)
      .execute()
  }
  if (persons.anonymiseIds.length > 0) {
    await trx
      .updateTable('processing_restriction')
      .set({ reason: '–' })
      .where('district_id', '=', districtId)
      .where('person_id', 'in', persons.anonymiseIds)
      .execute()
  }
}
