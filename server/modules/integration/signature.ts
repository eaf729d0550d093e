import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * How a notification is signed (decision 0023): header `Lotse-Signature: t=<unix seconds>,v1=<hex>`,
 * where v1 is HMAC-SHA256 with the webhook's secret over `<t>.<raw body>`. The timestamp inside
 * the signed text lets a receiver refuse replays older than a few minutes.
 */
export const signatureHeader = 'lotse-signature'

export function sign(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
  return `t=${timestamp},v1=${mac}`
}

/**
 * What a receiver does, for the documentation and the tests: checks the signature in constant
 * time and the timestamp against a tolerance.
 */
export function verifySignature(
  secret: string,
  header: string | undefined,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header ?? '')
  if (!match) return false
  const timestamp = Number(match[1])
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false
  const expected = Buffer.from(sign(secret, timestamp, body).split('v1=')[1] as string, 'hex')
  const sent = Buffer.from(match[2] as string, 'hex')
  return expected.length === sent.length && timingSafeEqual(expected, sent)
}
