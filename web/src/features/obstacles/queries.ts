import { queryOptions } from '@tanstack/react-query'
import type { GoalAgreement } from '../../../../common/goals.ts'
import type { ObstacleDetail, ObstacleList } from '../../../../common/obstacles.ts'
import { apiGet } from '../../api.ts'

/** Query keys of structural obstacles; every change invalidates everything below `obstacles`. */
export const obstacleKeys = {
  all: ['obstacles'] as const,
  list: (params: string) => ['obstacles', 'list', params] as const,
  detail: (obstacleId: string) => ['obstacles', 'detail', obstacleId] as const,
}

export const obstaclesQuery = (params: URLSearchParams) =>
  queryOptions({
    queryKey: obstacleKeys.list(params.toString()),
    queryFn: ({ signal }) => apiGet<ObstacleList>(`/obstacles?${params}`, signal),
  })

export const obstacleQuery = (obstacleId: string) =>
  queryOptions({
    queryKey: obstacleKeys.detail(obstacleId),
    queryFn: ({ signal }) => apiGet<ObstacleDetail>(`/obstacles/${obstacleId}`, signal),
  })

/** The district's goal agreements, to link an obstacle to the one that takes it up. */
export const goalAgreementsQuery = queryOptions({
  queryKey: ['steering', 'goal-agreements'] as const,
  queryFn: ({ signal }) => apiGet<{ items: GoalAgreement[] }>('/goal-agreements', signal),
})
