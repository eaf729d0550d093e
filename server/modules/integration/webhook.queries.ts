import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { openText, sealText } from '../../platform/encryption.ts'

export type WebhookRow = {
  id: string
  name: string
  url: string
  events: string[]
  active: boolean
  created_at: string
  version: number
}

const webhookColumns = ['id', 'name', 'url', 'events', 'active', 'created_at', 'version'] as const

export async function selectWebhooks(db: Kysely<DB>, districtId: string): Promise<WebhookRow[]> {
  return db
    .selectFrom('webhook')
    .select(webhookColumns)
    .where('district_id', '=', districtId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

export async function selectWebhook(db: Kysely<DB>, districtId: string, id: string) {
  return db
    .selectFrom('webhook')
    .select(webhookColumns)
    .where('district_id', '=', districtId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Pending and failed deliveries per webhook, for the list. */
export async function selectDeliveryCounts(db: Kysely<DB>, districtId: string) {
  return db
    .selectFrom('webhook_delivery')
    .select(['webhook_id', 'status', (eb) => eb.fn.countAll<string>().as('count')])
    .where('district_id', '=', districtId)
    .where('status', 'in', ['pending', 'failed'])
    .groupBy(['webhook_id', 'status'])
    .execute()
}

export async function insertWebhook(
  trx: Transaction<DB>,
  webhook: {
    district_id: string
    name: string
    url: string
    secret: string
    events: string[]
    active: boolean
    created_by: string
  },
): Promise<string> {
  const row = await trx
    .insertInto('webhook')
    .values({ ...webhook, secret: sealText(webhook.secret) })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Changes a webhook at the version the client saw; false when it changed meanwhile. */
export async function updateWebhook(
  trx: Transaction<DB>,
  id: string,
  version: number,
  changes: { name: string; url: string; events: string[]; active: boolean },
): Promise<boolean> {
  const result = await trx
    .updateTable('webhook')
    .set({ ...changes, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function deleteWebhook(trx: Transaction<DB>, id: string): Promise<void> {
  await trx.deleteFrom('webhook').where('id', '=', id).execute()
}

export async function selectAllowPrivate(db: Kysely<DB>, districtId: string): Promise<boolean> {
  const row = await db
    .selectFrom('integration_setting')
    .select('allow_private_addresses')
    .where('district_id', '=', districtId)
    .executeTakeFirst()
  return row?.allow_private_addresses ?? false
}

export async function selectSettings(db: Kysely<DB>, districtId: string) {
  return db
    .selectFrom('integration_setting')
    .select(['allow_private_addresses', 'version'])
    .where('district_id', '=', districtId)
    .executeTakeFirst()
}

/** Saves the settings at the version the client saw (0: none saved yet); false when stale. */
export async function saveSettings(
  trx: Transaction<DB>,
  districtId: string,
  version: number,
  allowPrivateAddresses: boolean,
): Promise<boolean> {
  if (version === 0) {
    const result = await trx
      .insertInto('integration_setting')
      .values({ district_id: districtId, allow_private_addresses: allowPrivateAddresses })
      .onConflict((oc) => oc.column('district_id').doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
  }
  const result = await trx
    .updateTable('integration_setting')
    .set({
      allow_private_addresses: allowPrivateAddresses,
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('district_id', '=', districtId)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

// The outbox

/** Records an event and one delivery per active webhook of the district that wants it. */
export async function insertEventWithDeliveries(
  trx: Transaction<DB>,
  districtId: string,
  eventType: string,
  payload: unknown,
  occurredAt: string,
): Promise<{ eventId: string; deliveries: number }> {
  const event = await trx
    .insertInto('webhook_event')
    .values({
      district_id: districtId,
      event_type: eventType,
      payload: JSON.stringify(payload),
      occurred_at: occurredAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const result = await trx
    .insertInto('webhook_delivery')
    .columns(['district_id', 'webhook_id', 'event_id', 'next_attempt_at'])
    .expression((eb) =>
      eb
        .selectFrom('webhook')
        .select([
          'district_id',
          'id',
          sql<string>`${event.id}::uuid`.as('event_id'),
          sql<string>`${occurredAt}::timestamptz`.as('next_attempt_at'),
        ])
        .where('district_id', '=', districtId)
        .where('active', '=', true)
        .where(sql<boolean>`${eventType} = ANY(events)`),
    )
    .executeTakeFirst()
  return { eventId: event.id, deliveries: Number(result.numInsertedOrUpdatedRows ?? 0) }
}

export type ClaimedDelivery = {
  id: string
  district_id: string
  attempts: number
  event_id: string
  event_type: string
  payload: unknown
  occurred_at: string
  url: string
  secret: string
  allow_private_addresses: boolean | null
}

/**
 * Takes up to `limit` due deliveries for this node: their next attempt moves `leaseSeconds` ahead,
 * so another node (or a run after a crash) picks them up only once the lease has run out.
 * `FOR UPDATE SKIP LOCKED` keeps two nodes from taking the same delivery.
 */
export async function claimDueDeliveries(
  trx: Transaction<DB>,
  now: string,
  limit: number,
  leaseSeconds: number,
): Promise<ClaimedDelivery[]> {
  const due = await trx
    .selectFrom('webhook_delivery')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute()
  if (due.length === 0) return []
  const ids = due.map((row) => row.id)
  await trx
    .updateTable('webhook_delivery')
    .set({ next_attempt_at: sql`${now}::timestamptz + make_interval(secs => ${leaseSeconds})` })
    .where('id', 'in', ids)
    .execute()
  const claimed = await trx
    .selectFrom('webhook_delivery as d')
    .innerJoin('webhook_event as e', 'e.id', 'd.event_id')
    .innerJoin('webhook as w', 'w.id', 'd.webhook_id')
    .leftJoin('integration_setting as s', 's.district_id', 'd.district_id')
    .select([
      'd.id',
      'd.district_id',
      'd.attempts',
      'e.id as event_id',
      'e.event_type',
      'e.payload',
      'e.occurred_at',
      'w.url',
      'w.secret',
      's.allow_private_addresses',
    ])
    .where('d.id', 'in', ids)
    .execute()
  return claimed.map((delivery) => ({ ...delivery, secret: openText(delivery.secret) }))
}

/** Records one attempt and what follows from it: delivered, another try at `nextAttemptAt`, or given up. */
export async function recordAttempt(
  db: Kysely<DB>,
  delivery: { id: string; district_id: string },
  attempt: { at: string; statusCode: number | null; error: string | null; durationMs: number },
  outcome: { status: 'delivered' | 'pending' | 'failed'; nextAttemptAt: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('webhook_attempt')
      .values({
        district_id: delivery.district_id,
        delivery_id: delivery.id,
        attempted_at: attempt.at,
        status_code: attempt.statusCode,
        error: attempt.error,
        duration_ms: attempt.durationMs,
      })
      .execute()
    await trx
      .updateTable('webhook_delivery')
      .set({
        status: outcome.status,
        attempts: sql`attempts + 1`,
        next_attempt_at: outcome.nextAttemptAt,
        delivered_at: outcome.status === 'delivered' ? attempt.at : null,
      })
      .where('id', '=', delivery.id)
      .execute()
  })
}

/** A webhook's deliveries, newest first, each with its last attempt. */
export async function selectDeliveries(db: Kysely<DB>, webhookId: string, limit: number) {
  return db
    .selectFrom('webhook_delivery as d')
    .innerJoin('webhook_event as e', 'e.id', 'd.event_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('webhook_attempt as a')
          .select(['a.status_code', 'a.error'])
          .whereRef('a.delivery_id', '=', 'd.id')
          .orderBy('a.attempted_at', 'desc')
          .limit(1)
          .as('last'),
      (join) => join.onTrue(),
    )
    .select([
      'd.id',
      'd.event_id',
      'e.event_type',
      'd.status',
      'd.attempts',
      'd.created_at',
      'd.next_attempt_at',
      'd.delivered_at',
      'last.status_code',
      'last.error',
    ])
    .where('d.webhook_id', '=', webhookId)
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id')
    .limit(limit)
    .execute()
}
