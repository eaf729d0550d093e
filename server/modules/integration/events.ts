import type { Transaction } from 'kysely'
import type { WebhookEventType } from '../../../common/integration.ts'
import type { DB } from '../../db/schema.ts'
import { insertEventWithDeliveries } from './webhook.queries.ts'

/**
 * What each event carries: ids and states, no names, no texts (decision 0023). A receiver that
 * needs more asks the API with a token whose scopes the district granted, so every read of
 * personal data passes the policy and the audit trail.
 */
export type EventPayloads = {
  'referral.status-changed': {
    referralId: string
    caseId: string
    organisationId: string
    fromStatus: string | null
    toStatus: string
  }
  'task.created': { taskId: string; caseId: string | null; dueOn: string | null; assigneeId: string }
  'import.finished': {
    importId: string
    status: string
    rows: number
    imported: number
    rejected: number
    duplicates: number
  }
}

/**
 * Publishes an event to the district's webhooks, in the caller's transaction: the event and a
 * delivery per subscribed webhook commit with the change that caused it, or not at all (the
 * outbox). The delivery job sends them afterwards. Other modules call this through the
 * integration module's index.ts, e.g. the import when it finishes:
 *
 *   await publishEvent(trx, districtId, 'import.finished', { importId, status, rows, ... })
 */
export async function publishEvent<T extends WebhookEventType>(
  trx: Transaction<DB>,
  districtId: string,
  type: T,
  payload: EventPayloads[T],
  occurredAt: Date = new Date(),
): Promise<{ eventId: string; deliveries: number }> {
  if (!trx.isTransaction) throw new Error('publishEvent runs inside the transaction of the change it reports')
  return insertEventWithDeliveries(trx, districtId, type, payload, occurredAt.toISOString())
}
