import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { userColumns } from './user.queries.ts'

// Sessions

export type SessionRow = {
  token_hash: string
  user_id: string
  district_id: string
  csrf_token: string
  created_at: string
  last_seen_at: string
  idle_expires_at: string
  absolute_expires_at: string
  client_pseudonym: string
  user_agent: string
}

export async function insertSession(
  db: Kysely<DB>,
  session: Omit<SessionRow, 'created_at' | 'last_seen_at'> & { auth_method: 'password' | 'sso' },
) {
  await db.insertInto('session').values(session).execute()
}

/** A session that has not expired, with its user, who must not be disabled. */
export async function selectLiveSession(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .leftJoin('identity_policy as p', 'p.district_id', 'u.district_id')
    .select([
      's.token_hash',
      's.csrf_token',
      's.auth_method',
      's.last_seen_at',
      's.idle_expires_at',
      's.absolute_expires_at',
      ...userColumns,
      'p.second_factor_roles',
      // In the same statement: a request's session costs one round trip, not two.
      sql<string[]>`ARRAY(SELECT t.team_id::text FROM user_team t WHERE t.user_id = u.id)`.as('team_ids'),
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.idle_expires_at', '>', sql<string>`now()`)
    .where('s.absolute_expires_at', '>', sql<string>`now()`)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst()
}

export async function touchSession(db: Kysely<DB>, tokenHash: string, idleExpiresAt: string): Promise<void> {
  await db
    .updateTable('session')
    .set({
      last_seen_at: sql`now()`,
      idle_expires_at: sql`LEAST(${idleExpiresAt}::timestamptz, absolute_expires_at)`,
    })
    .where('token_hash', '=', tokenHash)
    .execute()
}

export async function deleteSession(db: Kysely<DB>, tokenHash: string): Promise<void> {
  await db.deleteFrom('session').where('token_hash', '=', tokenHash).execute()
}

export async function deleteSessionsOfUser(
  db: Kysely<DB>,
  userId: string,
  exceptTokenHash?: string,
): Promise<number> {
  let query = db.deleteFrom('session').where('user_id', '=', userId)
  if (exceptTokenHash) query = query.where('token_hash', '<>', exceptTokenHash)
  const result = await query.executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** Serialises the sign-ins of one user, so that two at once cannot both stay under the session cap. */
export async function lockSessionsOfUser(db: Transaction<DB>, userId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`sessions:${userId}`}))`.execute(db)
}

/** The user's open sessions after the `keep` used most recently (the newest first among equals). */
export async function selectSessionsBeyond(db: Kysely<DB>, userId: string, keep: number): Promise<string[]> {
  const rows = await db
    .selectFrom('session')
    .select('token_hash')
    .where('user_id', '=', userId)
    .where('idle_expires_at', '>', sql<string>`now()`)
    .where('absolute_expires_at', '>', sql<string>`now()`)
    .orderBy('last_seen_at', 'desc')
    .orderBy('created_at', 'desc')
    .offset(keep)
    .execute()
  return rows.map((row) => row.token_hash)
}

export async function deleteSessions(db: Kysely<DB>, tokenHashes: string[]): Promise<void> {
  if (tokenHashes.length === 0) return
  await db.deleteFrom('session').where('token_hash', 'in', tokenHashes).execute()
}

export async function selectSessionsOfUser(db: Kysely<DB>, userId: string): Promise<SessionRow[]> {
  return db
    .selectFrom('session')
    .select([
      'token_hash',
      'user_id',
      'district_id',
      'csrf_token',
      'created_at',
      'last_seen_at',
      'idle_expires_at',
      'absolute_expires_at',
      'client_pseudonym',
      'user_agent',
    ])
    .where('user_id', '=', userId)
    .where('idle_expires_at', '>', sql<string>`now()`)
    .where('absolute_expires_at', '>', sql<string>`now()`)
    .orderBy('last_seen_at', 'desc')
    .execute()
}

export async function deleteExpiredSessions(db: Kysely<DB>): Promise<number> {
  const result = await db
    .deleteFrom('session')
    .where((eb) =>
      eb.or([
        eb('idle_expires_at', '<=', sql<string>`now()`),
        eb('absolute_expires_at', '<=', sql<string>`now()`),
      ]),
    )
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

// Login throttling

export async function selectThrottles(db: Kysely<DB>, keys: string[]) {
  return db
    .selectFrom('login_throttle')
    .select(['key', 'failures', 'last_failure_at', 'locked_until'])
    .where('key', 'in', keys)
    .execute()
}

/** Counts a failure; failures older than the window start a new count. */
export async function recordThrottleFailure(
  db: Kysely<DB>,
  key: string,
  windowMinutes: number,
): Promise<number> {
  const row = await sql<{ failures: number }>`
    INSERT INTO login_throttle (key, failures, last_failure_at) VALUES (${key}, 1, now())
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN login_throttle.last_failure_at < now() - make_interval(mins => ${windowMinutes})
                      THEN 1 ELSE login_throttle.failures + 1 END,
      last_failure_at = now()
    RETURNING failures`.execute(db)
  return row.rows[0]?.failures ?? 1
}

export async function lockThrottle(db: Kysely<DB>, key: string, seconds: number): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set({ locked_until: sql`now() + make_interval(secs => ${seconds})` })
    .where('key', '=', key)
    .execute()
}

/** Takes back one counted attempt (it succeeded). */
export async function forgiveThrottleFailure(db: Kysely<DB>, key: string): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set({ failures: sql`GREATEST(failures - 1, 0)` })
    .where('key', '=', key)
    .execute()
}

export async function clearThrottle(db: Kysely<DB>, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute()
}

export async function readOrCreateSecret(db: Kysely<DB>, name: string, fresh: string): Promise<string> {
  await db
    .insertInto('installation_secret')
    .values({ name, value: fresh })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
  const row = await db
    .selectFrom('installation_secret')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow()
  return row.value
}
