import { createHash, randomUUID } from 'node:crypto'
import type { InjectOptions } from 'fastify'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../common/identity.ts'
import { useTestApp } from '../test/app.ts'
import { loginAs, type TestSession, testPassword, useDemoData } from '../test/auth.ts'
import { databaseKinds } from '../test/database.ts'
import type { RouteAccessEntry } from './access.ts'
import { districtAbilities } from './policy.ts'

/**
 * Every /api route × every demo role and anonymous × an object of the own district and one of
 * another district. The routes come from the app itself, so a new route is covered the day it
 * lands; if it needs a body to get past validation, add one to `bodies` below.
 */

const actors: { username: string; role: Role }[] = [
  { username: 'admin', role: 'admin' },
  { username: 'koordination', role: 'coordinator' },
  { username: 'fallmanagement', role: 'case_manager' },
  { username: 'teamleitung', role: 'team_lead' },
  { username: 'partner.jobcenter', role: 'partner' },
  { username: 'bericht', role: 'report_reader' },
  { username: 'datenschutz', role: 'dpo' },
]
const anonymous = 'anonymous'

type Variant = 'own' | 'other'
type Objects = {
  districtId: string
  userId: string
  sessionId: string
  teamId: string
  organisationId: string
}
type Case = {
  route: RouteAccessEntry
  actor: string
  role: Role | null
  variant: Variant
  status: number
  problemCode: string | undefined
}

let createdUsers = 0
/** Minimal valid bodies, so that validation does not answer before the policy does. */
const bodies: Record<string, (username: string | null) => unknown> = {
  'POST /api/auth/login': (username) => ({ username: username ?? 'bericht', password: testPassword }),
  'POST /api/users': () => ({
    username: `matrix.created.${++createdUsers}`,
    displayName: 'Matrix Neu',
    roles: ['case_manager'],
    password: testPassword,
  }),
  'PATCH /api/users/:userId': () => ({ displayName: 'Matrix geändert' }),
  'POST /api/teams': () => ({ name: `Matrix Team ${++createdUsers}` }),
  'PATCH /api/teams/:teamId': () => ({ name: `Matrix Team umbenannt ${++createdUsers}` }),
  'POST /api/organisations': () => ({ name: `Matrix Träger ${++createdUsers}`, kind: 'bildungstraeger' }),
  'PUT /api/organisations/:organisationId': () => ({
    name: `Matrix Träger neu ${++createdUsers}`,
    kind: 'bildungstraeger',
  }),
  // The demo districts already require nobody; setting that again changes nothing.
  'PUT /api/identity-policy': () => ({ roles: [] }),
  // A wrong current password: the route is reached, but nobody's password changes.
  'POST /api/account/password': () => ({
    currentPassword: 'not the current password',
    newPassword: 'a fresh matrix passphrase',
  }),
}

const objectParams = new Set(['districtId', 'userId', 'sessionId', 'teamId', 'organisationId'])
const paramsOf = (url: string) => [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1] as string)
const fillUrl = (url: string, objects: Objects) =>
  url.replace(/:([A-Za-z0-9_]+)(\([^)]*\))?/g, (_match, name: string) =>
    objectParams.has(name) ? objects[name as keyof Objects] : randomUUID(),
  )
const publicSessionId = (session: TestSession) =>
  createHash('sha256')
    .update(session.cookie.slice(session.cookie.indexOf('=') + 1))
    .digest('hex')
    .slice(0, 16)

const allowedFor = (role: Role, access: RouteAccessEntry['access']): boolean => {
  if (access === 'public' || access === 'authenticated') return true
  const abilities = districtAbilities({
    userId: 'me',
    districtId: 'd',
    organisationId: null,
    roles: [role],
    teamIds: [],
  })
  return abilities[access]
}

const describeCase = (each: Case) =>
  `${each.route.method} ${each.route.url} [${each.route.access}] as ${each.actor} on ${each.variant} object → ${each.status}${each.problemCode ? ` ${each.problemCode}` : ''}`

