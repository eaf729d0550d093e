import * as crypto from 'node:crypto'
import cookie from '@fastify/cookie'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { registerAccessControl, sameToken } from './access.ts'
import { registerProblemHandlers } from './problem.ts'

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>()
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) }
})

const csrfToken = 'k3J9x-Qm2vT8wLz0RfA7bYcN'
const actor = { userId: 'u1', districtId: 'd1', organisationId: null, roles: ['admin'] as const, teamIds: [] }

describe('the CSRF check', () => {
  let app: FastifyInstance

  beforeAll(async () => {
    app = Fastify()
    registerProblemHandlers(app)
    await app.register(cookie)
    registerAccessControl(app, {
      cookieName: () => 'session',
      resolveSession: async (token) => (token === 'valid' ? { actor, csrfToken, tokenHash: 'h' } : null),
      pseudonymise: () => 'p',
    })
    app.post('/api/things', { config: { access: 'authenticated' } }, async () => ({ ok: true }))
    await app.ready()
  })
  afterAll(async () => {
    await app.close()
  })
  beforeEach(() => {
    vi.mocked(crypto.timingSafeEqual).mockClear()
  })

  const write = (headers: Record<string, string | string[]>) =>
    app.inject({ method: 'POST', url: '/api/things', cookies: { session: 'valid' }, headers, payload: {} })

  it('takes the session token, compared in constant time', async () => {
    const response = await write({ 'x-csrf-token': csrfToken })
    expect(response.statusCode, response.body).toBe(200)
    expect(crypto.timingSafeEqual).toHaveBeenCalledTimes(1)
  })

  it('compares a wrong token of the right length in constant time too, and refuses it', async () => {
    const response = await write({ 'x-csrf-token': `${csrfToken.slice(0, -1)}X` })
    expect(response.statusCode).toBe(403)
    expect(response.json().code).toBe('csrf-failed')
    expect(crypto.timingSafeEqual).toHaveBeenCalledTimes(1)
  })

  it.each([
    ['missing', {}],
    ['shorter', { 'x-csrf-token': csrfToken.slice(1) }],
    ['longer', { 'x-csrf-token': `${csrfToken}=` }],
    // Same number of characters, more bytes: must be refused, not crash timingSafeEqual.
    ['of the same length in characters but not in bytes', { 'x-csrf-token': `${csrfToken.slice(0, -1)}ä` }],
  ])('refuses a token that is %s with 403 csrf-failed', async (_label, headers) => {
    const response = await write(headers as Record<string, string>)
    expect(response.statusCode).toBe(403)
    expect(response.json().code).toBe('csrf-failed')
  })
})

describe('sameToken', () => {
  it('refuses several tokens sent at once', () => {
    expect(sameToken([csrfToken, csrfToken], csrfToken)).toBe(false)
  })
  it('refuses an empty token against a real one', () => {
    expect(sameToken('', csrfToken)).toBe(false)
  })
})
