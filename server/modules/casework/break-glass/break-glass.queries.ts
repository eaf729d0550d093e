import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'

/** Who holds a break-glass grant for the case that has not ended yet (by the database's clock). */
export async function selectActiveGrantees(db: Kysely<DB>, caseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('break_glass_grant')
    .select('user_id')
    .distinct()
    .where('case_id', '=', caseId)
    .where(sql<boolean>`expires_at > now()`)
    .execute()
  return rows.map((row) => row.user_id)
}

/** A grant until the end of the district's day `today` (local midnight as an instant). */
export async function insertGrant(
  trx: Transaction<DB>,
  grant: {
    districtId: string
    caseId: string
    userId: string
    reason: string
    grantedAt: string
    today: string
    timeZone: string
    auditEventId: number
  },
): Promise<string> {
  const row = await trx
    .insertInto('break_glass_grant')
    .values({
      district_id: grant.districtId,
      case_id: grant.caseId,
      user_id: grant.userId,
      reason: grant.reason,
      granted_at: grant.grantedAt,
      expires_at: sql<string>`((${grant.today}::date + 1)::timestamp AT TIME ZONE ${grant.timeZone}::text)`,
      audit_event_id: grant.auditEventId,
    })
    .returning('expires_at')
    .executeTakeFirstOrThrow()
  return row.expires_at
}

/** The grants recorded by the given audit entries, for the access review. */
export function selectGrantsByAuditEvents(
  db: Kysely<DB>,
  districtId: string,
  auditEventIds: readonly number[],
) {
  if (auditEventIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('break_glass_grant')
    .select(['audit_event_id', 'case_id', 'user_id', 'reason', 'expires_at'])
    .where('district_id', '=', districtId)
    .where('audit_event_id', 'in', [...auditEventIds])
    .execute()
}
