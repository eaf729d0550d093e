import { createHash, randomInt } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'

const period = 30

/** RFC 6238 with the parameters every authenticator app understands: SHA-1, 6 digits, 30 s. */
export function totpFor(secretBase32: string, username: string): TOTP {
  return new TOTP({
    issuer: 'Lotse',
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period,
    secret: Secret.fromBase32(secretBase32),
  })
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

/** The time step a code belongs to (one step of clock drift either way), or null. */
export function matchingStep(secretBase32: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null
  const delta = totpFor(secretBase32, '').validate({ token: code, timestamp: now, window: 1 })
  return delta === null ? null : Math.floor(now / 1000 / period) + delta
}

const recoveryAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
export const recoveryCodePattern = /^[a-z2-9]{4}-[a-z2-9]{4}$/

/** Ten codes of the form `abcd-efgh` (about 79 bits each), shown once. */
export function newRecoveryCodes(count = 10): string[] {
  const part = () =>
    Array.from({ length: 4 }, () => recoveryAlphabet[randomInt(recoveryAlphabet.length)]).join('')
  return Array.from({ length: count }, () => `${part()}-${part()}`)
}

export const hashRecoveryCode = (code: string) =>
  createHash('sha256').update(code.trim().toLowerCase()).digest('hex')
