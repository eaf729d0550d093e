import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

export type UserRow = {
  id: string
  district_id: string
  organisation_id: string | null
  username: string
  display_name: string
  password_hash: string | null
  roles: string[]
  disabled_at: string | null
  totp_enabled_at: string | null
  version: number
  created_at: string
}

const userColumns = [
  'u.id',
  'u.district_id',
  'u.organisation_id',
  'u.username',
  'u.display_name',
  'u.password_hash',
  'u.roles',
  'u.disabled_at',
  'u.totp_enabled_at',
  'u.version',
  'u.created_at',
] as const

export async function selectUserByUsername(db: Kysely<DB>, username: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('app_user as u')
    .select(userColumns)
    .where('u.username', '=', username)
    .executeTakeFirst()
}

export async function selectUser(
  db: Kysely<DB>,
  districtId: string,
  userId: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom('app_user as u')
    .select(userColumns)
    .where('u.id', '=', userId)
    .where('u.district_id', '=', districtId)
    .executeTakeFirst()
}

export async function selectUsers(
  db: Kysely<DB>,
  districtId: string,
  filter: { q?: string | undefined; limit: number; offset: number },
): Promise<{ rows: UserRow[]; total: number }> {
  let query = db.selectFrom('app_user as u').where('u.district_id', '=', districtId)
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`
    query = query.where((eb) =>
      eb.or([eb('u.username', 'ilike', pattern), eb('u.display_name', 'ilike', pattern)]),
    )
  }
  const [rows, total] = await Promise.all([
    query.select(userColumns).orderBy('u.display_name').limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.n) }
}

export async function selectTeamIds(db: Kysely<DB>, userIds: string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(userIds.map((id) => [id, []]))
  if (userIds.length === 0) return result
  const rows = await db
    .selectFrom('user_team')
    .select(['user_id', 'team_id'])
    .where('user_id', 'in', userIds)
    .execute()
  for (const row of rows) result.get(row.user_id)?.push(row.team_id)
  return result
}

export async function countActiveSessions(db: Kysely<DB>, userIds: string[]): Promise<Map<string, number>> {
  const result = new Map<string, number>()
  if (userIds.length === 0) return result
  const rows = await db
    .selectFrom('session')
    .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('user_id', 'in', userIds)
    .where('idle_expires_at', '>', sql<string>`now()`)
    .where('absolute_expires_at', '>', sql<string>`now()`)
    .groupBy('user_id')
    .execute()
  for (const row of rows) result.set(row.user_id, Number(row.n))
  return result
}

export async function selectDisplayNames(
  db: Kysely<DB>,
  districtId: string,
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('app_user')
    .select(['id', 'display_name'])
    .where('district_id', '=', districtId)
    .where('id', 'in', ids)
    .execute()
  return new Map(rows.map((row) => [row.id, row.display_name]))
}

export type NewUser = {
  district_id: string
  organisation_id: string | null
  username: string
  display_name: string
  password_hash: string | null
  roles: string[]
}

export async function insertUser(db: Kysely<DB>, user: NewUser): Promise<string> {
  const row = await db
    .insertInto('app_user')
    .values({ ...user, password_changed_at: user.password_hash ? new Date().toISOString() : null })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function usernameExists(db: Kysely<DB>, username: string): Promise<boolean> {
  return Boolean(
    await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst(),
  )
}

export type UserChanges = Partial<{
  display_name: string
  roles: string[]
  organisation_id: string | null
  disabled_at: string | null
  password_hash: string
  password_changed_at: string
}>

export async function replaceUserTeams(
  db: Kysely<DB>,
  districtId: string,
  userId: string,
  teamIds: string[],
): Promise<void> {
  await db.deleteFrom('user_team').where('user_id', '=', userId).execute()
  if (teamIds.length > 0) {
    await db
      .insertInto('user_team')
      .values(teamIds.map((teamId) => ({ user_id: userId, team_id: teamId, district_id: districtId })))
      .execute()
  }
}

export async function countTeamsInDistrict(
  db: Kysely<DB>,
  districtId: string,
  teamIds: string[],
): Promise<number> {
  if (teamIds.length === 0) return 0
  const row = await db
    .selectFrom('team')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('district_id', '=', districtId)
    .where('id', 'in', teamIds)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function organisationInDistrict(
  db: Kysely<DB>,
  districtId: string,
  organisationId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('organisation')
    .select('id')
    .where('district_id', '=', districtId)
    .where('id', '=', organisationId)
    .executeTakeFirst()
  return Boolean(row)
}

export async function selectTeams(db: Kysely<DB>, districtId: string) {
  return db
    .selectFrom('team as t')
    .select([
      't.id',
      't.name',
      't.version',
      (eb) =>
        eb
          .selectFrom('user_team as ut')
          .whereRef('ut.team_id', '=', 't.id')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .as('member_count'),
    ])
    .where('t.district_id', '=', districtId)
    .orderBy('t.name')
    .execute()
}

export async function selectOrganisations(db: Kysely<DB>, districtId: string) {
  return db
    .selectFrom('organisation as o')
    .select([
      'o.id',
      'o.name',
      'o.kind',
      'o.legal_spheres',
      'o.version',
      (eb) =>
        eb
          .selectFrom('app_user as u')
          .whereRef('u.organisation_id', '=', 'o.id')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .as('member_count'),
    ])
    .where('o.district_id', '=', districtId)
    .orderBy('o.name')
    .execute()
}

type NameTable = 'team' | 'organisation'

export async function nameTaken(
  db: Kysely<DB>,
  table: NameTable,
  districtId: string,
  name: string,
  exceptId?: string,
) {
  let query = db.selectFrom(table).select('id').where('district_id', '=', districtId).where('name', '=', name)
  if (exceptId) query = query.where('id', '<>', exceptId)
  return Boolean(await query.executeTakeFirst())
}

export async function insertTeam(db: Kysely<DB>, districtId: string, name: string): Promise<string> {
  const row = await db
    .insertInto('team')
    .values({ district_id: districtId, name })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function insertOrganisation(
  db: Kysely<DB>,
  districtId: string,
  organisation: { name: string; kind: string; legalSpheres: string[] },
): Promise<string> {
  const row = await db
    .insertInto('organisation')
    .values({
      district_id: districtId,
      name: organisation.name,
      kind: organisation.kind,
      legal_spheres: organisation.legalSpheres,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

type VersionedTable = 'app_user' | 'team' | 'organisation'
type ChangesOf = {
  app_user: UserChanges
  team: { name: string }
  organisation: { name: string; kind: string; legal_spheres: string[] }
}

/**
 * Updates a row of the district when the version still matches and counts the version up;
 * answers false when the row is stale or not there.
 */
export async function updateIfVersion<T extends VersionedTable>(
  db: Kysely<DB>,
  table: T,
  districtId: string,
  id: string,
  expectedVersion: number,
  changes: ChangesOf[T],
): Promise<boolean> {
  const result = await (db as Kysely<Pick<DB, VersionedTable>>)
    .updateTable(table as VersionedTable)
    .set({ ...(changes as object), version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('district_id', '=', districtId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** The district of a team or organisation, whatever district asks. */
export async function selectNamedDistrictId(
  db: Kysely<DB>,
  table: NameTable,
  id: string,
): Promise<string | undefined> {
  const row = await db.selectFrom(table).select('district_id').where('id', '=', id).executeTakeFirst()
  return row?.district_id
}

export async function insertTeamIfMissing(db: Kysely<DB>, districtId: string, name: string): Promise<string> {
  await db
    .insertInto('team')
    .values({ district_id: districtId, name })
    .onConflict((oc) => oc.columns(['district_id', 'name']).doNothing())
    .execute()
  const row = await db
    .selectFrom('team')
    .select('id')
    .where('district_id', '=', districtId)
    .where('name', '=', name)
    .executeTakeFirstOrThrow()
  return row.id
}

export async function insertOrganisationIfMissing(
  db: Kysely<DB>,
  districtId: string,
  organisation: { name: string; kind: string; legalSpheres: string[] },
): Promise<string> {
  await db
    .insertInto('organisation')
    .values({
      district_id: districtId,
      name: organisation.name,
      kind: organisation.kind,
      legal_spheres: organisation.legalSpheres,
    })
    .onConflict((oc) => oc.columns(['district_id', 'name']).doNothing())
    .execute()
  const row = await db
    .selectFrom('organisation')
    .select('id')
    .where('district_id', '=', districtId)
    .where('name', '=', organisation.name)
    .executeTakeFirstOrThrow()
  return row.id
}

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
  user_agent: string
}

export async function insertSession(
  db: Kysely<DB>,
  session: Omit<SessionRow, 'created_at' | 'last_seen_at'> & { client_pseudonym: string },
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
      's.last_seen_at',
      's.idle_expires_at',
      's.absolute_expires_at',
      ...userColumns,
      'p.second_factor_roles',
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

// Password reset links

export async function replaceResetLink(
  db: Kysely<DB>,
  link: { token_hash: string; user_id: string; district_id: string; created_by: string; expires_at: string },
): Promise<void> {
  // A new link voids the older ones, so only the last link handed out works.
  await db
    .deleteFrom('password_reset')
    .where('user_id', '=', link.user_id)
    .where('used_at', 'is', null)
    .execute()
  await db.insertInto('password_reset').values(link).execute()
}

/** Marks an unused, unexpired link as used and answers whose it was; nothing when it is not valid. */
export async function consumeResetLink(
  db: Kysely<DB>,
  tokenHash: string,
): Promise<{ user_id: string; district_id: string } | undefined> {
  return db
    .updateTable('password_reset')
    .set({ used_at: sql`now()` })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<string>`now()`)
    .returning(['user_id', 'district_id'])
    .executeTakeFirst()
}

export async function setPassword(db: Kysely<DB>, userId: string, passwordHash: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({
      password_hash: passwordHash,
      password_changed_at: sql`now()`,
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', userId)
    .execute()
}

export async function selectUserById(db: Kysely<DB>, userId: string): Promise<UserRow | undefined> {
  return db.selectFrom('app_user as u').select(userColumns).where('u.id', '=', userId).executeTakeFirst()
}

export async function selectValidResetLink(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('password_reset')
    .select(['user_id', 'district_id', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<string>`now()`)
    .executeTakeFirst()
}

// Second factor

export async function selectTotpState(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('app_user')
    .select(['totp_secret', 'totp_enabled_at', 'totp_last_step'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow()
}

export async function storePendingTotpSecret(db: Kysely<DB>, userId: string, secret: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ totp_secret: secret, totp_enabled_at: null })
    .where('id', '=', userId)
    .execute()
}

/** Records an accepted step; answers false when that step (or a later one) was used already. */
export async function acceptTotpStep(db: Kysely<DB>, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('app_user')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function enableTotp(db: Kysely<DB>, userId: string): Promise<void> {
  await db.updateTable('app_user').set({ totp_enabled_at: sql`now()` }).where('id', '=', userId).execute()
}

export async function disableTotp(db: Kysely<DB>, userId: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null })
    .where('id', '=', userId)
    .execute()
  await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute()
}

export async function replaceRecoveryCodes(
  db: Kysely<DB>,
  userId: string,
  districtId: string,
  hashes: string[],
) {
  await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute()
  await db
    .insertInto('recovery_code')
    .values(hashes.map((code_hash) => ({ user_id: userId, district_id: districtId, code_hash })))
    .execute()
}

/** Uses up a recovery code; answers whether it was valid and unused. */
export async function consumeRecoveryCode(
  db: Kysely<DB>,
  userId: string,
  codeHash: string,
): Promise<boolean> {
  const result = await db
    .updateTable('recovery_code')
    .set({ used_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function countUnusedRecoveryCodes(db: Kysely<DB>, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_code')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function selectSecondFactorRoles(
  db: Kysely<DB>,
  districtId: string,
): Promise<string[] | undefined> {
  const row = await db
    .selectFrom('identity_policy')
    .select('second_factor_roles')
    .where('district_id', '=', districtId)
    .executeTakeFirst()
  return row?.second_factor_roles
}

export async function upsertSecondFactorRoles(
  db: Kysely<DB>,
  districtId: string,
  roles: string[],
): Promise<void> {
  await db
    .insertInto('identity_policy')
    .values({ district_id: districtId, second_factor_roles: roles })
    .onConflict((oc) =>
      oc.column('district_id').doUpdateSet({
        second_factor_roles: roles,
        version: sql`identity_policy.version + 1`,
        updated_at: sql`now()`,
      }),
    )
    .execute()
}

/** The district a user belongs to, whatever district asks: only to tell "elsewhere" from "nowhere". */
export async function selectUserDistrictId(db: Kysely<DB>, userId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('app_user')
    .select('district_id')
    .where('id', '=', userId)
    .executeTakeFirst()
  return row?.district_id
}
