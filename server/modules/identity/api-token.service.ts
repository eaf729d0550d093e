import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Action } from '../../../common/abilities.ts'
import type { Role } from '../../../common/identity.ts'
import {
  type ApiToken,
  type ApiTokenInput,
  actionsNeverForTokens,
  type CreatedApiToken,
  maxTokenDays,
} from '../../../common/integration.ts'
import type { DB } from '../../db/schema.ts'
import type { RequestContext } from '../../platform/access.ts'
import { districtTime, districtTimeAt, districtTimeZone } from '../../platform/district-time.ts'
import { fieldError, NotFound } from '../../platform/errors.ts'
import { type Actor, authorize, ownDistrict } from '../../platform/policy.ts'
import { recordAudit } from '../audit/index.ts'
import {
  type ApiTokenRow,
  insertApiToken,
  revokeApiToken,
  selectApiToken,
  selectApiTokens,
  selectLiveApiToken,
  touchApiToken,
} from './api-token.queries.ts'
import { displayNames } from './directory.service.ts'
import { selectTeamIds } from './user.queries.ts'

/**
 * API tokens for integrations (decision 0023). A token is 32 random bytes, shown once; only its
 * SHA-256 is stored; with that much entropy a slow hash would add nothing. It acts as the
 * administrator who created it, narrowed to its scopes: `policy.can` refuses every action outside
 * them, and the administrator's current roles decide the rest, so a token never outgrows its creator.
 */

const tokenPrefix = 'lotse_'
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

function present(row: ApiTokenRow, names: Map<string, string>, now: Date, timeZone: string): ApiToken {
  const state = row.revoked_at
    ? 'revoked'
    : new Date(row.expires_at).getTime() <= now.getTime()
      ? 'expired'
      : 'active'
  return {
    id: row.id,
    name: row.name,
    prefix: row.token_prefix,
    scopes: row.scopes as Action[],
    createdBy: names.get(row.created_by) ?? null,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    // It expires at the start of the day after its last day.
    expiresOn: districtTimeAt(timeZone, now).dayOf(new Date(new Date(row.expires_at).getTime() - 1)),
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    state,
  }
}

async function presentAll(db: Kysely<DB>, districtId: string, rows: ApiTokenRow[], now: Date) {
  const names = await displayNames(db, districtId, [...new Set(rows.map((row) => row.created_by))])
  const timeZone = await districtTimeZone(db, districtId)
  return rows.map((row) => present(row, names, now, timeZone))
}

export async function listApiTokens(db: Kysely<DB>, actor: Actor, now: Date): Promise<ApiToken[]> {
  authorize(actor, 'api-token.manage', ownDistrict(actor))
  return presentAll(db, actor.districtId, await selectApiTokens(db, actor.districtId), now)
}

export async function createApiToken(
  db: Kysely<DB>,
  actor: Actor,
  input: ApiTokenInput,
  request: RequestContext,
): Promise<CreatedApiToken> {
  authorize(actor, 'api-token.manage', ownDistrict(actor))
  if (input.scopes.some((scope) => actionsNeverForTokens.includes(scope)))
    throw fieldError('api-token-scope-invalid', 'invalid', 'scopes')
  const time = await districtTime(db, actor.districtId, request.now)
  if (input.expiresOn < time.today || input.expiresOn > time.daysFromToday(maxTokenDays))
    throw fieldError('api-token-expiry-invalid', 'invalid', 'expiresOn')
  const value = `${tokenPrefix}${randomBytes(32).toString('base64url')}`
  const id = await db.transaction().execute(async (trx) => {
    const tokenId = await insertApiToken(trx, {
      districtId: actor.districtId,
      name: input.name,
      tokenHash: sha256(value),
      tokenPrefix: value.slice(0, tokenPrefix.length + 4),
      scopes: input.scopes,
      createdBy: actor.userId,
      expiresOn: input.expiresOn,
      timeZone: time.timeZone,
    })
    // The scopes are part of the trace: what an integration was allowed is what an audit asks.
    await recordAudit(trx, {
      ...request,
      action: 'api-token.create',
      subjectType: 'api_token',
      subjectId: tokenId,
      purpose: `scopes:${input.scopes.join(',')}`,
    })
    return tokenId
  })
  const row = (await selectApiToken(db, actor.districtId, id)) as ApiTokenRow
  const [token] = await presentAll(db, actor.districtId, [row], request.now)
  return { token: token as ApiToken, value }
}

export async function revokeToken(
  db: Kysely<DB>,
  actor: Actor,
  tokenId: string,
  request: RequestContext,
): Promise<ApiToken> {
  authorize(actor, 'api-token.manage', ownDistrict(actor))
  const row = await selectApiToken(db, actor.districtId, tokenId)
  if (!row) throw new NotFound()
  await db.transaction().execute(async (trx) => {
    // Revoking twice changes nothing and records nothing: the token is revoked either way.
    if (!(await revokeApiToken(trx, tokenId, actor.userId))) return
    await recordAudit(trx, {
      ...request,
      action: 'api-token.revoke',
      subjectType: 'api_token',
      subjectId: tokenId,
    })
  })
  const updated = (await selectApiToken(db, actor.districtId, tokenId)) as ApiTokenRow
  const [token] = await presentAll(db, actor.districtId, [updated], request.now)
  return token as ApiToken
}

/** The actor an `Authorization: Bearer` token stands for, or null when it does not hold. */
export async function resolveApiToken(db: Kysely<DB>, value: string): Promise<Actor | null> {
  if (!value.startsWith(tokenPrefix) || value.length > 100) return null
  const row = await selectLiveApiToken(db, sha256(value))
  if (!row) return null
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
    await touchApiToken(db, row.id)
  }
  const teamIds = (await selectTeamIds(db, [row.user_id])).get(row.user_id) ?? []
  return {
    userId: row.user_id,
    districtId: row.district_id,
    organisationId: row.organisation_id,
    roles: row.roles as Role[],
    teamIds,
    scopes: row.scopes as Action[],
  }
}
