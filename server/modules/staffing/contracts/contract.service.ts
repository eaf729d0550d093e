import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type {
  Baustein,
  Contract,
  ContractDetail,
  contractInputSchema,
  contractUpdateSchema,
} from '../../../../common/staffing.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { Conflict, NotFound, PreconditionRequired } from '../../../platform/errors.ts'
import { type Actor, authorize, can, ownDistrict } from '../../../platform/policy.ts'
import { recordAudit, recordAuditAlone } from '../../audit/index.ts'
import { activeUsers } from '../../identity/index.ts'
import { lockPosition } from '../positions/position.queries.ts'
import { authorizeOnContract, authorizeOnPosition, ruleViolation } from '../staffing.access.ts'
import { assignedOn, fteEpsilon, type Span } from '../staffing-days.ts'
import { lastDay } from '../warnings/warning-maths.ts'
import { refreshWarningTasksNow } from '../warnings/warning-tasks.ts'
import {
  type ContractRow,
  insertContract,
  insertStaffMember,
  selectContractHistory,
  selectContracts,
  selectOverlappingContracts,
  selectStaffMember,
  selectStaffMemberOfUser,
  setPlannedDeparture,
  updateContractIfVersion,
} from './contract.queries.ts'

/** The name of a contract's holder, or N. N. while nobody is named. */
export const staffNameOf = (row: Pick<ContractRow, 'family_name' | 'given_names'>) =>
  row.family_name === null ? 'N. N.' : [row.given_names, row.family_name].filter(Boolean).join(' ')

export function presentContract(row: ContractRow): Contract {
  return {
    id: row.id,
    positionId: row.position_id,
    positionTitle: row.position_title,
    baustein: row.baustein as Baustein,
    staffMemberId: row.staff_member_id,
    staffName: staffNameOf(row),
    fte: row.fte,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    fixedTermReason: row.fixed_term_reason,
    plannedDeparture:
      row.leaves_on === null ? null : { leavesOn: row.leaves_on, note: row.departure_note ?? '' },
    version: row.version,
  }
}

/** A contract as it counts for coverage and budget: ending on a planned departure if that is earlier. */
export const spanOf = (row: Pick<ContractRow, 'starts_on' | 'ends_on' | 'leaves_on' | 'fte'>): Span => ({
  startsOn: row.starts_on,
  endsOn: lastDay({ endsOn: row.ends_on, leavesOn: row.leaves_on }),
  fte: row.fte,
})

/**
 * Coordination and administration see every contract of the district; a case manager only their
 * own (the staff member linked to their account). Staff data is personal data: the read is audited.
 */
export async function listContracts(
  db: Kysely<DB>,
  actor: Actor,
  filter: { positionId?: string | undefined },
  request: RequestContext,
): Promise<{ items: Contract[] }> {
  const seesAll = can(actor, 'staffing.read', ownDistrict(actor))
  if (!seesAll) {
    authorize(actor, 'contract.read', {
      type: 'staff-contract',
      districtId: actor.districtId,
      staffUserId: actor.userId,
    })
  }
  const rows = await selectContracts(db, actor.districtId, {
    ...(filter.positionId ? { positionId: filter.positionId } : {}),
    ...(seesAll ? {} : { staffUserId: actor.userId }),
  })
  await recordAuditAlone(db, {
    ...request,
    action: 'staff-contract.list',
    subjectType: 'staff_contract',
    purpose: `rows:${rows.length}`,
  })
  return { items: rows.map(presentContract) }
}

async function readContract(db: Kysely<DB>, districtId: string, contractId: string): Promise<ContractDetail> {
  const [[row], history] = await Promise.all([
    selectContracts(db, districtId, { contractId }),
    selectContractHistory(db, contractId),
  ])
  if (!row) throw new NotFound()
  return {
    ...presentContract(row),
    history: history.map((version) => ({
      version: version.version,
      fte: version.fte,
      startsOn: version.starts_on,
      endsOn: version.ends_on,
      fixedTermReason: version.fixed_term_reason,
      changedAt: new Date(version.changed_at).toISOString(),
    })),
  }
}

export async function getContract(
  db: Kysely<DB>,
  actor: Actor,
  contractId: string,
  request: RequestContext,
): Promise<ContractDetail> {
  await authorizeOnContract(db, actor, 'contract.read', contractId)
  const contract = await readContract(db, actor.districtId, contractId)
  await recordAuditAlone(db, {
    ...request,
    action: 'staff-contract.read',
    subjectType: 'staff_contract',
    subjectId: contractId,
  })
  return contract
}

/**
 * Refuses a contract that would take the position's assigned FTE above its FTE on any day it
 * runs. The maximum of a sum of intervals lies at the start of one of them, so checking each
 * start inside the new contract's period is enough. Runs under the position's row lock.
 */
