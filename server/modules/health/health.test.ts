import { describe, expect, it } from 'vitest'
import { readMigrations } from '../../db/migrate.ts'
import { useTestApp } from '../../test/app.ts'
import { databaseKinds } from '../../test/database.ts'

describe.each(databaseKinds)('HTTP platform on %s', (kind) => {
  const ctx = useTestApp(kind, { LOTSE_TRUST_PROXY: '127.0.0.1' })

  it('reports health with the database kind and the schema version', async () => {
    const response = await ctx.app.inject({ url: '/api/health' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      status: 'ok',
      database: kind,
      schemaVersion: readMigrations().length,
      version: '0.0.0-test',
    })
  })

  it('answers unknown API routes with 404 problem+json', async () => {
    const response = await ctx.app.inject({ url: '/api/no-such-thing' })
    expect(response.statusCode).toBe(404)
    expect(response.headers['content-type']).toContain('application/problem+json')
    expect(response.json()).toMatchObject({
      type: 'urn:lotse:problem:route-not-found',
      status: 404,
      messages: { de: 'Diese Adresse gibt es nicht.', en: 'There is no such address.' },
    })
  })

  it('sets security headers, with scripts only from its own origin', async () => {
    const response = await ctx.app.inject({ url: '/api/health' })
    const csp = String(response.headers['content-security-policy'])
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
    expect(csp).toContain("frame-ancestors 'none'")
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
    expect(response.headers['strict-transport-security']).toBeUndefined()
  })

  it('sends HSTS when the trusted proxy reports HTTPS', async () => {
    const response = await ctx.app.inject({ url: '/api/health', headers: { 'x-forwarded-proto': 'https' } })
    expect(response.headers['strict-transport-security']).toContain('max-age=')
  })

  it('gives every response a request id and keeps a well-formed incoming one', async () => {
    const generated = await ctx.app.inject({ url: '/api/health' })
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    const kept = await ctx.app.inject({ url: '/api/health', headers: { 'x-request-id': 'trace-12345678' } })
    expect(kept.headers['x-request-id']).toBe('trace-12345678')
    const replaced = await ctx.app.inject({ url: '/api/health', headers: { 'x-request-id': '<script>' } })
    expect(replaced.headers['x-request-id']).not.toBe('<script>')
  })

  it('publishes an OpenAPI 3.1 description of its routes', async () => {
    const response = await ctx.app.inject({ url: '/api/openapi.json' })
    const document = response.json()
    expect(document.openapi).toBe('3.1.0')
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/districts', '/api/districts/{districtId}']),
    )
    expect(document.components.schemas.Problem).toBeDefined()
  })

  it('serves the browsable API documentation', async () => {
    const response = await ctx.app.inject({ url: '/api/docs/' })
    expect(response.statusCode).toBe(200)
    expect(response.body).toContain('swagger')
  })

  it('compresses large responses when the client accepts it', async () => {
    const response = await ctx.app.inject({
      url: '/api/openapi.json',
      headers: { 'accept-encoding': 'gzip' },
    })
    expect(response.headers['content-encoding']).toBe('gzip')
  })
})
