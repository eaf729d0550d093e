import { queryOptions } from '@tanstack/react-query'
import type {
  Budget,
  Contract,
  ContractDetail,
  Position,
  PositionDetail,
  PositionState,
  StaffingTimeline,
  StaffingWarning,
} from '../../../../common/staffing.ts'
import { apiGet } from '../../api.ts'
import { statusColors } from '../../colors.ts'

/** Query keys of staffing; a change to a contract invalidates everything below `staffing`. */
export const staffingKeys = {
  all: ['staffing'] as const,
  positions: ['staffing', 'positions'] as const,
  position: (positionId: string) => ['staffing', 'positions', positionId] as const,
  contract: (contractId: string) => ['staffing', 'contracts', contractId] as const,
  ownContracts: ['staffing', 'own-contracts'] as const,
  warnings: (horizonMonths: number) => ['staffing', 'warnings', horizonMonths] as const,
  timeline: ['staffing', 'timeline'] as const,
  budget: (year: number) => ['staffing', 'budget', year] as const,
}

export const positionsQuery = queryOptions({
  queryKey: staffingKeys.positions,
  queryFn: ({ signal }) => apiGet<{ items: Position[] }>('/positions', signal),
})

export const positionQuery = (positionId: string) =>
  queryOptions({
    queryKey: staffingKeys.position(positionId),
    queryFn: ({ signal }) => apiGet<PositionDetail>(`/positions/${positionId}`, signal),
  })

export const contractQuery = (contractId: string) =>
  queryOptions({
    queryKey: staffingKeys.contract(contractId),
    queryFn: ({ signal }) => apiGet<ContractDetail>(`/contracts/${contractId}`, signal),
  })

export const ownContractsQuery = queryOptions({
  queryKey: staffingKeys.ownContracts,
  queryFn: ({ signal }) => apiGet<{ items: Contract[] }>('/contracts', signal),
})

export const warningsQuery = (horizonMonths: number) =>
  queryOptions({
    queryKey: staffingKeys.warnings(horizonMonths),
    queryFn: ({ signal }) =>
      apiGet<{ horizonMonths: number; today: string; until: string; items: StaffingWarning[] }>(
        `/staffing/warnings?horizonMonths=${horizonMonths}`,
        signal,
      ),
  })

export const timelineQuery = queryOptions({
  queryKey: staffingKeys.timeline,
  queryFn: ({ signal }) => apiGet<StaffingTimeline>('/staffing/timeline?months=24', signal),
})

export const budgetQuery = (year: number) =>
  queryOptions({
    queryKey: staffingKeys.budget(year),
    queryFn: ({ signal }) => apiGet<Budget>(`/budget?year=${year}`, signal),
  })

/** Badge colour of a position's state (white text at AA contrast). */
export const stateColor: Record<PositionState, string> = {
  filled: statusColors.positive,
  'partly-filled': statusColors.warning,
  vacant: statusColors.negative,
  'in-recruitment': statusColors.neutral,
  'over-assigned': statusColors.negative,
}

/** Numbers as the reader's language writes them. */
export const numberFormat = (language: string, digits = 2) =>
  new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'de-DE', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })

export const fteFormat = (value: number, language: string) =>
  new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'de-DE', { maximumFractionDigits: 3 }).format(value)
