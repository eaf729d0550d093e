import type { Kysely } from 'kysely'
import {
  type AccessFlags,
  type AccessFlagsQuery,
  type AccessReviewInput,
  exportActions,
  maxReviewPeriodDays,
  readActions,
} from '../../../../common/access-review.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { addDays, districtTime } from '../../../platform/district-time.ts'
import { fieldError, NotFound } from '../../../platform/errors.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import {
  auditEntryOf,
  entriesOfActions,
  type FlaggedEntry,
  outsideCaseloadDays,
  readsAfterGrants,
  recordAudit,
  unusualHourEntries,
} from '../../audit/index.ts'
import {
  breakGlassAction,
  breakGlassGrants,
  caseReferences,
  outsideCaseloadPurposes,
} from '../../casework/index.ts'
import { displayNames } from '../../identity/index.ts'
import { insertReview, selectReviews } from './access-review.queries.ts'

/**
 * The access review (decision 0021): for the data protection officer, what in a period stands out
 * in who read which case or person. Break-glass grants, many records outside one's caseload in a
 * day, reads at unusual hours and exports are flagged; each flagged entry can be marked reviewed
 * with a comment. Reviews are rows of their own; the audit trail is never changed.
 */

/** Entries a review may be about: what the flags list. */
const reviewableActions = new Set<string>([breakGlassAction, ...readActions, ...exportActions])

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export async function accessFlags(
  db: Kysely<DB>,
  actor: Actor,
  query: AccessFlagsQuery,
  request: RequestContext,
): Promise<AccessFlags> {
  authorize(actor, 'access-review.read', ownDistrict(actor))
  const time = await districtTime(db, actor.districtId, request.now)
  const to = query.to ?? time.today
  const from = query.from ?? addDays(to, -29)
  if (to < from) throw fieldError('invalid-input', 'invalid', 'to')
  if (daysBetween(from, to) >= maxReviewPeriodDays) {
    throw fieldError('review-period-too-long', 'invalid', 'from')
  }
  const period = { districtId: actor.districtId, timeZone: time.timeZone, from, to }
  const [breakGlass, outside, night, exports] = await Promise.all([
    entriesOfActions(db, period, [breakGlassAction]),
    outsideCaseloadDays(db, period, readActions, outsideCaseloadPurposes, query.outsideThreshold),
    unusualHourEntries(db, period, [...readActions, breakGlassAction]),
    entriesOfActions(db, period, exportActions),
  ])
  const flagged = [...breakGlass.items, ...night.items, ...exports.items]
  const ids = [...new Set(flagged.map((entry) => entry.auditEventId))]
  const [grants, reviews] = await Promise.all([
    breakGlassGrants(
      db,
      actor.districtId,
      breakGlass.items.map((entry) => entry.auditEventId),
    ),
    selectReviews(db, actor.districtId, ids),
  ])
  const readsAfter = await readsAfterGrants(
    db,
    actor.districtId,
    breakGlass.items.flatMap((entry) => {
      const grant = grants.get(entry.auditEventId)
      return grant && entry.actorId
        ? [
            {
              auditEventId: entry.auditEventId,
              actorId: entry.actorId,
              caseId: grant.caseId,
              until: grant.expiresAt,
            },
          ]
        : []
    }),
  )
  const names = await displayNames(db, actor.districtId, [
    ...new Set([
      ...flagged.flatMap((entry) => (entry.actorId ? [entry.actorId] : [])),
      ...outside.items.flatMap((day) => (day.actorId ? [day.actorId] : [])),
      ...reviews.map((review) => review.reviewed_by),
    ]),
  ])
  const references = await caseReferences(
    db,
    // The audit keeps subjects as text; only a uuid can be a case's id.
    flagged.flatMap((entry) =>
      entry.subjectType === 'case' && entry.subjectId && uuidPattern.test(entry.subjectId)
        ? [entry.subjectId]
        : [],
    ),
  )
  const reviewOf = new Map(
    reviews.map((review) => [
      Number(review.audit_event_id),
      {
        reviewedBy: names.get(review.reviewed_by) ?? null,
        reviewedAt: review.reviewed_at,
        comment: review.comment,
      },
    ]),
  )
  const present = (entry: FlaggedEntry) => ({
    auditEventId: entry.auditEventId,
    occurredAt: entry.occurredAt,
    actorId: entry.actorId,
    actorName: entry.actorId ? (names.get(entry.actorId) ?? null) : null,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    subjectReference:
      entry.subjectType === 'case' && entry.subjectId ? (references.get(entry.subjectId) ?? null) : null,
    review: reviewOf.get(entry.auditEventId) ?? null,
  })
  return {
    from,
    to,
    outsideThreshold: query.outsideThreshold,
    breakGlass: breakGlass.items.map((entry) => {
      const grant = grants.get(entry.auditEventId)
      return {
        ...present(entry),
        reason: grant?.reason ?? null,
        expiresAt: grant?.expiresAt ?? null,
        readsAfter: readsAfter.get(entry.auditEventId) ?? 0,
      }
    }),
    outsideCaseload: outside.items.map((day) => ({
      actorId: day.actorId,
      actorName: day.actorId ? (names.get(day.actorId) ?? null) : null,
      day: day.day,
      records: day.records,
    })),
    unusualHours: night.items.map(present),
    exports: exports.items.map((entry) => ({ ...present(entry), purpose: entry.purpose })),
    truncated: breakGlass.truncated || outside.truncated || night.truncated || exports.truncated,
  }
}

/** Marks a flagged entry reviewed, with a comment; audited. Once per entry. */
export async function markReviewed(
  db: Kysely<DB>,
  actor: Actor,
  input: AccessReviewInput,
  request: RequestContext,
): Promise<void> {
  authorize(actor, 'access-review.decide', ownDistrict(actor))
  const entry = await auditEntryOf(db, actor.districtId, input.auditEventId)
  if (!entry) throw new NotFound()
  if (entry.outcome !== 'success' || !reviewableActions.has(entry.action)) {
    throw fieldError('not-reviewable', 'rule-broken', 'auditEventId')
  }
  await db.transaction().execute(async (trx) => {
    const inserted = await insertReview(trx, {
      auditEventId: input.auditEventId,
      districtId: actor.districtId,
      reviewedBy: actor.userId,
      comment: input.comment,
      at: request.now.toISOString(),
    })
    if (!inserted) throw fieldError('already-reviewed', 'conflict', 'auditEventId')
    await recordAudit(trx, {
      ...request,
      action: 'access-review.mark',
      subjectType: 'audit-event',
      subjectId: String(input.auditEventId),
    })
  })
}
