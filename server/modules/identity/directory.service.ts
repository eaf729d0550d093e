import type { Kysely } from 'kysely'
import type { legalSpheres, organisationKinds, Role } from '../../../common/identity.ts'
import type { DB } from '../../db/schema.ts'
import { acrossDistricts } from '../../platform/tenant-context.ts'
import {
  selectActiveUsers,
  selectActiveUsersWithRole,
  selectDisplayNames,
  selectDistrictOrganisations,
  selectNamesById,
  selectOrganisationDistrict,
  selectUserProfiles,
  selectUsersByUsername,
} from './directory.queries.ts'
import { selectTeams } from './organisation.queries.ts'

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

/** The district's teams (id and name), e.g. for matching team names in an imported file. */
export async function districtTeams(
  db: Kysely<DB>,
  districtId: string,
): Promise<{ id: string; name: string }[]> {
  return (await selectTeams(db, districtId)).map((team) => ({ id: team.id, name: team.name }))
}

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

/** An organisation as other modules may know it: what identity keeps of it, without its users. */
export type OrganisationFacts = {
  id: string
  name: string
  kind: (typeof organisationKinds)[number]
  legalSpheres: (typeof legalSpheres)[number][]
}

/** The district's organisations by name (the network's directory builds on them). */
export async function districtOrganisations(
  db: Kysely<DB>,
  districtId: string,
): Promise<OrganisationFacts[]> {
  const rows = await selectDistrictOrganisations(db, districtId)
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind as OrganisationFacts['kind'],
    legalSpheres: row.legal_spheres as OrganisationFacts['legalSpheres'],
  }))
}

/**
 * The district an organisation belongs to, looked up across districts (undefined when there is
 * none), so that another district's organisation can answer 404 like a missing one.
 */
export const organisationDistrict = (db: Kysely<DB>, organisationId: string) =>
  acrossDistricts(() => selectOrganisationDistrict(db, organisationId))

export type UserProfile = { displayName: string; roles: Role[]; organisationName: string | null }

/** Who a user of the district is: name, roles and organisation, for naming who accessed a record. */
export async function userProfiles(
  db: Kysely<DB>,
  districtId: string,
  ids: readonly string[],
): Promise<Map<string, UserProfile>> {
  const rows = await selectUserProfiles(db, districtId, ids)
  return new Map(
    rows.map((row) => [
      row.id,
      { displayName: row.display_name, roles: row.roles as Role[], organisationName: row.organisation_name },
    ]),
  )
}

/**
 * Users of the district by username, with a team each (the last one, for a user in several), for
 * demo data that builds on the demo users.
 */
export async function usersByUsername(
  db: Kysely<DB>,
  districtId: string,
  usernames: readonly string[],
): Promise<Map<string, { id: string; teamId: string | null }>> {
  if (usernames.length === 0) return new Map()
  const rows = await selectUsersByUsername(db, districtId, usernames)
  return new Map(rows.map((row) => [row.username, { id: row.id, teamId: row.team_id }]))
}
