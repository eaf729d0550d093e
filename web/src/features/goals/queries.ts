import { queryOptions } from '@tanstack/react-query'
import type { GoalAgreement, GoalAgreementDetail } from '../../../../common/goals.ts'
import { apiGet } from '../../api.ts'

/** Query keys of goal agreements; the coordinator's overview counts them, so it is refreshed too. */
export const goalKeys = {
  all: ['goal-agreements'] as const,
  agreement: (agreementId: string) => ['goal-agreements', agreementId] as const,
}

export const agreementsQuery = queryOptions({
  queryKey: goalKeys.all,
  queryFn: ({ signal }) => apiGet<{ today: string; items: GoalAgreement[] }>('/goal-agreements', signal),
})

export const agreementQuery = (agreementId: string) =>
  queryOptions({
    queryKey: goalKeys.agreement(agreementId),
    queryFn: ({ signal }) => apiGet<GoalAgreementDetail>(`/goal-agreements/${agreementId}`, signal),
  })
