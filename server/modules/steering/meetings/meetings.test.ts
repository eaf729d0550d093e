import { beforeAll, describe, expect, it } from 'vitest'
import type { Body, BodyDetail, MeetingDetail, RegisterEntry } from '../../../../common/steering.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'

describe.each(databaseKinds)('steering meetings on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let coordinator: TestSession
  let caseManager: TestSession
  let partner: TestSession
  let reportReader: TestSession
  let lindenauAdmin: TestSession
  let body: BodyDetail

  beforeAll(async () => {
    coordinator = await loginAs(ctx.app, 'koordination')
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    partner = await loginAs(ctx.app, 'partner.jobcenter')
    reportReader = await loginAs(ctx.app, 'bericht')
    lindenauAdmin = await loginAs(ctx.app, 'admin.lindenau')
    // A small body of its own: a chair, two members and a guest; quorum is more than half of three.
    const created = await coordinator.request({
      method: 'POST',
      url: '/api/bodies',
      payload: {
        kind: 'planning_conference',
        name: 'Planungskonferenz Test',
        seats: [{ label: 'Jobcenter' }],
      },
    })
    expect(created.statusCode, created.body).toBe(201)
    body = created.json()
    for (const [representative, role] of [
      ['Vorsitz Test', 'chair'],
      ['Mitglied Eins', 'member'],
      ['Mitglied Zwei', 'member'],
      ['Gast Test', 'guest'],
    ]) {
      const added = await coordinator.request({
        method: 'POST',
        url: `/api/bodies/${body.id}/members`,
        payload: { representative, role, fromOn: '2026-01-01' },
      })
      expect(added.statusCode, added.body).toBe(201)
      body = added.json()
    }
  })

  const member = (name: string) => body.members.find((each) => each.representative === name)?.id as string
  const planMeeting = async (payload: Partial<Record<string, string>> = {}) => {
    const response = await coordinator.request({
      method: 'POST',
      url: '/api/meetings',
      payload: {
        bodyId: body.id,
        title: 'Fallübergreifende Planung',
        date: '2027-03-25',
        startTime: '10:00',
        endTime: '11:30',
        place: 'Kreishaus Siegburg',
        ...payload,
      },
    })
    expect(response.statusCode, response.body).toBe(201)
    return response.json() as MeetingDetail
  }
  const post = (session: TestSession, url: string, payload: object) =>
    session.request({ method: 'POST', url, payload })
  const counts = async (meetingId: string) => {
    const db = ctx.database.db
    const count = async (
      table: 'agenda_item' | 'meeting_attendance' | 'steering_decision' | 'action_item' | 'minutes_amendment',
    ) =>
      (await db.selectFrom(table).select('meeting_id').where('meeting_id', '=', meetingId).execute()).length
    const meeting = await db
      .selectFrom('meeting')
      .selectAll()
      .where('id', '=', meetingId)
      .executeTakeFirstOrThrow()
    return {
      agenda: await count('agenda_item'),
      attendance: await db
        .selectFrom('meeting_attendance')
        .selectAll()
        .where('meeting_id', '=', meetingId)
        .execute(),
      decisions: await count('steering_decision'),
      actions: await count('action_item'),
      amendments: await count('minutes_amendment'),
      minutes: meeting.minutes,
      version: meeting.version,
      startsAt: meeting.starts_at,
    }
  }

  it("plans a meeting in the district's time: 10:00 in summer and in winter time", async () => {
    const summer = await planMeeting({ date: '2027-03-29' })
    const winter = await planMeeting({ date: '2027-03-26' })
    expect(new Date(summer.startsAt).toISOString()).toBe('2027-03-29T08:00:00.000Z')
    expect(new Date(winter.startsAt).toISOString()).toBe('2027-03-26T09:00:00.000Z')
    expect([summer.startTime, winter.startTime, summer.date, summer.timeZone]).toEqual([
      '10:00',
      '10:00',
      '2027-03-29',
      'Europe/Berlin',
    ])
    const list = await coordinator.request({ method: 'GET', url: `/api/meetings?bodyId=${body.id}` })
    expect(list.statusCode).toBe(200)
    expect(list.json().items.map((each: { id: string }) => each.id)).toEqual(
      expect.arrayContaining([summer.id, winter.id]),
    )
  })

  it('records attendance and computes the quorum from the voting members present', async () => {
    const meeting = await planMeeting()
    const url = `/api/meetings/${meeting.id}/attendance`
    const first = await coordinator.request({
      method: 'PUT',
      url,
      payload: {
        entries: [
          { membershipId: member('Vorsitz Test'), status: 'present' },
          { membershipId: member('Mitglied Eins'), status: 'excused' },
          { membershipId: member('Gast Test'), status: 'present' },
        ],
      },
    })
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json().quorum).toEqual({ votingMembers: 3, required: 2, present: 1, reached: false })
    const second = await coordinator.request({
      method: 'PUT',
      url,
      payload: { entries: [{ membershipId: member('Mitglied Zwei'), status: 'present' }] },
    })
    const detail = second.json() as MeetingDetail
    expect(detail.quorum).toEqual({ votingMembers: 3, required: 2, present: 2, reached: true })
    expect(detail.attendance.map((entry) => [entry.representative, entry.status])).toEqual([
      ['Vorsitz Test', 'present'],
      ['Mitglied Eins', 'excused'],
      ['Mitglied Zwei', 'present'],
      ['Gast Test', 'present'],
    ])
  })

  it('names the municipality of a municipality seat in the attendance, and the seat where no organisation is', async () => {
    const list = await coordinator.request({ method: 'GET', url: '/api/meetings?limit=100' })
    expect(list.statusCode, list.body).toBe(200)
    const demo = (list.json().items as { id: string; bodyKind: string }[]).find(
      (item) => item.bodyKind === 'steering_group',
    )
    const detail = (
      await coordinator.request({ method: 'GET', url: `/api/meetings/${demo?.id}` })
    ).json() as MeetingDetail
    expect(
      detail.attendance.find((entry) => entry.representative === 'Bürgermeister Frank Heuser'),
    ).toMatchObject({
      organisationName: 'Stadt Troisdorf',
      seatLabel: 'Kommune 1',
    })
    // A seat held without an organisation: the seat names the member's place.
    const seatBody = (
      await post(coordinator, '/api/bodies', {
        kind: 'working_group',
        name: 'UAG Sitzplätze',
        seats: [{ label: 'Kommune 6', organisationKind: 'kommune' }],
      })
    ).json() as BodyDetail
    const seated = await post(coordinator, `/api/bodies/${seatBody.id}/members`, {
      representative: 'Vertretung Gemeinde',
      role: 'member',
      fromOn: '2026-01-01',
      seatId: seatBody.seats[0]?.id,
    })
    expect(seated.statusCode, seated.body).toBe(201)
    const meeting = await planMeeting({ bodyId: seatBody.id })
    const entry = meeting.attendance.find((each) => each.representative === 'Vertretung Gemeinde')
    expect(entry).toMatchObject({ organisationName: null, seatLabel: 'Kommune 6' })
  })

  it("takes the body's own quorum when it sets one, and refuses a stale change of the body", async () => {
    const meeting = await planMeeting()
    await coordinator.request({
      method: 'PUT',
      url: `/api/meetings/${meeting.id}/attendance`,
      payload: { entries: [{ membershipId: member('Vorsitz Test'), status: 'present' }] },
    })
    const current = (
      await coordinator.request({ method: 'GET', url: `/api/bodies/${body.id}` })
    ).json() as BodyDetail
    const change = (version: number, quorum: number | null) =>
      coordinator.request({
        method: 'PUT',
        url: `/api/bodies/${body.id}`,
        headers: { 'if-match': `"${version}"` },
        payload: { name: current.name, quorum },
      })
    const first = await change(current.version, 1)
    expect(first.statusCode, first.body).toBe(200)
    const quorate = (await coordinator.request({ method: 'GET', url: `/api/meetings/${meeting.id}` })).json()
    expect(quorate.quorum).toEqual({ votingMembers: 3, required: 1, present: 1, reached: true })
    expect((await change(current.version, null)).statusCode).toBe(409)
    const back = await change(current.version + 1, null)
    expect(back.statusCode, back.body).toBe(200)
    const again = (await coordinator.request({ method: 'GET', url: `/api/meetings/${meeting.id}` })).json()
    expect(again.quorum).toEqual({ votingMembers: 3, required: 2, present: 1, reached: false })
  })

  it('refuses malformed agenda items, decisions, action items and amendments, and stores nothing', async () => {
    const meeting = await planMeeting()
    const before = await counts(meeting.id)
    const attempts: [string, object][] = [
      ['agenda-items', { title: '' }],
      ['agenda-items', { title: 'x'.repeat(301) }],
      ['agenda-items', { title: 42 }],
      ['decisions', { text: 'x'.repeat(5001) }],
      ['decisions', { text: 'Gut', number: '../../etc' }],
      ['decisions', { text: 'Gut', votesFor: -1 }],
      ['decisions', { text: 'Gut', agendaItemId: crypto.randomUUID() }],
      ['decisions', { text: 'Gut', extra: true }],
      ['action-items', { title: 'Gut', ownerId: 'nobody', dueOn: '2027-01-01' }],
      ['action-items', { title: 'Gut', ownerId: coordinator.userId, dueOn: '1.1.2027' }],
      [
        'action-items',
        { title: 'Gut', ownerId: coordinator.userId, dueOn: '2027-01-01', decisionId: crypto.randomUUID() },
      ],
      ['amendments', { text: '' }],
    ]
    for (const [path, payload] of attempts) {
      const response = await post(coordinator, `/api/meetings/${meeting.id}/${path}`, payload)
      expect(response.statusCode, `${path} ${JSON.stringify(payload).slice(0, 80)}`).toBeGreaterThanOrEqual(
        400,
      )
      expect(response.statusCode).toBeLessThan(500)
      expect(response.headers['content-type']).toContain('application/problem+json')
    }
    expect(await counts(meeting.id)).toEqual(before)
  })

  it('refuses attendance of someone who is not a member, and stores none of the entries', async () => {
    const meeting = await planMeeting()
    const otherBody = (await coordinator.request({ method: 'GET', url: '/api/bodies' })).json()
      .items as Body[]
    const steering = otherBody.find((each) => each.kind === 'steering_group') as Body
    const steeringMember = (
      (await coordinator.request({ method: 'GET', url: `/api/bodies/${steering.id}` })).json() as BodyDetail
    ).members[0]?.id as string
    for (const stranger of [steeringMember, crypto.randomUUID()]) {
      const response = await coordinator.request({
        method: 'PUT',
        url: `/api/meetings/${meeting.id}/attendance`,
        payload: {
          entries: [
            { membershipId: member('Vorsitz Test'), status: 'present' },
            { membershipId: stranger, status: 'present' },
          ],
        },
      })
      expect(response.statusCode, response.body).toBe(422)
      expect(response.json()).toMatchObject({ code: 'not-a-member' })
      expect(JSON.stringify(response.json())).toContain('entries.1.membershipId')
    }
    expect((await counts(meeting.id)).attendance).toEqual([])
  })

  it('numbers decisions once per body, suggests the next number, and refuses a number used twice', async () => {
    const meeting = await planMeeting()
    const url = `/api/meetings/${meeting.id}/decisions`
    const first = await post(coordinator, url, { text: 'Die Planungskonferenz beschließt den Ablauf.' })
    expect(first.statusCode, first.body).toBe(201)
    const second = await post(coordinator, url, {
      text: 'Zweiter Beschluss.',
      votesFor: 3,
      votesAgainst: 0,
      abstentions: 0,
    })
    expect((second.json() as MeetingDetail).decisions.map((decision) => decision.number)).toEqual([
      '2027/1',
      '2027/2',
    ])
    const named = await post(coordinator, url, { number: 'PK 7', text: 'Benannter Beschluss.' })
    expect(named.statusCode).toBe(201)
    const before = await counts(meeting.id)
    // The same number again, in this meeting or another of the body: refused; case does not make it new.
    const later = await planMeeting({ date: '2027-04-01' })
    for (const [target, number] of [
      [meeting.id, 'PK 7'],
      [later.id, 'pk 7'],
      [later.id, '2027/1'],
    ] as const) {
      const again = await post(coordinator, `/api/meetings/${target}/decisions`, { number, text: 'Doppelt.' })
      expect(again.statusCode, again.body).toBe(409)
      expect(again.json()).toMatchObject({ code: 'decision-number-taken' })
    }
    expect((await counts(meeting.id)).decisions).toBe(before.decisions)
    expect((await counts(later.id)).decisions).toBe(0)
    // Another body may use the same number.
    const steering = (
      (await coordinator.request({ method: 'GET', url: '/api/meetings?limit=200' })).json().items as {
        id: string
        bodyKind: string
        approvedAt: string | null
      }[]
    ).find((each) => each.bodyKind === 'steering_group' && each.approvedAt === null)
    expect(steering).toBeDefined()
    const elsewhere = await post(coordinator, `/api/meetings/${steering?.id}/decisions`, {
      number: 'PK 7',
      text: 'Anderes Gremium.',
    })
    expect(elsewhere.statusCode, elsewhere.body).toBe(201)
  })

  it('turns an action item into a task of its owner, in the same step', async () => {
    const meeting = await planMeeting()
    const response = await post(coordinator, `/api/meetings/${meeting.id}/action-items`, {
      title: 'Einladung an die Kommunen versenden',
      ownerId: caseManager.userId,
      dueOn: '2027-04-15',
    })
    expect(response.statusCode, response.body).toBe(201)
    const item = (response.json() as MeetingDetail).actionItems[0]
    expect(item).toMatchObject({ ownerName: 'Leyla Yıldız', dueOn: '2027-04-15', done: false })
    expect(item?.taskId).toBeTruthy()
    const tasks = await caseManager.request({ method: 'GET', url: '/api/tasks?limit=200' })
    expect(tasks.statusCode, tasks.body).toBe(200)
    const task = tasks.json().items.find((each: { id: string }) => each.id === item?.taskId)
    expect(task).toMatchObject({
      title: 'Planungskonferenz Test: Einladung an die Kommunen versenden',
      dueOn: '2027-04-15',
      source: 'meeting-action',
      caseId: null,
    })
    // A partner keeps no tasks in Lotse, and a user of another district is no owner: refused, nothing stored.
    const before = await counts(meeting.id)
    for (const ownerId of [partner.userId, lindenauAdmin.userId]) {
      const refused = await post(coordinator, `/api/meetings/${meeting.id}/action-items`, {
        title: 'Nicht zuzuordnen',
        ownerId,
        dueOn: '2027-04-15',
      })
      expect(refused.statusCode, refused.body).toBe(422)
    }
    expect((await counts(meeting.id)).actions).toBe(before.actions)
  })

  it('freezes approved minutes: later changes are refused, amendments are added', async () => {
    const meeting = await planMeeting()
    const agenda = await post(coordinator, `/api/meetings/${meeting.id}/agenda-items`, { title: 'Bericht' })
    expect(agenda.statusCode).toBe(201)
    const early = await post(coordinator, `/api/meetings/${meeting.id}/amendments`, { text: 'Zu früh.' })
    expect(early.statusCode).toBe(422)
    const version = (agenda.json() as MeetingDetail).version
    const minutes = await coordinator.request({
      method: 'PUT',
      url: `/api/meetings/${meeting.id}/minutes`,
      headers: { 'if-match': `"${version}"` },
      payload: { minutes: 'Die Sitzung beginnt pünktlich.' },
    })
    expect(minutes.statusCode, minutes.body).toBe(200)
    const stale = await coordinator.request({
      method: 'PUT',
      url: `/api/meetings/${meeting.id}/minutes`,
      headers: { 'if-match': `"${version}"` },
      payload: { minutes: 'Überschrieben?' },
    })
    expect(stale.statusCode).toBe(409)
    const approved = await coordinator.request({
      method: 'POST',
      url: `/api/meetings/${meeting.id}/approval`,
      headers: { 'if-match': `"${(minutes.json() as MeetingDetail).version}"` },
    })
    expect(approved.statusCode, approved.body).toBe(200)
    expect(approved.json()).toMatchObject({
      approvedByName: 'Jonas Wagner',
      minutes: 'Die Sitzung beginnt pünktlich.',
    })
    const frozen = await counts(meeting.id)
    const version2 = (approved.json() as MeetingDetail).version
    const changes = [
      coordinator.request({
        method: 'PUT',
        url: `/api/meetings/${meeting.id}/minutes`,
        headers: { 'if-match': `"${version2}"` },
        payload: { minutes: 'Nachträglich geändert.' },
      }),
      coordinator.request({
        method: 'PUT',
        url: `/api/meetings/${meeting.id}`,
        headers: { 'if-match': `"${version2}"` },
        payload: { title: 'Neu', date: '2027-05-01', startTime: '09:00', endTime: '10:00', place: 'Online' },
      }),
      post(coordinator, `/api/meetings/${meeting.id}/agenda-items`, { title: 'Nachgeschoben' }),
      post(coordinator, `/api/meetings/${meeting.id}/decisions`, { text: 'Nachträglicher Beschluss.' }),
      post(coordinator, `/api/meetings/${meeting.id}/action-items`, {
        title: 'Nachträglich',
        ownerId: coordinator.userId,
        dueOn: '2027-05-01',
      }),
      coordinator.request({
        method: 'PUT',
        url: `/api/meetings/${meeting.id}/attendance`,
        payload: { entries: [{ membershipId: member('Vorsitz Test'), status: 'absent' }] },
      }),
      coordinator.request({
        method: 'POST',
        url: `/api/meetings/${meeting.id}/approval`,
        headers: { 'if-match': `"${version2}"` },
      }),
    ]
    for (const response of await Promise.all(changes)) {
      expect(response.statusCode, response.body).toBe(409)
      expect(response.json()).toMatchObject({ code: 'minutes-approved' })
    }
    expect(await counts(meeting.id)).toEqual(frozen)
    const amendment = await post(coordinator, `/api/meetings/${meeting.id}/amendments`, {
      text: 'Berichtigung: Die Sitzung begann um 10:05 Uhr.',
    })
    expect(amendment.statusCode, amendment.body).toBe(201)
    const detail = amendment.json() as MeetingDetail
    expect(detail.minutes).toBe('Die Sitzung beginnt pünktlich.')
    expect(detail.amendments).toEqual([
      expect.objectContaining({
        text: 'Berichtigung: Die Sitzung begann um 10:05 Uhr.',
        createdByName: 'Jonas Wagner',
      }),
    ])
  })

  it('finds decisions in the register by words, for staff and report readers', async () => {
    const search = async (session: TestSession, q: string) => {
      const response = await session.request({
        method: 'GET',
        url: `/api/decisions?q=${encodeURIComponent(q)}`,
      })
      expect(response.statusCode, response.body).toBe(200)
      return response.json() as { items: RegisterEntry[]; total: number }
    }
    const found = await search(reportReader, 'Zielvereinbarungen beschließt')
    expect(found.items.map((entry) => entry.number)).toEqual(['LG 2026/7'])
    expect(found.items[0]).toMatchObject({
      bodyName: 'Lenkungsgruppe KIM Rhein-Sieg-Kreis',
      agendaItemTitle: 'Zielvereinbarungen KIM 2026/2027',
    })
    expect((await search(caseManager, 'Integrationsräte')).total).toBeGreaterThanOrEqual(1)
    expect((await search(coordinator, '100%_')).total).toBe(0)
    expect((await search(lindenauAdmin, 'Zielvereinbarungen')).total).toBe(0)
  })

  it('lets only coordination and administration plan, and answers 404 for another district', async () => {
    const meeting = await planMeeting()
    const denied = await post(caseManager, '/api/meetings', {
      bodyId: body.id,
      title: 'Nicht erlaubt',
      date: '2027-03-25',
      startTime: '10:00',
      endTime: '11:00',
      place: 'X',
    })
    expect(denied.statusCode).toBe(403)
    expect(
      (await caseManager.request({ method: 'GET', url: `/api/meetings/${meeting.id}` })).statusCode,
    ).toBe(200)
    expect(
      (await reportReader.request({ method: 'GET', url: `/api/meetings/${meeting.id}` })).statusCode,
    ).toBe(403)
    for (const path of ['', '/invitation.ics', '/minutes.docx', '/minutes.pdf']) {
      const response = await lindenauAdmin.request({
        method: 'GET',
        url: `/api/meetings/${meeting.id}${path}`,
      })
      expect(response.statusCode, path).toBe(404)
    }
    const foreignDecision = await post(lindenauAdmin, `/api/meetings/${meeting.id}/decisions`, {
      text: 'Fremd.',
    })
    expect(foreignDecision.statusCode).toBe(404)
    const foreignMeeting = await post(lindenauAdmin, '/api/meetings', {
      bodyId: body.id,
      title: 'Fremd',
      date: '2027-03-25',
      startTime: '10:00',
      endTime: '11:00',
      place: 'X',
    })
    expect(foreignMeeting.statusCode).toBe(422)
    expect((await counts(meeting.id)).decisions).toBe(0)
  })

  it('refuses malformed meetings with a 4xx', async () => {
    const before = (await ctx.database.db.selectFrom('meeting').select('id').execute()).length
    const bad = [
      { startTime: '11:00', endTime: '10:00' },
      { startTime: '25:00' },
      { place: '', videoUrl: '' },
      { videoUrl: 'javascript:alert(1)' },
      { date: '2027-02-30' },
      { bodyId: crypto.randomUUID() },
    ]
    for (const change of bad) {
      const response = await post(coordinator, '/api/meetings', {
        bodyId: body.id,
        title: 'Kaputt',
        date: '2027-03-25',
        startTime: '10:00',
        endTime: '11:00',
        place: 'Kreishaus',
        ...change,
      })
      expect(response.statusCode, JSON.stringify(change)).toBeGreaterThanOrEqual(400)
      expect(response.statusCode).toBeLessThan(500)
    }
    expect((await ctx.database.db.selectFrom('meeting').select('id').execute()).length).toBe(before)
  })
})
