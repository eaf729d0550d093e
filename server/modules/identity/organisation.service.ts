import type { Kysely } from 'kysely'
import type { Organisation, OrganisationInput, Team } from '../../../common/identity.ts'
import type { DB } from '../../db/schema.ts'
import type { RequestContext } from '../../platform/access.ts'
import { Conflict, fieldError, NotFound, PreconditionRequired } from '../../platform/errors.ts'
import { type Actor, assertRecordVisible, authorize, ownDistrict } from '../../platform/policy.ts'
import { acrossDistricts } from '../../platform/tenant-context.ts'
import { recordAudit } from '../audit/index.ts'
import {
  insertOrganisation,
  insertTeam,
  nameTaken,
  selectNamedDistrictId,
  selectOrganisations,
  selectTeams,
} from './organisation.queries.ts'
import { updateIfVersion } from './user.queries.ts'

/**
 * Existence first: another district's record answers 404 to everyone, as if it did not exist,
 * and the attempt is audited as denied.
 */
async function assertInDistrict(db: Kysely<DB>, actor: Actor, table: 'team' | 'organisation', id: string) {
  assertRecordVisible(actor, await acrossDistricts(() => selectNamedDistrictId(db, table, id)), {
    type: table,
    id,
  })
}

const nameTakenError = () => fieldError('name-taken', 'conflict', 'name')

export async function listTeams(db: Kysely<DB>, actor: Actor): Promise<Team[]> {
  authorize(actor, 'organisation.read', ownDistrict(actor))
  const rows = await selectTeams(db, actor.districtId)
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    version: row.version,
    memberCount: Number(row.member_count ?? 0),
  }))
}

export async function listOrganisations(db: Kysely<DB>, actor: Actor): Promise<Organisation[]> {
  authorize(actor, 'organisation.read', ownDistrict(actor))
  const rows = await selectOrganisations(db, actor.districtId)
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind as Organisation['kind'],
    legalSpheres: row.legal_spheres as Organisation['legalSpheres'],
    version: row.version,
    memberCount: Number(row.member_count ?? 0),
  }))
}

async function findTeam(db: Kysely<DB>, actor: Actor, id: string): Promise<Team> {
  const team = (await listTeams(db, actor)).find((each) => each.id === id)
  if (!team) throw new NotFound()
  return team
}

async function findOrganisation(db: Kysely<DB>, actor: Actor, id: string): Promise<Organisation> {
  const organisation = (await listOrganisations(db, actor)).find((each) => each.id === id)
  if (!organisation) throw new NotFound()
  return organisation
}

export async function createTeam(
  db: Kysely<DB>,
  actor: Actor,
  name: string,
  request: RequestContext,
): Promise<Team> {
  authorize(actor, 'organisation.manage', ownDistrict(actor))
  const id = await db.transaction().execute(async (trx) => {
    if (await nameTaken(trx, 'team', actor.districtId, name)) throw nameTakenError()
    const teamId = await insertTeam(trx, actor.districtId, name)
    await recordAudit(trx, { ...request, action: 'team.create', subjectType: 'team', subjectId: teamId })
    return teamId
  })
  return findTeam(db, actor, id)
}

export async function renameTeam(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  expectedVersion: number | undefined,
  name: string,
  request: RequestContext,
): Promise<Team> {
  await assertInDistrict(db, actor, 'team', id)
  authorize(actor, 'organisation.manage', ownDistrict(actor))
  if (expectedVersion === undefined) throw new PreconditionRequired()
  await db.transaction().execute(async (trx) => {
    if (await nameTaken(trx, 'team', actor.districtId, name, id)) throw nameTakenError()
    if (!(await updateIfVersion(trx, 'team', actor.districtId, id, expectedVersion, { name })))
      throw new Conflict()
    await recordAudit(trx, { ...request, action: 'team.update', subjectType: 'team', subjectId: id })
  })
  return findTeam(db, actor, id)
}

export async function createOrganisation(
  db: Kysely<DB>,
  actor: Actor,
  input: OrganisationInput,
  request: RequestContext,
): Promise<Organisation> {
  authorize(actor, 'organisation.manage', ownDistrict(actor))
  const id = await db.transaction().execute(async (trx) => {
    if (await nameTaken(trx, 'organisation', actor.districtId, input.name)) throw nameTakenError()
    const organisationId = await insertOrganisation(trx, actor.districtId, {
      ...input,
      legalSpheres: [...new Set(input.legalSpheres)],
    })
    await recordAudit(trx, {
      ...request,
      action: 'organisation.create',
      subjectType: 'organisation',
      subjectId: organisationId,
    })
    return organisationId
  })
  return findOrganisation(db, actor, id)
}

export async function updateOrganisation(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  expectedVersion: number | undefined,
  input: OrganisationInput,
  request: RequestContext,
): Promise<Organisation> {
  await assertInDistrict(db, actor, 'organisation', id)
  authorize(actor, 'organisation.manage', ownDistrict(actor))
  if (expectedVersion === undefined) throw new PreconditionRequired()
  await db.transaction().execute(async (trx) => {
    if (await nameTaken(trx, 'organisation', actor.districtId, input.name, id)) throw nameTakenError()
    const changes = { name: input.name, kind: input.kind, legal_spheres: [...new Set(input.legalSpheres)] }
    if (!(await updateIfVersion(trx, 'organisation', actor.districtId, id, expectedVersion, changes))) {
      throw new Conflict()
    }
    await recordAudit(trx, {
      ...request,
      action: 'organisation.update',
      subjectType: 'organisation',
      subjectId: id,
    })
  })
  return findOrganisation(db, actor, id)
}
