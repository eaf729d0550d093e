import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<string, string | undefined, string>

/** An API token for an integration (migration 0037): only the SHA-256 of its value is kept. */
export interface ApiTokenTable {
  id: Generated<string>
  district_id: string
  name: string
  token_hash: string
  token_prefix: string
  scopes: string[]
  created_by: string
  created_at: Timestamp
  expires_at: string
  last_used_at: string | null
  revoked_at: string | null
  revoked_by: string | null
}

/** A district's integration settings (migration 0037). */
export interface IntegrationSettingTable {
  district_id: string
  allow_private_addresses: Generated<boolean>
  version: Generated<number>
  updated_at: Timestamp
}

/** A receiver of signed notifications (migration 0037). */
export interface WebhookTable {
  id: Generated<string>
  district_id: string
  name: string
  url: string
  secret: string
  events: string[]
  active: Generated<boolean>
  created_by: string
  created_at: Timestamp
  version: Generated<number>
}

/** The outbox: one event, written in the transaction of the change (migration 0037). */
export interface WebhookEventTable {
  id: Generated<string>
  district_id: string
  event_type: string
  payload: ColumnType<unknown, string, never>
  occurred_at: Timestamp
}

/** One event to one webhook, until it is delivered or given up (migration 0037). */
export interface WebhookDeliveryTable {
  id: Generated<string>
  district_id: string
  webhook_id: string
  event_id: string
  status: Generated<'pending' | 'delivered' | 'failed'>
  attempts: Generated<number>
  next_attempt_at: Timestamp
  delivered_at: string | null
  created_at: Timestamp
}

/** The delivery log: one row per attempt (migration 0037). */
export interface WebhookAttemptTable {
  id: Generated<string>
  district_id: string
  delivery_id: string
  attempted_at: Timestamp
  status_code: number | null
  error: string | null
  duration_ms: number
}

export interface IntegrationTables {
  api_token: ApiTokenTable
  integration_setting: IntegrationSettingTable
  webhook: WebhookTable
  webhook_event: WebhookEventTable
  webhook_delivery: WebhookDeliveryTable
  webhook_attempt: WebhookAttemptTable
}
