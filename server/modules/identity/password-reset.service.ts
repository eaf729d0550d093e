import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import type { RequestContext } from '../../platform/access.ts'
import { DomainError } from '../../platform/errors.ts'
import { type Actor, authorize } from '../../platform/policy.ts'
import { recordAudit } from '../audit/index.ts'
import { assertAcceptablePassword, hashPassword } from './password.ts'
import { consumeResetLink, replaceResetLink, selectValidResetLink } from './password-reset.queries.ts'
import { deleteSessionsOfUser } from './session.queries.ts'
import { selectUserById, setPassword } from './user.queries.ts'
import { loadUser } from './user.service.ts'

/** How long an issued link works. Long enough to hand it over by phone or in person the same day. */
export const resetLinkHours = 24

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

const invalidLink = () => new DomainError('reset-link-invalid', 'gone')

/**
 * Issues a one-time link for a user of the actor's district. The token is answered once and only
 * its hash is kept; a new link voids the previous one.
 */
export async function issueResetLink(
  db: Kysely<DB>,
  actor: Actor,
  userId: string,
  request: RequestContext,
): Promise<{ token: string; expiresAt: string }> {
  const user = await loadUser(db, actor, userId)
  authorize(actor, 'user.manage', { type: 'user', districtId: user.district_id, userId: user.id })
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + resetLinkHours * 3_600_000).toISOString()
  await db.transaction().execute(async (trx) => {
    await replaceResetLink(trx, {
      token_hash: sha256(token),
      user_id: user.id,
      district_id: user.district_id,
      created_by: actor.userId,
      expires_at: expiresAt,
    })
    await recordAudit(trx, {
      ...request,
      action: 'user.reset-link.issue',
      subjectType: 'user',
      subjectId: user.id,
    })
  })
  return { token, expiresAt }
}

/**
 * Sets a new password through a link. It signs nobody in: the person then logs in as usual, so a
 * reset never skips a second factor. All their sessions end.
 */
export async function resetPassword(
  db: Kysely<DB>,
  input: { token: string; newPassword: string },
  request: Pick<RequestContext, 'requestId' | 'clientPseudonym'>,
): Promise<void> {
  const tokenHash = sha256(input.token)
  const link = await selectValidResetLink(db, tokenHash)
  const user = link && (await selectUserById(db, link.user_id))
  if (!link || !user) throw invalidLink()
  // Checked before the link is used up, so that a refused password does not cost the link.
  assertAcceptablePassword(input.newPassword, user.username, 'newPassword')
  const passwordHash = await hashPassword(input.newPassword)
  await db.transaction().execute(async (trx) => {
    if (!(await consumeResetLink(trx, tokenHash))) throw invalidLink()
    await setPassword(trx, user.id, passwordHash)
    await deleteSessionsOfUser(trx, user.id)
    await recordAudit(trx, {
      ...request,
      districtId: user.district_id,
      actorId: user.id,
      actorRoles: user.roles,
      action: 'user.password.reset',
      subjectType: 'user',
      subjectId: user.id,
    })
  })
}
