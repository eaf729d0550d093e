import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Webhook, WebhookDelivery } from '../../../common/integration.ts'
import { useTestApp } from '../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../test/auth.ts'
import { databaseKinds } from '../../test/database.ts'
import { isoDay } from '../../test/expectations.ts'
import { deliveryRules, runDueDeliveries } from './delivery.job.ts'
import { verifySignature } from './signature.ts'
import { checkWebhookUrl, isPrivateAddress } from './url-guard.ts'

type Received = { headers: Record<string, string | string[] | undefined>; body: string }

/** A receiver on a random port: answers with the statuses queued, then 200. */
function startReceiver() {
  const received: Received[] = []
  const answers: number[] = []
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') })
      response.statusCode = answers.shift() ?? 200
      response.end('ok')
    })
  })
  return {
    received,
    answers,
    server,
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`),
        ),
      ),
  }
}

// Days as the server counts them (Europe/Berlin), not UTC days: after 23:00 UTC they differ.
const inDays = isoDay

describe.each(databaseKinds)('webhooks on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  const receiver = startReceiver()
  let url: string
  let admin: TestSession
  let coordinator: TestSession
  let webhook: Webhook
  let secret: string

  beforeAll(async () => {
    url = await receiver.listen()
    admin = await loginAs(ctx.app, 'admin')
    coordinator = await loginAs(ctx.app, 'koordination')
  })
  afterAll(() => new Promise<void>((resolve) => receiver.server.close(() => resolve())))

  const setPrivate = async (allow: boolean) => {
    const current = (await admin.request({ method: 'GET', url: '/api/integration-settings' })).json()
    const response = await admin.request({
      method: 'PUT',
      url: '/api/integration-settings',
      payload: { allowPrivateAddresses: allow },
      headers: { 'if-match': `"${current.version}"` },
    })
    expect(response.statusCode, response.body).toBe(200)
  }
  const deliveries = async (id: string) => {
    const response = await admin.request({ method: 'GET', url: `/api/webhooks/${id}/deliveries` })
    expect(response.statusCode, response.body).toBe(200)
    return response.json() as WebhookDelivery[]
  }

  it('refuses inner addresses unless the district allows them, and anything but http(s)', async () => {
    const refused = await admin.request({
      method: 'POST',
      url: '/api/webhooks',
      payload: { name: 'Intern', url, events: ['task.created'] },
    })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().code).toBe('webhook-url-private')
    const ftp = await admin.request({
      method: 'POST',
      url: '/api/webhooks',
      payload: { name: 'FTP', url: 'ftp://example.org/x', events: ['task.created'] },
    })
    expect(ftp.json().code).toBe('webhook-url-invalid')
    const count = await sql<{ n: string }>`SELECT count(*) AS n FROM webhook`.execute(ctx.database.db)
    expect(Number(count.rows[0]?.n)).toBe(0)
    expect(isPrivateAddress('10.1.2.3')).toBe(true)
    expect(isPrivateAddress('::ffff:192.168.1.1')).toBe(true)
    expect(isPrivateAddress('93.184.216.34')).toBe(false)
    expect(checkWebhookUrl('https://user:pw@example.org/', false).ok).toBe(false)
  })

  it('is kept by administration only', async () => {
    const response = await coordinator.request({ method: 'GET', url: '/api/webhooks' })
    expect(response.statusCode).toBe(403)
  })

  it('creates a webhook and shows its secret once', async () => {
    await setPrivate(true)
    const response = await admin.request({
      method: 'POST',
      url: '/api/webhooks',
      payload: { name: 'Fachverfahren', url, events: ['task.created', 'referral.status-changed'] },
    })
    expect(response.statusCode, response.body).toBe(201)
    ;({ webhook, secret } = response.json() as { webhook: Webhook; secret: string })
    expect(secret).toMatch(/^whsec_/)
    const list = await admin.request({ method: 'GET', url: '/api/webhooks' })
    expect(list.body).not.toContain(secret)
  })

  it('records a new task in the outbox with the task, and sends it signed; retries after a 500 with backoff', async () => {
    const dueOn = inDays(3)
    const task = await admin.request({
      method: 'POST',
      url: '/api/tasks',
      payload: { title: 'Rückruf Frau Beispiel', dueOn },
    })
    expect(task.statusCode, task.body).toBe(201)
    const taskId = task.json().id as string
    const [pending] = await deliveries(webhook.id)
    expect(pending).toMatchObject({ eventType: 'task.created', status: 'pending', attempts: 0 })

    receiver.answers.push(500)
    const start = new Date()
    expect(await runDueDeliveries(ctx.database.db, start)).toEqual({ attempted: 1, delivered: 0 })
    expect(receiver.received).toHaveLength(1)
    const [afterFailure] = await deliveries(webhook.id)
    expect(afterFailure).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatusCode: 500,
      lastError: 'http-500',
    })

    // Not again before the backoff has passed.
    expect((await runDueDeliveries(ctx.database.db, new Date(start.getTime() + 5_000))).attempted).toBe(0)
    const later = new Date(start.getTime() + (deliveryRules.firstRetrySeconds + 1) * 1000)
    expect(await runDueDeliveries(ctx.database.db, later)).toEqual({ attempted: 1, delivered: 1 })
    const [delivered] = await deliveries(webhook.id)
    expect(delivered).toMatchObject({
      status: 'delivered',
      attempts: 2,
      lastStatusCode: 200,
      lastError: null,
    })
    expect((await runDueDeliveries(ctx.database.db, new Date(later.getTime() + 3_600_000))).attempted).toBe(0)

    const second = receiver.received[1] as Received
    const body = JSON.parse(second.body)
    expect(body).toMatchObject({
      type: 'task.created',
      data: { taskId, dueOn, caseId: null, assigneeId: admin.userId },
    })
    // Ids and dates only: the task's title never leaves.
    expect(second.body).not.toContain('Beispiel')
    expect(second.headers['lotse-event']).toBe('task.created')
    const signature = second.headers['lotse-signature'] as string
    expect(verifySignature(secret, signature, second.body, Math.floor(later.getTime() / 1000))).toBe(true)
    expect(
      verifySignature(
        secret,
        signature,
        second.body.replace(taskId, 'x'),
        Math.floor(later.getTime() / 1000),
      ),
    ).toBe(false)
    expect(verifySignature('whsec_other', signature, second.body, Math.floor(later.getTime() / 1000))).toBe(
      false,
    )
    // Too old a timestamp is a replay.
    expect(verifySignature(secret, signature, second.body, Math.floor(later.getTime() / 1000) + 3600)).toBe(
      false,
    )

    const attempts = await sql<{ status_code: number }>`
      SELECT a.status_code FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id
      WHERE d.webhook_id = ${webhook.id} ORDER BY a.attempted_at`.execute(ctx.database.db)
    expect(attempts.rows.map((row) => row.status_code)).toEqual([500, 200])
  })

  it('writes no event when the change is refused', async () => {
    const before = await sql<{ n: string }>`SELECT count(*) AS n FROM webhook_event`.execute(ctx.database.db)
    const refused = await admin.request({
      method: 'POST',
      url: '/api/tasks',
      payload: { title: 'x', dueOn: inDays(1) },
    })
    expect(refused.statusCode).toBe(400)
    const after = await sql<{ n: string }>`SELECT count(*) AS n FROM webhook_event`.execute(ctx.database.db)
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n)
  })

  it('refuses to send to an inner address once the district withdraws the permission, and gives up after the last attempt', async () => {
    await setPrivate(false)
    const task = await admin.request({
      method: 'POST',
      url: '/api/tasks',
      payload: { title: 'Zweite Aufgabe', dueOn: inDays(2) },
    })
    expect(task.statusCode).toBe(201)
    const sent = receiver.received.length
    let now = Date.now()
    for (let attempt = 1; attempt <= deliveryRules.maxAttempts; attempt += 1) {
      now += 24 * 3_600_000
      await runDueDeliveries(ctx.database.db, new Date(now))
    }
    expect(receiver.received).toHaveLength(sent)
    const [gaveUp] = await deliveries(webhook.id)
    expect(gaveUp).toMatchObject({
      status: 'failed',
      attempts: deliveryRules.maxAttempts,
      lastError: 'EADDRNOTALLOWED',
    })
    const list = (await admin.request({ method: 'GET', url: '/api/webhooks' })).json() as Webhook[]
    expect(list.find((item) => item.id === webhook.id)?.failed).toBe(1)
  })

  it('refuses a stale change of a webhook and deletes it with its log', async () => {
    const stale = await admin.request({
      method: 'PUT',
      url: `/api/webhooks/${webhook.id}`,
      payload: { name: 'Neu', url: 'https://example.org/hook', events: ['task.created'], active: true },
      headers: { 'if-match': `"${webhook.version + 5}"` },
    })
    expect(stale.statusCode).toBe(409)
    const removed = await admin.request({ method: 'DELETE', url: `/api/webhooks/${webhook.id}` })
    expect(removed.statusCode).toBe(204)
    const left = await sql<{
      n: string
    }>`SELECT count(*) AS n FROM webhook_delivery WHERE webhook_id = ${webhook.id}`.execute(ctx.database.db)
    expect(Number(left.rows[0]?.n)).toBe(0)
  })
})
