import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { FeedTokenCreated, FeedTokenState } from '../../../../common/steering.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { NotFound } from '../../../platform/errors.ts'
import { type Actor, can } from '../../../platform/policy.ts'
import { setTenantDistrict } from '../../../platform/tenant-context.ts'
import { recordAuditAlone } from '../../audit/index.ts'
import { activeUsers } from '../../identity/index.ts'
import { bodyCalendar } from '../meetings/meeting.service.ts'
import type { MinutesLanguage } from '../meetings/minutes/minutes-texts.ts'
import { authorizeOnBody } from '../steering.access.ts'
import {
  deleteFeedToken,
  selectFeedToken,
  selectFeedTokenByHash,
  touchFeedToken,
  upsertFeedToken,
} from './feed.queries.ts'

/*
 * A calendar program subscribes to a body's meetings with a URL and sends no session. Each user
 * makes a secret token per body; only its SHA-256 is stored, it opens that one feed and nothing
 * else, and it stops working when revoked, replaced, or when its user may no longer read steering.
 */

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex')
const isoOrNull = (value: string | null) => (value === null ? null : new Date(value).toISOString())

export const feedPath = (bodyId: string, token: string) =>
  `/api/bodies/${bodyId}/feed.ics?token=${encodeURIComponent(token)}`

export async function feedTokenState(db: Kysely<DB>, actor: Actor, bodyId: string): Promise<FeedTokenState> {
  await authorizeOnBody(db, actor, 'steering.read', bodyId)
  const row = await selectFeedToken(db, bodyId, actor.userId)
  return {
    exists: row !== undefined,
    createdAt: row ? new Date(row.created_at).toISOString() : null,
    lastUsedAt: row ? isoOrNull(row.last_used_at) : null,
  }
}

/** Makes a new token (the old one, if any, stops working); the token is shown this once. */
export async function createFeedToken(
  db: Kysely<DB>,
  actor: Actor,
  bodyId: string,
  request: RequestContext,
): Promise<FeedTokenCreated> {
  await authorizeOnBody(db, actor, 'steering.read', bodyId)
  const token = randomBytes(32).toString('base64url')
  const row = await upsertFeedToken(db, {
    district_id: actor.districtId,
    body_id: bodyId,
    user_id: actor.userId,
    token_hash: hashOf(token),
  })
  await recordAuditAlone(db, {
    ...request,
    action: 'body.feed-token-create',
    subjectType: 'body',
    subjectId: bodyId,
  })
  return { token, path: feedPath(bodyId, token), createdAt: new Date(row.created_at).toISOString() }
}

export async function revokeFeedToken(
  db: Kysely<DB>,
  actor: Actor,
  bodyId: string,
  request: RequestContext,
): Promise<FeedTokenState> {
  await authorizeOnBody(db, actor, 'steering.read', bodyId)
  if (await deleteFeedToken(db, bodyId, actor.userId))
    await recordAuditAlone(db, {
      ...request,
      action: 'body.feed-token-revoke',
      subjectType: 'body',
      subjectId: bodyId,
    })
  return { exists: false, createdAt: null, lastUsedAt: null }
}

/**
 * The body's calendar for a token instead of a session. Every refusal is the same 404: an
 * unknown, revoked or replaced token, another body's, or one whose user is disabled or may no
 * longer read steering; a caller learns nothing about which.
 */
export async function calendarForToken(
  db: Kysely<DB>,
  bodyId: string,
  token: string | undefined,
  request: RequestContext,
  language: MinutesLanguage,
) {
  if (!token) throw new NotFound()
  const row = await selectFeedTokenByHash(db, hashOf(token))
  if (!row || row.body_id !== bodyId) throw new NotFound()
  // From here on the district's row-level security holds, as for a signed-in request.
  setTenantDistrict(row.district_id)
  const [user] = await activeUsers(db, row.district_id, [row.user_id])
  if (!user) throw new NotFound()
  const actor: Actor = {
    userId: user.id,
    districtId: row.district_id,
    organisationId: null,
    roles: user.roles,
    teamIds: [],
  }
  if (!can(actor, 'steering.read', { type: 'district', districtId: row.district_id })) throw new NotFound()
  await touchFeedToken(db, row.id)
  return bodyCalendar(
    db,
    actor,
    bodyId,
    { ...request, actorId: actor.userId, districtId: actor.districtId },
    language,
  )
}
