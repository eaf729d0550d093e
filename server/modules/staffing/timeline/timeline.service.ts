import type { Kysely } from 'kysely'
import type { Baustein, EmployerKind, StaffingTimeline } from '../../../../common/staffing.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { districtTime } from '../../../platform/district-time.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { recordAuditAlone } from '../../audit/index.ts'
import { spanOf, staffNameOf } from '../contracts/contract.service.ts'
import { positionsWithContracts } from '../positions/position.service.ts'
import { positionState } from '../positions/position-state.ts'
import { addDays, addMonths, coverage } from '../staffing-days.ts'

/**
 * Every position from today over the coming months, cut into stretches of equal coverage, each
 * with the people on it: the chart draws one bar per stretch, so a gap shows as a gap.
 */
export async function staffingTimeline(
  db: Kysely<DB>,
  actor: Actor,
  months: number,
  request: RequestContext,
): Promise<StaffingTimeline> {
  authorize(actor, 'staffing.read', ownDistrict(actor))
  const { today } = await districtTime(db, actor.districtId, request.now)
  const to = addDays(addMonths(today, months), -1)
  const entries = await positionsWithContracts(db, actor.districtId)
  const rows = entries.map(({ position, contracts }) => {
    const spans = contracts.map(spanOf)
    return {
      positionId: position.id,
      title: position.title,
      baustein: position.baustein as Baustein,
      employerKind: position.employer_kind as EmployerKind,
      fte: position.fte,
      segments: coverage(spans, today, to).map((segment) => ({
        from: segment.from,
        to: segment.to,
        assignedFte: segment.assigned,
        state: positionState(position.fte, segment.assigned, false),
        holders: contracts
          .filter((_, index) => {
            const span = spans[index]
            return (
              span !== undefined &&
              span.startsOn <= segment.from &&
              (span.endsOn === null || span.endsOn >= segment.from)
            )
          })
          .map(staffNameOf),
      })),
    }
  })
  await recordAuditAlone(db, { ...request, action: 'staffing-timeline.read', subjectType: 'staff_contract' })
  return { from: today, to, rows }
}
