import { queryOptions } from '@tanstack/react-query'
import type { Conference, ConferenceDraft, ConferenceListItem } from '../../../../../common/conference.ts'
import { apiGet } from '../../../api.ts'

export const conferenceKeys = {
  all: ['case-conferences'] as const,
  ofCase: (caseId: string) => ['case-conferences', 'case', caseId] as const,
  draft: (caseId: string, heldOn: string, language: string) =>
    ['case-conferences', 'draft', caseId, heldOn, language] as const,
  list: ['case-conferences', 'list'] as const,
}

export const caseConferencesQuery = (caseId: string) =>
  queryOptions({
    queryKey: conferenceKeys.ofCase(caseId),
    queryFn: ({ signal }) => apiGet<Conference[]>(`/cases/${encodeURIComponent(caseId)}/conferences`, signal),
  })

export const conferenceDraftQuery = (caseId: string, heldOn: string, language: string) =>
  queryOptions({
    queryKey: conferenceKeys.draft(caseId, heldOn, language),
    queryFn: ({ signal }) =>
      apiGet<ConferenceDraft>(
        `/cases/${encodeURIComponent(caseId)}/conference-draft?heldOn=${encodeURIComponent(heldOn)}&language=${language}`,
        signal,
      ),
  })

export const conferenceListQuery = () =>
  queryOptions({
    queryKey: conferenceKeys.list,
    queryFn: ({ signal }) => apiGet<ConferenceListItem[]>('/case-conferences', signal),
  })
