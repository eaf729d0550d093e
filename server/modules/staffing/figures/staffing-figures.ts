import { type Baustein, bausteinNumber } from '../../../../common/staffing.ts'
import { addDays, assignedOn, fteEpsilon, roundFte, type Span } from '../staffing-days.ts'
import { lastDay } from '../warnings/warning-maths.ts'

/**
 * The staffing figures of the metric catalogue, pure: FTE filled and vacant on a day by Baustein,
 * and the contracts ending in a period. The service loads the positions; the figures and the
 * evaluation's frozen staffing both count from here, so they cannot disagree.
 */

export type FigureContract = {
  id: string
  staffMemberId: string | null
  fte: number
  startsOn: string
  endsOn: string | null
  leavesOn: string | null
}

export type FigurePosition = {
  baustein: Baustein
  title: string
  fte: number
  fundedFrom: string | null
  fundedUntil: string | null
  inRecruitment: boolean
  contracts: readonly FigureContract[]
}

export type BausteinNumber = 1 | 2 | 3
export const bausteinNumbers: readonly BausteinNumber[] = [1, 2, 3]

/** The staffing of one Baustein on a day; `contracts` counts the people behind the FTE. */
export type BausteinStaffing = {
  baustein: BausteinNumber
  positions: number
  fte: number
  filledFte: number
  vacantFte: number
  inRecruitment: number
  contracts: number
}

const spanOf = (contract: FigureContract): Span => ({
  startsOn: contract.startsOn,
  endsOn: lastDay(contract),
  fte: contract.fte,
})

/** A position counts on the days of its funding period (open ends: always). */
export const fundedOn = (position: FigurePosition, day: string) =>
  (position.fundedFrom === null || position.fundedFrom <= day) &&
  (position.fundedUntil === null || position.fundedUntil >= day)

/**
 * Each Baustein on a day: its funded positions, their FTE, the FTE filled by running contracts
 * (a position counts at most its own FTE: over-assignment fills nothing more) and the rest vacant.
 */
export function staffingOn(positions: readonly FigurePosition[], day: string): BausteinStaffing[] {
  return bausteinNumbers.map((baustein) => {
    const own = positions.filter(
      (position) => bausteinNumber[position.baustein] === baustein && fundedOn(position, day),
    )
    let fte = 0
    let filled = 0
    let inRecruitment = 0
    let contracts = 0
    for (const position of own) {
      const spans = position.contracts.map(spanOf)
      const assigned = Math.min(assignedOn(spans, day), position.fte)
      fte += position.fte
      filled += assigned
      contracts += spans.filter((span) => assignedOn([span], day) > 0).length
      if (position.inRecruitment && assigned < position.fte - fteEpsilon) inRecruitment += 1
    }
    return {
      baustein,
      positions: own.length,
      fte: roundFte(fte),
      filledFte: roundFte(filled),
      vacantFte: roundFte(Math.max(0, fte - filled)),
      inRecruitment,
      contracts,
    }
  })
}

export type EndingContract = { baustein: BausteinNumber; position: string; fte: number; endsOn: string }

/**
 * Contracts whose last day (the agreed end, or an earlier planned departure) lies in [from, to],
 * unless the same person continues on the same position the next day (as the warnings count).
 */
export function contractsEnding(
  positions: readonly FigurePosition[],
  from: string,
  to: string,
): EndingContract[] {
  return positions
    .flatMap((position) =>
      position.contracts.flatMap((contract) => {
        const end = lastDay(contract)
        if (end === null || end < from || end > to) return []
        const continued = position.contracts.some(
          (other) =>
            other.id !== contract.id &&
            contract.staffMemberId !== null &&
            other.staffMemberId === contract.staffMemberId &&
            other.startsOn === addDays(end, 1),
        )
        if (continued) return []
        return [
          {
            baustein: bausteinNumber[position.baustein],
            position: position.title,
            fte: contract.fte,
            endsOn: end,
          },
        ]
      }),
    )
    .sort((a, b) => a.endsOn.localeCompare(b.endsOn) || a.position.localeCompare(b.position, 'de'))
}

/** Cases per FTE to one decimal; none without FTE. */
export const casesPerFte = (cases: number, fte: number): number | null =>
  fte < fteEpsilon ? null : Math.round((cases / fte) * 10) / 10
