import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { updateIfVersion as updateRowIfVersion } from '../../db/versioned.ts'

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

export const userColumns = [
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

export type NewUser = {
  district_id: string
  organisation_id: string | null
  username: string
  display_name: string
  password_hash: string | null
  roles: string[]
}

/**
 * Inserts the user unless the username is in use anywhere in the installation (usernames are
 * global, decision 0006); then answers undefined and stores nothing. The unique index decides, not
 * a prior read: under row-level security a read sees only the own district, and two concurrent
 * inserts would both pass it. ON CONFLICT DO NOTHING leaves the transaction usable, on PGlite and
 * PostgreSQL alike, and does not say where the name is taken.
 */
export async function insertUser(db: Kysely<DB>, user: NewUser): Promise<string | undefined> {
  const row = await db
    .insertInto('app_user')
    .values({ ...user, password_changed_at: user.password_hash ? new Date().toISOString() : null })
    .onConflict((oc) => oc.column('username').doNothing())
    .returning('id')
    .executeTakeFirst()
  return row?.id
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
  db: Transaction<DB>,
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
  return updateRowIfVersion(db, table, id, expectedVersion, changes as never, { district_id: districtId })
}

/** The district of a team or organisation, whatever district asks. */
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

/** The district a user belongs to, whatever district asks: only to tell "elsewhere" from "nowhere". */
export async function selectUserDistrictId(db: Kysely<DB>, userId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('app_user')
    .select('district_id')
    .where('id', '=', userId)
    .executeTakeFirst()
  return row?.district_id
}
