import { beforeAll, describe, expect, it } from 'vitest'
import type { BodyDetail, MeetingDetail } from '../../../../common/steering.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import { expectProblem, minimalPdf, multipartFile } from '../../casework/casework.test-helpers.ts'

describe.each(databaseKinds)('editing a meeting before approval on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let coordinator: TestSession
  let caseManager: TestSession
  let lindenauAdmin: TestSession
  let body: BodyDetail

  beforeAll(async () => {
    coordinator = await loginAs(ctx.app, 'koordination')
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    lindenauAdmin = await loginAs(ctx.app, 'admin.lindenau')
    const created = await coordinator.request({
      method: 'POST',
      url: '/api/bodies',
      payload: { kind: 'working_group', name: 'UAG Korrekturen' },
    })
    expect(created.statusCode, created.body).toBe(201)
    body = created.json()
  })

  const send = async (method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, status = 200) => {
    const response = await coordinator.request({ method, url, ...(payload ? { payload } : {}) })
    expect(response.statusCode, response.body).toBe(status)
    return response.json() as MeetingDetail
  }
  /** A meeting with three agenda items, a decision on the first and an action item on that decision. */
  const meetingWithRecord = async () => {
    let meeting = await send(
      'POST',
      '/api/meetings',
      {
        bodyId: body.id,
        title: 'Korrektursitzung',
        date: '2027-04-12',
        startTime: '14:00',
        endTime: '15:00',
        place: 'Kreishaus Siegburg, Raum 2.14',
      },
      201,
    )
    for (const title of ['Begrüßung', 'Bericht der Koordination', 'Verschiedenes'])
      meeting = await send('POST', `/api/meetings/${meeting.id}/agenda-items`, { title }, 201)
    const [first] = meeting.agenda as [MeetingDetail['agenda'][number]]
    meeting = await send(
      'POST',
      `/api/meetings/${meeting.id}/decisions`,
      {
        number: `K-${meeting.id.slice(0, 6)}`,
        text: 'Die Tagesordnung wird beschlossen.',
        agendaItemId: first.id,
      },
      201,
    )
    const decision = meeting.decisions[0] as MeetingDetail['decisions'][number]
    meeting = await send(
      'POST',
      `/api/meetings/${meeting.id}/action-items`,
      {
        title: 'Protokoll versenden',
        ownerId: coordinator.userId,
        dueOn: '2027-04-20',
        decisionId: decision.id,
      },
      201,
    )
    return meeting
  }
  const taskOf = (actionItemId: string) =>
    ctx.database.db
      .selectFrom('task')
      .select(['id', 'title', 'due_on', 'assignee_id'])
      .where('source_key', '=', `meeting-action:${actionItemId}`)
      .executeTakeFirst()
  /** Everything the meeting's record holds, to compare before and after a refused change. */
  const snapshot = async (meetingId: string) => {
    const db = ctx.database.db
    const items = await db
      .selectFrom('agenda_item')
      .selectAll()
      .where('meeting_id', '=', meetingId)
      .orderBy('id')
      .execute()
    return {
      items,
      documents: await db
        .selectFrom('agenda_item_document')
        .select(['id', 'file_name'])
        .where(
          'agenda_item_id',
          'in',
          items.map((item) => item.id),
        )
        .orderBy('id')
        .execute(),
      decisions: await db
        .selectFrom('steering_decision')
        .selectAll()
        .where('meeting_id', '=', meetingId)
        .orderBy('id')
        .execute(),
      actions: await db
        .selectFrom('action_item')
        .selectAll()
        .where('meeting_id', '=', meetingId)
        .orderBy('id')
        .execute(),
      tasks: await db
        .selectFrom('task')
        .select(['id', 'title', 'due_on', 'assignee_id', 'version'])
        .where('source_key', 'like', 'meeting-action:%')
        .orderBy('id')
        .execute(),
    }
  }

  it('changes an agenda item, puts the agenda in a new order and numbers it again after a removal', async () => {
    const meeting = await meetingWithRecord()
    const [first, second, third] = meeting.agenda as [
      MeetingDetail['agenda'][number],
      MeetingDetail['agenda'][number],
      MeetingDetail['agenda'][number],
    ]
    const edited = await send('PUT', `/api/meetings/${meeting.id}/agenda-items/${second.id}`, {
      title: 'Bericht der Integrationskoordination',
      description: 'Stand der Zielvereinbarungen',
    })
    expect(edited.agenda[1]).toMatchObject({
      id: second.id,
      position: 2,
      title: 'Bericht der Integrationskoordination',
      description: 'Stand der Zielvereinbarungen',
    })
    const reordered = await send('PUT', `/api/meetings/${meeting.id}/agenda-order`, {
      agendaItemIds: [third.id, first.id, second.id],
    })
    expect(reordered.agenda.map((item) => [item.position, item.id])).toEqual([
      [1, third.id],
      [2, first.id],
      [3, second.id],
    ])
    const removed = await send('DELETE', `/api/meetings/${meeting.id}/agenda-items/${third.id}`)
    expect(removed.agenda.map((item) => [item.position, item.title])).toEqual([
      [1, 'Begrüßung'],
      [2, 'Bericht der Integrationskoordination'],
    ])
  })

  it('refuses an incomplete order, an item a decision names, and items of other meetings or districts', async () => {
    const meeting = await meetingWithRecord()
    const other = await meetingWithRecord()
    const [first, second] = meeting.agenda as [
      MeetingDetail['agenda'][number],
      MeetingDetail['agenda'][number],
    ]
    const before = await snapshot(meeting.id)
    expectProblem(
      await coordinator.request({
        method: 'PUT',
        url: `/api/meetings/${meeting.id}/agenda-order`,
        payload: { agendaItemIds: [second.id, first.id] },
      }),
      422,
      'body.agendaItemIds',
      'agenda-order-incomplete',
    )
    expectProblem(
      await coordinator.request({
        method: 'PUT',
        url: `/api/meetings/${meeting.id}/agenda-order`,
        payload: { agendaItemIds: [first.id, first.id, second.id] },
      }),
      422,
    )
    const blocked = await coordinator.request({
      method: 'DELETE',
      url: `/api/meetings/${meeting.id}/agenda-items/${first.id}`,
    })
    expect(expectProblem(blocked, 409).code).toBe('agenda-item-has-decisions')
    expectProblem(
      await coordinator.request({
        method: 'PUT',
        url: `/api/meetings/${meeting.id}/agenda-items/${other.agenda[0]?.id}`,
        payload: { title: 'Fremd' },
      }),
      404,
    )
    expectProblem(
      await lindenauAdmin.request({
        method: 'DELETE',
        url: `/api/meetings/${meeting.id}/agenda-items/${second.id}`,
      }),
      404,
    )
    expectProblem(
      await caseManager.request({
        method: 'PUT',
        url: `/api/meetings/${meeting.id}/agenda-items/${second.id}`,
        payload: { title: 'Nicht erlaubt' },
      }),
      403,
    )
    expect(await snapshot(meeting.id)).toEqual(before)
  })

  it('refuses malformed, too long and wrong-typed corrections with 400 and changes nothing', async () => {
    const meeting = await meetingWithRecord()
    const item = meeting.agenda[0] as MeetingDetail['agenda'][number]
    const decision = meeting.decisions[0] as MeetingDetail['decisions'][number]
    const action = meeting.actionItems[0] as MeetingDetail['actionItems'][number]
    const before = await snapshot(meeting.id)
    const base = `/api/meetings/${meeting.id}`
    const cases: [string, string, unknown, string][] = [
      ['PUT', `${base}/agenda-items/${item.id}`, { title: '' }, 'body.title'],
      ['PUT', `${base}/agenda-items/${item.id}`, { title: 'x'.repeat(301) }, 'body.title'],
      ['PUT', `${base}/agenda-items/${item.id}`, { title: 42 }, 'body.title'],
      ['PUT', `${base}/agenda-items/${item.id}`, { title: 'TOP', extra: true }, 'body'],
      ['PUT', `${base}/agenda-order`, { agendaItemIds: ['nicht-eine-id'] }, 'body.agendaItemIds.0'],
      ['PUT', `${base}/agenda-order`, { agendaItemIds: [] }, 'body.agendaItemIds'],
      ['PUT', `${base}/decisions/${decision.id}`, { text: 'x'.repeat(5001) }, 'body.text'],
      ['PUT', `${base}/decisions/${decision.id}`, { text: 'Gut', votesFor: -1 }, 'body.votesFor'],
      [
        'PUT',
        `${base}/action-items/${action.id}`,
        { title: 'Neu', ownerId: coordinator.userId, dueOn: '31.12.2027' },
        'body.dueOn',
      ],
      [
        'PUT',
        `${base}/action-items/${action.id}`,
        { title: 'Neu', ownerId: 'jemand', dueOn: '2027-12-31' },
        'body.ownerId',
      ],
      ['DELETE', `${base}/decisions/nicht-eine-id`, undefined, 'params.decisionId'],
    ]
    for (const [method, url, payload, path] of cases) {
      const response = await coordinator.request({
        method: method as 'PUT' | 'DELETE',
        url,
        ...(payload === undefined ? {} : { payload: payload as object }),
      })
      expect(response.statusCode, `${method} ${url} ${JSON.stringify(payload)}`).toBe(400)
      expect(JSON.stringify(response.json().fields ?? []), response.body).toContain(path)
    }
    expect(await snapshot(meeting.id)).toEqual(before)
  })

  it('corrects and removes a decision; its action item stays, without it', async () => {
    const meeting = await meetingWithRecord()
    const decision = meeting.decisions[0] as MeetingDetail['decisions'][number]
    const second = meeting.agenda[1] as MeetingDetail['agenda'][number]
    const edited = await send('PUT', `/api/meetings/${meeting.id}/decisions/${decision.id}`, {
      text: 'Die Tagesordnung wird mit einer Änderung beschlossen.',
      agendaItemId: second.id,
      votesFor: 7,
      votesAgainst: 0,
      abstentions: 1,
    })
    expect(edited.decisions[0]).toMatchObject({
      id: decision.id,
      number: decision.number,
      text: 'Die Tagesordnung wird mit einer Änderung beschlossen.',
      agendaItemId: second.id,
      votesFor: 7,
      abstentions: 1,
    })
    // A number another decision of the body has is refused.
    const other = await meetingWithRecord()
    const taken = await coordinator.request({
      method: 'PUT',
      url: `/api/meetings/${meeting.id}/decisions/${decision.id}`,
      payload: { number: other.decisions[0]?.number, text: 'Doppelt' },
    })
    expect(expectProblem(taken, 409, 'body.number').code).toBe('decision-number-taken')
    const removed = await send('DELETE', `/api/meetings/${meeting.id}/decisions/${decision.id}`)
    expect(removed.decisions).toEqual([])
    expect(removed.actionItems).toEqual([
      expect.objectContaining({ title: 'Protokoll versenden', decisionId: null }),
    ])
  })

  it('corrects an action item and its task with it, and removes both together', async () => {
    const meeting = await meetingWithRecord()
    const item = meeting.actionItems[0] as MeetingDetail['actionItems'][number]
    const before = await taskOf(item.id)
    expect(before).toMatchObject({ title: 'UAG Korrekturen: Protokoll versenden', due_on: '2027-04-20' })
    const edited = await send('PUT', `/api/meetings/${meeting.id}/action-items/${item.id}`, {
      title: 'Protokoll an alle Mitglieder versenden',
      ownerId: caseManager.userId,
      dueOn: '2027-04-23',
    })
    expect(edited.actionItems[0]).toMatchObject({
      id: item.id,
      title: 'Protokoll an alle Mitglieder versenden',
      ownerId: caseManager.userId,
      dueOn: '2027-04-23',
      decisionId: null,
      taskId: before?.id,
    })
    expect(await taskOf(item.id)).toEqual({
      id: before?.id,
      title: 'UAG Korrekturen: Protokoll an alle Mitglieder versenden',
      due_on: '2027-04-23',
      assignee_id: caseManager.userId,
    })
    // The new owner sees it among their tasks.
    const tasks = await caseManager.request({ method: 'GET', url: '/api/tasks?limit=100' })
    expect(JSON.stringify(tasks.json())).toContain('Protokoll an alle Mitglieder versenden')
    const invalidOwner = await coordinator.request({
      method: 'PUT',
      url: `/api/meetings/${meeting.id}/action-items/${item.id}`,
      payload: { title: 'X', ownerId: lindenauAdmin.userId, dueOn: '2027-04-23' },
    })
    expectProblem(invalidOwner, 422, 'body.ownerId', 'action-owner-invalid')
    const removed = await send('DELETE', `/api/meetings/${meeting.id}/action-items/${item.id}`)
    expect(removed.actionItems).toEqual([])
    expect(await taskOf(item.id)).toBeUndefined()
  })

  it('refuses every edit once the minutes are approved (409 minutes-approved) and changes nothing', async () => {
    let meeting = await meetingWithRecord()
    const item = meeting.agenda[1] as MeetingDetail['agenda'][number]
    const { payload, headers } = await multipartFile('Vorlage.pdf', minimalPdf('Vorlage'))
    const uploaded = await coordinator.request({
      method: 'POST',
      url: `/api/meetings/${meeting.id}/agenda-items/${item.id}/documents`,
      payload,
      headers,
    })
    expect(uploaded.statusCode, uploaded.body).toBe(201)
    meeting = uploaded.json()
    const approved = await coordinator.request({
      method: 'POST',
      url: `/api/meetings/${meeting.id}/approval`,
      headers: { 'if-match': `"${meeting.version}"` },
    })
    expect(approved.statusCode, approved.body).toBe(200)
    const before = await snapshot(meeting.id)
    const decision = meeting.decisions[0] as MeetingDetail['decisions'][number]
    const action = meeting.actionItems[0] as MeetingDetail['actionItems'][number]
    const document = meeting.agenda[1]?.documents[0] as MeetingDetail['agenda'][number]['documents'][number]
    const base = `/api/meetings/${meeting.id}`
    const attempts = [
      coordinator.request({
        method: 'PUT',
        url: `${base}/agenda-items/${item.id}`,
        payload: { title: 'Neu' },
      }),
      coordinator.request({ method: 'DELETE', url: `${base}/agenda-items/${item.id}` }),
      coordinator.request({
        method: 'PUT',
        url: `${base}/agenda-order`,
        payload: { agendaItemIds: [...meeting.agenda].reverse().map((each) => each.id) },
      }),
      coordinator.request({
        method: 'PUT',
        url: `${base}/decisions/${decision.id}`,
        payload: { text: 'Neu' },
      }),
      coordinator.request({ method: 'DELETE', url: `${base}/decisions/${decision.id}` }),
      coordinator.request({
        method: 'PUT',
        url: `${base}/action-items/${action.id}`,
        payload: { title: 'Neu', ownerId: coordinator.userId, dueOn: '2027-06-01' },
      }),
      coordinator.request({ method: 'DELETE', url: `${base}/action-items/${action.id}` }),
      coordinator.request({
        method: 'POST',
        url: `${base}/agenda-items/${item.id}/documents`,
        payload,
        headers,
      }),
      coordinator.request({
        method: 'DELETE',
        url: `${base}/agenda-items/${item.id}/documents/${document.id}`,
      }),
    ]
    for (const response of await Promise.all(attempts))
      expect(expectProblem(response, 409).code).toBe('minutes-approved')
    expect(await snapshot(meeting.id)).toEqual(before)
  })
})
