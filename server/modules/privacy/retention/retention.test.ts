import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { RetentionPreview, RetentionRules } from '../../../../common/privacy-retention.ts'
import { addDays, localDay } from '../../../platform/district-time.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import { runDueRetention } from './retention.job.ts'

/**
 * Retention on the demo district (Rhein-Sieg, demo case work, a year of contacts) with a clock
 * the test moves: five years on, every closed case is due. The statistics of past months and a
 * frozen evaluation must read the same afterwards, a case under legal hold must stay as it was.
 */
describe.each(databaseKinds)('retention on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx, { caseWork: true })
  let dpo: TestSession
  let coordinator: TestSession
  let caseManager: TestSession
  const later = new Date(Date.now() + 5 * 366 * 24 * 3600 * 1000)
  const today = localDay(new Date(), 'Europe/Berlin')
  const lastMonthEnd = addDays(`${today.slice(0, 7)}-01`, -1)
  const period = { from: addDays(`${lastMonthEnd.slice(0, 7)}-01`, -150), to: lastMonthEnd }

  beforeAll(async () => {
    dpo = await loginAs(ctx.app, 'datenschutz')
    coordinator = await loginAs(ctx.app, 'koordination')
    caseManager = await loginAs(ctx.app, 'fallmanagement')
  })

  const db = () => ctx.database.ownerDb
  const metrics = [
    'contacts',
    'persons-counselled',
    'cases-new',
    'cases-closed',
    'median-case-duration',
    'referrals',
  ]
  const dimensions = ['month', 'municipality', 'sex', 'age-group', 'nationality-group', 'legal-sphere']

  /** Every figure of the period by every dimension the metric has, as the reporting API gives it. */
  async function allFigures(): Promise<Record<string, unknown>> {
    const figures: Record<string, unknown> = {}
    for (const metric of metrics)
      for (const by of dimensions) {
        const response = await coordinator.request({
          method: 'GET',
          url: `/api/figures?metric=${metric}&from=${period.from}&to=${period.to}&by=${by}`,
        })
        if (response.statusCode === 200) figures[`${metric}/${by}`] = response.json()
      }
    return figures
  }

  async function closedCaseWithNote() {
    const row = await sql<{ id: string; district_id: string; note: string }>`
      SELECT DISTINCT ON (k.closed_on, k.id) k.id, k.district_id, g.statement AS note
      FROM client_case k JOIN goal g ON g.case_id = k.id
      WHERE k.phase = 'closed' AND g.statement <> '' ORDER BY k.closed_on, k.id LIMIT 4`.execute(db())
    return row.rows
  }

  it('answers the defaults, refuses a period of zero and a stale version, and saves with If-Match', async () => {
    const read = await dpo.request({ method: 'GET', url: '/api/retention-rules' })
    expect(read.statusCode, read.body).toBe(200)
    const rules = read.json() as RetentionRules
    expect(rules.version).toBe(0)
    expect(rules.rules.find((rule) => rule.recordKind === 'closed-case')).toMatchObject({
      periodMonths: 36,
      action: 'anonymise',
      isDefault: true,
    })
    const payload = (periodMonths: number) => ({
      rules: rules.rules.map(({ isDefault: _, ...rule }) =>
        rule.recordKind === 'closed-case' ? { ...rule, periodMonths } : rule,
      ),
    })
    for (const bad of [0, -3]) {
      const refused = await dpo.request({
        method: 'PUT',
        url: '/api/retention-rules',
        headers: { 'if-match': '"0"' },
        payload: payload(bad),
      })
      expect(refused.statusCode).toBe(400)
    }
    const deleteCases = await dpo.request({
      method: 'PUT',
      url: '/api/retention-rules',
      headers: { 'if-match': '"0"' },
      payload: { rules: payload(36).rules.map((rule) => ({ ...rule, action: 'delete' })) },
    })
    expect(deleteCases.statusCode).toBe(400)
    expect(await db().selectFrom('retention_rule').select('record_kind').execute()).toEqual([])

    const noVersion = await dpo.request({ method: 'PUT', url: '/api/retention-rules', payload: payload(48) })
    expect(noVersion.statusCode).toBe(428)
    const saved = await dpo.request({
      method: 'PUT',
      url: '/api/retention-rules',
      headers: { 'if-match': '"0"' },
      payload: payload(48),
    })
    expect(saved.statusCode, saved.body).toBe(200)
    expect(saved.json()).toMatchObject({ version: 1, isDefault: false })
    const stale = await dpo.request({
      method: 'PUT',
      url: '/api/retention-rules',
      headers: { 'if-match': '"0"' },
      payload: payload(24),
    })
    expect(stale.statusCode).toBe(409)
    const back = await dpo.request({
      method: 'PUT',
      url: '/api/retention-rules',
      headers: { 'if-match': '"1"' },
      payload: payload(36),
    })
    expect(back.json()).toMatchObject({ version: 2 })
  })

  it('keeps the rules to the data protection officer and administration', async () => {
    for (const session of [coordinator, caseManager]) {
      expect((await session.request({ method: 'GET', url: '/api/retention-rules' })).statusCode).toBe(403)
      expect((await session.request({ method: 'GET', url: '/api/retention/preview' })).statusCode).toBe(403)
    }
  })

  it('anonymises due cases, leaves held ones, and changes no statistic nor frozen evaluation', async () => {
    const demoHeld = await db().selectFrom('legal_hold').select('case_id').execute()
    const [held, other] = (await closedCaseWithNote()).filter(
      (row) => !demoHeld.some((each) => each.case_id === row.id),
    )
    if (!held || !other) throw new Error('the demo data has closed cases with goals')
    const hold = await dpo.request({
      method: 'POST',
      url: `/api/cases/${held.id}/legal-holds`,
      payload: { reason: 'Klage vor dem Sozialgericht' },
    })
    expect(hold.statusCode, hold.body).toBe(201)
    const again = await dpo.request({
      method: 'POST',
      url: `/api/cases/${held.id}/legal-holds`,
      payload: { reason: 'doppelt' },
    })
    expect(again.statusCode).toBe(409)

    const evaluation = await coordinator.request({
      method: 'POST',
      url: '/api/evaluations',
      payload: { name: 'Vor der Löschung', ...period },
    })
    expect(evaluation.statusCode, evaluation.body).toBe(201)
    const evaluationId = evaluation.json().id as string
    const frozenBefore = (
      await coordinator.request({ method: 'GET', url: `/api/evaluations/${evaluationId}` })
    ).json()
    const figuresBefore = await allFigures()
    expect(Object.keys(figuresBefore).length).toBeGreaterThan(10)

    // Today nothing is due; the preview for five years on lists the closed cases, the held one apart.
    const now = await dpo.request({ method: 'GET', url: '/api/retention/preview' })
    const nowCases = (now.json() as RetentionPreview).kinds.find((each) => each.recordKind === 'closed-case')
    expect(nowCases?.count).toBe(0)
    const closed = await sql<{ n: number }>`SELECT count(*)::int AS n FROM client_case WHERE phase = 'closed'
      AND district_id = ${held.district_id}`.execute(db())
    const closedCount = closed.rows[0]?.n ?? 0
    expect(closedCount).toBeGreaterThan(2)

    // The demo holds one case too.
    const holds = await db()
      .selectFrom('legal_hold')
      .select('case_id')
      .where('lifted_at', 'is', null)
      .execute()
    expect(holds.length).toBe(2)
    // Two nodes at once: the district's lease lets exactly one of them work on it.
    const [first, second] = await Promise.all([runDueRetention(db(), later), runDueRetention(db(), later)])
    expect([first, second].filter((each) => held.district_id in each)).toHaveLength(1)
    const counts = { ...first, ...second }
    expect(counts[held.district_id]?.['cases-anonymised']).toBe(closedCount - holds.length)
    // Idempotent: the same day again does nothing (the lease says done), and a later day finds nothing new.
    expect(await runDueRetention(db(), later)).toEqual({})
    const dayAfter = await runDueRetention(db(), new Date(later.getTime() + 24 * 3600 * 1000))
    expect(dayAfter[held.district_id]?.['cases-anonymised']).toBe(0)

    const notes = await sql<{ id: string; notes: string[]; anonymised: boolean }>`
      SELECT k.id, array_agg(g.statement) AS notes, k.anonymised_at IS NOT NULL AS anonymised
      FROM client_case k JOIN goal g ON g.case_id = k.id
      WHERE k.id IN (${held.id}, ${other.id}) GROUP BY k.id, k.anonymised_at`.execute(db())
    const byId = new Map(notes.rows.map((row) => [row.id, row]))
    expect(byId.get(held.id)?.anonymised).toBe(false)
    expect(byId.get(held.id)?.notes).toContain(held.note)
    expect(byId.get(other.id)?.anonymised).toBe(true)
    expect(byId.get(other.id)?.notes.every((note) => note === '')).toBe(true)

    const persons = await sql<{ family_name: string }>`
      SELECT p.family_name FROM person p JOIN case_person cp ON cp.person_id = p.id
      WHERE cp.case_id = ${other.id}`.execute(db())
    expect(persons.rows.length).toBeGreaterThan(0)
    expect(persons.rows.every((row) => row.family_name === '')).toBe(true)
    const ledger = await db().selectFrom('erasure_ledger').select(['record_kind', 'rule']).execute()
    expect(ledger.filter((row) => row.record_kind === 'case')).toHaveLength(closedCount - holds.length)

    expect(await allFigures()).toEqual(figuresBefore)
    const frozenAfter = (
      await coordinator.request({ method: 'GET', url: `/api/evaluations/${evaluationId}` })
    ).json()
    expect(frozenAfter).toEqual(frozenBefore)
  })

  it('lists and lifts legal holds with a reason, audited', async () => {
    const list = await dpo.request({ method: 'GET', url: '/api/legal-holds' })
    expect(list.statusCode).toBe(200)
    const hold = list
      .json()
      .items.find((each: { reason: string }) => each.reason === 'Klage vor dem Sozialgericht')
    expect(hold).toMatchObject({ reason: 'Klage vor dem Sozialgericht', liftedAt: null })
    const byCaseManager = await caseManager.request({
      method: 'POST',
      url: `/api/legal-holds/${hold.id}/lift`,
      payload: { reason: 'Verfahren beendet' },
    })
    expect(byCaseManager.statusCode).toBe(403)
    const lifted = await dpo.request({
      method: 'POST',
      url: `/api/legal-holds/${hold.id}/lift`,
      payload: { reason: 'Verfahren beendet' },
    })
    expect(lifted.statusCode, lifted.body).toBe(200)
    expect(lifted.json()).toMatchObject({ liftReason: 'Verfahren beendet' })
    const audit = await db()
      .selectFrom('audit_event')
      .select(['action', 'purpose'])
      .where('action', 'in', ['legal-hold.set', 'legal-hold.lift', 'retention.run'])
      .execute()
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining(['legal-hold.set', 'legal-hold.lift', 'retention.run']),
    )
    expect(JSON.stringify(audit)).not.toContain('Sozialgericht')
    // Lifted, the case is due on the next day's run.
    const next = await runDueRetention(db(), new Date(later.getTime() + 2 * 24 * 3600 * 1000))
    expect(Object.values(next)[0]?.['cases-anonymised']).toBe(1)
  })
})
