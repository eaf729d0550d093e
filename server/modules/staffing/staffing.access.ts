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
import { selectContractDistrict, selectContracts } from './contracts/contract.queries.ts'
import { selectPositionDistrict } from './positions/position.queries.ts'

/** A rule of staffing was broken: the message belongs next to the named field of the input. */
export const ruleViolation = (code: MessageCode, field: string, kind: ErrorKind = 'rule-broken') =>
  fieldError(code, kind, field)

/** Existence first (another district's position answers 404), then the policy on the district. */
export async function authorizeOnPosition(db: Kysely<DB>, actor: Actor, action: Action, positionId: string) {
  assertRecordVisible(actor, await selectPositionDistrict(db, positionId), {
    type: 'staff_position',
    id: positionId,
  })
  authorize(actor, action, ownDistrict(actor))
}

/**
 * Existence first, then the contract as the policy sees it: whose it is. Coordination and
 * administration read every contract of the district, a case manager their own.
 */
export async function authorizeOnContract(db: Kysely<DB>, actor: Actor, action: Action, contractId: string) {
  assertRecordVisible(actor, await selectContractDistrict(db, contractId), {
    type: 'staff_contract',
    id: contractId,
  })
  if (action !== 'contract.read') {
    authorize(actor, action, ownDistrict(actor))
    return
  }
  const [row] = await selectContracts(db, actor.districtId, { contractId })
  authorize(actor, action, {
    type: 'staff-contract',
    id: contractId,
    districtId: actor.districtId,
    staffUserId: row?.user_id ?? null,
  })
}
