import { type Algorithm, hash, verify } from '@node-rs/argon2'
import { dictionary } from '@zxcvbn-ts/language-common'
import { Invalid } from '../../platform/errors.ts'

// OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, 1 lane.
// Algorithm is a const enum that cannot be read at run time here; 2 is its Argon2id member.
export const argon2Options = {
  algorithm: 2 as Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const

/** About 49,000 passwords from public breach corpora, shipped with @zxcvbn-ts/language-common. */
const commonPasswords = new Set(
  (dictionary['passwords-common'] as string[]).map((word) => word.toLowerCase()),
)

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options)
}

// A real hash of a random string: verifying against it costs the same as a real check, so an
// unknown username (or a user without a password) takes as long as a wrong password.
const dummyHash = hash(crypto.randomUUID(), argon2Options)

/** Checks a password against an encoded argon2 hash; the sign-in takes it as a dependency, for tests. */
export type HashVerifier = (encodedHash: string, password: string) => Promise<boolean>

/**
 * Verifies against the stored hash, or against a dummy hash of the same cost when there is none,
 * so that exactly one argon2 verification runs either way.
 */
export async function verifyPassword(
  storedHash: string | null,
  password: string,
  verifyHash: HashVerifier = verify,
): Promise<boolean> {
  try {
    const ok = await verifyHash(storedHash ?? (await dummyHash), password)
    return ok && storedHash !== null
  } catch {
    return false
  }
}

/** A listed password, also with trailing digits or marks, or with up to four characters added around it. */
function isCommon(lowered: string): boolean {
  if (commonPasswords.has(lowered) || commonPasswords.has(lowered.replace(/[\d!?.]+$/, ''))) return true
  for (let added = 1; added <= 4 && lowered.length - added >= 8; added++) {
    if (commonPasswords.has(lowered.slice(0, -added)) || commonPasswords.has(lowered.slice(added)))
      return true
  }
  return false
}

/** Length and a breach list, no composition rules (NIST SP 800-63B). */
export function assertAcceptablePassword(password: string, username: string, field = 'password'): void {
  const lowered = password.toLowerCase()
  if (password.length < 12)
    throw new Invalid('password too short', [{ field, message: 'password-too-short' }])
  if (isCommon(lowered)) {
    throw new Invalid('password is on the list of common or breached passwords', [
      { field, message: 'password-common' },
    ])
  }
  if (username.length >= 3 && lowered.includes(username.toLowerCase())) {
    throw new Invalid('password contains the username', [{ field, message: 'password-contains-username' }])
  }
  if (new Set(password).size < 4) {
    throw new Invalid('password repeats too few characters', [{ field, message: 'password-common' }])
  }
}
