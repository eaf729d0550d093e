import { type Kysely, sql } from 'kysely'
import type { DB, SsoRoleMappingRow } from '../../db/schema.ts'
import { openNullableText, sealNullableText } from '../../platform/encryption.ts'
import { type UserRow, userColumns } from './user.queries.ts'

// Providers

export const providerColumns = [
  'district_id',
  'label',
  'issuer',
  'client_id',
  'client_secret',
  'scopes',
  'role_claim',
  'username_claim',
  'role_mappings',
  'link_by_username',
  'create_users',
  'enabled',
  'version',
  'updated_at',
] as const

export type ProviderRow = {
  district_id: string
  label: string
  issuer: string
  client_id: string
  client_secret: string | null
  scopes: string
  role_claim: string
  username_claim: string
  role_mappings: SsoRoleMappingRow[]
  link_by_username: boolean
  create_users: boolean
  enabled: boolean
  version: number
  updated_at: string
}

export type ProviderChanges = {
  label: string
  issuer: string
  client_id: string
  scopes: string
  role_claim: string
  username_claim: string
  role_mappings: SsoRoleMappingRow[]
  link_by_username: boolean
  create_users: boolean
  enabled: boolean
  /** Undefined keeps the stored secret. */
  client_secret?: string | null
}

/** The district's provider; its client secret decrypted (decision 0020). */
export async function selectProvider(db: Kysely<DB>, districtId: string): Promise<ProviderRow | undefined> {
  const row = await db
    .selectFrom('sso_provider')
    .select(providerColumns)
    .where('district_id', '=', districtId)
    .executeTakeFirst()
  return row && { ...row, client_secret: openNullableText(row.client_secret) }
}

/** The districts that offer single sign-on now, for the login page. */
export async function selectEnabledProviders(db: Kysely<DB>) {
  return db.selectFrom('sso_provider').select(['district_id', 'label']).where('enabled', '=', true).execute()
}

export async function insertProvider(db: Kysely<DB>, districtId: string, changes: ProviderChanges) {
  await db
    .insertInto('sso_provider')
    .values({
      district_id: districtId,
      ...changes,
      client_secret: sealNullableText(changes.client_secret ?? null),
      role_mappings: JSON.stringify(changes.role_mappings),
    })
    .execute()
}

/** Changes the provider when the version still matches; answers false when stale. */
export async function updateProviderIfVersion(
  db: Kysely<DB>,
  districtId: string,
  expectedVersion: number,
  changes: ProviderChanges,
): Promise<boolean> {
  const result = await db
    .updateTable('sso_provider')
    .set({
      ...changes,
      ...(changes.client_secret !== undefined
        ? { client_secret: sealNullableText(changes.client_secret) }
        : {}),
      role_mappings: JSON.stringify(changes.role_mappings),
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('district_id', '=', districtId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

// Sign-ins in progress

export type PendingLoginRow = {
  state_hash: string
  district_id: string
  browser_hash: string
  nonce: string
  code_verifier: string
  redirect_uri: string
  return_to: string
  expires_at: string
}

export async function insertPendingLogin(db: Kysely<DB>, row: PendingLoginRow): Promise<void> {
  await db.insertInto('sso_login').values(row).execute()
}

/** Takes a pending sign-in out: whatever happens next, its state is never accepted again. */
export async function takePendingLogin(
  db: Kysely<DB>,
  stateHash: string,
): Promise<PendingLoginRow | undefined> {
  return db
    .deleteFrom('sso_login')
    .where('state_hash', '=', stateHash)
    .returning([
      'state_hash',
      'district_id',
      'browser_hash',
      'nonce',
      'code_verifier',
      'redirect_uri',
      'return_to',
      'expires_at',
    ])
    .executeTakeFirst()
}

export async function deleteExpiredPendingLogins(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom('sso_login').where('expires_at', '<', sql<string>`now()`).execute()
}

// Users

export async function selectUserBySubject(
  db: Kysely<DB>,
  districtId: string,
  issuer: string,
  subject: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom('app_user as u')
    .select(userColumns)
    .where('u.district_id', '=', districtId)
    .where('u.sso_issuer', '=', issuer)
    .where('u.sso_subject', '=', subject)
    .executeTakeFirst()
}

/** A user of the district with this username who is not linked to a provider account yet. */
export async function selectUnlinkedUserByUsername(
  db: Kysely<DB>,
  districtId: string,
  username: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom('app_user as u')
    .select(userColumns)
    .where('u.district_id', '=', districtId)
    .where('u.username', '=', username)
    .where('u.sso_subject', 'is', null)
    .executeTakeFirst()
}

export async function insertLinkedUser(
  db: Kysely<DB>,
  user: {
    district_id: string
    username: string
    display_name: string
    roles: string[]
    sso_issuer: string
    sso_subject: string
  },
): Promise<string | undefined> {
  // As insertUser: the global unique index decides, without an error that would end the transaction.
  const row = await db
    .insertInto('app_user')
    .values({ ...user, organisation_id: null, password_hash: null })
    .onConflict((oc) => oc.column('username').doNothing())
    .returning('id')
    .executeTakeFirst()
  return row?.id
}

export async function linkUser(
  db: Kysely<DB>,
  userId: string,
  link: { issuer: string; subject: string },
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({
      sso_issuer: link.issuer,
      sso_subject: link.subject,
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', userId)
    .execute()
}

/** The roles the provider hands out, set on the user at sign-in. */
export async function setUserRoles(db: Kysely<DB>, userId: string, roles: string[]): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ roles, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', userId)
    .execute()
}

export async function selectTeamIdsInDistrict(
  db: Kysely<DB>,
  districtId: string,
  teamIds: string[],
): Promise<string[]> {
  if (teamIds.length === 0) return []
  const rows = await db
    .selectFrom('team')
    .select('id')
    .where('district_id', '=', districtId)
    .where('id', 'in', teamIds)
    .execute()
  return rows.map((row) => row.id)
}
