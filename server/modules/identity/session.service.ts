import { createHash, createHmac, randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Kysely, Transaction } from 'kysely'
import type { OwnSessions, Role, SessionInfo } from '../../../common/identity.ts'
import type { DB } from '../../db/schema.ts'
import type { WriteWatch } from '../../db/write-watch.ts'
import type { RequestContext, ResolvedSession } from '../../platform/access.ts'
import type { Config } from '../../platform/config.ts'
import { districtTimeZone } from '../../platform/district-time.ts'
import { NotFound, TooManyRequests, Unauthenticated } from '../../platform/errors.ts'
import { type Actor, districtAbilities } from '../../platform/policy.ts'
import { recordAudit, recordAuditAlone } from '../audit/index.ts'
import { getDistrictName } from '../districts/index.ts'
import { type HashVerifier, verifyPassword } from './password.ts'
import { mustUseSecondFactor, secondFactorRolesOf, verifySecondFactor } from './second-factor.service.ts'
import {
  clearThrottle,
  deleteSession,
  deleteSessions,
  deleteSessionsOfUser,
  forgiveThrottleFailure,
  insertSession,
  lockSessionsOfUser,
  lockThrottle,
  readOrCreateSecret,
  recordThrottleFailure,
  selectLiveSession,
  selectSessionsBeyond,
  selectSessionsOfUser,
  selectThrottles,
  touchSession,
} from './session.queries.ts'
import { selectUserByUsername } from './user.queries.ts'

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')
const publicSessionId = (tokenHash: string) => tokenHash.slice(0, 16)

/** Limits of the brute-force defence; see docs/operations.md. */
export const throttleRules = {
  windowMinutes: 15,
  // Per account and client address: slows down, then locks that pair only.
  pairDelayAfter: 3,
  pairLockAfter: 10,
  pairLockSeconds: 15 * 60,
  // Per client address, across accounts: stops password spraying.
  addressLockAfter: 30,
  addressLockSeconds: 15 * 60,
  // Per account across addresses: only slows down, so an attacker cannot lock the real user out.
  accountDelayAfter: 20,
  maxDelayMs: 4000,
}

export type IdentityContext = {
  db: Kysely<DB>
  config: Config
  /** Sessions already looked up, while nothing wrote to what they were read from (PGlite only; decision 0036). */
  sessionCache?: SessionCache
  pseudonymise(clientAddress: string): string
  /** The argon2 check of the sign-in; tests count it to prove that unknown users cost the same. */
  verifyHash?: HashVerifier
}

/** Prepares the keyed pseudonymisation of client addresses (shared by all nodes through the database). */
export async function createIdentityContext(
  db: Kysely<DB>,
  config: Config,
  options: { sessionCache?: SessionCache } = {},
): Promise<IdentityContext> {
  const secret =
    config.sessionSecret ??
    (await readOrCreateSecret(db, 'client-pseudonym', randomBytes(32).toString('hex')))
  return {
    db,
    config,
    ...(options.sessionCache ? { sessionCache: options.sessionCache } : {}),
    pseudonymise: (clientAddress) =>
      createHmac('sha256', secret).update(clientAddress).digest('hex').slice(0, 16),
  }
}

type LoginInput = {
  username: string
  password: string
  /** The second factor, needed once the user has set one up. */
  code?: string | undefined
  clientAddress: string
  userAgent: string
  requestId: string
}
export type LoginResult = { token: string; session: SessionInfo }

const throttleKeys = (username: string, pseudonym: string) => ({
  pair: `pair:${username}:${pseudonym}`,
  address: `address:${pseudonym}`,
  account: `account:${username}`,
})

type ThrottleKeys = ReturnType<typeof throttleKeys>
type AttemptCounts = { pair: number; address: number }

/**
 * Refuses while a lock holds, then counts this attempt as a failure before the password is
 * checked (a success takes it back), so that parallel guesses cannot slip past the limits
 * between reading the counters and writing them. Answers the delay to wait before checking.
 */
