import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'

/** The reviews of the given audit entries. */
export function selectReviews(db: Kysely<DB>, districtId: string, auditEventIds: readonly number[]) {
  if (auditEventIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('access_review')
    .select(['audit_event_id', 'reviewed_by', 'reviewed_at', 'comment'])
    .where('district_id', '=', districtId)
    .where('audit_event_id', 'in', [...auditEventIds])
    .execute()
}

/** One review; false when the entry was reviewed meanwhile (the key is the audit entry). */
export async function insertReview(
  trx: Transaction<DB>,
  review: { auditEventId: number; districtId: string; reviewedBy: string; comment: string; at: string },
): Promise<boolean> {
  const rows = await trx
    .insertInto('access_review')
    .values({
      audit_event_id: review.auditEventId,
      district_id: review.districtId,
      reviewed_by: review.reviewedBy,
      reviewed_at: review.at,
      comment: review.comment,
    })
    .onConflict((oc) => oc.column('audit_event_id').doNothing())
    .returning('audit_event_id')
    .execute()
  return rows.length === 1
}
