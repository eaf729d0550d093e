import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { type ErrorKind, fieldError } from '../../platform/errors.ts'
import type { MessageCode } from '../../platform/messages.ts'
import {
  type Action,
  type Actor,
  assertRecordVisible,
  authorize,
  ownDistrict,
} from '../../platform/policy.ts'
import { selectBodyDistrict } from './bodies/body.queries.ts'
import { selectAgreementDistrict } from './goals/goal.queries.ts'
import { selectMeetingDistrict } from './meetings/meeting.queries.ts'

/** A rule of steering was broken: the message belongs next to the named field of the input. */
export const ruleViolation = (code: MessageCode, field: string, kind: ErrorKind = 'rule-broken') =>
  fieldError(code, kind, field)

/**
 * Bodies and meetings hold no personal data of clients and belong to the district as a whole:
 * the policy decides on the district. Existence first: another district's body or meeting
 * answers 404 exactly like a missing one, and the attempt is audited as denied.
 */
export async function authorizeOnBody(db: Kysely<DB>, actor: Actor, action: Action, bodyId: string) {
  assertRecordVisible(actor, await selectBodyDistrict(db, bodyId), { type: 'body', id: bodyId })
  authorize(actor, action, ownDistrict(actor))
}

export async function authorizeOnMeeting(db: Kysely<DB>, actor: Actor, action: Action, meetingId: string) {
  assertRecordVisible(actor, await selectMeetingDistrict(db, meetingId), { type: 'meeting', id: meetingId })
  authorize(actor, action, ownDistrict(actor))
}

export async function authorizeOnAgreement(
  db: Kysely<DB>,
  actor: Actor,
  action: Action,
  agreementId: string,
) {
  assertRecordVisible(actor, await selectAgreementDistrict(db, agreementId), {
    type: 'goal_agreement',
    id: agreementId,
  })
  authorize(actor, action, ownDistrict(actor))
}