async function assertWithinPositionFte(
  trx: Parameters<typeof lockPosition>[0],
  positionId: string,
  contract: Span,
  exceptContractId: string | null,
) {
  const position = await lockPosition(trx, positionId)
  if (!position) throw new NotFound()
  const others = (
    await selectOverlappingContracts(trx, positionId, contract.startsOn, contract.endsOn, exceptContractId)
  ).map(spanOf)
  const spans = [...others, contract]
  const days = [contract.startsOn, ...others.map((span) => span.startsOn)].filter(
    (day) => day >= contract.startsOn && (contract.endsOn === null || day <= contract.endsOn),
  )
  if (days.some((day) => assignedOn(spans, day) > position.fte + fteEpsilon)) {
    throw ruleViolation('position-over-assigned', 'fte', 'conflict')
  }
}

async function staffMemberFor(
  db: Kysely<DB>,
  actor: Actor,
  input: z.output<typeof contractInputSchema>,
): Promise<z.output<typeof contractInputSchema>['staffMember'] | string | null> {
  if (input.staffMemberId !== null) {
    if (!(await selectStaffMember(db, actor.districtId, input.staffMemberId))) {
      throw ruleViolation('unknown-reference', 'staffMemberId')
    }
    return input.staffMemberId
  }
  const member = input.staffMember
  if (member?.userId) {
    if ((await activeUsers(db, actor.districtId, [member.userId])).length === 0) {
      throw ruleViolation('unknown-reference', 'staffMember.userId')
    }
    const existing = await selectStaffMemberOfUser(db, actor.districtId, member.userId)
    if (existing) return existing.id
  }
  return member
}

export async function createContract(
  db: Kysely<DB>,
  actor: Actor,
  input: z.output<typeof contractInputSchema>,
  request: RequestContext,
): Promise<ContractDetail> {
  authorize(actor, 'staffing.manage', ownDistrict(actor))
  try {
    await authorizeOnPosition(db, actor, 'staffing.manage', input.positionId)
  } catch (error) {
    if (error instanceof NotFound) throw ruleViolation('unknown-reference', 'positionId')
    throw error
  }
  const member = await staffMemberFor(db, actor, input)
  const id = await db.transaction().execute(async (trx) => {
    const span = { startsOn: input.startsOn, endsOn: input.endsOn, fte: input.fte }
    await assertWithinPositionFte(trx, input.positionId, span, null)
    const staffMemberId =
      member === null || typeof member === 'string'
        ? member
        : await insertStaffMember(trx, {
            district_id: actor.districtId,
            family_name: member.familyName,
            given_names: member.givenNames,
            user_id: member.userId,
          })
    const contractId = await insertContract(trx, {
      district_id: actor.districtId,
      position_id: input.positionId,
      staff_member_id: staffMemberId,
      fte: input.fte,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      fixed_term_reason: input.fixedTermReason,
      created_by: actor.userId,
    })
    await recordAudit(trx, {
      ...request,
      action: 'staff-contract.create',
      subjectType: 'staff_contract',
      subjectId: contractId,
    })
    await refreshWarningTasksNow(trx, actor.districtId, request.now)
    return contractId
  })
  return readContract(db, actor.districtId, id)
}

/** Changes share, period or reason (an extension is a new end), and the planned departure; history kept. */
export async function updateContract(
  db: Kysely<DB>,
  actor: Actor,
  contractId: string,
  expectedVersion: number | undefined,
  input: z.output<typeof contractUpdateSchema>,
  request: RequestContext,
): Promise<ContractDetail> {
  await authorizeOnContract(db, actor, 'staffing.manage', contractId)
  if (expectedVersion === undefined) throw new PreconditionRequired()
  const [current] = await selectContracts(db, actor.districtId, { contractId })
  if (!current) throw new NotFound()
  const departure = input.plannedDeparture
  if (departure && departure.leavesOn < input.startsOn) {
    throw ruleViolation('date-order', 'plannedDeparture.leavesOn')
  }
  await db.transaction().execute(async (trx) => {
    const span = spanOf({
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      leaves_on: departure?.leavesOn ?? null,
      fte: input.fte,
    })
    await assertWithinPositionFte(trx, current.position_id, span, contractId)
    const changed = await updateContractIfVersion(
      trx,
      actor.districtId,
      contractId,
      expectedVersion,
      {
        fte: input.fte,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        fixed_term_reason: input.fixedTermReason,
      },
      actor.userId,
    )
    if (!changed) throw new Conflict()
    await setPlannedDeparture(
      trx,
      actor.districtId,
      contractId,
      departure ? { leaves_on: departure.leavesOn, note: departure.note } : null,
      actor.userId,
    )
    await recordAudit(trx, {
      ...request,
      action: 'staff-contract.update',
      subjectType: 'staff_contract',
      subjectId: contractId,
    })
    await refreshWarningTasksNow(trx, actor.districtId, request.now)
  })
  return readContract(db, actor.districtId, contractId)
}
