import type { Kysely } from 'kysely'
import type { LegalHold } from '../../../../common/privacy-retention.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { DomainError, NotFound } from '../../../platform/errors.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { recordAudit } from '../../audit/index.ts'
import { caseIdByReference, caseReferences, caseSubjectFor } from '../../casework/index.ts'
import { displayNames } from '../../identity/index.ts'
import { insertLegalHold, liftLegalHold, selectLegalHold, selectLegalHolds } from './retention.queries.ts'

type HoldRow = Awaited<ReturnType<typeof selectLegalHolds>>[number]

async function present(db: Kysely<DB>, districtId: string, rows: HoldRow[]): Promise<LegalHold[]> {
  const [references, names] = await Promise.all([
    caseReferences(
      db,
      rows.map((row) => row.case_id),
    ),
    displayNames(
      db,
      districtId,
      rows.flatMap((row) => [row.set_by, ...(row.lifted_by ? [row.lifted_by] : [])]),
    ),
  ])
  const nameOf = (id: string) => names.get(id) ?? '—'
  return rows.map((row) => ({
    id: row.id,
    caseId: row.case_id,
    caseReference: references.get(row.case_id) ?? '—',
    reason: row.reason,
    setBy: nameOf(row.set_by),
    setAt: new Date(row.set_at).toISOString(),
    liftedBy: row.lifted_by ? nameOf(row.lifted_by) : null,
    liftedAt: row.lifted_at ? new Date(row.lifted_at).toISOString() : null,
    liftReason: row.lift_reason,
  }))
}

export async function listLegalHolds(db: Kysely<DB>, actor: Actor): Promise<LegalHold[]> {
  authorize(actor, 'legal-hold.read', ownDistrict(actor))
  return present(db, actor.districtId, await selectLegalHolds(db, actor.districtId))
}

/** Holds a case back from retention and erasure; a case holds at most one active hold. */
export async function setLegalHold(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  reason: string,
  request: RequestContext,
): Promise<LegalHold> {
  const subject = await caseSubjectFor(db, actor, caseId)
  authorize(actor, 'legal-hold.set', subject)
  const id = await db.transaction().execute(async (trx) => {
    const inserted = await insertLegalHold(trx, {
      district_id: actor.districtId,
      case_id: caseId,
      reason,
      set_by: actor.userId,
    })
    if (!inserted) throw new DomainError('legal-hold-exists', 'conflict')
    // The reason may name people: it stays in the hold, the audit trail names only the case.
    await recordAudit(trx, { ...request, action: 'legal-hold.set', subjectType: 'case', subjectId: caseId })
    return inserted
  })
  return (await present(db, actor.districtId, [await holdRow(db, actor, id)]))[0] as LegalHold
}

/** The same, for the case with this file number; an unknown number answers 404 like a missing case. */
export async function setLegalHoldByReference(
  db: Kysely<DB>,
  actor: Actor,
  caseReference: string,
  reason: string,
  request: RequestContext,
): Promise<LegalHold> {
  const caseId = await caseIdByReference(db, actor.districtId, caseReference)
  if (!caseId) throw new NotFound()
  return setLegalHold(db, actor, caseId, reason, request)
}

async function holdRow(db: Kysely<DB>, actor: Actor, holdId: string) {
  const row = await selectLegalHold(db, holdId)
  if (!row || row.district_id !== actor.districtId) throw new NotFound()
  return row
}

export async function liftHold(
  db: Kysely<DB>,
  actor: Actor,
  holdId: string,
  reason: string,
  request: RequestContext,
): Promise<LegalHold> {
  authorize(actor, 'legal-hold.lift', ownDistrict(actor))
  const row = await holdRow(db, actor, holdId)
  await db.transaction().execute(async (trx) => {
    const lifted = await liftLegalHold(trx, holdId, { lifted_by: actor.userId, lift_reason: reason })
    if (!lifted) throw new DomainError('legal-hold-lifted', 'conflict')
    await recordAudit(trx, {
      ...request,
      action: 'legal-hold.lift',
      subjectType: 'case',
      subjectId: row.case_id,
    })
  })
  return (await present(db, actor.districtId, [await holdRow(db, actor, holdId)]))[0] as LegalHold
}
