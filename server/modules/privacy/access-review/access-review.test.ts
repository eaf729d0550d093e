import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { AccessFlags } from '../../../../common/access-review.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'

/**
 * The data protection officer's review of accesses (decision 0021): break-glass grants appear
 * flagged with their reason until marked reviewed; reads at night and on weekends (district time)
 * and exports are flagged; many records outside one's caseload in a day are flagged per user and
 * day. The clock is set with fake timers, so the audit entries carry the instants the test names.
 */
describe.each(databaseKinds)('access review on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx, { caseWork: true })
  let dpo: TestSession
  let admin: TestSession
  let manager: TestSession
  let foreignCaseIds: string[]
  let ownCaseId: string
  let foreignCaseId: string

  afterEach(() => {
    vi.useRealTimers()
  })

  /** Reads a case as the session at the given instant (the audit entry's time). */
  const readAt = async (session: TestSession, caseId: string, instant: string) => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(instant) })
    try {
      const response = await session.request({ method: 'GET', url: `/api/cases/${caseId}` })
      expect(response.statusCode, response.body).toBe(200)
    } finally {
      vi.useRealTimers()
    }
  }
  const flags = async (from: string, to: string, extra = '') => {
    const response = await dpo.request({
      method: 'GET',
      url: `/api/access-review/flags?from=${from}&to=${to}${extra}`,
    })
    expect(response.statusCode, response.body).toBe(200)
    return response.json() as AccessFlags
  }
  const reviews = async () =>
    Number(
      (
        await ctx.database.ownerDb
          .selectFrom('access_review')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  beforeAll(async () => {
    dpo = await loginAs(ctx.app, 'datenschutz')
    admin = await loginAs(ctx.app, 'admin')
    manager = await loginAs(ctx.app, 'fallmanagement')
    const db = ctx.database.ownerDb
    const casesOf = (username: string) =>
      db
        .selectFrom('client_case')
        .innerJoin('case_manager', 'case_manager.case_id', 'client_case.id')
        .innerJoin('app_user', 'app_user.id', 'case_manager.user_id')
        .select(['client_case.id', 'client_case.team_id'])
        .where('app_user.username', '=', username)
        .execute()
    const own = await casesOf('fallmanagement')
    ownCaseId = (own[0] as { id: string }).id
    const foreign = await casesOf('fallmanagement.sued')
    foreignCaseId = (foreign[0] as { id: string }).id
    foreignCaseIds = foreign.map((row) => row.id)
  })

  it('flags a break-glass access with its reason until the DPO marks it reviewed', async () => {
    const reason = 'Vertretung: Kollege im Urlaub, Klientin wartet im Büro'
    const granted = await manager.request({
      method: 'POST',
      url: `/api/cases/${foreignCaseId}/break-glass`,
      payload: { reason },
    })
    expect(granted.statusCode, granted.body).toBe(201)
    expect((await manager.request({ method: 'GET', url: `/api/cases/${foreignCaseId}` })).statusCode).toBe(
      200,
    )

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date())
    const before = await flags(today, today)
    const flagged = before.breakGlass.find((entry) => entry.subjectId === foreignCaseId)
    expect(flagged).toMatchObject({
      actorId: manager.userId,
      actorName: 'Leyla Yıldız',
      reason,
      readsAfter: 1,
      review: null,
    })
    // The officer names the case by its Aktenzeichen, as the case manager sees it.
    const record = (await manager.request({ method: 'GET', url: `/api/cases/${foreignCaseId}` })).json()
    expect(record.reference).toMatch(/\S/)
    expect(flagged?.subjectReference).toBe(record.reference)

    const id = (flagged as { auditEventId: number }).auditEventId
    // Administration reads the flags but does not mark them.
    expect(
      (await admin.request({ method: 'GET', url: `/api/access-review/flags?from=${today}&to=${today}` }))
        .statusCode,
    ).toBe(200)
    const count = await reviews()
    const byAdmin = await admin.request({
      method: 'POST',
      url: '/api/access-review/reviews',
      payload: { auditEventId: id, comment: 'Geprüft' },
    })
    expect(byAdmin.statusCode).toBe(403)
    expect(await reviews()).toBe(count)

    const marked = await dpo.request({
      method: 'POST',
      url: '/api/access-review/reviews',
      payload: { auditEventId: id, comment: 'Rücksprache mit der Teamleitung: Vertretung war abgesprochen.' },
    })
    expect(marked.statusCode, marked.body).toBe(204)
    const again = await dpo.request({
      method: 'POST',
      url: '/api/access-review/reviews',
      payload: { auditEventId: id, comment: 'Noch einmal' },
    })
    expect(again.statusCode).toBe(409)
    expect(await reviews()).toBe(count + 1)

    const after = (await flags(today, today)).breakGlass.find((entry) => entry.auditEventId === id)
    expect(after?.review).toMatchObject({
      reviewedBy: 'Claudia Neumann',
      comment: 'Rücksprache mit der Teamleitung: Vertretung war abgesprochen.',
    })
    const trail = await ctx.database.ownerDb
      .selectFrom('audit_event')
      .select(['actor_id', 'subject_type'])
      .where('action', '=', 'access-review.mark')
      .where('subject_id', '=', String(id))
      .execute()
    expect(trail).toEqual([{ actor_id: dpo.userId, subject_type: 'audit-event' }])
  })

  it('refuses to review what is no flagged access, or an entry of nothing, storing nothing', async () => {
    const login = await ctx.database.ownerDb
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', 'auth.login')
      .where('district_id', '=', dpo.districtId)
      .executeTakeFirstOrThrow()
    const count = await reviews()
    const cases: [unknown, number][] = [
      [{ auditEventId: Number(login.id), comment: 'Geprüft' }, 422],
      [{ auditEventId: 987654321, comment: 'Geprüft' }, 404],
      [{ auditEventId: Number(login.id) }, 400],
      [{ auditEventId: 'x', comment: 'Geprüft' }, 400],
      [{ auditEventId: Number(login.id), comment: '' }, 400],
    ]
    for (const [payload, status] of cases) {
      const response = await dpo.request({
        method: 'POST',
        url: '/api/access-review/reviews',
        payload: payload as object,
      })
      expect(response.statusCode, JSON.stringify(payload)).toBe(status)
    }
    expect(await reviews()).toBe(count)
  })

  it('flags reads at night and on weekends in Berlin time, not those in office hours', async () => {
    // Tuesday 10 March 2026 (CET, UTC+1): 05:30 and 22:30 are night, 06:30 and 19:30 are not;
    // Saturday 14 March at noon is a weekend.
    await readAt(manager, ownCaseId, '2026-03-10T04:30:00Z')
    await readAt(manager, ownCaseId, '2026-03-10T05:30:00Z')
    await readAt(manager, ownCaseId, '2026-03-10T18:30:00Z')
    await readAt(manager, ownCaseId, '2026-03-10T21:30:00Z')
    await readAt(manager, ownCaseId, '2026-03-14T11:00:00Z')
    const result = await flags('2026-03-09', '2026-03-15')
    expect(result.unusualHours.map((entry) => entry.occurredAt).sort()).toEqual([
      '2026-03-10T04:30:00.000Z',
      '2026-03-10T21:30:00.000Z',
      '2026-03-14T11:00:00.000Z',
    ])
    expect(result.unusualHours.every((entry) => entry.actorName === 'Leyla Yıldız')).toBe(true)
    // The period bounds the answer: the day before holds none of them.
    expect((await flags('2026-03-09', '2026-03-09')).unusualHours).toEqual([])
  })

  it('flags a day with many records read outside the caseload, at the threshold given', async () => {
    expect(foreignCaseIds.length).toBeGreaterThanOrEqual(3)
    // Two cases of another team, opened by break-glass now and read on a day in April.
    const reads = foreignCaseIds.slice(1, 3)
    for (const id of reads) {
      const granted = await manager.request({
        method: 'POST',
        url: `/api/cases/${id}/break-glass`,
        payload: { reason: 'Vertretung: Kollege im Urlaub, Anfrage des Jobcenters' },
      })
      expect(granted.statusCode, granted.body).toBe(201)
      await readAt(manager, id, '2026-04-07T09:00:00Z')
    }
    // Own cases do not count.
    await readAt(manager, ownCaseId, '2026-04-07T09:30:00Z')
    const flagged = await flags('2026-04-07', '2026-04-07', '&outsideThreshold=2')
    expect(flagged.outsideCaseload).toEqual([
      { actorId: manager.userId, actorName: 'Leyla Yıldız', day: '2026-04-07', records: 2 },
    ])
    expect((await flags('2026-04-07', '2026-04-07', '&outsideThreshold=3')).outsideCaseload).toEqual([])
  })

  it('flags exports apart from single reads', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date())
    const exported = await manager.request({ method: 'GET', url: '/api/cases/export.xlsx' })
    expect(exported.statusCode).toBe(200)
    const audit = await dpo.request({ method: 'GET', url: '/api/audit/export.csv' })
    expect(audit.statusCode).toBe(200)
    const result = await flags(today, today)
    expect(result.exports.map((entry) => entry.action).sort()).toEqual(['audit.export', 'case.export'])
    expect(result.exports.find((entry) => entry.action === 'case.export')?.purpose).toMatch(/^rows:\d+$/)
  })

  it('keeps the flags to the DPO and administration, and the period bounded', async () => {
    const manager = await loginAs(ctx.app, 'fallmanagement')
    expect(
      (
        await manager.request({
          method: 'GET',
          url: '/api/access-review/flags?from=2026-01-01&to=2026-01-02',
        })
      ).statusCode,
    ).toBe(403)
    for (const query of [
      'from=2026-01-01&to=2026-06-30',
      'from=2026-02-01&to=2026-01-01',
      'from=2025-01-01',
      'from=x&to=y',
    ]) {
      const response = await dpo.request({ method: 'GET', url: `/api/access-review/flags?${query}` })
      expect(response.statusCode, query).toBe(400)
    }
  })
})
