import type { Kysely } from 'kysely'
import type { OrganisationKind, Role } from '../../../common/identity.ts'
import type { DB } from '../../db/schema.ts'
import {
  selectActiveUsers,
  selectActiveUsersWithRole,
  selectDisplayNames,
  selectNamesById,
  selectOrganisations,
  selectOrganisationsOfKind,
} from './directory.queries.ts'

/*
 * What other modules may know about users, teams and organisations: names for their presenters,
 * and whether an id they were given names something of the district. They never read identity's
 * tables themselves (table-ownership.test.ts).
 */

/** Display names of users of one district, for other modules' presenters (e.g. the audit trail). */
export const displayNames = (db: Kysely<DB>, districtId: string, ids: readonly string[]) =>
  selectDisplayNames(db, districtId, ids)

/** Team names by id, for the district's teams among the ids. */
export const teamNames = (db: Kysely<DB>, districtId: string, ids: readonly string[]) =>
  selectNamesById(db, 'team', districtId, ids)

/** Organisation names by id, for the district's organisations among the ids. */
export const organisationNames = (db: Kysely<DB>, districtId: string, ids: readonly string[]) =>
  selectNamesById(db, 'organisation', districtId, ids)

export type ActiveUser = { id: string; displayName: string; roles: Role[] }

/** The enabled users of the district among the ids; disabled, unknown and foreign ones are left out. */
export async function activeUsers(
  db: Kysely<DB>,
  districtId: string,
  ids: readonly string[],
): Promise<ActiveUser[]> {
  const rows = await selectActiveUsers(db, districtId, ids)
  return rows.map((row) => ({ id: row.id, displayName: row.display_name, roles: row.roles as Role[] }))
}

/** The enabled users of the district who hold the role, by display name, with their teams. */
export async function activeUsersWithRole(db: Kysely<DB>, districtId: string, role: Role) {
  const { users, memberships } = await selectActiveUsersWithRole(db, districtId, role)
  return users.map((user) => ({
    id: user.id,
    displayName: user.display_name,
    teamIds: memberships
      .filter((membership) => membership.user_id === user.id)
      .map((membership) => membership.team_id),
  }))
}

/** The district's organisations of a kind, by name: e.g. which organisations are a Jobcenter. */
export const organisationsOfKind = (db: Kysely<DB>, districtId: string, kind: OrganisationKind) =>
  selectOrganisationsOfKind(db, districtId, kind)

/** Every organisation of the district with its kind, by name (for choosing partners). */
export const districtOrganisations = (db: Kysely<DB>, districtId: string) => selectOrganisations(db, districtId)
