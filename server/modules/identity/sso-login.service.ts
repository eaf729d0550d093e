import { createHash } from 'node:crypto'
import type { Transaction } from 'kysely'
import * as oidc from 'openid-client'
import { type Role, usernameSchema } from '../../../common/identity.ts'
import { isAcceptableIssuer, type SsoErrorCode, type SsoOption } from '../../../common/sso.ts'
import type { DB } from '../../db/schema.ts'
import { DomainError, type ErrorKind } from '../../platform/errors.ts'
import { recordAudit, recordAuditAlone } from '../audit/index.ts'
import { listDistricts } from '../districts/index.ts'
import { type IdentityContext, type LoginResult, loginResult, openSession } from './session.service.ts'
import {
  deleteExpiredPendingLogins,
  insertLinkedUser,
  insertPendingLogin,
  linkUser,
  type ProviderRow,
  selectEnabledProviders,
  selectProvider,
  selectTeamIdsInDistrict,
  selectUnlinkedUserByUsername,
  selectUserBySubject,
  setUserRoles,
  takePendingLogin,
} from './sso.queries.ts'
import { replaceUserTeams, selectTeamIds, type UserRow } from './user.queries.ts'

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

/** How long a sign-in may take between the redirect to the provider and its answer. */
const pendingMinutes = 10
/** How long discovered provider metadata (and its signing keys' cache) is reused. */
const discoveryMinutes = 5

const kindOf: Record<SsoErrorCode, ErrorKind> = {
  'sso-unavailable': 'not-found',
  'sso-state-invalid': 'invalid',
  'sso-failed': 'unauthenticated',
  'sso-provider-unreachable': 'upstream-failed',
  'sso-no-role': 'unauthenticated',
  'sso-no-account': 'unauthenticated',
  'sso-account-disabled': 'unauthenticated',
  'sso-account-unavailable': 'unauthenticated',
  'sso-username-unavailable': 'unauthenticated',
}

/** A refused single sign-on, with a technical reason for the server log (never shown to users). */
export class SsoFailure extends DomainError {
  constructor(
    code: SsoErrorCode,
    readonly reason: string,
  ) {
    super(code, kindOf[code])
    this.name = 'SsoFailure'
  }
}

export type SsoContext = {
  identity: IdentityContext
  /** The provider's metadata and a client for it, discovered once per configuration version. */
  discover(provider: ProviderRow): Promise<oidc.Configuration>
}

