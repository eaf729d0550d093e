import { queryOptions } from '@tanstack/react-query'
import type { Consent } from '../../../../common/consent.ts'
import type { InboxPage, Referral } from '../../../../common/referral.ts'
import { ApiError, apiGet } from '../../api.ts'

const path = (value: string) => encodeURIComponent(value)

/** Query keys of the network: a person's consents, a case's referrals, one referral, the inbox. */
export const networkKeys = {
  consents: (personId: string) => ['persons', personId, 'consents'] as const,
  caseReferrals: (caseId: string) => ['cases', caseId, 'referrals'] as const,
  referral: (referralId: string) => ['referrals', referralId] as const,
  inbox: (params: string) => ['referrals', 'inbox', params] as const,
  allReferrals: ['referrals'] as const,
}

export const consentsQuery = (personId: string) =>
  queryOptions({
    queryKey: networkKeys.consents(personId),
    queryFn: ({ signal }) => apiGet<Consent[]>(`/persons/${path(personId)}/consents`, signal),
  })

export const caseReferralsQuery = (caseId: string) =>
  queryOptions({
    queryKey: networkKeys.caseReferrals(caseId),
    queryFn: ({ signal }) => apiGet<Referral[]>(`/cases/${path(caseId)}/referrals`, signal),
  })

export const referralQuery = (referralId: string) =>
  queryOptions({
    queryKey: networkKeys.referral(referralId),
    queryFn: ({ signal }) => apiGet<Referral>(`/referrals/${path(referralId)}`, signal),
    // Consent may be revoked any moment: a partner's view is never taken from the cache alone.
    staleTime: 0,
    // A referral that is not there (or not the partner's) will not appear on a second try.
    retry: (failures, error) => !(error instanceof ApiError && error.status === 404) && failures < 1,
  })

export const inboxQuery = (params: URLSearchParams) =>
  queryOptions({
    queryKey: networkKeys.inbox(params.toString()),
    queryFn: ({ signal }) => apiGet<InboxPage>(`/referrals/inbox?${params}`, signal),
    placeholderData: (previous) => previous,
  })

/** Referrals sent without consent on a legal basis, for the data protection officer (audited). */
export const overridesQuery = queryOptions({
  queryKey: [...networkKeys.allReferrals, 'overrides'] as const,
  queryFn: ({ signal }) => apiGet<Referral[]>('/referrals/overrides', signal),
  staleTime: 0,
})
