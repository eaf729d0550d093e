import type { PositionState } from '../../../../common/staffing.ts'
import { fteEpsilon } from '../staffing-days.ts'

/** A position's state on a day from its FTE and the FTE its running contracts assign. */
export function positionState(fte: number, assigned: number, inRecruitment: boolean): PositionState {
  if (assigned > fte + fteEpsilon) return 'over-assigned'
  if (assigned >= fte - fteEpsilon) return 'filled'
  if (inRecruitment) return 'in-recruitment'
  return assigned > fteEpsilon ? 'partly-filled' : 'vacant'
}
