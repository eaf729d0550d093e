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
    /** Only for demo data: an end of its own instead of the end of the day. */
    expiresAt?: string
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
      expires_at:
        grant.expiresAt ??
        sql<string>`((${grant.today}::date + 1)::timestamp AT TIME ZONE ${grant.timeZone}::text)`,
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

/** A case of the district that the user neither manages nor shares a team with, for demo data. */
export function selectCaseOutsideCaseload(
  db: Kysely<DB>,
  districtId: string,
  userId: string,
  teamIds: readonly string[],
) {
  let query = db
    .selectFrom('client_case')
    .select('id')
    .where('district_id', '=', districtId)
    .where('phase', '!=', 'closed')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('case_manager')
            .select('user_id')
            .whereRef('case_manager.case_id', '=', 'client_case.id')
            .where('case_manager.user_id', '=', userId),
        ),
      ),
    )
  if (teamIds.length > 0)
    query = query.where((eb) => eb.or([eb('team_id', 'is', null), eb('team_id', 'not in', [...teamIds])]))
  return query.orderBy('reference').limit(1).executeTakeFirst()
}

export async function anyGrant(db: Kysely<DB>, districtId: string): Promise<boolean> {
  const row = await db
    .selectFrom('break_glass_grant')
    .select('id')
    .where('district_id', '=', districtId)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}
