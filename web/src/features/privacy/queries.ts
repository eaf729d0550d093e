import { queryOptions } from '@tanstack/react-query'
import type { LegalHold, RetentionPreview, RetentionRules } from '../../../../common/privacy-retention.ts'
import { apiGet } from '../../api.ts'

export const privacyKeys = { all: ['privacy'] as const }

export const retentionRulesQuery = queryOptions({
  queryKey: [...privacyKeys.all, 'rules'],
  queryFn: ({ signal }) => apiGet<RetentionRules>('/retention-rules', signal),
})

export const retentionPreviewQuery = queryOptions({
  queryKey: [...privacyKeys.all, 'preview'],
  queryFn: ({ signal }) => apiGet<RetentionPreview>('/retention/preview', signal),
})

export const legalHoldsQuery = queryOptions({
  queryKey: [...privacyKeys.all, 'holds'],
  queryFn: ({ signal }) => apiGet<{ items: LegalHold[] }>('/legal-holds', signal),
})
