import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { fieldError } from '../../../platform/errors.ts'
import { type Actor, assertRecordVisible, authorize, ownDistrict } from '../../../platform/policy.ts'
import { recordAudit, recordAuditAlone } from '../../audit/index.ts'
import {
  findPersonsByName,
  type PersonHeadline,
  personDistrict,
  personHeadline,
  setProcessingRestriction,
} from '../../casework/index.ts'
import { displayNames } from '../../identity/index.ts'
import { insertRestrictionDecision, selectRestrictionDecisions } from './restriction.queries.ts'

/**
 * Restriction of processing (Art. 18 GDPR): the data protection officer sets or lifts it, always
 * with a reason. While set, the policy refuses every change to the person's record and cases
 * (`usesPersonalData` in platform/policy.ts); reading and storage stay.
 */

export type RestrictionDecision = {
  restricted: boolean
  reason: string
  decidedBy: string | null
  decidedAt: string
}

export async function restrictionHistory(
  db: Kysely<DB>,
  districtId: string,
  personId: string,
): Promise<RestrictionDecision[]> {
  const rows = await selectRestrictionDecisions(db, districtId, personId)
  const names = await displayNames(
    db,
    districtId,
    rows.map((row) => row.decided_by),
  )
  return rows.map((row) => ({
    restricted: row.restricted,
    reason: row.reason,
    decidedBy: names.get(row.decided_by) ?? null,
    decidedAt: row.decided_at,
  }))
}

/** The subject of a request, for the data protection officer; other district → 404. */
async function visibleHeadline(db: Kysely<DB>, actor: Actor, personId: string): Promise<PersonHeadline> {
  // Existence first: another district's person answers 404 for every role, as a missing one.
  assertRecordVisible(actor, await personDistrict(db, personId), { type: 'person', id: personId })
  authorize(actor, 'privacy-request.handle', ownDistrict(actor))
  const person = await personHeadline(db, actor.districtId, personId)
  if (!person) throw new Error('person vanished between the district check and the read')
  return person
}

export async function requestSubject(
  db: Kysely<DB>,
  actor: Actor,
  personId: string,
  request: RequestContext,
) {
  const person = await visibleHeadline(db, actor, personId)
  const restrictions = await restrictionHistory(db, actor.districtId, personId)
  await recordAuditAlone(db, {
    ...request,
    action: 'person.read',
    subjectType: 'person',
    subjectId: personId,
    purpose: 'data-subject-request',
  })
  return { person, restrictions }
}

/** Finds the subject of a request by name; the search is audited (its text is not: it may be a name). */
export async function findRequestSubjects(
  db: Kysely<DB>,
  actor: Actor,
  text: string | undefined,
  request: RequestContext,
): Promise<PersonHeadline[]> {
  authorize(actor, 'privacy-request.handle', ownDistrict(actor))
  if (text === undefined) return []
  const persons = await findPersonsByName(db, actor.districtId, text)
  await recordAuditAlone(db, { ...request, action: 'person.search', purpose: 'data-subject-request' })
  return persons
}

export async function decideRestriction(
  db: Kysely<DB>,
  actor: Actor,
  personId: string,
  input: { restricted: boolean; reason: string },
  request: RequestContext,
) {
  const person = await visibleHeadline(db, actor, personId)
  if (person.processingRestricted === input.restricted) {
    throw fieldError(input.restricted ? 'already-restricted' : 'not-restricted', 'conflict', 'restricted')
  }
  await db.transaction().execute(async (trx) => {
    await setProcessingRestriction(trx, actor.districtId, personId, input.restricted)
    await insertRestrictionDecision(trx, {
      districtId: actor.districtId,
      personId,
      restricted: input.restricted,
      reason: input.reason,
      decidedBy: actor.userId,
    })
    await recordAudit(trx, {
      ...request,
      action: input.restricted ? 'person.restriction-set' : 'person.restriction-lifted',
      subjectType: 'person',
      subjectId: personId,
      purpose: 'Art. 18 DSGVO',
    })
  })
  return requestSubject(db, actor, personId, request)
}

/**
 * Rectification on request (Art. 16 GDPR): the responsible case manager corrects the record through
 * the ordinary edit routes; the data protection officer records here that a correction was asked
 * for, so the trail shows the request beside the edits that answer it.
 */
export async function recordRectificationRequest(
  db: Kysely<DB>,
  actor: Actor,
  personId: string,
  request: RequestContext,
) {
  await visibleHeadline(db, actor, personId)
  await recordAuditAlone(db, {
    ...request,
    action: 'person.rectification-on-request',
    subjectType: 'person',
    subjectId: personId,
    purpose: 'Art. 16 DSGVO',
  })
}
