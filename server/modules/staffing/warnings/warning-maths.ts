import type { Baustein, StaffingWarning, WarningKind } from '../../../../common/staffing.ts'
import { addDays, coverage, fteEpsilon } from '../staffing-days.ts'

/**
 * Early warnings in a window of days (today to the horizon): contracts ending, positions vacant,
 * under- or over-assigned (each run of such days once, dated by its first day), and funding
 * periods ending. Pure: the service loads the rows and the district's today.
 */

export type WarningContract = {
  id: string
  staffMemberId: string | null
  staffName: string
  fte: number
  startsOn: string
  /** The end as agreed. */
  endsOn: string | null
  /** A planned departure before the end, if any. */
  leavesOn: string | null
}
export type WarningPosition = {
  id: string
  title: string
  baustein: Baustein
  fte: number
  fundedFrom: string | null
  fundedUntil: string | null
  contracts: readonly WarningContract[]
}

const kindOrder: Record<WarningKind, number> = {
  'contract-ending': 0,
  'funding-ending': 1,
  'position-vacant': 2,
  'position-under-assigned': 3,
  'position-over-assigned': 4,
}

/** The last day a contract counts: its end, or an earlier planned departure. */
export const lastDay = (contract: Pick<WarningContract, 'endsOn' | 'leavesOn'>): string | null =>
  contract.leavesOn !== null && (contract.endsOn === null || contract.leavesOn < contract.endsOn)
    ? contract.leavesOn
    : contract.endsOn

function contractWarnings(position: WarningPosition, today: string, until: string): StaffingWarning[] {
  return position.contracts.flatMap((contract) => {
    const end = lastDay(contract)
    if (end === null || end < today || end > until) return []
    // A follow-up contract of the same person on the same position the next day continues it.
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
        kind: 'contract-ending' as const,
        date: end,
        positionId: position.id,
        positionTitle: position.title,
        baustein: position.baustein,
        contractId: contract.id,
        staffName: contract.staffName,
        fte: contract.fte,
        assignedFte: null,
        plannedDeparture: end !== contract.endsOn,
      },
    ]
  })
}

function coverageWarnings(position: WarningPosition, today: string, until: string): StaffingWarning[] {
  // Outside its funding period a position is not expected to be staffed.
  const from = position.fundedFrom !== null && position.fundedFrom > today ? position.fundedFrom : today
  const to = position.fundedUntil !== null && position.fundedUntil < until ? position.fundedUntil : until
  const spans = position.contracts.map((contract) => ({
    startsOn: contract.startsOn,
    endsOn: lastDay(contract),
    fte: contract.fte,
  }))
  const warnings: StaffingWarning[] = []
  let previousKind: WarningKind | null = null
  for (const segment of coverage(spans, from, to)) {
    const kind: WarningKind | null =
      segment.assigned < fteEpsilon
        ? 'position-vacant'
        : segment.assigned < position.fte - fteEpsilon
          ? 'position-under-assigned'
          : segment.assigned > position.fte + fteEpsilon
            ? 'position-over-assigned'
            : null
    if (kind !== null && kind !== previousKind) {
      warnings.push({
        kind,
        date: segment.from,
        positionId: position.id,
        positionTitle: position.title,
        baustein: position.baustein,
        contractId: null,
        staffName: null,
        fte: position.fte,
        assignedFte: segment.assigned,
        plannedDeparture: false,
      })
    }
    previousKind = kind
  }
  return warnings
}

function fundingWarning(position: WarningPosition, today: string, until: string): StaffingWarning[] {
  const end = position.fundedUntil
  if (end === null || end < today || end > until) return []
  return [
    {
      kind: 'funding-ending',
      date: end,
      positionId: position.id,
      positionTitle: position.title,
      baustein: position.baustein,
      contractId: null,
      staffName: null,
      fte: position.fte,
      assignedFte: null,
      plannedDeparture: false,
    },
  ]
}

/** Every warning in [today, until], sorted by date, then kind, then position title. */
export function staffingWarnings(
  positions: readonly WarningPosition[],
  today: string,
  until: string,
): StaffingWarning[] {
  return positions
    .flatMap((position) => [
      ...contractWarnings(position, today, until),
      ...fundingWarning(position, today, until),
      ...coverageWarnings(position, today, until),
    ])
    .sort(
      (a, b) =>
        a.date.localeCompare(b.date) ||
        kindOrder[a.kind] - kindOrder[b.kind] ||
        a.positionTitle.localeCompare(b.positionTitle, 'de'),
    )
}