async function reserveAttempt(
  ctx: IdentityContext,
  keys: ThrottleKeys,
): Promise<{ delayMs: number; counts: AttemptCounts }> {
  const rows = await selectThrottles(ctx.db, Object.values(keys))
  const now = Date.now()
  for (const row of rows) {
    if (row.key === keys.account || !row.locked_until) continue
    const remaining = Math.ceil((new Date(row.locked_until).getTime() - now) / 1000)
    if (remaining > 0) throw new TooManyRequests(remaining)
  }
  const pair = await recordThrottleFailure(ctx.db, keys.pair, throttleRules.windowMinutes)
  const address = await recordThrottleFailure(ctx.db, keys.address, throttleRules.windowMinutes)
  const account = await recordThrottleFailure(ctx.db, keys.account, throttleRules.windowMinutes)
  if (pair > throttleRules.pairLockAfter || address > throttleRules.addressLockAfter) {
    // Enough attempts are being checked right now; whether they lock is up to them.
    for (const key of Object.values(keys)) await forgiveThrottleFailure(ctx.db, key)
    throw new TooManyRequests(1)
  }
  // Delays follow the failures before this attempt.
  const pairFailures = pair - 1
  const accountFailures = account - 1
  const pairDelay =
    pairFailures >= throttleRules.pairDelayAfter
      ? 250 * 2 ** (pairFailures - throttleRules.pairDelayAfter)
      : 0
  const accountDelay = accountFailures >= throttleRules.accountDelayAfter ? throttleRules.maxDelayMs / 2 : 0
  return {
    delayMs: Math.min(Math.max(pairDelay, accountDelay), throttleRules.maxDelayMs),
    counts: { pair, address },
  }
}

/** After a failed attempt (already counted): locks the pair or the address once they reach their limit. */
async function lockWhenExhausted(ctx: IdentityContext, keys: ThrottleKeys, counts: AttemptCounts) {
  if (counts.pair >= throttleRules.pairLockAfter)
    await lockThrottle(ctx.db, keys.pair, throttleRules.pairLockSeconds)
  if (counts.address >= throttleRules.addressLockAfter)
    await lockThrottle(ctx.db, keys.address, throttleRules.addressLockSeconds)
}

function newSessionTimes(config: Config, now = Date.now()) {
  return {
    idle_expires_at: new Date(now + config.session.idleMinutes * 60_000).toISOString(),
    absolute_expires_at: new Date(now + config.session.maxHours * 3_600_000).toISOString(),
  }
}

/**
 * Checks the credentials and opens a new session (a new token every time: no fixation). Unknown
 * users, wrong passwords and disabled accounts answer alike and take the same time.
 */
export async function login(ctx: IdentityContext, input: LoginInput): Promise<LoginResult> {
  const pseudonym = ctx.pseudonymise(input.clientAddress)
  const keys = throttleKeys(input.username, pseudonym)
  const { delayMs, counts } = await reserveAttempt(ctx, keys)
  if (delayMs > 0) await sleep(delayMs)

  const user = await selectUserByUsername(ctx.db, input.username)
  // Unknown users, users without a password and wrong passwords all run one verification of the
  // same cost and the same statements below, so neither time nor answer tells them apart.
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password, ctx.verifyHash)
  if (!user || !passwordOk || user.disabled_at) {
    await lockWhenExhausted(ctx, keys, counts)
    await recordAuditAlone(ctx.db, {
      districtId: user?.district_id ?? null,
      actorId: user?.id ?? null,
      action: 'auth.login',
      outcome: 'failure',
      requestId: input.requestId,
      clientPseudonym: pseudonym,
    })
    throw new Unauthenticated('invalid-credentials')
  }
  if (user.totp_enabled_at) {
    if (!input.code) throw new Unauthenticated('second-factor-required')
    if (!(await verifySecondFactor(ctx.db, user.id, input.code))) {
      await lockWhenExhausted(ctx, keys, counts)
      await recordAuditAlone(ctx.db, {
        districtId: user.district_id,
        actorId: user.id,
        action: 'auth.login',
        outcome: 'failure',
        purpose: 'second factor',
        requestId: input.requestId,
        clientPseudonym: pseudonym,
      })
      throw new Unauthenticated('second-factor-invalid')
    }
  }

  const opened = await ctx.db.transaction().execute(async (trx) => {
    const started = await openSession(trx, ctx.config, {
      user,
      method: 'password',
      clientPseudonym: pseudonym,
      userAgent: input.userAgent,
      requestId: input.requestId,
    })
    await clearThrottle(trx, keys.pair)
    await forgiveThrottleFailure(trx, keys.address)
    await forgiveThrottleFailure(trx, keys.account)
    return started
  })
  return loginResult(ctx, opened)
}

