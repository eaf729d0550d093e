import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, testPassword, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'

/**
 * Break-glass (decision 0021): a case manager opens a case outside their caseload only after
 * stating a reason; the grant is audited as its own action, reads under it say so, and every
 * other role, and a case manager of another district, is refused with nothing stored.
 */
describe.each(databaseKinds)('break-glass access to a case on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx, { caseWork: true })
  let manager: TestSession
  let caseId: string
  const reason = 'Vertretung für die erkrankte Kollegin, Termin heute um 14 Uhr'

  const grants = async () =>
    Number(
      (
        await ctx.database.ownerDb
          .selectFrom('break_glass_grant')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const breakGlass = (session: TestSession, id: string, payload: unknown) =>
    session.request({ method: 'POST', url: `/api/cases/${id}/break-glass`, payload: payload as object })

  beforeAll(async () => {
    manager = await loginAs(ctx.app, 'fallmanagement')
    // A case of Team Süd, which the case manager of Team Nord neither manages nor sees through a team.
    const row = await ctx.database.ownerDb
      .selectFrom('client_case')
      .innerJoin('case_manager', 'case_manager.case_id', 'client_case.id')
      .innerJoin('app_user', 'app_user.id', 'case_manager.user_id')
      .select('client_case.id')
      .where('app_user.username', '=', 'fallmanagement.sued')
      .where('client_case.phase', '!=', 'closed')
      .executeTakeFirstOrThrow()
    caseId = row.id
  })

  it('refuses the case outside the caseload until a reason is stated', async () => {
    const response = await manager.request({ method: 'GET', url: `/api/cases/${caseId}` })
    expect(response.statusCode).toBe(403)
  })

  it('refuses break-glass without a reason or with a too short one with 400, storing nothing', async () => {
    const before = await grants()
    for (const payload of [
      {},
      { reason: '' },
      { reason: 'dringend' },
      { reason: 42 },
      { reason, extra: 1 },
    ]) {
      const response = await breakGlass(manager, caseId, payload)
      expect(response.statusCode, JSON.stringify(payload)).toBe(400)
      expect(response.headers['content-type']).toContain('problem+json')
    }
    expect(await grants()).toBe(before)
  })

  it('opens the case for reading after a reason, until the end of the Berlin day, audited as break-glass', async () => {
    const response = await breakGlass(manager, caseId, { reason })
    expect(response.statusCode, response.body).toBe(201)
    const { expiresAt } = response.json() as { expiresAt: string }
    const hours = (Date.parse(expiresAt) - Date.now()) / 3_600_000
    expect(hours).toBeGreaterThan(0)
    expect(hours).toBeLessThanOrEqual(24)
    // Local midnight in Berlin: 23:00 or 22:00 UTC.
    expect(new Date(expiresAt).getUTCHours()).toBeOneOf([22, 23])

    const read = await manager.request({ method: 'GET', url: `/api/cases/${caseId}` })
    expect(read.statusCode).toBe(200)
    expect(read.json().abilities['case.work']).toBe(false)

    const trail = await ctx.database.ownerDb
      .selectFrom('audit_event')
      .select(['id', 'action', 'purpose'])
      .where('subject_id', '=', caseId)
      .where('actor_id', '=', manager.userId)
      .where('outcome', '=', 'success')
      .orderBy('id')
      .execute()
    expect(trail.map((entry) => [entry.action, entry.purpose])).toEqual([
      ['case.break-glass', 'break-glass'],
      ['case.read', 'break-glass'],
    ])
    const grant = await ctx.database.ownerDb
      .selectFrom('break_glass_grant')
      .select(['reason', 'audit_event_id', 'user_id'])
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow()
    expect(grant).toEqual({ reason, audit_event_id: trail[0]?.id, user_id: manager.userId })
  })

  it('grants reading only: work on the case stays refused', async () => {
    const response = await manager.request({
      method: 'POST',
      url: `/api/cases/${caseId}/goals`,
      payload: { domain: 'work', statement: 'Arbeit finden' },
    })
    expect(response.statusCode).toBe(403)
  })

  it('refuses break-glass on a case the case manager already reads', async () => {
    const before = await grants()
    expect((await breakGlass(manager, caseId, { reason })).statusCode).toBe(403)
    const own = await ctx.database.ownerDb
      .selectFrom('case_manager')
      .select('case_id')
      .where('user_id', '=', manager.userId)
      .executeTakeFirstOrThrow()
    expect((await breakGlass(manager, own.case_id, { reason })).statusCode).toBe(403)
    expect(await grants()).toBe(before)
  })

  it('refuses every other role with 403, storing nothing', async () => {
    const before = await grants()
    for (const username of [
      'teamleitung',
      'partner.jobcenter',
      'bericht',
      'datenschutz',
      'admin',
      'koordination',
    ]) {
      const session = await loginAs(ctx.app, username)
      const response = await breakGlass(session, caseId, { reason })
      expect(response.statusCode, username).toBe(403)
      expect(
        (await session.request({ method: 'GET', url: '/api/auth/session' })).json().abilities[
          'case.break-glass'
        ],
      ).toBe(false)
    }
    expect(
      (await manager.request({ method: 'GET', url: '/api/auth/session' })).json().abilities[
        'case.break-glass'
      ],
    ).toBe(true)
    expect(await grants()).toBe(before)
  })

  it('answers a case manager of another district with 404, storing nothing', async () => {
    const lindenau = await loginAs(ctx.app, 'admin.lindenau')
    const created = await lindenau.request({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'fallmanagement.lindenau',
        displayName: 'Fremde Fallmanagerin',
        roles: ['case_manager'],
        password: testPassword,
      },
    })
    expect(created.statusCode, created.body).toBe(201)
    const foreign = await loginAs(ctx.app, 'fallmanagement.lindenau')
    const before = await grants()
    expect((await breakGlass(foreign, caseId, { reason })).statusCode).toBe(404)
    expect((await foreign.request({ method: 'GET', url: `/api/cases/${caseId}` })).statusCode).toBe(404)
    expect(await grants()).toBe(before)
  })
})
