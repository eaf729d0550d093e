import type { Kysely } from 'kysely'
import type { ErasureGround, ErasureResult } from '../../../../common/privacy-retention.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { districtTime } from '../../../platform/district-time.ts'
import { DomainError, NotFound } from '../../../platform/errors.ts'
import { type Actor, authorize } from '../../../platform/policy.ts'
import { recordAudit } from '../../audit/index.ts'
import { casesOfPersons, personForErasure, personSubjectFor } from '../../casework/index.ts'
import { selectHeldCaseIds } from '../retention/retention.queries.ts'
import { applyErasure, type ErasurePlan } from './erase.ts'

/**
 * Erasure on request (Art. 17 GDPR). Refused while a case of the person is open (it is still being
 * worked on: the duty to keep records) or under legal hold. A person who never had a case is
 * deleted; otherwise the person and all their cases are anonymised, so the statistics stay.
 */
export async function erasePersonOnRequest(
  db: Kysely<DB>,
  actor: Actor,
  personId: string,
  ground: ErasureGround,
  request: RequestContext,
): Promise<ErasureResult> {
  // Another district's person answers 404 like a missing one, and the attempt is audited.
  authorize(actor, 'person.erase', await personSubjectFor(db, actor, personId))
  const person = await personForErasure(db, actor.districtId, personId)
  if (!person) throw new NotFound()
  if (person.anonymised_at !== null || person.merged_into !== null)
    throw new DomainError('erasure-already-done', 'conflict')
  const cases = await casesOfPersons(db, actor.districtId, [personId])
  if (cases.some((each) => each.phase !== 'closed')) throw new DomainError('erasure-case-open', 'conflict')
  const held = await selectHeldCaseIds(
    db,
    actor.districtId,
    cases.map((each) => each.case_id),
  )
  if (held.size > 0) throw new DomainError('legal-hold-active', 'conflict')

  const plan: ErasurePlan =
    cases.length === 0
      ? { anonymiseCaseIds: [], anonymisePersonIds: [], deletePersonIds: [personId] }
      : {
          anonymiseCaseIds: cases.filter((each) => each.anonymised_at === null).map((each) => each.case_id),
          anonymisePersonIds: [personId],
          deletePersonIds: [],
        }
  const { today } = await districtTime(db, actor.districtId, request.now)
  const counts = await db.transaction().execute(async (trx) => {
    const done = await applyErasure(trx, actor.districtId, plan, {
      rule: 'request',
      today,
      at: request.now.toISOString(),
      ledger: true,
    })
    await recordAudit(trx, {
      ...request,
      action: 'person.erase',
      subjectType: 'person',
      subjectId: personId,
      purpose: `art17-${ground}`,
    })
    return done
  })
  return {
    personId,
    action: counts.personsDeleted > 0 ? 'delete' : 'anonymise',
    cases: counts.casesAnonymised,
    erasedOn: today,
  }
}