/** What an openid-client or network error says, without tokens or claim values. */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const code = (error as { code?: unknown }).code
  const cause = error.cause instanceof Error ? ` (${error.cause.name}: ${error.cause.message})` : ''
  return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}${cause}`
}

async function discoverProvider(provider: ProviderRow): Promise<oidc.Configuration> {
  // Checked again here, not only when saved: plain HTTP only ever to this machine.
  if (!isAcceptableIssuer(provider.issuer)) throw new SsoFailure('sso-unavailable', 'issuer is not https')
  const issuer = new URL(provider.issuer)
  const secret = provider.client_secret
  try {
    return await oidc.discovery(
      issuer,
      provider.client_id,
      undefined,
      secret ? oidc.ClientSecretBasic(secret) : oidc.None(),
      // openid-client talks HTTPS only; a loopback issuer (same host, tests) is the one exception.
      { execute: issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [], timeout: 10 },
    )
  } catch (error) {
    throw new SsoFailure('sso-provider-unreachable', `discovery: ${reasonOf(error)}`)
  }
}

export function createSsoContext(identity: IdentityContext): SsoContext {
  const cache = new Map<string, { version: number; expiresAt: number; config: Promise<oidc.Configuration> }>()
  return {
    identity,
    discover(provider) {
      const hit = cache.get(provider.district_id)
      if (hit && hit.version === provider.version && hit.expiresAt > Date.now()) return hit.config
      const config = discoverProvider(provider)
      cache.set(provider.district_id, {
        version: provider.version,
        expiresAt: Date.now() + discoveryMinutes * 60_000,
        config,
      })
      // A failed discovery is tried again at the next sign-in.
      void config.catch(() => cache.delete(provider.district_id))
      return config
    },
  }
}

async function districtsByCode(ctx: SsoContext) {
  const { items } = await listDistricts(ctx.identity.db, { limit: 10_000, offset: 0 })
  return items
}

/** The districts that offer single sign-on, for the login page; names and labels only. */
export async function listSsoOptions(ctx: SsoContext): Promise<SsoOption[]> {
  const providers = await selectEnabledProviders(ctx.identity.db)
  if (providers.length === 0) return []
  const districts = new Map((await districtsByCode(ctx)).map((district) => [district.id, district]))
  return providers
    .flatMap((provider) => {
      const district = districts.get(provider.district_id)
      return district
        ? [{ districtCode: district.code, districtName: district.name, label: provider.label }]
        : []
    })
    .sort((a, b) => a.districtName.localeCompare(b.districtName, 'de'))
}

/**
 * Starts a sign-in at the district's provider: state, nonce and the PKCE verifier stay in the
 * database, tied to the browser's binding cookie; the answer is where to send the browser.
 */
export async function startSsoLogin(
  ctx: SsoContext,
  input: { districtCode: string; returnTo: string; redirectUri: string; browserSecret: string },
): Promise<string> {
  const district = (await districtsByCode(ctx)).find((each) => each.code === input.districtCode)
  const provider = district ? await selectProvider(ctx.identity.db, district.id) : undefined
  if (!district || !provider?.enabled) throw new SsoFailure('sso-unavailable', 'no enabled provider')
  const config = await ctx.discover(provider)
  const codeVerifier = oidc.randomPKCECodeVerifier()
  const state = oidc.randomState()
  const nonce = oidc.randomNonce()
  await deleteExpiredPendingLogins(ctx.identity.db)
  await insertPendingLogin(ctx.identity.db, {
    state_hash: sha256(state),
    district_id: district.id,
    browser_hash: sha256(input.browserSecret),
    nonce,
    code_verifier: codeVerifier,
    redirect_uri: input.redirectUri,
    return_to: input.returnTo,
    expires_at: new Date(Date.now() + pendingMinutes * 60_000).toISOString(),
  })
  return oidc
    .buildAuthorizationUrl(config, {
      redirect_uri: input.redirectUri,
      scope: provider.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    })
    .toString()
}

/** The values of a claim: by its name, or by a dotted path into nested claims (realm_access.roles). */
export function claimValues(claims: Record<string, unknown>, path: string): string[] {
  const value = Object.hasOwn(claims, path)
    ? claims[path]
    : path
        .split('.')
        .reduce<unknown>(
          (node, key) =>
            node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined,
          claims,
        )
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.filter((each): each is string => typeof each === 'string')
  return []
}

/** Roles and teams from the mappings whose value the role claim contains. */
function mapClaims(provider: ProviderRow, claims: Record<string, unknown>) {
  const values = new Set(claimValues(claims, provider.role_claim))
  const matched = provider.role_mappings.filter((mapping) => values.has(mapping.value))
  return {
    roles: [...new Set(matched.flatMap((mapping) => mapping.roles))].sort() as Role[],
    teamIds: [...new Set(matched.flatMap((mapping) => mapping.teamIds ?? []))],
    // Teams follow the provider only when the district maps any; otherwise Lotse keeps them.
    managesTeams: provider.role_mappings.some((mapping) => (mapping.teamIds ?? []).length > 0),
  }
}

function displayNameOf(claims: Record<string, unknown>, fallback: string): string {
  const text = (key: string) => (typeof claims[key] === 'string' ? (claims[key] as string).trim() : '')
  const name = text('name') || [text('given_name'), text('family_name')].filter(Boolean).join(' ')
  return (name || fallback).slice(0, 200)
}

type Claims = Record<string, unknown> & { sub: string }

/** Exchanges the code (with the PKCE verifier), checks state, nonce and ID token, adds userinfo. */
async function redeemCode(
  config: oidc.Configuration,
  pending: { nonce: string; code_verifier: string; redirect_uri: string },
  state: string,
  search: string,
): Promise<Claims> {
  const currentUrl = new URL(pending.redirect_uri)
  currentUrl.search = search
  try {
    const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: pending.code_verifier,
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    })
    const idToken = tokens.claims()
    if (!idToken) throw new Error('no ID token')
    // Providers put groups in the ID token or only in userinfo (oidc-provider, Keycloak by mapper).
    const userinfo = config.serverMetadata().userinfo_endpoint
      ? await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub)
      : {}
    return { ...userinfo, ...idToken }
  } catch (error) {
    throw new SsoFailure('sso-failed', reasonOf(error))
  }
}

type Resolution =
  | { ok: true; opened: Awaited<ReturnType<typeof openSession>> }
  | { ok: false; code: SsoErrorCode; reason: string; userId: string | null }

type SignInRequest = { clientPseudonym: string; userAgent: string; requestId: string }

/**
 * Finds the user of the provider's account (linked by issuer and subject; on first sign-in by
 * username or newly created, as configured), brings roles and teams in line with the claims,
 * and opens the session. Refusals are answered, not thrown, so that their audit survives.
 */
async function resolveAndOpen(
  trx: Transaction<DB>,
  ctx: SsoContext,
  provider: ProviderRow,
  claims: Claims,
  request: SignInRequest,
): Promise<Resolution> {
  const districtId = provider.district_id
  const link = { issuer: provider.issuer, subject: claims.sub }
  const username = (claimValues(claims, provider.username_claim)[0] ?? '').trim().toLowerCase()
  const audit = (user: UserRow, action: string) =>
    recordAudit(trx, {
      districtId,
      actorId: user.id,
      actorRoles: user.roles,
      action,
      subjectType: 'user',
      subjectId: user.id,
      purpose: 'sso',
      requestId: request.requestId,
      clientPseudonym: request.clientPseudonym,
    })

  let user = await selectUserBySubject(trx, districtId, link.issuer, link.subject)
  let linkByUsername = false
  if (!user && provider.link_by_username && username) {
    user = await selectUnlinkedUserByUsername(trx, districtId, username)
    linkByUsername = Boolean(user)
  }
  const mapped = mapClaims(provider, claims)
  const refuse = (code: SsoErrorCode, reason: string): Resolution => ({
    ok: false,
    code,
    reason,
    userId: user?.id ?? null,
  })
  if (mapped.roles.length === 0) return refuse('sso-no-role', `no mapping for claim ${provider.role_claim}`)
  if (user?.disabled_at) return refuse('sso-account-disabled', 'user disabled')
  if (user?.roles.includes('partner')) return refuse('sso-account-unavailable', 'partner account')

  const created = !user
  if (!user) {
    if (!provider.create_users) return refuse('sso-no-account', 'no linked user')
    const parsed = usernameSchema.safeParse(username)
    if (!parsed.success) return refuse('sso-account-unavailable', 'username claim not a valid username')
    const id = await insertLinkedUser(trx, {
      district_id: districtId,
      username: parsed.data,
      display_name: displayNameOf(claims, parsed.data),
      roles: mapped.roles,
      sso_issuer: link.issuer,
      sso_subject: link.subject,
    })
    // Usernames are global (decision 0006): refused alike whether this district or another uses it.
    if (!id) return refuse('sso-username-unavailable', 'username in use')
    user = await selectUserBySubject(trx, districtId, link.issuer, link.subject)
    if (!user || user.id !== id) throw new Error('created user not found')
    await audit(user, 'user.create')
  } else if (linkByUsername) {
    await linkUser(trx, user.id, link)
    await audit(user, 'user.sso.link')
  }

  if (mapped.roles.join() !== [...user.roles].sort().join()) {
    await setUserRoles(trx, user.id, mapped.roles)
    user = { ...user, roles: mapped.roles }
    await audit(user, 'user.update')
  }
  if (mapped.managesTeams) {
    const teamIds = await selectTeamIdsInDistrict(trx, districtId, mapped.teamIds)
    const current = (await selectTeamIds(trx, [user.id])).get(user.id) ?? []
    if ([...teamIds].sort().join() !== [...current].sort().join()) {
      await replaceUserTeams(trx, districtId, user.id, teamIds)
      // A new user's teams are part of its creation.
      if (!created) await audit(user, 'user.update')
    }
  }
  const opened = await openSession(trx, ctx.identity.config, {
    user,
    method: 'sso',
    clientPseudonym: request.clientPseudonym,
    userAgent: request.userAgent,
    requestId: request.requestId,
  })
  return { ok: true, opened }
}

/**
 * Completes a sign-in from the provider's redirect. The state is taken out of the database
 * first, so that it is never accepted twice, and must belong to this browser. Every refusal is
 * audited as a failed `auth.login`.
 */
export async function finishSsoLogin(
  ctx: SsoContext,
  input: {
    /** The query string of the callback as received, `?code=…&state=…`. */
    search: string
    state: string | undefined
    browserSecret: string | undefined
    clientAddress: string
    userAgent: string
    requestId: string
  },
): Promise<LoginResult & { returnTo: string }> {
  const { db } = ctx.identity
  const request: SignInRequest = {
    clientPseudonym: ctx.identity.pseudonymise(input.clientAddress),
    userAgent: input.userAgent,
    requestId: input.requestId,
  }
  let districtId: string | null = null
  const fail = async (code: SsoErrorCode, reason: string, userId: string | null = null): Promise<never> => {
    await recordAuditAlone(db, {
      districtId,
      actorId: userId,
      action: 'auth.login',
      outcome: 'failure',
      purpose: `sso: ${code}`,
      requestId: request.requestId,
      clientPseudonym: request.clientPseudonym,
    })
    throw new SsoFailure(code, reason)
  }

  const pending = input.state ? await takePendingLogin(db, sha256(input.state)) : undefined
  if (!input.state || !pending) return fail('sso-state-invalid', 'unknown state')
  districtId = pending.district_id
  if (new Date(pending.expires_at).getTime() < Date.now()) return fail('sso-state-invalid', 'expired')
  if (!input.browserSecret || sha256(input.browserSecret) !== pending.browser_hash)
    return fail('sso-state-invalid', 'started in another browser')
  const provider = await selectProvider(db, pending.district_id)
  if (!provider?.enabled) return fail('sso-unavailable', 'provider disabled meanwhile')

  let claims: Claims
  try {
    claims = await redeemCode(await ctx.discover(provider), pending, input.state, input.search)
  } catch (error) {
    const failure = error instanceof SsoFailure ? error : new SsoFailure('sso-failed', reasonOf(error))
    return fail(failure.code as SsoErrorCode, failure.reason)
  }

  const resolution = await db
    .transaction()
    .execute((trx) => resolveAndOpen(trx, ctx, provider, claims, request))
  if (!resolution.ok) return fail(resolution.code, resolution.reason, resolution.userId)
  return { ...(await loginResult(ctx.identity, resolution.opened)), returnTo: pending.return_to }
}