export type AuthMethod = 'password' | 'sso'
export type OpenedSession = { token: string; tokenHash: string }

/**
 * Opens a new session for a user who has just proved who they are, with a new token every time
 * (no fixation), and audits the sign-in. Password and single sign-on share it.
 */
export async function openSession(
  trx: Transaction<DB>,
  config: Config,
  input: {
    user: { id: string; district_id: string; roles: string[] }
    method: AuthMethod
    clientPseudonym: string
    userAgent: string
    requestId: string
  },
): Promise<OpenedSession> {
  const token = randomBytes(32).toString('base64url')
  const tokenHash = sha256(token)
  const audit = {
    districtId: input.user.district_id,
    actorId: input.user.id,
    actorRoles: input.user.roles,
    subjectType: 'user',
    subjectId: input.user.id,
    requestId: input.requestId,
    clientPseudonym: input.clientPseudonym,
  }
  await lockSessionsOfUser(trx, input.user.id)
  await insertSession(trx, {
    token_hash: tokenHash,
    user_id: input.user.id,
    district_id: input.user.district_id,
    csrf_token: randomBytes(24).toString('base64url'),
    client_pseudonym: input.clientPseudonym,
    user_agent: input.userAgent.slice(0, 300),
    auth_method: input.method,
    ...newSessionTimes(config),
  })
  await recordAudit(trx, {
    ...audit,
    action: 'auth.login',
    ...(input.method === 'password' ? {} : { purpose: input.method }),
  })
  // Past the cap, the sessions used longest ago end (a forgotten browser elsewhere, not this one).
  const beyond = await selectSessionsBeyond(trx, input.user.id, config.session.maxPerUser)
  await deleteSessions(trx, beyond)
  for (const _ of beyond)
    await recordAudit(trx, { ...audit, action: 'auth.session.end', purpose: 'session-limit' })
  return { token, tokenHash }
}

/** The session just opened, as the sign-in answers it. */
export async function loginResult(ctx: IdentityContext, opened: OpenedSession): Promise<LoginResult> {
  const session = await sessionInfo(ctx, opened.tokenHash)
  if (!session) throw new Unauthenticated()
  return { token: opened.token, session: session.info }
}

type LiveSession = NonNullable<Awaited<ReturnType<typeof selectLiveSession>>>

function actorFromSession(row: LiveSession, teamIds: string[]): Actor {
  const required = secondFactorRolesOf(row.second_factor_roles)
  return {
    userId: row.id,
    districtId: row.district_id,
    organisationId: row.organisation_id,
    roles: row.roles as Role[],
    teamIds,
    // A single sign-on session trusts the identity provider's own second factor (decision 0004).
    mustEnrolSecondFactor:
      row.auth_method !== 'sso' && row.totp_enabled_at === null && mustUseSecondFactor(row.roles, required),
  }
}

async function sessionInfo(ctx: IdentityContext, tokenHash: string) {
  const row = await selectLiveSession(ctx.db, tokenHash)
  if (!row) return null
  const teamIds = [...row.team_ids]
  const actor = actorFromSession(row, teamIds)
  const info: SessionInfo = {
    user: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      roles: row.roles as Role[],
      districtId: row.district_id,
      districtName: await getDistrictName(ctx.db, row.district_id),
      districtTimeZone: await districtTimeZone(ctx.db, row.district_id),
      organisationId: row.organisation_id,
      teamIds,
    },
    csrfToken: row.csrf_token,
    abilities: districtAbilities(actor),
    mustEnrolSecondFactor: actor.mustEnrolSecondFactor ?? false,
    idleExpiresAt: row.idle_expires_at,
    absoluteExpiresAt: row.absolute_expires_at,
  }
  return { row, teamIds, info }
}

/** Looks up the session of a cookie token and extends its idle time (at most once a minute). */
export async function resolveSession(ctx: IdentityContext, token: string): Promise<ResolvedSession | null> {
  if (token.length > 100) return null
  const tokenHash = sha256(token)
  let row = ctx.sessionCache?.get(tokenHash)
  if (row) {
    // The statement checks expiry in SQL; a remembered session is checked here, against the same clock.
    const now = Date.now()
    if (!(Date.parse(row.idle_expires_at) > now && Date.parse(row.absolute_expires_at) > now)) return null
  } else {
    const generation = ctx.sessionCache?.generation()
    row = await selectLiveSession(ctx.db, tokenHash)
    if (!row) return null
    if (generation !== undefined) ctx.sessionCache?.set(tokenHash, row, generation)
  }
  if (Date.now() - new Date(row.last_seen_at).getTime() > 60_000) {
    // A write to session: the remembered row is forgotten and read again, with its new times.
    await touchSession(ctx.db, tokenHash, newSessionTimes(ctx.config).idle_expires_at)
  }
  return { actor: actorFromSession(row, [...row.team_ids]), csrfToken: row.csrf_token, tokenHash }
}

