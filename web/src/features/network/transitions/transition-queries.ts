import { queryOptions } from '@tanstack/react-query'
import type {
  JobcenterContactFigure,
  LegalSphereChange,
  LegalSphereChangeList,
} from '../../../../../common/legal-sphere.ts'
import { apiGet } from '../../../api.ts'

/** Query keys of legal-sphere changes: one root, so a recorded change refreshes every list. */
export const transitionKeys = {
  all: ['legal-sphere-changes'] as const,
  person: (personId: string) => ['legal-sphere-changes', 'person', personId] as const,
  list: ['legal-sphere-changes', 'list'] as const,
  figure: ['legal-sphere-changes', 'figure'] as const,
}

export const personChangesQuery = (personId: string) =>
  queryOptions({
    queryKey: transitionKeys.person(personId),
    queryFn: ({ signal }) =>
      apiGet<LegalSphereChange[]>(`/persons/${encodeURIComponent(personId)}/legal-sphere-changes`, signal),
  })

export const changeListQuery = () =>
  queryOptions({
    queryKey: transitionKeys.list,
    queryFn: ({ signal }) => apiGet<LegalSphereChangeList>('/legal-sphere-changes', signal),
  })

export const figureQuery = () =>
  queryOptions({
    queryKey: transitionKeys.figure,
    queryFn: ({ signal }) => apiGet<JobcenterContactFigure>('/legal-sphere-changes/figure', signal),
  })
