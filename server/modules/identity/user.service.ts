import type { Kysely } from 'kysely'
import type { CreateUser, Role, UpdateUser, User } from '../../../common/identity.ts'
import type { Page } from '../../../common/pagination.ts'
import type { DB } from '../../db/schema.ts'
import type { RequestContext } from '../../platform/access.ts'
import {
  Conflict,
  DomainError,
  fieldError,
  Invalid,
  NotFound,
  PreconditionRequired,
} from '../../platform/errors.ts'
import { type Actor, abilitiesFor, assertRecordVisible, authorize } from '../../platform/policy.ts'
import { acrossDistricts } from '../../platform/tenant-context.ts'
import { recordAudit, recordAuditAlone } from '../audit/index.ts'
import { assertAcceptablePassword, hashPassword } from './password.ts'
import { verifyPasswordGuarded } from './password-guard.ts'
import { deleteSessionsOfUser } from './session.queries.ts'
import {
  countActiveSessions,
  countTeamsInDistrict,
  insertUser,
  organisationInDistrict,
  replaceUserTeams,
  selectTeamIds,
  selectUser,
  selectUserDistrictId,
  selectUsers,
  type UserChanges,
  type UserRow,
  updateIfVersion,
} from './user.queries.ts'

/** A username in use anywhere in the installation; says neither where nor by whom. */
class UsernameUnavailable extends DomainError {
  constructor() {
    super('username-unavailable', 'conflict', undefined, [{ field: 'username', message: 'unavailable' }])
  }
}

const userAbilities = ['user.read', 'user.manage'] as const

function toUser(row: UserRow, teamIds: string[], sessions: number, actor: Actor): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles as Role[],
    organisationId: row.organisation_id,
    teamIds,
    disabled: row.disabled_at !== null,
    hasPassword: row.password_hash !== null,
    secondFactor: row.totp_enabled_at !== null,
    activeSessions: sessions,
    version: row.version,
    createdAt: row.created_at,
    can: abilitiesFor(actor, { type: 'user', districtId: row.district_id, userId: row.id }, userAbilities),
  }
}

async function present(db: Kysely<DB>, rows: UserRow[], actor: Actor): Promise<User[]> {
  const ids = rows.map((row) => row.id)
  const [teams, sessions] = await Promise.all([selectTeamIds(db, ids), countActiveSessions(db, ids)])
  return rows.map((row) => toUser(row, teams.get(row.id) ?? [], sessions.get(row.id) ?? 0, actor))
}

/** The users of the actor's district; only administrators and the DPO see the whole list. */
export async function listUsers(
  db: Kysely<DB>,
  actor: Actor,
  filter: { q?: string | undefined; limit: number; offset: number },
): Promise<Page<User>> {
  authorize(actor, 'user.read', { type: 'user', districtId: actor.districtId, userId: '' })
  const { rows, total } = await selectUsers(db, actor.districtId, filter)
  return { items: await present(db, rows, actor), total, limit: filter.limit, offset: filter.offset }
}

/**
 * A user of the actor's district. Anyone else answers 404 either way; a user who exists in
 * another district is marked as hidden by policy, so that the attempt is audited as denied.
 */
export async function loadUser(db: Kysely<DB>, actor: Actor, userId: string): Promise<UserRow> {
  const row = await selectUser(db, actor.districtId, userId)
  if (row) return row
  // Not in the actor's district: missing, or another district's (hidden alike).
  const districtId = await acrossDistricts(() => selectUserDistrictId(db, userId))
  assertRecordVisible(actor, districtId ?? undefined, { type: 'user', id: userId })
  throw new NotFound()
}

/** The user as the API shows it, read afresh after a change. */
async function presentOne(db: Kysely<DB>, actor: Actor, userId: string): Promise<User> {
  const [user] = await present(db, [await loadUser(db, actor, userId)], actor)
  return user as User
}

export async function getUser(
  db: Kysely<DB>,
  actor: Actor,
  userId: string,
  ctx: RequestContext,
): Promise<User> {
  const row = await loadUser(db, actor, userId)
  authorize(actor, 'user.read', { type: 'user', districtId: row.district_id, userId: row.id })
  await recordAuditAlone(db, { ...ctx, action: 'user.read', subjectType: 'user', subjectId: row.id })
  const [user] = await present(db, [row], actor)
  return user as User
}

async function assertReferences(
  db: Kysely<DB>,
  districtId: string,
  roles: Role[] | undefined,
  organisationId: string | null | undefined,
  teamIds: string[] | undefined,
) {
  if (organisationId && !(await organisationInDistrict(db, districtId, organisationId))) {
    throw new Invalid('unknown organisation', [{ field: 'organisationId', message: 'unknown' }])
  }
  if (teamIds && (await countTeamsInDistrict(db, districtId, teamIds)) !== new Set(teamIds).size) {
    throw new Invalid('unknown team', [{ field: 'teamIds', message: 'unknown' }])
  }
  if (roles && roles.includes('partner') !== Boolean(organisationId)) {
    throw new Invalid('partners, and only partners, belong to an organisation', [
      { field: 'organisationId', message: 'partner-organisation' },
    ])
  }
}

