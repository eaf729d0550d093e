import { type Kysely, type SqlBool, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

/** Names of the district's teams or organisations by id; ids of other districts are left out. */
export async function selectNamesById(
  db: Kysely<DB>,
  table: 'team' | 'organisation',
  districtId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const rows = await db
    .selectFrom(table)
    .select(['id', 'name'])
    .where('district_id', '=', districtId)
    .where('id', 'in', unique)
    .execute()
  return new Map(rows.map((row) => [row.id, row.name]))
}

/** Display names of the district's users by id, disabled ones too; ids of other districts are left out. */
export async function selectDisplayNames(
  db: Kysely<DB>,
  districtId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const rows = await db
    .selectFrom('app_user')
    .select(['id', 'display_name'])
    .where('district_id', '=', districtId)
    .where('id', 'in', unique)
    .execute()
  return new Map(rows.map((row) => [row.id, row.display_name]))
}

/** Enabled users of the district among the ids, with their roles. */
export function selectActiveUsers(db: Kysely<DB>, districtId: string, ids: readonly string[]) {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return Promise.resolve([])
  return db
    .selectFrom('app_user')
    .select(['id', 'display_name', 'roles'])
    .where('district_id', '=', districtId)
    .where('id', 'in', unique)
    .where('disabled_at', 'is', null)
    .execute()
}

/** Enabled users of the district holding the role, by display name, with their team ids. */
export async function selectActiveUsersWithRole(db: Kysely<DB>, districtId: string, role: string) {
  const [users, memberships] = await Promise.all([
    db
      .selectFrom('app_user')
      .select(['id', 'display_name'])
      .where('district_id', '=', districtId)
      .where('disabled_at', 'is', null)
      .where(sql<SqlBool>`${role} = ANY (roles)`)
      .orderBy('display_name')
      .execute(),
    db.selectFrom('user_team').select(['user_id', 'team_id']).where('district_id', '=', districtId).execute(),
  ])
  return { users, memberships }
}

/** The district's organisations, by name. */
export function selectDistrictOrganisations(db: Kysely<DB>, districtId: string) {
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'kind', 'legal_spheres'])
    .where('district_id', '=', districtId)
    .orderBy('name')
    .execute()
}

/** Where an organisation belongs; undefined when there is no such organisation. */
export async function selectOrganisationDistrict(db: Kysely<DB>, organisationId: string) {
  const row = await db
    .selectFrom('organisation')
    .select('district_id')
    .where('id', '=', organisationId)
    .executeTakeFirst()
  return row?.district_id
}

/** Users of the district by id, disabled ones too, with roles and organisation name (for a data subject's access report). */
export function selectUserProfiles(db: Kysely<DB>, districtId: string, ids: readonly string[]) {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return Promise.resolve([])
  return db
    .selectFrom('app_user')
    .leftJoin('organisation', 'organisation.id', 'app_user.organisation_id')
    .select([
      'app_user.id',
      'app_user.display_name',
      'app_user.roles',
      'organisation.name as organisation_name',
    ])
    .where('app_user.district_id', '=', districtId)
    .where('app_user.id', 'in', unique)
    .execute()
}

/** The district's users with these usernames, one row per team (none: team_id null). */
export function selectUsersByUsername(db: Kysely<DB>, districtId: string, usernames: readonly string[]) {
  return db
    .selectFrom('app_user')
    .leftJoin('user_team', 'user_team.user_id', 'app_user.id')
    .select(['app_user.id', 'app_user.username', 'user_team.team_id'])
    .where('app_user.district_id', '=', districtId)
    .where('app_user.username', 'in', [...usernames])
    .execute()
}
