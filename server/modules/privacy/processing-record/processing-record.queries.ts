import type { Kysely, Transaction } from 'kysely'
import { sql } from 'kysely'
import type { DB } from '../../../db/schema.ts'

export function selectVersion(db: Kysely<DB>, districtId: string, number?: number) {
  let query = db.selectFrom('processing_record_version').selectAll().where('district_id', '=', districtId)
  query = number === undefined ? query.orderBy('number', 'desc').limit(1) : query.where('number', '=', number)
  return query.executeTakeFirst()
}

export function selectVersionSummaries(db: Kysely<DB>, districtId: string) {
  return db
    .selectFrom('processing_record_version')
    .select(['number', 'saved_by', 'saved_at', 'note'])
    .where('district_id', '=', districtId)
    .orderBy('number', 'desc')
    .execute()
}

/** Serialises saves of one district's record, so two editors cannot both append the same number. */
export async function lockRecord(trx: Transaction<DB>, districtId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`processing-record:${districtId}`}))`.execute(trx)
}

export async function insertVersion(
  trx: Transaction<DB>,
  row: { districtId: string; number: number; content: unknown; note: string; savedBy: string | null },
): Promise<void> {
  await trx
    .insertInto('processing_record_version')
    .values({
      district_id: row.districtId,
      number: row.number,
      content: JSON.stringify(row.content),
      note: row.note,
      saved_by: row.savedBy,
    })
    .onConflict((conflict) => conflict.columns(['district_id', 'number']).doNothing())
    .execute()
}
