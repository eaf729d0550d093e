import type { Kysely } from 'kysely'
import type { BreakGlassGrant, BreakGlassInput } from '../../../../common/access-review.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { districtTime } from '../../../platform/district-time.ts'
import { type Actor, authorize } from '../../../platform/policy.ts'
import { recordAudit } from '../../audit/index.ts'
import { activeUsersWithRole } from '../../identity/index.ts'
import { loadCaseSubject } from '../casework.access.ts'
import {
  anyGrant,
  insertGrant,
  selectCaseOutsideCaseload,
  selectGrantsByAuditEvents,
} from './break-glass.queries.ts'

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

/**
 * Demo data: one break-glass access of the second case manager to a case of another team, with a
 * reason, open for review on the access review page. The grant has already ended, so it opens
 * nothing. Idempotent: a district with any grant gets none.
 */
export async function seedDemoBreakGlass(db: Kysely<DB>, districtId: string): Promise<number> {
  if (await anyGrant(db, districtId)) return 0
  const managers = await activeUsersWithRole(db, districtId, 'case_manager')
  const holder = managers[1] ?? managers[0]
  if (!holder) return 0
  const target = await selectCaseOutsideCaseload(db, districtId, holder.id, holder.teamIds)
  if (!target) return 0
  const now = new Date()
  const time = await districtTime(db, districtId, now)
  await db.transaction().execute(async (trx) => {
    const auditEventId = await recordAudit(trx, {
      districtId,
      actorId: holder.id,
      actorRoles: ['case_manager'],
      action: breakGlassAction,
      subjectType: 'case',
      subjectId: target.id,
      purpose: 'break-glass',
    })
    await insertGrant(trx, {
      districtId,
      caseId: target.id,
      userId: holder.id,
      reason:
        'Vertretung im Team: Die zuständige Kollegin ist erkrankt, die Klientin hat heute einen Termin.',
      grantedAt: new Date(now.getTime() - 120_000).toISOString(),
      today: time.today,
      timeZone: time.timeZone,
      auditEventId,
      expiresAt: new Date(now.getTime() - 60_000).toISOString(),
    })
  })
  return 1
}