describe.each(databaseKinds)('authorisation matrix on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let routes: RouteAccessEntry[] = []
  const cases: Case[] = []
  let foreign: Objects
  let foreignVersion: number

  const userVersion = async (userId: string) =>
    (
      await ctx.database.db
        .selectFrom('app_user')
        .select('version')
        .where('id', '=', userId)
        .executeTakeFirst()
    )?.version

  beforeAll(async () => {
    // HEAD routes mirror their GET routes.
    routes = ctx.app.routeAccessTable.filter((route) => route.method !== 'HEAD')
    const admin = await loginAs(ctx.app, 'admin')
    const lindenauAdmin = await loginAs(ctx.app, 'admin.lindenau')
    const createTarget = async (session: TestSession, username: string) => {
      const response = await session.request({
        method: 'POST',
        url: '/api/users',
        payload: { username, displayName: 'Matrix Ziel', roles: ['case_manager'], password: testPassword },
      })
      expect(response.statusCode).toBe(201)
      return response.json().id as string
    }
    // Users nobody acts as, so that ending their sessions or changing them disturbs no actor.
    const ownTarget = await createTarget(admin, 'matrix.target')
    const foreignTarget = await createTarget(lindenauAdmin, 'matrix.foreign')
    const foreignSession = await loginAs(ctx.app, 'matrix.foreign')
    const createNamed = async (session: TestSession, url: string, payload: object) => {
      const response = await session.request({ method: 'POST', url, payload })
      expect(response.statusCode).toBe(201)
      return response.json().id as string
    }
    const ownTeam = await createNamed(admin, '/api/teams', { name: 'Matrix Zielteam' })
    const ownOrganisation = await createNamed(admin, '/api/organisations', {
      name: 'Matrix Ziel',
      kind: 'kommune',
    })
    foreign = {
      districtId: lindenauAdmin.districtId,
      userId: foreignTarget,
      sessionId: publicSessionId(foreignSession),
      teamId: await createNamed(lindenauAdmin, '/api/teams', { name: 'Matrix Fremdteam' }),
      organisationId: await createNamed(lindenauAdmin, '/api/organisations', {
        name: 'Matrix Fremd',
        kind: 'kommune',
      }),
    }
    foreignVersion = (await userVersion(foreignTarget)) as number

    const send = async (
      route: RouteAccessEntry,
      username: string | null,
      objects: Objects,
      session: TestSession | null,
    ) => {
      const key = `${route.method} ${route.url}`
      const headers: Record<string, string> = {}
      if (route.method === 'PATCH' || route.method === 'PUT') {
        const version = paramsOf(route.url).includes('userId') ? await userVersion(objects.userId) : undefined
        headers['if-match'] = `"${version ?? 1}"`
      }
      const body = bodies[key]?.(username)
      const options: InjectOptions = {
        method: route.method as InjectOptions['method'],
        url: fillUrl(route.url, objects),
        headers,
        ...(body !== undefined ? { payload: body as object } : {}),
      }
      return session ? session.request(options) : ctx.app.inject(options)
    }

    for (const actor of [...actors, { username: anonymous, role: null }]) {
      const isAnonymous = actor.role === null
      let session = isAnonymous ? null : await loginAs(ctx.app, actor.username)
      const spare = isAnonymous ? null : await loginAs(ctx.app, actor.username)
      const own: Objects = {
        districtId: admin.districtId,
        userId: ownTarget,
        sessionId: spare ? publicSessionId(spare) : foreign.sessionId,
        teamId: ownTeam,
        organisationId: ownOrganisation,
      }
      for (const route of routes) {
        const variants: Variant[] = paramsOf(route.url).some((name) => objectParams.has(name))
          ? ['own', 'other']
          : ['own']
        for (const variant of variants) {
          const response = await send(
            route,
            isAnonymous ? null : actor.username,
            variant === 'own' ? own : foreign,
            session,
          )
          const problemCode = String(response.headers['content-type']).includes('problem+json')
            ? response.json().code
            : undefined
          cases.push({
            route,
            actor: actor.username,
            role: actor.role,
            variant,
            status: response.statusCode,
            problemCode,
          })
          // Signing out (or any other write) may have ended the actor's session: sign in again.
          if (session && route.method !== 'GET') {
            const check = await session.request({ method: 'GET', url: '/api/auth/session' })
            if (check.statusCode === 401) session = await loginAs(ctx.app, actor.username)
          }
        }
      }
    }
  }, 120_000)

  it('collects every /api route with its declared access from the app', () => {
    const keys = routes.map((route) => `${route.method} ${route.url}`)
    expect(keys).toEqual(
      expect.arrayContaining([
        'POST /api/auth/login',
        'GET /api/users/:userId',
        'PATCH /api/users/:userId',
        'DELETE /api/account/sessions/:sessionId',
        'GET /api/districts/:districtId',
        'GET /api/audit/export.csv',
      ]),
    )
    expect(routes.find((route) => route.url === '/api/audit')?.access).toBe('audit.read')
    expect(new Set(cases.map((each) => `${each.route.method} ${each.route.url}`)).size).toBe(routes.length)
  })

  it('never answers with a server error', () => {
    expect(cases.filter((each) => each.status >= 500).map(describeCase)).toEqual([])
  })

  it('asks anonymous callers to sign in on every route that is not public', () => {
    const anonymousCases = cases.filter((each) => each.role === null && each.route.access !== 'public')
    expect(anonymousCases.length).toBeGreaterThan(0)
    expect(anonymousCases.filter((each) => each.status !== 401).map(describeCase)).toEqual([])
  })

  it('answers every role with 404 for objects of another district', () => {
    const foreignCases = cases.filter((each) => each.variant === 'other' && each.role !== null)
    expect(foreignCases.length).toBeGreaterThan(0)
    expect(foreignCases.filter((each) => each.status !== 404).map(describeCase)).toEqual([])
  })

  it('leaves the objects of another district unchanged', async () => {
    expect(await userVersion(foreign.userId)).toBe(foreignVersion)
    const sessions = await ctx.database.db
      .selectFrom('session')
      .select('token_hash')
      .where('user_id', '=', foreign.userId)
      .execute()
    expect(sessions.map((row) => row.token_hash.slice(0, 16))).toEqual([foreign.sessionId])
  })

  it('refuses with 403 or 404 what the policy denies a role in its own district', () => {
    const denied = cases.filter(
      (each) => each.variant === 'own' && each.role !== null && !allowedFor(each.role, each.route.access),
    )
    expect(denied.length).toBeGreaterThan(0)
    expect(denied.filter((each) => each.status !== 403 && each.status !== 404).map(describeCase)).toEqual([])
  })

  it('lets through what the policy allows a role in its own district', () => {
    const allowed = cases.filter(
      (each) => each.variant === 'own' && each.role !== null && allowedFor(each.role, each.route.access),
    )
    expect(allowed.length).toBeGreaterThan(0)
    expect(allowed.filter((each) => each.status === 401 || each.status === 403).map(describeCase)).toEqual([])
  })
})
