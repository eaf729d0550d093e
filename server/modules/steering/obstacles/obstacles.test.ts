import { beforeAll, describe, expect, it } from 'vitest'
import type { ObstacleDetail, ObstacleList } from '../../../../common/obstacles.ts'
import type { MeetingDetail } from '../../../../common/steering.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'

describe.each(databaseKinds)('structural obstacles on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let coordinator: TestSession
  let caseManager: TestSession
  let otherManager: TestSession
  let lindenauAdmin: TestSession
  let ownCase: string
  let secondOwnCase: string
  let otherCase: string
  let workingGroup: string
  let steeringGroup: string
  let jobcenter: string

  const post = (session: TestSession, url: string, payload: object) =>
    session.request({ method: 'POST', url, payload })

  /** A person and a case of them, made by a case manager through the API. */
  const personWithCase = async (session: TestSession, person: Record<string, unknown>) => {
    const municipality = await ctx.database.db
      .selectFrom('municipality')
      .select('id')
      .where('district_id', '=', session.districtId)
      .orderBy('code')
      .executeTakeFirstOrThrow()
    const created = await post(session, '/api/persons', {
      sex: 'female',
      municipalityId: municipality.id,
      ...person,
    })
    expect(created.statusCode, created.body).toBe(201)
    const kase = await post(session, '/api/cases', {
      personIds: [created.json().id],
      municipalityId: municipality.id,
    })
    expect(kase.statusCode, kase.body).toBe(201)
    return kase.json().id as string
  }
  const obstacleCount = async () =>
    (await ctx.database.db.selectFrom('obstacle').select('id').execute()).length
  const raise = (session: TestSession, payload: Record<string, unknown>) =>
    post(session, '/api/obstacles', {
      domain: 'residence',
      title: 'Lange Wartezeiten auf Termine der Ausländerbehörde',
      description: 'Termine zur Verlängerung der Aufenthaltserlaubnis gibt es erst nach drei Monaten.',
      ...payload,
    })

  beforeAll(async () => {
    coordinator = await loginAs(ctx.app, 'koordination')
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    otherManager = await loginAs(ctx.app, 'fallmanagement.sued')
    lindenauAdmin = await loginAs(ctx.app, 'admin.lindenau')
    ownCase = await personWithCase(caseManager, {
      familyName: 'Öztürk',
      givenNames: 'Ayşe',
      birthDate: '1985-03-12',
    })
    secondOwnCase = await personWithCase(caseManager, {
      familyName: 'Shevchenko',
      givenNames: 'Olena',
      nameInOriginalScript: 'Олена Шевченко',
      birthDate: '1990',
    })
    otherCase = await personWithCase(otherManager, {
      familyName: 'van den Berg',
      givenNames: 'Maria',
      birthDate: '1979-11',
      sex: 'female',
    })
    const bodies = (await coordinator.request({ method: 'GET', url: '/api/bodies' })).json().items as {
      id: string
      kind: string
    }[]
    workingGroup = bodies.find((body) => body.kind === 'working_group')?.id as string
    steeringGroup = bodies.find((body) => body.kind === 'steering_group')?.id as string
    jobcenter = (
      await ctx.database.db
        .selectFrom('organisation')
        .select('id')
        .where('district_id', '=', coordinator.districtId)
        .where('name', '=', 'Jobcenter Rhein-Sieg')
        .executeTakeFirstOrThrow()
    ).id
  })

  it('refuses a text with the name of a person of the district or a possible birth date: 400, nothing stored', async () => {
    const before = await obstacleCount()
    const refused: [string, string, string][] = [
      ['title', 'Frau Öztürk wartet seit Monaten', 'obstacle-contains-name'],
      ['title', 'Frau Oeztuerk wartet seit Monaten', 'obstacle-contains-name'],
      ['description', 'Bei Ayse Ozturk dauerte es drei Monate.', 'obstacle-contains-name'],
      ['description', 'Olena kam mit Frau Schewtschenko zum Termin.', 'obstacle-contains-name'],
      ['description', 'Die Akte von Шевченко lag beim Amt.', 'obstacle-contains-name'],
      ['description', 'Maria van den Berg wartet.', 'obstacle-contains-name'],
      ['description', 'Geboren am 12.03.1985, wartet seit Januar.', 'obstacle-contains-date'],
      ['description', 'Geburtsdatum 1985-03-12 laut Pass.', 'obstacle-contains-date'],
      ['description', 'Die Klientin (12. März 1985) wartet.', 'obstacle-contains-date'],
      ['title', 'Termin am 3.4.21 abgesagt', 'obstacle-contains-date'],
    ]
    for (const [field, text, message] of refused) {
      const response = await raise(caseManager, { caseId: ownCase, [field]: text })
      expect(response.statusCode, text).toBe(400)
      const problem = response.json()
      expect(problem.code).toBe('obstacle-personal-data')
      expect(problem.messages.de).toContain('personenbezogenen Daten')
      expect(problem.messages.en).toContain('personal data')
      expect(problem.fields, text).toEqual([{ path: `body.${field}`, message }])
    }
    expect(await obstacleCount()).toBe(before)
  })

  it('takes general wording: a given name alone, part of a family name, a month and year, a day to come', async () => {
    const response = await raise(caseManager, {
      caseId: ownCase,
      description:
        'Seit März 2025 kommen Klientinnen wie Maria oder Olena ohne Termin zurück; Berg der Akten. Nächster Termin 01.12.2099.',
    })
    expect(response.statusCode, response.body).toBe(201)
  })

  it('shows the case link only to those who may read the case, the count to everyone', async () => {
    const raised = await raise(caseManager, {
      caseId: ownCase,
      domain: 'work',
      organisationIds: [jobcenter],
      title: 'Anerkennung ausländischer Abschlüsse dauert zu lange',
      description: 'Die Anerkennungsstelle braucht über sechs Monate; Arbeitsaufnahme verzögert sich.',
    })
    expect(raised.statusCode, raised.body).toBe(201)
    const obstacle = raised.json() as ObstacleDetail
    expect(obstacle).toMatchObject({
      status: 'new',
      evidenceCount: 1,
      organisations: [{ id: jobcenter, name: 'Jobcenter Rhein-Sieg' }],
      history: [{ fromStatus: null, toStatus: 'new' }],
    })
    expect(obstacle.cases).toEqual([{ caseId: ownCase, reference: expect.any(String), raised: true }])
    for (const session of [coordinator, otherManager]) {
      const read = await session.request({ method: 'GET', url: `/api/obstacles/${obstacle.id}` })
      expect(read.statusCode).toBe(200)
      expect(read.json()).toMatchObject({ evidenceCount: 1, cases: [] })
      const list = (await session.request({ method: 'GET', url: '/api/obstacles' })).json() as ObstacleList
      const listed = list.items.find((item) => item.id === obstacle.id)
      expect(listed).toMatchObject({ evidenceCount: 1, cases: [] })
      expect(JSON.stringify(list)).not.toContain(ownCase)
    }
    // Which obstacles a case was seen in: only for those who may read the case.
    const byCase = await caseManager.request({ method: 'GET', url: `/api/obstacles?caseId=${ownCase}` })
    expect(byCase.statusCode).toBe(200)
    expect((byCase.json() as ObstacleList).items.map((item) => item.id)).toContain(obstacle.id)
    expect(
      (await coordinator.request({ method: 'GET', url: `/api/obstacles?caseId=${ownCase}` })).statusCode,
    ).toBe(403)
    expect(
      (await lindenauAdmin.request({ method: 'GET', url: `/api/obstacles/${obstacle.id}` })).statusCode,
    ).toBe(404)
  })

  it('raises from a case only for its case manager; coordination raises directly', async () => {
    expect((await raise(otherManager, { caseId: ownCase })).statusCode).toBe(403)
    expect((await raise(coordinator, { caseId: ownCase })).statusCode).toBe(403)
    const direct = await raise(coordinator, { domain: 'housing', title: 'Kaum Wohnungen für große Familien' })
    expect(direct.statusCode, direct.body).toBe(201)
    expect(direct.json()).toMatchObject({ evidenceCount: 0, cases: [] })
    expect((await raise(caseManager, { organisationIds: [crypto.randomUUID()] })).statusCode).toBe(422)
    expect((await raise(await loginAs(ctx.app, 'bericht'), {})).statusCode).toBe(403)
  })

  it('counts each case once as evidence, and lists each reader only the cases they may read', async () => {
    const raised = (await raise(caseManager, { caseId: ownCase })).json() as ObstacleDetail
    const url = `/api/obstacles/${raised.id}/evidence`
    const seen = await post(otherManager, url, { caseId: otherCase })
    expect(seen.statusCode, seen.body).toBe(201)
    expect(seen.json()).toMatchObject({ evidenceCount: 2, cases: [{ caseId: otherCase, raised: false }] })
    const again = await post(otherManager, url, { caseId: otherCase })
    expect(again.statusCode).toBe(409)
    expect(again.json().fields).toEqual([{ path: 'body.caseId', message: 'obstacle-case-already-evidence' }])
    expect((await post(caseManager, url, { caseId: ownCase })).statusCode).toBe(409)
    // Evidence from a case one does not work on, or without case work at all: refused.
    expect((await post(caseManager, url, { caseId: otherCase })).statusCode).toBe(403)
    expect((await post(coordinator, url, { caseId: ownCase })).statusCode).toBe(403)
    const second = await post(caseManager, url, { caseId: secondOwnCase })
    expect(second.statusCode).toBe(201)
    const mine = second.json() as ObstacleDetail
    expect(mine.evidenceCount).toBe(3)
    expect(mine.cases.map((each) => each.caseId).sort()).toEqual([ownCase, secondOwnCase].sort())
    const rows = await ctx.database.db
      .selectFrom('obstacle_evidence')
      .select('case_id')
      .where('obstacle_id', '=', raised.id)
      .execute()
    expect(rows).toHaveLength(3)
  })

  it('moves along the workflow with a note each step; other steps are 409, only coordination moves', async () => {
    const { id } = (await raise(caseManager, { caseId: ownCase })).json() as ObstacleDetail
    const move = (session: TestSession, payload: object) =>
      post(session, `/api/obstacles/${id}/status`, payload)
    expect((await move(caseManager, { status: 'triaged', note: 'Gesichtet.' })).statusCode).toBe(403)
    expect(
      (await move(coordinator, { status: 'assigned', note: 'Zu früh.', workingGroupId: workingGroup }))
        .statusCode,
    ).toBe(409)
    expect((await move(coordinator, { status: 'triaged', note: '' })).statusCode).toBe(400)
    expect(
      (await move(coordinator, { status: 'triaged', note: 'Gesichtet; betrifft mehrere Kommunen.' }))
        .statusCode,
    ).toBe(200)
    const noGroup = await move(coordinator, { status: 'assigned', note: 'An die UAG.' })
    expect(noGroup.statusCode).toBe(400)
    expect(noGroup.json().fields).toEqual([
      { path: 'body.workingGroupId', message: 'working-group-required' },
    ])
    const notWorkingGroup = await move(coordinator, {
      status: 'assigned',
      note: 'An die LG.',
      workingGroupId: steeringGroup,
    })
    expect(notWorkingGroup.statusCode).toBe(422)
    const named = await move(coordinator, {
      status: 'assigned',
      note: 'Frau Öztürk fragen.',
      workingGroupId: workingGroup,
    })
    expect(named.statusCode).toBe(400)
    const assigned = await move(coordinator, {
      status: 'assigned',
      note: 'Die UAG klärt das mit der Ausländerbehörde.',
      workingGroupId: workingGroup,
    })
    expect(assigned.statusCode, assigned.body).toBe(200)
    expect(assigned.json()).toMatchObject({ status: 'assigned', workingGroupId: workingGroup })
    expect(
      (await move(coordinator, { status: 'measure_agreed', note: 'Online-Terminvergabe ab Q2.' })).statusCode,
    ).toBe(200)
    const resolved = await move(coordinator, { status: 'resolved', note: 'Wartezeit unter vier Wochen.' })
    expect(resolved.statusCode).toBe(200)
    const detail = resolved.json() as ObstacleDetail
    expect(detail.workingGroupId).toBe(workingGroup)
    expect(detail.history.map((entry) => entry.toStatus)).toEqual([
      'new',
      'triaged',
      'assigned',
      'measure_agreed',
      'resolved',
    ])
    expect(detail.history[2]).toMatchObject({
      fromStatus: 'triaged',
      note: 'Die UAG klärt das mit der Ausländerbehörde.',
      changedByName: 'Jonas Wagner',
    })
    expect(detail.history[2]?.workingGroupName).toBeTruthy()
    expect((await move(coordinator, { status: 'rejected', note: 'Doch nicht.' })).statusCode).toBe(409)
    expect(
      (await post(otherManager, `/api/obstacles/${id}/evidence`, { caseId: otherCase })).statusCode,
    ).toBe(409)
    const rejected = (await raise(caseManager, {})).json() as ObstacleDetail
    expect(
      (
        await post(coordinator, `/api/obstacles/${rejected.id}/status`, {
          status: 'rejected',
          note: 'Kein strukturelles Problem.',
        })
      ).statusCode,
    ).toBe(200)
  })

  it('pulls an obstacle into an open meeting once, and never into approved minutes', async () => {
    const { id } = (
      await raise(caseManager, { caseId: ownCase, title: 'Sprachkurse ohne Kinderbetreuung' })
    ).json() as ObstacleDetail
    const meeting = await post(coordinator, '/api/meetings', {
      bodyId: steeringGroup,
      title: 'Lenkungsgruppe Test',
      date: '2027-05-10',
      startTime: '10:00',
      endTime: '12:00',
      place: 'Kreishaus',
    })
    expect(meeting.statusCode, meeting.body).toBe(201)
    const meetingId = (meeting.json() as MeetingDetail).id
    const pulled = await post(coordinator, `/api/obstacles/${id}/agenda-items`, { meetingId })
    expect(pulled.statusCode, pulled.body).toBe(201)
    expect((pulled.json() as ObstacleDetail).agendaItems).toEqual([
      expect.objectContaining({ meetingId, meetingTitle: 'Lenkungsgruppe Test', approved: false }),
    ])
    const read = (
      await coordinator.request({ method: 'GET', url: `/api/meetings/${meetingId}` })
    ).json() as MeetingDetail
    expect(read.agenda).toEqual([
      expect.objectContaining({ title: 'Sprachkurse ohne Kinderbetreuung', obstacleId: id }),
    ])
    expect((await post(coordinator, `/api/obstacles/${id}/agenda-items`, { meetingId })).statusCode).toBe(409)
    expect((await post(caseManager, `/api/obstacles/${id}/agenda-items`, { meetingId })).statusCode).toBe(403)
    // Approve the minutes: the agenda is frozen.
    const minutes = await coordinator.request({
      method: 'PUT',
      url: `/api/meetings/${meetingId}/minutes`,
      headers: { 'if-match': `"${read.version}"` },
      payload: { minutes: 'Beraten.' },
    })
    expect(minutes.statusCode, minutes.body).toBe(200)
    const approved = await coordinator.request({
      method: 'POST',
      url: `/api/meetings/${meetingId}/approval`,
      headers: { 'if-match': `"${(minutes.json() as MeetingDetail).version}"` },
    })
    expect(approved.statusCode, approved.body).toBe(200)
    const other = (await raise(caseManager, { title: 'Fahrtkosten zu Kursen' })).json() as ObstacleDetail
    const frozen = await post(coordinator, `/api/obstacles/${other.id}/agenda-items`, { meetingId })
    expect(frozen.statusCode).toBe(409)
    expect(frozen.json().code).toBe('minutes-approved')
    const agenda = await ctx.database.db
      .selectFrom('agenda_item')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .execute()
    expect(agenda).toHaveLength(1)
    const foreignMeeting = await post(lindenauAdmin, '/api/meetings', {
      bodyId: (
        await post(lindenauAdmin, '/api/bodies', { kind: 'working_group', name: 'UAG Lindenau' })
      ).json().id,
      title: 'Fremd',
      date: '2027-05-10',
      startTime: '10:00',
      endTime: '11:00',
      place: 'Lindenau',
    })
    expect(
      (
        await post(coordinator, `/api/obstacles/${other.id}/agenda-items`, {
          meetingId: foreignMeeting.json().id,
        })
      ).statusCode,
    ).toBe(404)
  })

  it('links an obstacle to a goal agreement of the district once', async () => {
    const { id } = (await raise(caseManager, { caseId: ownCase })).json() as ObstacleDetail
    const agreements = (await coordinator.request({ method: 'GET', url: '/api/goal-agreements' })).json()
      .items as { id: string; title: string }[]
    const agreement = agreements[0] as { id: string; title: string }
    const url = `/api/obstacles/${id}/goal-agreements`
    const linked = await post(coordinator, url, { goalAgreementId: agreement.id })
    expect(linked.statusCode, linked.body).toBe(201)
    expect((linked.json() as ObstacleDetail).goalAgreements).toEqual([
      expect.objectContaining({ id: agreement.id, title: agreement.title }),
    ])
    expect((await post(coordinator, url, { goalAgreementId: agreement.id })).statusCode).toBe(409)
    expect((await post(coordinator, url, { goalAgreementId: crypto.randomUUID() })).statusCode).toBe(422)
    expect((await post(caseManager, url, { goalAgreementId: agreement.id })).statusCode).toBe(403)
    const foreign = await post(lindenauAdmin, '/api/goal-agreements', {
      title: 'Fremde Vereinbarung',
      goalStatement: 'Fremd',
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
    })
    expect(foreign.statusCode, foreign.body).toBe(201)
    expect((await post(coordinator, url, { goalAgreementId: foreign.json().id })).statusCode).toBe(422)
    const rows = await ctx.database.db
      .selectFrom('obstacle_goal_agreement')
      .select('agreement_id')
      .where('obstacle_id', '=', id)
      .execute()
    expect(rows).toHaveLength(1)
  })

  it('filters the board by domain and organisation and counts by status', async () => {
    const list = (
      await coordinator.request({
        method: 'GET',
        url: `/api/obstacles?domain=work&organisationId=${jobcenter}`,
      })
    ).json() as ObstacleList
    expect(list.items.length).toBeGreaterThan(0)
    expect(list.items.every((item) => item.domain === 'work')).toBe(true)
    expect(list.items.every((item) => item.organisations.some((org) => org.id === jobcenter))).toBe(true)
    expect(Object.values(list.counts).reduce((a, b) => a + b, 0)).toBe(list.items.length)
    const overview = (await coordinator.request({ method: 'GET', url: '/api/steering/overview' })).json()
    expect(overview.obstacles.new).toBeGreaterThan(0)
  })
})
