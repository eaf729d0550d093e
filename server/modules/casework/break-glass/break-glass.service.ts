import type { Kysely } from 'kysely'
import type { BreakGlassGrant, BreakGlassInput } from '../../../../common/access-review.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { districtTime } from '../../../platform/district-time.ts'
import { type Actor, authorize } from '../../../platform/policy.ts'
import { recordAudit } from '../../audit/index.ts'
import { loadCaseSubject } from '../casework.access.ts'
import { insertGrant, selectGrantsByAuditEvents } from './break-glass.queries.ts'

/** The audit action of a break-glass grant; reads under it carry the purpose `break-glass`. */
export const breakGlassAction = 'case.break-glass'
/** The purposes of reads outside the actor's caseload, written into the read's audit entry. */
export const outsideCaseloadPurposes = ['outside-caseload', 'break-glass'] as const

/**
 * Break-glass (decision 0021): a case manager opens a case outside their caseload after stating a
 * reason. The case is theirs to read (not to work on) until the end of the district's day; the
 * grant is audited as its own action and flagged for the data protection officer's review.
 */
export async function breakGlass(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  input: BreakGlassInput,
  request: RequestContext,
): Promise<BreakGlassGrant> {
  const subject = await loadCaseSubject(db, actor, caseId)
  authorize(actor, 'case.break-glass', subject)
  const time = await districtTime(db, actor.districtId, request.now)
  const expiresAt = await db.transaction().execute(async (trx) => {
    const auditEventId = await recordAudit(trx, {
      ...request,
      action: breakGlassAction,
      subjectType: 'case',
      subjectId: caseId,
      purpose: 'break-glass',
    })
    return insertGrant(trx, {
      districtId: actor.districtId,
      caseId,
      userId: actor.userId,
      reason: input.reason,
      grantedAt: request.now.toISOString(),
      today: time.today,
      timeZone: time.timeZone,
      auditEventId,
    })
  })
  return { caseId, expiresAt }
}

/** The stated reasons and ends of the grants recorded by these audit entries; the caller authorised. */
export async function breakGlassGrants(db: Kysely<DB>, districtId: string, auditEventIds: readonly number[]) {
  const rows = await selectGrantsByAuditEvents(db, districtId, auditEventIds)
  return new Map(
    rows.map((row) => [
      Number(row.audit_event_id),
      { caseId: row.case_id, userId: row.user_id, reason: row.reason, expiresAt: row.expires_at },
    ]),
  )
}
