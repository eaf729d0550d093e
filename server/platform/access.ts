import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { type Clock, systemClock } from './district-time.ts'
import { Forbidden, Unauthenticated } from './errors.ts'
import type { Action, Actor } from './policy.ts'
import { runWithTenantStore, setTenantDistrict } from './tenant-context.ts'

export type RouteAccess = Action | 'public' | 'authenticated'

/** One /api route and what it declares, as collected while the app registers its routes. */
export type RouteAccessEntry = { method: string; url: string; access: RouteAccess }

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api route with its declared access, for the authorisation matrix test and the docs. */
    routeAccessTable: readonly RouteAccessEntry[]
  }
  interface FastifyContextConfig {
    /** What the route does, for the policy; every /api route must declare it. */
    access?: RouteAccess
  }
  interface FastifyRequest {
    actor: Actor | null
    sessionTokenHash: string | null
    clientPseudonym: string
    /** When the request arrived, by the app's clock: the "now" of every date rule it meets. */
    receivedAt: Date | null
  }
}

export type ResolvedSession = { actor: Actor; csrfToken: string; tokenHash: string }

export type AccessControlOptions = {
  cookieName: (request: FastifyRequest) => string
  resolveSession: (token: string) => Promise<ResolvedSession | null>
  /** The actor of an API token sent as `Authorization: Bearer`, with its scopes; null when it does not hold. */
  resolveApiToken?: (token: string) => Promise<Actor | null>
  pseudonymise: (clientAddress: string) => string
  /** The app's clock (tests set it); the system clock by default. */
  clock?: Clock
}

const exemptPrefixes = ['/api/docs', '/api/openapi.json']
const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** The facts an audit entry needs about the request, without any of its content. */
export type RequestContext = {
  actorId: string | null
  actorRoles: readonly string[]
  districtId: string | null
  requestId: string
  clientPseudonym: string
  /** When the request arrived; services count "today" from it in the district's time zone. */
  now: Date
}

export function requestContext(request: FastifyRequest): RequestContext {
  return {
    actorId: request.actor?.userId ?? null,
    actorRoles: request.actor?.roles ?? [],
    districtId: request.actor?.districtId ?? null,
    requestId: request.id,
    clientPseudonym: request.clientPseudonym,
    now: request.receivedAt ?? new Date(),
  }
}

/** The signed-in actor; routes that are not public can rely on it. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Unauthenticated()
  return request.actor
}

/**
 * Whether the CSRF token the request sent is the session's, compared in constant time so that the
 * answer time tells nothing about how much of a guess was right. A missing token, several, or one
 * of another length is refused without comparing.
 */
export function sameToken(sent: string | string[] | undefined, expected: string): boolean {
  if (typeof sent !== 'string') return false
  const a = Buffer.from(sent, 'utf8')
  const b = Buffer.from(expected, 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The token of an `Authorization: Bearer` header; '' when the header is malformed, undefined when absent. */
function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined
  const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,200})$/.exec(header.trim())
  return match ? (match[1] as string) : ''
}

/**
 * Sessions, authentication and CSRF for every /api route. A route that does not declare its
 * access fails at start, so no endpoint is open by omission.
 */
export function registerAccessControl(app: FastifyInstance, options: AccessControlOptions): void {
  app.decorateRequest('actor', null)
  app.decorateRequest('sessionTokenHash', null)
  app.decorateRequest('clientPseudonym', '')
  // Set first thing in every request; null only until then (Fastify refuses shared objects here).
  app.decorateRequest('receivedAt', null)
  const clock = options.clock ?? systemClock
  const routeAccessTable: RouteAccessEntry[] = []
  app.decorate('routeAccessTable', routeAccessTable)

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') || exemptPrefixes.some((prefix) => route.url.startsWith(prefix))) return
    const access = route.config?.access
    if (!access) {
      throw new Error(`Route ${route.method} ${route.url} declares no access; add config.access`)
    }
    for (const method of [route.method].flat()) routeAccessTable.push({ method, url: route.url, access })
  })

  // Everything a request does runs inside its own tenant store; the database reads the district from it.
  app.addHook('onRequest', (_request, _reply, done) => runWithTenantStore(done))

  app.addHook('onRequest', async (request) => {
    request.receivedAt = clock()
    request.clientPseudonym = options.pseudonymise(request.ip)
    const access = request.routeOptions.config?.access
    if (!access) return
    const bearer = bearerToken(request.headers.authorization)
    if (bearer !== undefined && access !== 'public') {
      // An integration: no cookie, so no CSRF to guard against; the token's scopes bound every
      // action (policy.can), and a route that is not itself one of its scopes is refused here.
      const actor = bearer && options.resolveApiToken ? await options.resolveApiToken(bearer) : null
      if (!actor) throw new Unauthenticated('api-token-invalid')
      request.actor = actor
      setTenantDistrict(actor.districtId)
      if (access === 'authenticated' || !actor.scopes?.includes(access)) throw new Forbidden(access)
      return
    }
    const token = request.cookies?.[options.cookieName(request)]
    const session = token ? await options.resolveSession(token) : null
    if (session) {
      request.actor = session.actor
      request.sessionTokenHash = session.tokenHash
      // Public routes (login) need no token: a stale session must not stop a fresh sign-in.
      if (
        access !== 'public' &&
        writeMethods.has(request.method) &&
        !sameToken(request.headers['x-csrf-token'], session.csrfToken)
      ) {
        throw new Unauthenticated('csrf-failed')
      }
    }
    if (access !== 'public' && !request.actor) throw new Unauthenticated()
    // From here on, row-level security limits every query of this request to the actor's district.
    if (access !== 'public' && request.actor) setTenantDistrict(request.actor.districtId)
  })
}
