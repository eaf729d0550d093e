import { beforeAll, describe, expect, it } from 'vitest'
import type { Person, Task, TimelineEntry } from '../../../../common/casework.ts'
import type {
  JobcenterContactFigure,
  LegalSphereChange,
  LegalSphereChangeList,
} from '../../../../common/legal-sphere.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import {
  auditOf,
  contactBody,
  countAll,
  createUser,
  expectProblem,
  isoDay,
  municipalityIds,
  noonUtc,
  openCase,
  registerPerson,
} from '../../casework/casework.test-helpers.ts'
import { applyDueChanges, figureMinimumCount } from './transition.service.ts'

const changeBody = (overrides: Record<string, unknown> = {}) => ({
  fromSphere: 'AsylbLG',
  toSphere: 'SGB II',
  effectiveOn: isoDay(-10),
  reason: 'recognition',
  ...overrides,
})

const networkTables = ['legal_sphere_change', 'legal_sphere_handover_step', 'task', 'person'] as const

describe.each(databaseKinds)('legal-sphere changes on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let caseManager: TestSession
  let otherCaseManager: TestSession
  let coordinator: TestSession
  let municipality: string

  const record = (session: TestSession, personId: string, payload: Record<string, unknown>) =>
    session.request({ method: 'POST', url: `/api/persons/${personId}/legal-sphere-changes`, payload })
  const person = async (session: TestSession, personId: string) =>
    (await session.request({ method: 'GET', url: `/api/persons/${personId}` })).json() as Person
  const figure = async (session: TestSession) => {
    const response = await session.request({ method: 'GET', url: '/api/legal-sphere-changes/figure' })
    expect(response.statusCode, response.body).toBe(200)
    return response.json() as JobcenterContactFigure
  }
  const markStep = (session: TestSession, stepId: string, version: number, doneOn: string | null) =>
    session.request({
      method: 'PATCH',
      url: `/api/legal-sphere-handover-steps/${stepId}`,
      headers: { 'if-match': `"${version}"` },
      payload: { doneOn },
    })
  /** A person in AsylbLG with an open case of the case manager. */
  const client = async (familyName: string) => {
    const registered = await registerPerson(caseManager, municipality, { familyName, legalSphere: 'AsylbLG' })
    return { person: registered, case: await openCase(caseManager, [registered.id], municipality) }
  }

  beforeAll(async () => {
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    otherCaseManager = await loginAs(ctx.app, 'fallmanagement.sued')
    coordinator = await loginAs(ctx.app, 'koordination')
    ;[municipality] = (await municipalityIds(ctx.database, caseManager.districtId)) as [string]
  })

  it('records a change that has taken effect, sets the current sphere and makes a task per step', async () => {
    const { person: amir, case: kase } = await client('Haddad')
    const response = await record(
      caseManager,
      amir.id,
      changeBody({
        caseId: kase.id,
        note: 'Anerkennung als Flüchtling',
        steps: [
          { step: 'jobcenter-appointment', dueOn: isoDay(3) },
          { step: 'health-insurance', dueOn: isoDay(7) },
        ],
      }),
    )
    expect(response.statusCode, response.body).toBe(201)
    const change = response.json() as LegalSphereChange
    expect(change).toMatchObject({
      personId: amir.id,
      caseId: kase.id,
      fromSphere: 'AsylbLG',
      toSphere: 'SGB II',
      effectiveOn: isoDay(-10),
      reason: 'recognition',
      applied: true,
      recordedBy: 'Leyla Yıldız',
      firstJobcenterContactOn: null,
    })
    expect(change.steps.map((step) => [step.step, step.dueOn, step.doneOn])).toEqual([
      ['jobcenter-appointment', isoDay(3), null],
      ['health-insurance', isoDay(7), null],
    ])
    expect((await person(caseManager, amir.id)).legalSphere).toBe('SGB II')

    const tasks = (
      await caseManager.request({ method: 'GET', url: `/api/cases/${kase.id}/tasks` })
    ).json() as Task[]
    expect(tasks.map((task) => [task.source, task.dueOn, task.assigneeId, task.personId]).sort()).toEqual([
      ['legal-sphere-handover', isoDay(3), caseManager.userId, amir.id],
      ['legal-sphere-handover', isoDay(7), caseManager.userId, amir.id],
    ])
    expect(tasks.map((task) => task.title).sort()).toEqual([
      'Krankenversicherung klären (AsylbLG → SGB II)',
      'Termin beim Jobcenter vereinbaren (AsylbLG → SGB II)',
    ])
    expect((await auditOf(ctx.database, change.id)).map((row) => row.action)).toEqual([
      'legal-sphere-change.create',
    ])
    // The change is on the case timeline, with who recorded it.
    const timeline = (
      await caseManager.request({ method: 'GET', url: `/api/cases/${kase.id}/timeline` })
    ).json() as TimelineEntry[]
    expect(timeline.find((entry) => entry.id === change.id)).toMatchObject({
      kind: 'legal-sphere-change',
      actorName: 'Leyla Yıldız',
      summary: { from: 'AsylbLG', to: 'SGB II', effectiveOn: isoDay(-10), reason: 'recognition' },
    })
    expect((await auditOf(ctx.database, amir.id)).map((row) => [row.action, row.purpose])).toContainEqual([
      'person.update',
      'legal-sphere-change',
    ])
  })

  it('keeps the current sphere for a change ahead, lists it as upcoming and applies it on its day', async () => {
    const { person: sara } = await client('Mansour')
    const response = await record(caseManager, sara.id, changeBody({ effectiveOn: isoDay(5) }))
    expect(response.statusCode, response.body).toBe(201)
    const change = response.json() as LegalSphereChange
    expect(change.applied).toBe(false)
    expect((await person(caseManager, sara.id)).legalSphere).toBe('AsylbLG')

    const list = (
      await caseManager.request({ method: 'GET', url: '/api/legal-sphere-changes' })
    ).json() as LegalSphereChangeList
    expect(list.upcoming.map((item) => [item.id, item.person.familyName, item.upcoming])).toContainEqual([
      change.id,
      'Mansour',
      true,
    ])
    expect(list.recent.map((item) => item.id)).not.toContain(change.id)

    // The job on the day before changes nothing; on the day it sets the sphere, once.
    await applyDueChanges(ctx.database.db, new Date(`${isoDay(4)}T12:00:00Z`))
    expect((await person(caseManager, sara.id)).legalSphere).toBe('AsylbLG')
    expect(await applyDueChanges(ctx.database.db, new Date(`${isoDay(5)}T12:00:00Z`))).toBeGreaterThanOrEqual(
      1,
    )
    expect((await person(caseManager, sara.id)).legalSphere).toBe('SGB II')
    expect(await applyDueChanges(ctx.database.db, new Date(`${isoDay(5)}T12:00:00Z`))).toBe(0)
  })

  it('does not let an older change recorded late overwrite the sphere a newer one set', async () => {
    const { person: omar } = await client('Rahimi')
    expect((await record(caseManager, omar.id, changeBody({ effectiveOn: isoDay(-5) }))).statusCode).toBe(201)
    const late = await record(
      caseManager,
      omar.id,
      changeBody({ fromSphere: 'none', toSphere: 'AsylbLG', effectiveOn: isoDay(-200), reason: 'other' }),
    )
    expect(late.statusCode, late.body).toBe(201)
    expect((late.json() as LegalSphereChange).applied).toBe(false)
    expect((await person(caseManager, omar.id)).legalSphere).toBe('SGB II')
  })

  it('marks a step done on a day, ticks its task off, and reopens both', async () => {
    const { person: lina, case: kase } = await client('Nasser')
    const change = (
      await record(
        caseManager,
        lina.id,
        changeBody({ caseId: kase.id, steps: [{ step: 'housing', dueOn: isoDay(2) }] }),
      )
    ).json() as LegalSphereChange
    const [step] = change.steps
    if (!step) throw new Error('no step')
    const done = await markStep(caseManager, step.id, step.version, isoDay(-1))
    expect(done.statusCode, done.body).toBe(200)
    const after = (done.json() as LegalSphereChange).steps[0]
    expect(after?.doneOn).toBe(isoDay(-1))
    const task = async () =>
      (
        (await caseManager.request({ method: 'GET', url: `/api/cases/${kase.id}/tasks` })).json() as Task[]
      ).find((each) => each.id === step.taskId)
    expect((await task())?.doneAt).not.toBeNull()

    expectProblem(await markStep(caseManager, step.id, step.version, null), 409)
    const unversioned = await caseManager.request({
      method: 'PATCH',
      url: `/api/legal-sphere-handover-steps/${step.id}`,
      payload: { doneOn: null },
    })
    expectProblem(unversioned, 428)
    expectProblem(
      await markStep(caseManager, step.id, after?.version as number, isoDay(2)),
      400,
      'body.doneOn',
    )
    const reopened = await markStep(caseManager, step.id, after?.version as number, null)
    expect(reopened.statusCode, reopened.body).toBe(200)
    expect((reopened.json() as LegalSphereChange).steps[0]?.doneOn).toBeNull()
    expect((await task())?.doneAt).toBeNull()
  })

  it('takes the first Jobcenter contact from the appointment step or a contact naming the Jobcenter', async () => {
    const before = await figure(caseManager)
    // One: the appointment step, done 4 days after the change.
    const first = await client('Karimi')
    const one = (
      await record(
        caseManager,
        first.person.id,
        changeBody({
          caseId: first.case.id,
          effectiveOn: isoDay(-30),
          steps: [{ step: 'jobcenter-appointment', dueOn: isoDay(-25) }],
        }),
      )
    ).json() as LegalSphereChange
    const step = one.steps[0] as LegalSphereChange['steps'][number]
    const marked = await markStep(caseManager, step.id, step.version, isoDay(-26))
    expect((marked.json() as LegalSphereChange).firstJobcenterContactOn).toBe(isoDay(-26))
    // Two: a counselling contact with the Jobcenter 9 days after; one before the change does not count.
    const second = await client('Sultani')
    for (const [day, participants] of [
      [-40, 'Jobcenter Rhein-Sieg'],
      [-11, 'Sozialamt'],
      [-3, 'Frau Weber (jobcenter rhein-sieg)'],
    ] as const) {
      const contact = await caseManager.request({
        method: 'POST',
        url: `/api/cases/${second.case.id}/contacts`,
        payload: contactBody({ occurredAt: noonUtc(day), otherParticipants: participants }),
      })
      expect(contact.statusCode, contact.body).toBe(201)
    }
    const two = (
      await record(caseManager, second.person.id, changeBody({ effectiveOn: isoDay(-12) }))
    ).json() as LegalSphereChange
    expect(two.firstJobcenterContactOn).toBe(isoDay(-3))
    // Three: an appointment before the change counts as on its day (0 days).
    const third = await client('Hosseini')
    const three = (
      await record(
        caseManager,
        third.person.id,
        changeBody({
          effectiveOn: isoDay(-8),
          steps: [{ step: 'jobcenter-appointment', dueOn: isoDay(-9) }],
        }),
      )
    ).json() as LegalSphereChange
    const threeStep = three.steps[0] as LegalSphereChange['steps'][number]
    await markStep(caseManager, threeStep.id, threeStep.version, isoDay(-9))
    // Four: into SGB XII, which the Jobcenter does not serve: not counted.
    const fourth = await client('Ahmadi')
    await record(
      caseManager,
      fourth.person.id,
      changeBody({ toSphere: 'SGB XII', reason: 'incapacity-or-age' }),
    )

    const after = await figure(coordinator)
    expect(after.changes - before.changes).toBe(3)
    expect(after.withContact - before.withContact).toBe(3)
    // This file's earlier changes into SGB II have no Jobcenter contact: their days are not in it.
    expect(before.withContact).toBe(0)
    expect(before.medianDays).toBeNull()
    expect(after).toMatchObject({
      medianDays: 4,
      meanDays: Math.round(((4 + 9 + 0) / 3) * 10) / 10,
      withinFourteenDays: 3,
      minimumCount: figureMinimumCount,
      to: isoDay(0),
    })
  })

  it('refuses a change to the same sphere, a duplicated step and a case the person is not in, storing nothing', async () => {
    const { person: nour } = await client('Saleh')
    const { case: otherCase } = await client('Fremd')
    const before = await countAll(ctx.database, networkTables)
    expectProblem(
      await record(caseManager, nour.id, changeBody({ toSphere: 'AsylbLG' })),
      400,
      'body.toSphere',
    )
    expectProblem(
      await record(
        caseManager,
        nour.id,
        changeBody({
          steps: [
            { step: 'housing', dueOn: isoDay(1) },
            { step: 'housing', dueOn: isoDay(2) },
          ],
        }),
      ),
      400,
      'body.steps',
    )
    expectProblem(
      await record(caseManager, nour.id, changeBody({ caseId: otherCase.id })),
      422,
      'body.caseId',
    )
    expectProblem(await record(caseManager, nour.id, changeBody({ toSphere: 'SGB V' })), 400, 'body.toSphere')
    expectProblem(await record(caseManager, nour.id, { ...changeBody(), extra: 1 }), 400)
    expectProblem(
      await record(caseManager, nour.id, changeBody({ note: 'x'.repeat(2001) })),
      400,
      'body.note',
    )
    expect(await countAll(ctx.database, networkTables)).toEqual(before)
  })

  it('lets only who may change the person record a change; others in the district are refused', async () => {
    const { person: yusuf } = await client('Demir')
    const before = await countAll(ctx.database, networkTables)
    expectProblem(await record(otherCaseManager, yusuf.id, changeBody()), 403)
    expectProblem(await record(coordinator, yusuf.id, changeBody()), 403)
    // The team lead reads the person's changes but records none (only the responsible case manager).
    const teamLead = await loginAs(ctx.app, 'teamleitung')
    expectProblem(await record(teamLead, yusuf.id, changeBody()), 403)
    expectProblem(
      await coordinator.request({ method: 'GET', url: `/api/persons/${yusuf.id}/legal-sphere-changes` }),
      403,
    )
    expectProblem(await coordinator.request({ method: 'GET', url: '/api/legal-sphere-changes' }), 403)
    expect(await countAll(ctx.database, networkTables)).toEqual(before)
    // Another case manager's list does not show the person.
    const list = (
      await otherCaseManager.request({ method: 'GET', url: '/api/legal-sphere-changes' })
    ).json() as LegalSphereChangeList
    expect([...list.recent, ...list.upcoming].map((item) => item.personId)).not.toContain(yusuf.id)
  })

  it('answers 404 for a person and a step of another district, and stores nothing', async () => {
    const lindenauAdmin = await loginAs(ctx.app, 'admin.lindenau')
    await createUser(lindenauAdmin, 'fm.lindenau.lsc', ['case_manager'])
    const foreignManager = await loginAs(ctx.app, 'fm.lindenau.lsc')
    const [foreignMunicipality] = (await municipalityIds(ctx.database, foreignManager.districtId)) as [string]
    const foreignPerson = await registerPerson(foreignManager, foreignMunicipality, {
      legalSphere: 'AsylbLG',
    })
    const foreignChange = (
      await record(
        foreignManager,
        foreignPerson.id,
        changeBody({ steps: [{ step: 'housing', dueOn: isoDay(1) }] }),
      )
    ).json() as LegalSphereChange
    const foreignStep = foreignChange.steps[0] as LegalSphereChange['steps'][number]
    const before = await countAll(ctx.database, networkTables)
    expectProblem(await record(caseManager, foreignPerson.id, changeBody()), 404)
    expectProblem(
      await caseManager.request({
        method: 'GET',
        url: `/api/persons/${foreignPerson.id}/legal-sphere-changes`,
      }),
      404,
    )
    expectProblem(await markStep(caseManager, foreignStep.id, foreignStep.version, isoDay(0)), 404)
    expect(await countAll(ctx.database, networkTables)).toEqual(before)
    const denied = (await auditOf(ctx.database, foreignStep.id)).filter((row) => row.outcome === 'denied')
    expect(denied).toHaveLength(1)
    // Lists are per district: the foreign change is not in the case manager's.
    const list = (
      await caseManager.request({ method: 'GET', url: '/api/legal-sphere-changes' })
    ).json() as LegalSphereChangeList
    expect([...list.recent, ...list.upcoming].map((item) => item.id)).not.toContain(foreignChange.id)
  })
})
