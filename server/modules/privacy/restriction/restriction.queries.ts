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
