import http from 'node:http'
import https from 'node:https'
import { isIP } from 'node:net'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { type Clock, systemClock } from '../../platform/district-time.ts'
import { sign, signatureHeader } from './signature.ts'
import { guardedLookup, isPrivateAddress } from './url-guard.ts'
import { type ClaimedDelivery, claimDueDeliveries, recordAttempt } from './webhook.queries.ts'

/**
 * Sends the outbox's due deliveries. A 2xx answer delivers; anything else (another status, a
 * timeout, a refused address) is retried with exponential backoff: 30 s, 1, 2, 4, … minutes, and
 * given up after `maxAttempts`. Every attempt lands in the delivery log. Redirects are not
 * followed (a receiver could otherwise point the request anywhere).
 */
export const deliveryRules = {
  maxAttempts: 8,
  firstRetrySeconds: 30,
  timeoutMs: 10_000,
  leaseSeconds: 120,
  batch: 20,
}

export const retryDelaySeconds = (attemptsSoFar: number) =>
  deliveryRules.firstRetrySeconds * 2 ** Math.max(0, attemptsSoFar - 1)

type Answer = { statusCode: number | null; error: string | null }

function post(delivery: ClaimedDelivery, body: string, timestamp: number): Promise<Answer> {
  const url = new URL(delivery.url)
  const client = url.protocol === 'https:' ? https : http
  const allowPrivate = delivery.allow_private_addresses === true
  // A literal address is connected to without a lookup, so the guard checks it here.
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (!allowPrivate && (host === 'localhost' || (isIP(host) !== 0 && isPrivateAddress(host))))
    return Promise.resolve({ statusCode: null, error: 'EADDRNOTALLOWED' })
  return new Promise((resolve) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Lotse-Webhooks/1',
          'lotse-event': delivery.event_type,
          'lotse-delivery': delivery.id,
          [signatureHeader]: sign(delivery.secret, timestamp, body),
        },
        lookup: guardedLookup(allowPrivate),
        timeout: deliveryRules.timeoutMs,
      },
      (response) => {
        // The answer's body is not kept: it is the receiver's, and may hold anything.
        response.resume()
        response.on('end', () => resolve({ statusCode: response.statusCode ?? null, error: null }))
        response.on('error', () =>
          resolve({ statusCode: response.statusCode ?? null, error: 'response-aborted' }),
        )
      },
    )
    request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })))
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ statusCode: null, error: error.code ?? 'request-failed' }),
    )
    request.end(body)
  })
}

/** The body a receiver gets: the event's id, type, time and payload. */
export function eventBody(
  delivery: Pick<ClaimedDelivery, 'event_id' | 'event_type' | 'occurred_at' | 'payload'>,
) {
  return JSON.stringify({
    id: delivery.event_id,
    type: delivery.event_type,
    occurredAt: new Date(delivery.occurred_at).toISOString(),
    data: delivery.payload,
  })
}

/** One round: claims due deliveries and sends them. Answers how many were attempted and delivered. */
export async function runDueDeliveries(
  db: Kysely<DB>,
  now: Date,
): Promise<{ attempted: number; delivered: number }> {
  // A short transaction that only takes the lease; the requests go out after it has committed.
  const claimed = await db
    .transaction()
    .execute((trx) =>
      claimDueDeliveries(trx, now.toISOString(), deliveryRules.batch, deliveryRules.leaseSeconds),
    )
  let delivered = 0
  for (const delivery of claimed) {
    const started = Date.now()
    const answer = await post(delivery, eventBody(delivery), Math.floor(now.getTime() / 1000))
    const ok = answer.statusCode !== null && answer.statusCode >= 200 && answer.statusCode < 300
    const attempts = delivery.attempts + 1
    const status = ok ? 'delivered' : attempts >= deliveryRules.maxAttempts ? 'failed' : 'pending'
    if (ok) delivered += 1
    await recordAttempt(
      db,
      delivery,
      {
        at: now.toISOString(),
        statusCode: answer.statusCode,
        error: answer.error ?? (ok ? null : `http-${answer.statusCode}`),
        durationMs: Date.now() - started,
      },
      {
        status,
        nextAttemptAt: new Date(now.getTime() + retryDelaySeconds(attempts) * 1000).toISOString(),
      },
    )
  }
  return { attempted: claimed.length, delivered }
}

/** Sends due deliveries every ten seconds; the database lease makes each go out once across nodes. */
export function startIntegrationJobs(
  db: Kysely<DB>,
  onError: (error: unknown) => void,
  clock: Clock = systemClock,
): () => void {
  let running = false
  const run = async () => {
    if (running) return
    running = true
    try {
      // Keep going while full batches come back, so a backlog drains without waiting.
      while ((await runDueDeliveries(db, clock())).attempted === deliveryRules.batch) {}
    } catch (error) {
      onError(error)
    } finally {
      running = false
    }
  }
  void run()
  const timer = setInterval(() => void run(), 10_000)
  timer.unref()
  return () => clearInterval(timer)
}
