import type { Kysely } from 'kysely'
import type { Baustein, StaffingWarning } from '../../../../common/staffing.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { districtTime } from '../../../platform/district-time.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { recordAuditAlone } from '../../audit/index.ts'
import { staffNameOf } from '../contracts/contract.service.ts'
import { positionsWithContracts } from '../positions/position.service.ts'
import { addDays, addMonths } from '../staffing-days.ts'
import { staffingWarnings, type WarningPosition } from './warning-maths.ts'

/** The district's positions as the warnings need them. */
export async function warningPositions(db: Kysely<DB>, districtId: string): Promise<WarningPosition[]> {
  return (await positionsWithContracts(db, districtId)).map(({ position, contracts }) => ({
    id: position.id,
    title: position.title,
    baustein: position.baustein as Baustein,
    fte: position.fte,
    fundedFrom: position.funded_from,
    fundedUntil: position.funded_until,
    contracts: contracts.map((contract) => ({
      id: contract.id,
      staffMemberId: contract.staff_member_id,
      staffName: staffNameOf(contract),
      fte: contract.fte,
      startsOn: contract.starts_on,
      endsOn: contract.ends_on,
      leavesOn: contract.leaves_on,
    })),
  }))
}

/** Warnings from the district's today to `horizonMonths` months ahead, sorted by date. */
export async function listWarnings(
  db: Kysely<DB>,
  actor: Actor,
  horizonMonths: number,
  request: RequestContext,
): Promise<{ horizonMonths: number; today: string; until: string; items: StaffingWarning[] }> {
  authorize(actor, 'staffing.read', ownDistrict(actor))
  const { today } = await districtTime(db, actor.districtId, request.now)
  const until = addDays(addMonths(today, horizonMonths), -1)
  const items = staffingWarnings(await warningPositions(db, actor.districtId), today, until)
  await recordAuditAlone(db, {
    ...request,
    action: 'staffing-warning.list',
    subjectType: 'staff_contract',
    purpose: `rows:${items.length}`,
  })
  return { horizonMonths, today, until, items }
}
