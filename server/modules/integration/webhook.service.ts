import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type {
  IntegrationSettings,
  Webhook,
  WebhookDelivery,
  WebhookEventType,
  WebhookInput,
} from '../../../common/integration.ts'
import type { DB } from '../../db/schema.ts'
import type { RequestContext } from '../../platform/access.ts'
import { Conflict, fieldError, NotFound, PreconditionRequired } from '../../platform/errors.ts'
import { type Actor, authorize, ownDistrict } from '../../platform/policy.ts'
import { recordAudit } from '../audit/index.ts'
import { checkWebhookUrl } from './url-guard.ts'
import {
  deleteWebhook,
  insertWebhook,
  saveSettings,
  selectAllowPrivate,
  selectDeliveries,
  selectDeliveryCounts,
  selectSettings,
  selectWebhook,
  selectWebhooks,
  updateWebhook,
  type WebhookRow,
} from './webhook.queries.ts'

/** Webhooks of a district (decision 0023): administration keeps them; every change is audited. */

function present(row: WebhookRow, counts: Map<string, { pending: number; failed: number }>): Webhook {
  const count = counts.get(row.id)
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    events: row.events as WebhookEventType[],
    active: row.active,
    createdAt: row.created_at,
    version: row.version,
    pending: count?.pending ?? 0,
    failed: count?.failed ?? 0,
  }
}

async function countsOf(db: Kysely<DB>, districtId: string) {
  const counts = new Map<string, { pending: number; failed: number }>()
  for (const row of await selectDeliveryCounts(db, districtId)) {
    const entry = counts.get(row.webhook_id) ?? { pending: 0, failed: 0 }
    entry[row.status as 'pending' | 'failed'] = Number(row.count)
    counts.set(row.webhook_id, entry)
  }
  return counts
}

async function readWebhook(db: Kysely<DB>, districtId: string, id: string): Promise<Webhook> {
  const row = await selectWebhook(db, districtId, id)
  if (!row) throw new NotFound()
  return present(row, await countsOf(db, districtId))
}

async function checkedUrl(db: Kysely<DB>, districtId: string, url: string): Promise<string> {
  const verdict = checkWebhookUrl(url, await selectAllowPrivate(db, districtId))
  if (!verdict.ok) throw fieldError(verdict.reason, 'invalid', 'url')
  return verdict.url.toString()
}

export async function listWebhooks(db: Kysely<DB>, actor: Actor): Promise<Webhook[]> {
  authorize(actor, 'webhook.manage', ownDistrict(actor))
  const counts = await countsOf(db, actor.districtId)
  return (await selectWebhooks(db, actor.districtId)).map((row) => present(row, counts))
}

/** Creates a webhook with a fresh signing secret, shown in this answer only. */
export async function createWebhook(
  db: Kysely<DB>,
  actor: Actor,
  input: WebhookInput,
  request: RequestContext,
): Promise<{ webhook: Webhook; secret: string }> {
  authorize(actor, 'webhook.manage', ownDistrict(actor))
  const url = await checkedUrl(db, actor.districtId, input.url)
  const secret = `whsec_${randomBytes(32).toString('base64url')}`
  const id = await db.transaction().execute(async (trx) => {
    const webhookId = await insertWebhook(trx, {
      district_id: actor.districtId,
      name: input.name,
      url,
      secret,
      events: input.events,
      active: input.active,
      created_by: actor.userId,
    })
    await recordAudit(trx, {
      ...request,
      action: 'webhook.create',
      subjectType: 'webhook',
      subjectId: webhookId,
    })
    return webhookId
  })
  return { webhook: await readWebhook(db, actor.districtId, id), secret }
}

export async function changeWebhook(
  db: Kysely<DB>,
  actor: Actor,
  webhookId: string,
  expectedVersion: number | undefined,
  input: WebhookInput,
  request: RequestContext,
): Promise<Webhook> {
  authorize(actor, 'webhook.manage', ownDistrict(actor))
  if (!(await selectWebhook(db, actor.districtId, webhookId))) throw new NotFound()
  if (expectedVersion === undefined) throw new PreconditionRequired()
  const url = await checkedUrl(db, actor.districtId, input.url)
  await db.transaction().execute(async (trx) => {
    if (!(await updateWebhook(trx, webhookId, expectedVersion, { ...input, url }))) throw new Conflict()
    await recordAudit(trx, {
      ...request,
      action: 'webhook.update',
      subjectType: 'webhook',
      subjectId: webhookId,
    })
  })
  return readWebhook(db, actor.districtId, webhookId)
}

export async function removeWebhook(
  db: Kysely<DB>,
  actor: Actor,
  webhookId: string,
  request: RequestContext,
): Promise<void> {
  authorize(actor, 'webhook.manage', ownDistrict(actor))
  if (!(await selectWebhook(db, actor.districtId, webhookId))) throw new NotFound()
  await db.transaction().execute(async (trx) => {
    await deleteWebhook(trx, webhookId)
    await recordAudit(trx, {
      ...request,
      action: 'webhook.delete',
      subjectType: 'webhook',
      subjectId: webhookId,
    })
  })
}

/** The delivery log of one webhook: the latest deliveries with their last attempt's answer. */
export async function listDeliveries(
  db: Kysely<DB>,
  actor: Actor,
  webhookId: string,
  limit: number,
): Promise<WebhookDelivery[]> {
  authorize(actor, 'webhook.manage', ownDistrict(actor))
  if (!(await selectWebhook(db, actor.districtId, webhookId))) throw new NotFound()
  const rows = await selectDeliveries(db, webhookId, limit)
  return rows.map((row) => ({
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type as WebhookEventType,
    status: row.status,
    attempts: row.attempts,
    createdAt: row.created_at,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    deliveredAt: row.delivered_at,
    lastStatusCode: row.status_code ?? null,
    lastError: row.error ?? null,
  }))
}

export async function readIntegrationSettings(db: Kysely<DB>, actor: Actor): Promise<IntegrationSettings> {
  authorize(actor, 'webhook.manage', ownDistrict(actor))
  const row = await selectSettings(db, actor.districtId)
  return { allowPrivateAddresses: row?.allow_private_addresses ?? false, version: row?.version ?? 0 }
}

export async function changeIntegrationSettings(
  db: Kysely<DB>,
  actor: Actor,
  expectedVersion: number | undefined,
  input: { allowPrivateAddresses: boolean },
  request: RequestContext,
): Promise<IntegrationSettings> {
  authorize(actor, 'webhook.manage', ownDistrict(actor))
  if (expectedVersion === undefined) throw new PreconditionRequired()
  await db.transaction().execute(async (trx) => {
    if (!(await saveSettings(trx, actor.districtId, expectedVersion, input.allowPrivateAddresses)))
      throw new Conflict()
    await recordAudit(trx, {
      ...request,
      action: 'integration-settings.update',
      subjectType: 'district',
      subjectId: actor.districtId,
      purpose: `allow-private-addresses:${input.allowPrivateAddresses}`,
    })
  })
  return readIntegrationSettings(db, actor)
}
