import { beforeAll, describe, expect, it } from 'vitest'
import type { Evaluation, EvaluationSummary, Figures } from '../../../../common/reporting.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'

/**
 * Frozen evaluations and the district's thresholds on the demo district (Rhein-Sieg, demo case
 * work): a snapshot stays as stored after case data changes, and no published cell is small.
 */
describe.each(databaseKinds)('evaluations on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx, { caseWork: true })
  let coordinator: TestSession
  let admin: TestSession
  let reader: TestSession
  let partner: TestSession
  const period = { from: '2026-03-01', to: '2026-04-30' }

  beforeAll(async () => {
    coordinator = await loginAs(ctx.app, 'koordination')
    admin = await loginAs(ctx.app, 'admin')
    reader = await loginAs(ctx.app, 'bericht')
    partner = await loginAs(ctx.app, 'partner.jobcenter')
  })

  const evaluationCount = async () =>
    (await ctx.database.ownerDb.selectFrom('evaluation').select('id').execute()).length

  const create = (session: TestSession, payload: object) =>
    session.request({ method: 'POST', url: '/api/evaluations', payload })

  /** Every published value of an evaluation, with the threshold that applies to it. */
  const publishedValues = (evaluation: Evaluation) =>
    evaluation.sections.flatMap((section) => [
      section.total.value,
      section.previousPeriod.value,
      ...section.tables.flatMap((table) => table.rows.map((row) => row.value)),
    ])

  it('stores a frozen snapshot with the catalogue version and never a small cell', async () => {
    const started = performance.now()
    const response = await create(coordinator, { name: 'März bis April', ...period })
    const elapsed = performance.now() - started
    expect(response.statusCode, response.body).toBe(201)
    const evaluation = response.json() as Evaluation
    console.info(`evaluation on ${kind}: ${Math.round(elapsed)} ms`)
    const catalogue = (await reader.request({ method: 'GET', url: '/api/metrics' })).json()
    expect(evaluation.catalogueVersion).toBe(catalogue.version)
    expect(evaluation.sections.map((section) => section.metric)).toEqual([
      'contacts',
      'persons-counselled',
      'short-consultations',
      'cases-new',
      'cases-closed',
      'cases-active',
      'referrals',
      'legal-sphere-changes',
    ])
    const contacts = evaluation.sections[0]
    expect(contacts?.tables.map((table) => table.by)).toEqual(['month', 'municipality', 'domain'])
    expect(contacts?.tables[0]?.rows.map((row) => row.key)).toEqual(['2026-03-01', '2026-04-01'])
    expect(contacts?.total.value).toBeGreaterThan(0)
    expect([evaluation.previousFrom, evaluation.previousTo]).toEqual(['2026-01-01', '2026-02-28'])
    for (const value of publishedValues(evaluation)) {
      if (value !== null) expect(value).toBeGreaterThanOrEqual(3)
    }
    // Whoever reads figures reads it exactly as stored; the list names it.
    const read = await reader.request({ method: 'GET', url: `/api/evaluations/${evaluation.id}` })
    expect(read.statusCode).toBe(200)
    expect(read.json()).toEqual(evaluation)
    const list = (
      await reader.request({ method: 'GET', url: '/api/evaluations' })
    ).json() as EvaluationSummary[]
    expect(list.map((entry) => entry.id)).toContain(evaluation.id)
    const audit = await ctx.database.ownerDb
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', evaluation.id)
      .execute()
    expect(audit.map((entry) => entry.action)).toEqual(['evaluation.create'])
  })

  it('stays as stored after contacts are added and deleted', async () => {
    const before = (await create(admin, { name: 'Eingefroren', ...period })).json() as Evaluation
    const db = ctx.database.ownerDb
    const template = await db
      .selectFrom('contact')
      .selectAll()
      .where('district_id', '=', admin.districtId)
      .where('occurred_at', '>=', '2026-03-10T10:00:00Z')
      .where('occurred_at', '<', '2026-04-20T10:00:00Z')
      .executeTakeFirstOrThrow()
    const { id: _id, created_at: _createdAt, ...copy } = template
    const added = await db
      .insertInto('contact')
      .values(Array.from({ length: 25 }, () => ({ ...copy })))
      .returning('id')
      .execute()

    const after = await reader.request({ method: 'GET', url: `/api/evaluations/${before.id}` })
    expect(after.json()).toEqual(before)
    // A new evaluation of the same period sees the added contacts: the snapshot was not recomputed.
    const fresh = (await create(admin, { name: 'Neu berechnet', ...period })).json() as Evaluation
    expect(fresh.sections[0]?.total.value).toBe((before.sections[0]?.total.value as number) + 25)

    await db
      .deleteFrom('contact')
      .where(
        'id',
        'in',
        added.map((row) => row.id),
      )
      .execute()
    const afterDeletion = await reader.request({ method: 'GET', url: `/api/evaluations/${before.id}` })
    expect(afterDeletion.json()).toEqual(before)
  })

  it('refuses bad periods and a missing name with 400 and stores nothing', async () => {
    const count = await evaluationCount()
    const bad = [
      { name: 'Rückwärts', from: '2026-04-30', to: '2026-03-01' },
      { name: 'Zu lang', from: '2010-01-01', to: '2020-01-01' },
      { name: '', ...period },
      { name: '   ', ...period },
      { ...period },
      { name: 'Kein Datum', from: '2026-02-30', to: '2026-03-31' },
    ]
    for (const payload of bad) {
      const response = await create(coordinator, payload)
      expect(response.statusCode, JSON.stringify(payload)).toBe(400)
    }
    const backwards = (await create(coordinator, bad[0] as object)).json()
    expect(JSON.stringify(backwards)).toContain('period-end-before-start')
    const tooLong = (await create(coordinator, bad[1] as object)).json()
    expect(JSON.stringify(tooLong)).toContain('period-too-long')
    expect(await evaluationCount()).toBe(count)
  })

  it('lets only coordination and administration create or delete, and offers no change', async () => {
    const count = await evaluationCount()
    expect((await create(reader, { name: 'Leser', ...period })).statusCode).toBe(403)
    expect((await partner.request({ method: 'GET', url: '/api/evaluations' })).statusCode).toBe(403)
    const [first] = (
      await reader.request({ method: 'GET', url: '/api/evaluations' })
    ).json() as EvaluationSummary[]
    expect(
      (await reader.request({ method: 'DELETE', url: `/api/evaluations/${first?.id}` })).statusCode,
    ).toBe(403)
    for (const method of ['PUT', 'PATCH'] as const) {
      const response = await admin.request({
        method,
        url: `/api/evaluations/${first?.id}`,
        payload: { name: 'Geändert', ...period },
      })
      expect(response.statusCode).toBe(404)
    }
    expect(await evaluationCount()).toBe(count)
  })

  it('applies a raised threshold, refuses one below the default, and freezes the thresholds used', async () => {
    const suppressedCells = async () => {
      const figures = (
        await reader.request({
          method: 'GET',
          url: '/api/figures?metric=contacts&from=2026-03-01&to=2026-03-31&by=day',
        })
      ).json() as Figures
      return figures.rows.filter((row) => row.suppressed).length
    }
    const put = (session: TestSession, payload: object) =>
      session.request({ method: 'PUT', url: '/api/reporting-settings', payload })

    expect((await coordinator.request({ method: 'GET', url: '/api/reporting-settings' })).json()).toEqual({
      threshold: 3,
      specialThreshold: 5,
    })
    const atDefault = await suppressedCells()
    const before = (await create(coordinator, { name: 'Vorher', ...period })).json() as Evaluation

    for (const payload of [
      { threshold: 2, specialThreshold: 5 },
      { threshold: 3, specialThreshold: 2 },
      { threshold: 6, specialThreshold: 5 },
      { threshold: 3.5, specialThreshold: 5 },
    ]) {
      expect((await put(coordinator, payload)).statusCode, JSON.stringify(payload)).toBe(400)
    }
    expect((await put(reader, { threshold: 10, specialThreshold: 10 })).statusCode).toBe(403)
    const raised = await put(coordinator, { threshold: 12, specialThreshold: 15 })
    expect(raised.statusCode, raised.body).toBe(200)
    expect(raised.json()).toEqual({ threshold: 12, specialThreshold: 15 })

    expect(await suppressedCells()).toBeGreaterThan(atDefault)
    const after = (await create(coordinator, { name: 'Nachher', ...period })).json() as Evaluation
    expect(after.threshold).toBe(12)
    for (const value of publishedValues(after)) if (value !== null) expect(value).toBeGreaterThanOrEqual(12)
    // The earlier snapshot keeps the thresholds it was made with.
    const stored = (
      await reader.request({ method: 'GET', url: `/api/evaluations/${before.id}` })
    ).json() as Evaluation
    expect(stored).toEqual(before)
    expect(stored.threshold).toBe(3)

    expect((await put(admin, { threshold: 3, specialThreshold: 5 })).statusCode).toBe(200)
    expect(await suppressedCells()).toBe(atDefault)
  })
})
