import { beforeAll, describe, expect, it } from 'vitest'
import type { Case, TimelineEntry } from '../../../../common/casework.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import {
  advanceCase,
  assessmentBody,
  auditOf,
  changePhase,
  contactBody,
  expectProblem,
  goalBody,
  isoDay,
  municipalityIds,
  openCase,
  personWithCase,
  registerPerson,
  teamIdByName,
} from '../casework.test-helpers.ts'

describe.each(databaseKinds)('cases and their phases on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let caseManager: TestSession
  let municipality: string
  let teamNord: string

  beforeAll(async () => {
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    ;[municipality] = (await municipalityIds(ctx.database, caseManager.districtId)) as [string]
    teamNord = await teamIdByName(ctx.database, caseManager.districtId, 'Team Nord')
  })

  const newCase = async () => (await personWithCase(caseManager, municipality)).case
  const caseRow = (id: string) =>
    ctx.database.db.selectFrom('client_case').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  const phaseChanges = (id: string) =>
    ctx.database.db
      .selectFrom('case_phase_change')
      .selectAll()
      .where('case_id', '=', id)
      .orderBy('changed_at')
      .execute()

  it('opens a case in intake with a yearly reference, the creator as manager and their team', async () => {
    const person = await registerPerson(caseManager, municipality)
    const kase = await openCase(caseManager, [person.id], municipality)
    // References count in the district's year (Europe/Berlin), which starts an hour before UTC's.
    const year = isoDay().slice(0, 4)
    expect(kase.reference).toMatch(new RegExp(`^${year}-\\d{4}$`))
    expect(kase).toMatchObject({
      phase: 'intake',
      municipalityId: municipality,
      teamId: teamNord,
      teamName: 'Team Nord',
      managers: [{ id: caseManager.userId, displayName: 'Leyla Yıldız' }],
      persons: [expect.objectContaining({ id: person.id })],
      openedOn: isoDay(),
      closedOn: null,
      lastContactOn: null,
      openTaskCount: 0,
      overdueTaskCount: 0,
      version: 1,
      closingReason: null,
      allowedTransitions: ['assessment', 'closed'],
      abilities: { 'case.work': true, 'case.assign': true },
    })
    expect((await phaseChanges(kase.id)).map((row) => [row.from_phase, row.to_phase])).toEqual([
      [null, 'intake'],
    ])
    expect((await auditOf(ctx.database, kase.id)).map((row) => row.action)).toContain('case.create')
    const read = await caseManager.request({ method: 'GET', url: `/api/cases/${kase.id}` })
    expect(read.json()).toEqual(kase)
  })

  it('numbers the references of a year one after the other', async () => {
    const first = await newCase()
    const second = await newCase()
    const number = (reference: string) => Number(reference.split('-')[1])
    expect(number(second.reference)).toBe(number(first.reference) + 1)
  })

  it('audits every read of a case', async () => {
    const kase = await newCase()
    await caseManager.request({ method: 'GET', url: `/api/cases/${kase.id}` })
    const reads = (await auditOf(ctx.database, kase.id)).filter((row) => row.action === 'case.read')
    expect(reads).toEqual([expect.objectContaining({ actor_id: caseManager.userId, subject_type: 'case' })])
  })

  it('refuses to skip from intake to planning next to body.to and leaves the phase', async () => {
    const kase = await newCase()
    const response = await changePhase(caseManager, kase.id, kase.version, { to: 'planning' })
    expectProblem(response, 422, 'body.to', 'phase-transition-not-allowed')
    expect(await caseRow(kase.id)).toMatchObject({ phase: 'intake', version: 1 })
    expect(await phaseChanges(kase.id)).toHaveLength(1)
  })

  it('needs an assessment before planning', async () => {
    let kase = await advanceCase(caseManager, await newCase(), 'assessment')
    expectProblem(
      await changePhase(caseManager, kase.id, kase.version, { to: 'planning' }),
      422,
      'body.to',
      'assessment-required',
    )
    const assessed = await caseManager.request({
      method: 'POST',
      url: `/api/cases/${kase.id}/assessments`,
      payload: assessmentBody(),
    })
    expect(assessed.statusCode).toBe(201)
    const moved = await changePhase(caseManager, kase.id, kase.version, { to: 'planning' })
    expect(moved.statusCode, moved.body).toBe(200)
    kase = moved.json()
    expect(kase).toMatchObject({
      phase: 'planning',
      allowedTransitions: ['implementation', 'assessment', 'closed'],
    })
  })

  it('needs a goal before implementation', async () => {
    const kase = await advanceCase(caseManager, await newCase(), 'planning')
    expectProblem(
      await changePhase(caseManager, kase.id, kase.version, { to: 'implementation' }),
      422,
      'body.to',
      'goal-required',
    )
    await caseManager.request({ method: 'POST', url: `/api/cases/${kase.id}/goals`, payload: goalBody() })
    const moved = await changePhase(caseManager, kase.id, kase.version, { to: 'implementation' })
    expect(moved.statusCode, moved.body).toBe(200)
    expect(moved.json().phase).toBe('implementation')
  })

  it('walks the whole DGCC cycle, closes with reason and goal outcomes, and reopens with a reason', async () => {
    let kase = await advanceCase(caseManager, await newCase(), 'evaluation')
    expect(kase.phase).toBe('evaluation')
    const plan = (await caseManager.request({ method: 'GET', url: `/api/cases/${kase.id}/plan` })).json()
    const goalId = plan.goals[0].id as string

    expectProblem(
      await changePhase(caseManager, kase.id, kase.version, {
        to: 'closed',
        goalOutcomes: [{ goalId, outcome: 'reached' }],
      }),
      422,
      'body.closingReason',
      'closing-reason-required',
    )
    expectProblem(
      await changePhase(caseManager, kase.id, kase.version, { to: 'closed', closingReason: 'goals-reached' }),
      422,
      'body.goalOutcomes',
      'goal-outcomes-required',
    )
    expect(await caseRow(kase.id)).toMatchObject({ phase: 'evaluation', closed_on: null })

    const closed = await changePhase(caseManager, kase.id, kase.version, {
      to: 'closed',
      closingReason: 'goals-reached',
      goalOutcomes: [{ goalId, outcome: 'reached' }],
    })
    expect(closed.statusCode, closed.body).toBe(200)
    kase = closed.json()
    expect(kase).toMatchObject({
      phase: 'closed',
      closedOn: isoDay(),
      closingReason: 'goals-reached',
      allowedTransitions: ['intake', 'assessment'],
    })
    const goals = (await caseManager.request({ method: 'GET', url: `/api/cases/${kase.id}/plan` })).json()
      .goals
    expect(goals[0]).toMatchObject({ id: goalId, outcome: 'reached' })
    expect((await auditOf(ctx.database, kase.id)).map((row) => row.action)).toContain('case.close')

    expectProblem(
      await changePhase(caseManager, kase.id, kase.version, { to: 'assessment' }),
      422,
      'body.reopeningReason',
      'reopening-reason-required',
    )
    const reopened = await changePhase(caseManager, kase.id, kase.version, {
      to: 'assessment',
      reopeningReason: 'new-need',
    })
    expect(reopened.statusCode, reopened.body).toBe(200)
    expect(reopened.json()).toMatchObject({ phase: 'assessment', closedOn: null, closingReason: null })
    expect((await phaseChanges(kase.id)).map((row) => [row.from_phase, row.to_phase, row.reason])).toEqual([
      [null, 'intake', null],
      ['intake', 'assessment', null],
      ['assessment', 'planning', null],
      ['planning', 'implementation', null],
      ['implementation', 'evaluation', null],
      ['evaluation', 'closed', 'goals-reached'],
      ['closed', 'assessment', 'new-need'],
    ])
  })

  it('shows the notes of phase changes in the timeline and the closing note with the closed case', async () => {
    let kase = await newCase()
    const moved = await changePhase(caseManager, kase.id, kase.version, {
      to: 'assessment',
      note: 'Unterlagen vollständig',
    })
    expect(moved.statusCode, moved.body).toBe(200)
    kase = moved.json()
    expect(kase.closingNote).toBeNull()
    const closed = await changePhase(caseManager, kase.id, kase.version, {
      to: 'closed',
      closingReason: 'moved-away',
      note: 'Nach Köln verzogen;\nAkte an die dortige Stelle übergeben',
    })
    expect(closed.statusCode, closed.body).toBe(200)
    kase = closed.json()
    expect(kase.closingNote).toBe('Nach Köln verzogen;\nAkte an die dortige Stelle übergeben')
    expect((await caseManager.request({ method: 'GET', url: `/api/cases/${kase.id}` })).json()).toMatchObject(
      {
        closingReason: 'moved-away',
        closingNote: 'Nach Köln verzogen;\nAkte an die dortige Stelle übergeben',
      },
    )

    const timeline = await caseManager.request({ method: 'GET', url: `/api/cases/${kase.id}/timeline` })
    expect(timeline.statusCode, timeline.body).toBe(200)
    const phaseEntries = (timeline.json() as TimelineEntry[]).filter((entry) => entry.kind !== 'contact')
    expect(phaseEntries.map((entry) => [entry.kind, entry.summary])).toEqual([
      [
        'phase-change',
        {
          from: 'assessment',
          to: 'closed',
          reason: 'moved-away',
          note: 'Nach Köln verzogen;\nAkte an die dortige Stelle übergeben',
        },
      ],
      ['phase-change', { from: 'intake', to: 'assessment', reason: null, note: 'Unterlagen vollständig' }],
      ['case-opened', { from: null, to: 'intake', reason: null, note: null }],
    ])

    // Taken up again, the case is no longer closed: the note stays in the timeline only.
    const reopened = await changePhase(caseManager, kase.id, kase.version, {
      to: 'intake',
      reopeningReason: 'new-need',
    })
    expect(reopened.json()).toMatchObject({ phase: 'intake', closingNote: null })
  })

  it('refuses an outcome for a goal of another case', async () => {
    const other = await advanceCase(caseManager, await newCase(), 'implementation')
    const foreignGoal = (
      await caseManager.request({ method: 'GET', url: `/api/cases/${other.id}/plan` })
    ).json().goals[0].id
    const kase = await newCase()
    const response = await changePhase(caseManager, kase.id, kase.version, {
      to: 'closed',
      closingReason: 'moved-away',
      goalOutcomes: [{ goalId: foreignGoal, outcome: 'dropped' }],
    })
    expectProblem(response, 422, 'body.goalOutcomes', 'unknown-reference')
    expect(await caseRow(kase.id)).toMatchObject({ phase: 'intake' })
  })

  it('closes a case without goals from intake with a reason alone', async () => {
    const kase = await newCase()
    const closed = await changePhase(caseManager, kase.id, kase.version, {
      to: 'closed',
      closingReason: 'moved-away',
    })
    expect(closed.statusCode, closed.body).toBe(200)
    expect(closed.json()).toMatchObject({ phase: 'closed', closingReason: 'moved-away' })
  })

  it('refuses a contact, a goal and an assessment for a closed case with 409 case-closed and stores nothing', async () => {
    const kase = await newCase()
    await changePhase(caseManager, kase.id, kase.version, { to: 'closed', closingReason: 'client-withdrew' })
    const attempts = [
      ['contacts', contactBody()],
      ['goals', goalBody()],
      ['assessments', assessmentBody()],
    ] as const
    for (const [path, payload] of attempts) {
      const response = await caseManager.request({
        method: 'POST',
        url: `/api/cases/${kase.id}/${path}`,
        payload,
      })
      expectProblem(response, 409, 'params.caseId', 'case-closed')
    }
    for (const table of ['contact', 'goal', 'assessment'] as const) {
      const rows = await ctx.database.db
        .selectFrom(table)
        .select('id')
        .where('case_id', '=', kase.id)
        .execute()
      expect(rows).toEqual([])
    }
    expect((await caseRow(kase.id)).last_contact_at).toBeNull()
    // The case tells the screen the same: still the manager's case, but closed to new records.
    const read = await caseManager.request({ method: 'GET', url: `/api/cases/${kase.id}` })
    expect(read.json().abilities).toMatchObject({ 'case.work': true, 'case.record': false })
  })

  it('refuses a phase change without If-Match with 428 and a stale one with 409, leaving the case as it was', async () => {
    const kase = await newCase()
    expectProblem(await changePhase(caseManager, kase.id, null, { to: 'assessment' }), 428)
    const moved = await changePhase(caseManager, kase.id, kase.version, { to: 'assessment' })
    expect(moved.statusCode).toBe(200)
    expectProblem(
      await changePhase(caseManager, kase.id, kase.version, { to: 'closed', closingReason: 'other' }),
      409,
    )
    expect(await caseRow(kase.id)).toMatchObject({ phase: 'assessment', version: 2 })
    expect(await phaseChanges(kase.id)).toHaveLength(2)
  })

  it('reassigns a case with the current version and refuses a stale one', async () => {
    const kase: Case = await newCase()
    const [, otherMunicipality] = (await municipalityIds(ctx.database, caseManager.districtId)) as [
      string,
      string,
    ]
    const put = (version: number, municipalityId: string) =>
      caseManager.request({
        method: 'PUT',
        url: `/api/cases/${kase.id}`,
        payload: { municipalityId, teamId: teamNord, managerIds: [caseManager.userId] },
        headers: { 'if-match': `"${version}"` },
      })
    const first = await put(1, otherMunicipality)
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json()).toMatchObject({ municipalityId: otherMunicipality, version: 2 })
    expectProblem(await put(1, municipality), 409)
    expect(await caseRow(kase.id)).toMatchObject({ municipality_id: otherMunicipality, version: 2 })
  })
})
