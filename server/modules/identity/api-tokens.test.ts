import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ApiToken, CreatedApiToken } from '../../../common/integration.ts'
import { useTestApp } from '../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../test/auth.ts'
import { databaseKinds } from '../../test/database.ts'
import { isoDay } from '../../test/expectations.ts'

// Days as the server counts them (Europe/Berlin), not UTC days: after 23:00 UTC they differ.
const inDays = isoDay

describe.each(databaseKinds)('API tokens on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let admin: TestSession
  let coordinator: TestSession

  beforeAll(async () => {
    admin = await loginAs(ctx.app, 'admin')
    coordinator = await loginAs(ctx.app, 'koordination')
  })

  const createToken = async (scopes: string[], name = 'Fachverfahren') => {
    const response = await admin.request({
      method: 'POST',
      url: '/api/api-tokens',
      payload: { name, scopes, expiresOn: inDays(30) },
    })
    expect(response.statusCode, response.body).toBe(201)
    return response.json() as CreatedApiToken
  }
  const withToken = (value: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    ctx.app.inject({ method, url, payload: payload as object, headers: { authorization: `Bearer ${value}` } })

  it('shows the value once and stores only its SHA-256', async () => {
    const created = await createToken(['organisation.read'])
    expect(created.value).toMatch(/^lotse_[A-Za-z0-9_-]{43}$/)
    // Valid through the whole of the day asked for, in the district's time zone.
    expect(created.token.expiresOn).toBe(inDays(30))
    const rows = await sql<{
      token_hash: string
    }>`SELECT token_hash FROM api_token WHERE id = ${created.token.id}`.execute(ctx.database.db)
    expect(rows.rows[0]?.token_hash).toBe(createHash('sha256').update(created.value).digest('hex'))
    const list = await admin.request({ method: 'GET', url: '/api/api-tokens' })
    expect(list.body).not.toContain(created.value)
    expect((list.json() as ApiToken[]).find((token) => token.id === created.token.id)?.state).toBe('active')
  })

  it('authenticates a Bearer request within its scopes and refuses routes outside them', async () => {
    const { value } = await createToken(['organisation.read'])
    const teams = await withToken(value, 'GET', '/api/teams')
    expect(teams.statusCode, teams.body).toBe(200)
    expect((teams.json() as unknown[]).length).toBeGreaterThan(0)
    const users = await withToken(value, 'GET', '/api/users')
    expect(users.statusCode).toBe(403)
    // A route open to every signed-in user (the own session) is not for tokens.
    const session = await withToken(value, 'GET', '/api/auth/session')
    expect([401, 403]).toContain(session.statusCode)
  })

  it('writes without a CSRF token, and the audit trail names the creating administrator', async () => {
    const { value } = await createToken(['organisation.manage', 'organisation.read'])
    const response = await withToken(value, 'POST', '/api/teams', { name: 'Team Schnittstelle' })
    expect(response.statusCode, response.body).toBe(201)
    const audit = await sql<{ actor_id: string }>`
      SELECT actor_id FROM audit_event WHERE action = 'team.create' ORDER BY occurred_at DESC LIMIT 1`.execute(
      ctx.database.db,
    )
    expect(audit.rows[0]?.actor_id).toBe(admin.userId)
  })

  it('grants no more than the creating administrator may: a case-work scope does not open case lists', async () => {
    const { value } = await createToken(['case.list'])
    const response = await withToken(value, 'GET', '/api/cases')
    expect(response.statusCode).toBe(403)
  })

  it('stops working once revoked or expired, and an unknown token is refused', async () => {
    const revoked = await createToken(['organisation.read'])
    const revoke = await admin.request({ method: 'POST', url: `/api/api-tokens/${revoked.token.id}/revoke` })
    expect(revoke.statusCode, revoke.body).toBe(200)
    expect((revoke.json() as ApiToken).state).toBe('revoked')
    expect((await withToken(revoked.value, 'GET', '/api/teams')).statusCode).toBe(401)

    const expired = await createToken(['organisation.read'])
    await sql`UPDATE api_token SET created_at = now() - interval '2 days', expires_at = now() - interval '1 day' WHERE id = ${expired.token.id}`.execute(
      ctx.database.db,
    )
    expect((await withToken(expired.value, 'GET', '/api/teams')).statusCode).toBe(401)
    expect((await withToken('lotse_unknown', 'GET', '/api/teams')).statusCode).toBe(401)
    expect((await withToken('', 'GET', '/api/teams')).statusCode).toBe(401)
  })

  it('audits creation with the scopes and revocation', async () => {
    const created = await createToken(['network.read'])
    await admin.request({ method: 'POST', url: `/api/api-tokens/${created.token.id}/revoke` })
    const audit = await sql<{ action: string; purpose: string | null }>`
      SELECT action, purpose FROM audit_event WHERE subject_id = ${created.token.id} ORDER BY occurred_at`.execute(
      ctx.database.db,
    )
    expect(audit.rows).toEqual([
      { action: 'api-token.create', purpose: 'scopes:network.read' },
      { action: 'api-token.revoke', purpose: null },
    ])
  })

  it('refuses tokens to non-administrators, scopes that are never for tokens, and expiry beyond a year', async () => {
    const before = await sql<{ n: string }>`SELECT count(*) AS n FROM api_token`.execute(ctx.database.db)
    const byCoordinator = await coordinator.request({
      method: 'POST',
      url: '/api/api-tokens',
      payload: { name: 'x', scopes: ['network.read'], expiresOn: inDays(5) },
    })
    expect(byCoordinator.statusCode).toBe(403)
    const tokenScope = await admin.request({
      method: 'POST',
      url: '/api/api-tokens',
      payload: { name: 'x', scopes: ['api-token.manage'], expiresOn: inDays(5) },
    })
    expect(tokenScope.statusCode).toBe(400)
    expect(tokenScope.json().code).toBe('api-token-scope-invalid')
    const tooLong = await admin.request({
      method: 'POST',
      url: '/api/api-tokens',
      payload: { name: 'x', scopes: ['network.read'], expiresOn: inDays(400) },
    })
    expect(tooLong.statusCode).toBe(400)
    const past = await admin.request({
      method: 'POST',
      url: '/api/api-tokens',
      payload: { name: 'x', scopes: ['network.read'], expiresOn: inDays(-2) },
    })
    expect(past.statusCode).toBe(400)
    const after = await sql<{ n: string }>`SELECT count(*) AS n FROM api_token`.execute(ctx.database.db)
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n)
  })
})
