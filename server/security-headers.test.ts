import type { LightMyRequestResponse } from 'fastify'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from './test/app.ts'
import { loginAs, type TestSession, useDemoData } from './test/auth.ts'
import { databaseKinds } from './test/database.ts'
import { type OpenApiDocument, type Operation, operationsOf, resolver } from './test/fuzz/openapi.ts'

/**
 * Every route the API describes in /api/openapi.json answers with the security headers and, under
 * /api, with `Cache-Control: no-store`, whatever the status: anonymous (mostly 401), signed in with
 * no CSRF token on writes (refused), signed in on reads (200, 404, 400). The list of routes comes
 * from the OpenAPI document, so that a route added tomorrow is checked tomorrow.
 */

/** What helmet (server/platform/security-headers.ts) sets on every answer. */
function securityHeaderProblems(response: LightMyRequestResponse): string[] {
  const h = response.headers
  const problems: string[] = []
  const csp = String(h['content-security-policy'] ?? '')
  if (!csp.includes("default-src 'self'")) problems.push(`content-security-policy: ${csp || 'missing'}`)
  if (!/script-src 'self'(;|$)/.test(csp)) problems.push(`script-src: ${csp}`)
  if (!csp.includes("frame-ancestors 'none'")) problems.push(`frame-ancestors: ${csp}`)
  if (!csp.includes("object-src 'none'")) problems.push(`object-src: ${csp}`)
  const expected: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'SAMEORIGIN',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-permitted-cross-domain-policies': 'none',
  }
  for (const [name, value] of Object.entries(expected)) {
    if (h[name] !== value) problems.push(`${name}: ${String(h[name] ?? 'missing')}`)
  }
  if (h['x-powered-by'] !== undefined) problems.push(`x-powered-by: ${String(h['x-powered-by'])}`)
  return problems
}

/**
 * The open-data aggregates are public, suppressed figures without a person in them: they may be
 * cached (`public`) when they answer 200. Everything else under /api must say no-store.
 */
function cacheProblems(operation: Operation, response: LightMyRequestResponse): string[] {
  const cacheControl = String(response.headers['cache-control'] ?? '')
  if (operation.path.startsWith('/api/open-data/') && response.statusCode === 200) {
    return cacheControl.startsWith('public') || cacheControl.includes('no-store')
      ? []
      : [`cache-control: ${cacheControl}`]
  }
  return cacheControl.includes('no-store') ? [] : [`cache-control: ${cacheControl || 'missing'}`]
}

describe.each(databaseKinds)('security headers on every route on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let operations: Operation[]
  let resolve: ReturnType<typeof resolver>
  let admin: TestSession

  beforeAll(async () => {
    const document = (await ctx.app.inject({ url: '/api/openapi.json' })).json() as OpenApiDocument
    operations = operationsOf(document)
    resolve = resolver(document)
    admin = await loginAs(ctx.app, 'admin')
  })

  /** A concrete address: the admin's own district and user where a route names them, else a well-formed unknown id. */
  function urlOf(operation: Operation): string {
    let url = operation.path
    for (const parameter of operation.pathParams) {
      const schema = resolve(parameter.schema)
      const value =
        parameter.name === 'districtId' || parameter.name === 'district'
          ? admin.districtId
          : parameter.name === 'userId'
            ? admin.userId
            : schema.enum?.length
              ? String(schema.enum[0])
              : schema.format === 'uuid' || /id$/i.test(parameter.name)
                ? '00000000-0000-4000-8000-000000000000'
                : 'x'
      url = url.replace(`{${parameter.name}}`, encodeURIComponent(value))
    }
    return url
  }

  it('covers the routes the OpenAPI document lists', () => {
    // A guard against an empty or half-read document: the API has well over a hundred operations.
    expect(operations.length).toBeGreaterThan(100)
    expect(operations.map((o) => o.key)).toEqual(
      expect.arrayContaining(['GET /api/health', 'GET /api/cases', 'POST /api/auth/login']),
    )
  })

  it('sets the security headers and no-store on every answer, anonymous and signed in', async () => {
    const failures: string[] = []
    const statuses = new Map<number, number>()
    const check = (label: string, operation: Operation, response: LightMyRequestResponse) => {
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1)
      const problems = [...securityHeaderProblems(response), ...cacheProblems(operation, response)]
      if (problems.length > 0)
        failures.push(`${label} ${operation.key} → ${response.statusCode}: ${problems.join('; ')}`)
    }
    for (const operation of operations) {
      const url = urlOf(operation)
      check('anonymous', operation, await ctx.app.inject({ method: operation.method, url }))
      if (operation.method === 'GET') {
        check('admin', operation, await admin.request({ method: 'GET', url }))
      } else if (operation.key !== 'POST /api/auth/logout') {
        // Signed in but without the CSRF token: refused before the handler, and still with the headers.
        const refused = await ctx.app.inject({
          method: operation.method,
          url,
          headers: { cookie: admin.cookie, 'content-type': 'application/json' },
          payload: '{}',
        })
        check('admin without CSRF token', operation, refused)
      }
    }
    expect(failures).toEqual([])
    // The walk reached handlers, not only the session check: successful reads and refusals both occur.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(20)
    expect(statuses.get(401) ?? 0).toBeGreaterThan(20)
  }, 120_000)

  it('sets them on unknown addresses and on malformed requests too', async () => {
    const unknown = await ctx.app.inject({ url: '/api/nirgendwo' })
    expect(unknown.statusCode).toBe(404)
    expect(securityHeaderProblems(unknown)).toEqual([])
    expect(unknown.headers['cache-control']).toBe('no-store')
    const malformed = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    })
    expect(malformed.statusCode).toBe(400)
    expect(securityHeaderProblems(malformed)).toEqual([])
    expect(malformed.headers['cache-control']).toBe('no-store')
  })
})