/**
 * Sessions as last read, for a database this process alone writes to (PGlite holds its data folder
 * locked). An entry holds while no statement has written to a table it was read from or that
 * cascades into them; any such write, by any request, job or the owner's connection, forgets all
 * entries at once. So a sign-out, a revoked session, a disabled user, a changed role or team take
 * effect with the very next request, as without the cache (decision 0036).
 */
export class SessionCache {
  static readonly tables = [
    'session',
    'app_user',
    'user_team',
    'identity_policy',
    'team',
    'organisation',
    'district',
  ] as const
  private readonly entries = new Map<string, { row: LiveSession; generation: number }>()

  constructor(
    private readonly writes: WriteWatch,
    private readonly maxEntries = 10_000,
  ) {}

  generation(): number {
    return this.writes.generation(SessionCache.tables)
  }

  get(tokenHash: string): LiveSession | undefined {
    const entry = this.entries.get(tokenHash)
    if (!entry) return undefined
    if (entry.generation === this.generation()) return entry.row
    this.entries.clear()
    return undefined
  }

  /** Keeps a row read while the generation was `readAt`, unless something was written meanwhile. */
  set(tokenHash: string, row: LiveSession, readAt: number): void {
    if (readAt !== this.generation()) return
    if (this.entries.size >= this.maxEntries) this.entries.clear()
    this.entries.set(tokenHash, { row, generation: readAt })
  }
}

export async function currentSession(ctx: IdentityContext, tokenHash: string): Promise<SessionInfo> {
  const session = await sessionInfo(ctx, tokenHash)
  if (!session) throw new Unauthenticated()
  return session.info
}

export async function logout(ctx: IdentityContext, tokenHash: string, request: RequestContext) {
  await ctx.db.transaction().execute(async (trx) => {
    await deleteSession(trx, tokenHash)
    await recordAudit(trx, {
      ...request,
      action: 'auth.logout',
      subjectType: 'user',
      subjectId: request.actorId,
    })
  })
}

/** The actor's open sessions, most recently used first, and how many a user may have. */
export async function listOwnSessions(
  ctx: IdentityContext,
  actor: Actor,
  currentTokenHash: string,
): Promise<OwnSessions> {
  const rows = await selectSessionsOfUser(ctx.db, actor.userId)
  return {
    items: rows.map((row) => ({
      id: publicSessionId(row.token_hash),
      current: row.token_hash === currentTokenHash,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      userAgent: row.user_agent,
      clientPseudonym: row.client_pseudonym,
    })),
    maxPerUser: ctx.config.session.maxPerUser,
  }
}

/** Ends one of the actor's own sessions, named by its public id. */
export async function endOwnSession(
  ctx: IdentityContext,
  actor: Actor,
  publicId: string,
  request: RequestContext,
): Promise<void> {
  const rows = await selectSessionsOfUser(ctx.db, actor.userId)
  const target = rows.find((row) => publicSessionId(row.token_hash) === publicId)
  if (!target) throw new NotFound()
  await ctx.db.transaction().execute(async (trx) => {
    await deleteSession(trx, target.token_hash)
    await recordAudit(trx, {
      ...request,
      action: 'auth.session.end',
      subjectType: 'user',
      subjectId: actor.userId,
    })
  })
}

/** Ends all of the actor's sessions but the current one; answers how many ended. */
export async function endOtherOwnSessions(
  ctx: IdentityContext,
  actor: Actor,
  currentTokenHash: string,
  request: RequestContext,
): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const ended = await deleteSessionsOfUser(trx, actor.userId, currentTokenHash)
    if (ended > 0)
      await recordAudit(trx, {
        ...request,
        action: 'auth.session.end',
        subjectType: 'user',
        subjectId: actor.userId,
        purpose: 'others',
      })
    return ended
  })
}

export { deleteSessionsOfUser }