export async function createUser(
  db: Kysely<DB>,
  actor: Actor,
  input: CreateUser,
  ctx: RequestContext,
): Promise<User> {
  authorize(actor, 'user.manage', { type: 'user', districtId: actor.districtId, userId: '' })
  assertAcceptablePassword(input.password, input.username, 'password')
  await assertReferences(db, actor.districtId, input.roles, input.organisationId, input.teamIds)
  const passwordHash = await hashPassword(input.password)
  const id = await db.transaction().execute(async (trx) => {
    const userId = await insertUser(trx, {
      district_id: actor.districtId,
      organisation_id: input.organisationId,
      username: input.username,
      display_name: input.displayName,
      password_hash: passwordHash,
      roles: [...new Set(input.roles)],
    })
    // The same answer whether the name is used in this district or another (decision 0006).
    if (!userId) throw new UsernameUnavailable()
    await replaceUserTeams(trx, actor.districtId, userId, [...new Set(input.teamIds)])
    await recordAudit(trx, {
      ...ctx,
      action: 'user.create',
      subjectType: 'user',
      subjectId: userId,
    })
    return userId
  })
  return presentOne(db, actor, id)
}

/**
 * Applies changes when the client saw the current version: without one 428, with a stale one
 * 409. Permission comes first, so that nobody learns about versions they may not change.
 */
export async function updateUser(
  db: Kysely<DB>,
  actor: Actor,
  userId: string,
  expectedVersion: number | undefined,
  input: UpdateUser,
  ctx: RequestContext,
): Promise<User> {
  const row = await loadUser(db, actor, userId)
  authorize(actor, 'user.manage', { type: 'user', districtId: row.district_id, userId: row.id })
  if (expectedVersion === undefined) throw new PreconditionRequired()
  if (userId === actor.userId && (input.disabled || (input.roles && !input.roles.includes('admin')))) {
    throw new Invalid('administrators cannot disable themselves or drop their own admin role', [
      { field: '', message: 'self-lockout' },
    ])
  }
  const roles = input.roles ? [...new Set(input.roles)] : (row.roles as Role[])
  const organisationId = input.organisationId !== undefined ? input.organisationId : row.organisation_id
  await assertReferences(db, actor.districtId, roles, organisationId, input.teamIds)
  const changes: UserChanges = {}
  if (input.displayName !== undefined) changes.display_name = input.displayName
  if (input.roles !== undefined) changes.roles = roles
  if (input.organisationId !== undefined) changes.organisation_id = input.organisationId
  if (input.disabled !== undefined)
    changes.disabled_at = input.disabled ? (row.disabled_at ?? new Date().toISOString()) : null
  await db.transaction().execute(async (trx) => {
    if (!(await updateIfVersion(trx, 'app_user', actor.districtId, userId, expectedVersion, changes)))
      throw new Conflict()
    if (input.teamIds) await replaceUserTeams(trx, actor.districtId, userId, [...new Set(input.teamIds)])
    // Disabling a user, or changing what they may do, ends their sessions at once.
    const rolesChanged = [...roles].sort().join() !== [...(row.roles as Role[])].sort().join()
    if (input.disabled || rolesChanged || organisationId !== row.organisation_id)
      await deleteSessionsOfUser(trx, userId)
    await recordAudit(trx, {
      ...ctx,
      action: input.disabled ? 'user.disable' : 'user.update',
      subjectType: 'user',
      subjectId: userId,
    })
  })
  return presentOne(db, actor, userId)
}

export async function endUserSessions(
  db: Kysely<DB>,
  actor: Actor,
  userId: string,
  ctx: RequestContext,
): Promise<number> {
  const row = await loadUser(db, actor, userId)
  authorize(actor, 'user.manage', { type: 'user', districtId: row.district_id, userId: row.id })
  return db.transaction().execute(async (trx) => {
    const ended = await deleteSessionsOfUser(trx, userId)
    await recordAudit(trx, {
      ...ctx,
      action: 'user.sessions.end',
      subjectType: 'user',
      subjectId: userId,
    })
    return ended
  })
}

/** Changes the actor's own password and ends their other sessions. */
export async function changeOwnPassword(
  db: Kysely<DB>,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  currentTokenHash: string,
  ctx: RequestContext,
): Promise<void> {
  const row = await loadUser(db, actor, actor.userId)
  if (!(await verifyPasswordGuarded(db, actor.userId, row.password_hash, input.currentPassword))) {
    throw fieldError('password-wrong', 'invalid', 'currentPassword', 'wrong')
  }
  assertAcceptablePassword(input.newPassword, row.username, 'newPassword')
  const passwordHash = await hashPassword(input.newPassword)
  await db.transaction().execute(async (trx) => {
    const now = new Date().toISOString()
    if (
      !(await updateIfVersion(trx, 'app_user', actor.districtId, actor.userId, row.version, {
        password_hash: passwordHash,
        password_changed_at: now,
      }))
    ) {
      throw new Conflict()
    }
    await deleteSessionsOfUser(trx, actor.userId, currentTokenHash)
    await recordAudit(trx, {
      ...ctx,
      action: 'user.password.change',
      subjectType: 'user',
      subjectId: actor.userId,
    })
  })
}
