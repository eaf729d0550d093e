import type { Kysely } from 'kysely'
import QRCode from 'qrcode'
import type { Role } from '../../../common/identity.ts'
import type { DB } from '../../db/schema.ts'
import type { RequestContext } from '../../platform/access.ts'
import { DomainError, fieldError } from '../../platform/errors.ts'
import { type Actor, authorize } from '../../platform/policy.ts'
import { recordAudit } from '../audit/index.ts'
import { verifyPasswordGuarded } from './password-guard.ts'
import {
  acceptTotpStep,
  consumeRecoveryCode,
  countUnusedRecoveryCodes,
  disableTotp,
  enableTotp,
  replaceRecoveryCodes,
  selectSecondFactorRoles,
  selectTotpState,
  storePendingTotpSecret,
  upsertSecondFactorRoles,
} from './second-factor.queries.ts'
import { deleteSessionsOfUser } from './session.queries.ts'
import {
  hashRecoveryCode,
  matchingStep,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodePattern,
  totpFor,
} from './totp.ts'
import { loadUser } from './user.service.ts'

/** Without a district rule, administration and data protection must use a second factor. */
export const defaultSecondFactorRoles: Role[] = ['admin', 'dpo']

export const secondFactorRolesOf = (stored: string[] | null | undefined): Role[] =>
  (stored ?? defaultSecondFactorRoles) as Role[]

export function mustUseSecondFactor(roles: readonly string[], requiredRoles: readonly string[]): boolean {
  return roles.some((role) => requiredRoles.includes(role))
}

export async function secondFactorStatus(db: Kysely<DB>, actor: Actor) {
  const state = await selectTotpState(db, actor.userId)
  const required = mustUseSecondFactor(
    actor.roles,
    secondFactorRolesOf(await selectSecondFactorRoles(db, actor.districtId)),
  )
  return {
    enabled: state.totp_enabled_at !== null,
    required,
    recoveryCodesLeft: state.totp_enabled_at ? await countUnusedRecoveryCodes(db, actor.userId) : 0,
  }
}

/** Creates a new secret, not yet active, and its QR code for the authenticator app. */
export async function startEnrolment(db: Kysely<DB>, actor: Actor, username: string) {
  const state = await selectTotpState(db, actor.userId)
  if (state.totp_enabled_at) throw new DomainError('second-factor-active', 'conflict')
  const secret = newTotpSecret()
  await storePendingTotpSecret(db, actor.userId, secret)
  const otpauthUrl = totpFor(secret, username).toString()
  const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
  return { secret, otpauthUrl, qrCode: `data:image/svg+xml;base64,${Buffer.from(qrSvg).toString('base64')}` }
}

/** A code from the app proves the secret arrived; then it is active and recovery codes are issued once. */
export async function confirmEnrolment(db: Kysely<DB>, actor: Actor, code: string, request: RequestContext) {
  const state = await selectTotpState(db, actor.userId)
  if (state.totp_enabled_at) throw new DomainError('second-factor-active', 'conflict')
  if (!state.totp_secret) throw new DomainError('second-factor-not-started', 'conflict')
  const step = matchingStep(state.totp_secret, code)
  if (step === null || !(await acceptTotpStep(db, actor.userId, step))) {
    throw fieldError('second-factor-invalid', 'invalid', 'code')
  }
  const recoveryCodes = newRecoveryCodes()
  await db.transaction().execute(async (trx) => {
    await enableTotp(trx, actor.userId)
    await replaceRecoveryCodes(trx, actor.userId, actor.districtId, recoveryCodes.map(hashRecoveryCode))
    await recordAudit(trx, {
      ...request,
      action: 'user.second-factor.enable',
      subjectType: 'user',
      subjectId: actor.userId,
    })
  })
  return { recoveryCodes }
}

/** Switches the own second factor off, unless the district requires it for the actor's role. */
export async function disableOwnSecondFactor(
  db: Kysely<DB>,
  actor: Actor,
  password: string,
  request: RequestContext,
) {
  const user = await loadUser(db, actor, actor.userId)
  if ((await secondFactorStatus(db, actor)).required)
    throw new DomainError('second-factor-mandatory', 'conflict')
  if (!(await verifyPasswordGuarded(db, actor.userId, user.password_hash, password))) {
    throw fieldError('password-wrong', 'invalid', 'password', 'wrong')
  }
  await db.transaction().execute(async (trx) => {
    await disableTotp(trx, actor.userId)
    await recordAudit(trx, {
      ...request,
      action: 'user.second-factor.disable',
      subjectType: 'user',
      subjectId: actor.userId,
    })
  })
}

/** For a lost phone: an administrator removes a user's second factor; they set it up again at next sign-in. */
export async function resetUserSecondFactor(
  db: Kysely<DB>,
  actor: Actor,
  userId: string,
  request: RequestContext,
) {
  const user = await loadUser(db, actor, userId)
  authorize(actor, 'user.manage', { type: 'user', districtId: user.district_id, userId: user.id })
  await db.transaction().execute(async (trx) => {
    await disableTotp(trx, userId)
    await deleteSessionsOfUser(trx, userId)
    await recordAudit(trx, {
      ...request,
      action: 'user.second-factor.reset',
      subjectType: 'user',
      subjectId: userId,
    })
  })
}

/** Checks a sign-in code: a current TOTP code (each step once) or an unused recovery code. */
export async function verifySecondFactor(db: Kysely<DB>, userId: string, code: string): Promise<boolean> {
  const normalised = code.trim().toLowerCase()
  if (recoveryCodePattern.test(normalised))
    return consumeRecoveryCode(db, userId, hashRecoveryCode(normalised))
  const state = await selectTotpState(db, userId)
  if (!state.totp_secret || !state.totp_enabled_at) return false
  const step = matchingStep(state.totp_secret, normalised.replace(/\s/g, ''))
  return step !== null && acceptTotpStep(db, userId, step)
}

export async function getSecondFactorRoles(db: Kysely<DB>, actor: Actor): Promise<Role[]> {
  authorize(actor, 'identity-policy.manage', { type: 'district', districtId: actor.districtId })
  return secondFactorRolesOf(await selectSecondFactorRoles(db, actor.districtId))
}

export async function setSecondFactorRoles(
  db: Kysely<DB>,
  actor: Actor,
  roles: Role[],
  request: RequestContext,
) {
  authorize(actor, 'identity-policy.manage', { type: 'district', districtId: actor.districtId })
  await db.transaction().execute(async (trx) => {
    await upsertSecondFactorRoles(trx, actor.districtId, [...new Set(roles)])
    await recordAudit(trx, {
      ...request,
      action: 'identity-policy.update',
      subjectType: 'district',
      subjectId: actor.districtId,
    })
  })
  return getSecondFactorRoles(db, actor)
}

/**
 * Demo districts start without the rule, so the demo works without an authenticator app; a rule
 * an administrator set since is kept.
 */
export async function relaxSecondFactorRuleIfUnset(db: Kysely<DB>, districtId: string): Promise<void> {
  if ((await selectSecondFactorRoles(db, districtId)) === undefined)
    await upsertSecondFactorRoles(db, districtId, [])
}
