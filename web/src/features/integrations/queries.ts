import { queryOptions } from '@tanstack/react-query'
import type {
  ApiToken,
  IntegrationSettings,
  Webhook,
  WebhookDelivery,
} from '../../../../common/integration.ts'
import { apiGet } from '../../api.ts'

export const integrationKeys = { all: ['integrations'] as const }

export const apiTokensQuery = queryOptions({
  queryKey: [...integrationKeys.all, 'tokens'],
  queryFn: ({ signal }) => apiGet<ApiToken[]>('/api-tokens', signal),
})

export const webhooksQuery = queryOptions({
  queryKey: [...integrationKeys.all, 'webhooks'],
  queryFn: ({ signal }) => apiGet<Webhook[]>('/webhooks', signal),
})

export const deliveriesQuery = (webhookId: string) =>
  queryOptions({
    queryKey: [...integrationKeys.all, 'deliveries', webhookId],
    queryFn: ({ signal }) => apiGet<WebhookDelivery[]>(`/webhooks/${webhookId}/deliveries?limit=50`, signal),
  })

export const integrationSettingsQuery = queryOptions({
  queryKey: [...integrationKeys.all, 'settings'],
  queryFn: ({ signal }) => apiGet<IntegrationSettings>('/integration-settings', signal),
})
