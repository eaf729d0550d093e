import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import type { ConceptComparison, ConceptOverview, ConceptVersionDetail } from '../../../../common/concept.ts'
import { apiGet } from '../../api.ts'

/** Query keys of the integration concept; every change invalidates everything below `concept`. */
export const conceptKeys = {
  all: ['concept'] as const,
  overview: ['concept', 'overview'] as const,
  version: (versionId: string) => ['concept', 'version', versionId] as const,
  compare: (from: string, to: string) => ['concept', 'compare', from, to] as const,
}

export const conceptOverviewQuery = queryOptions({
  queryKey: conceptKeys.overview,
  queryFn: ({ signal }) => apiGet<ConceptOverview>('/concept', signal),
})

export const conceptVersionQuery = (versionId: string) =>
  queryOptions({
    queryKey: conceptKeys.version(versionId),
    queryFn: ({ signal }) => apiGet<ConceptVersionDetail>(`/concept/versions/${versionId}`, signal),
  })

export const conceptCompareQuery = (from: string, to: string) =>
  queryOptions({
    queryKey: conceptKeys.compare(from, to),
    queryFn: ({ signal }) =>
      apiGet<ConceptComparison>(
        `/concept/compare?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
        signal,
      ),
  })

/** A write to a version: the answer is the whole version, which replaces the cached one. */
export function useVersionChange<Input>(
  versionId: string,
  send: (input: Input) => Promise<ConceptVersionDetail>,
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: send,
    onSuccess: (updated) => {
      queryClient.setQueryData(conceptKeys.version(versionId), updated)
      void queryClient.invalidateQueries({ queryKey: conceptKeys.overview })
      void queryClient.invalidateQueries({ queryKey: ['concept', 'compare'] })
    },
  })
}

/** The export's language follows the interface's. */
export const exportLanguage = (language: string) => (language === 'en' ? 'en' : 'de')
