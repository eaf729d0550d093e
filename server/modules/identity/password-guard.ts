import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { TooManyRequests } from '../../platform/errors.ts'
import { verifyPassword } from './password.ts'
import { clearThrottle, lockThrottle, recordThrottleFailure, selectThrottles } from './session.queries.ts'

const windowMinutes = 15
const lockAfter = 10
const lockSeconds = 15 * 60

/**
 * Checks the password of a signed-in user who confirms an action with it (password change,
 * switching the second factor off). A stolen session must not become a way to guess the
 * password: after ten wrong tries in 15 minutes these checks lock for 15 minutes.
 */
export async function verifyPasswordGuarded(
  db: Kysely<DB>,
  userId: string,
  storedHash: string | null,
  password: string,
): Promise<boolean> {
  const key = `password-check:${userId}`
  const [row] = await selectThrottles(db, [key])
  const remaining = row?.locked_until
    ? Math.ceil((new Date(row.locked_until).getTime() - Date.now()) / 1000)
    : 0
  if (remaining > 0) throw new TooManyRequests(remaining)
  if (await verifyPassword(storedHash, password)) {
    await clearThrottle(db, key)
    return true
  }
  if ((await recordThrottleFailure(db, key, windowMinutes)) >= lockAfter)
    await lockThrottle(db, key, lockSeconds)
  return false
}
