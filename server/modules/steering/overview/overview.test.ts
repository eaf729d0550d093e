import { beforeAll, describe, expect, it } from 'vitest'
import type { BodyDetail, MeetingDetail, SteeringOverview } from '../../../../common/steering.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import { isoDay } from '../../casework/casework.test-helpers.ts'

describe.each(databaseKinds)('steering overview on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let coordinator: TestSession
  let lindenauAdmin: TestSession

  beforeAll(async () => {
    coordinator = await loginAs(ctx.app, 'koordination')
    lindenauAdmin = await loginAs(ctx.app, 'admin.lindenau')
  })

  const overview = async (session: TestSession) => {
    const response = await session.request({ method: 'GET', url: '/api/steering/overview' })
    expect(response.statusCode, response.body).toBe(200)
    return response.json() as SteeringOverview
  }
  const post = async (session: TestSession, url: string, payload: object) => {
    const response = await session.request({ method: 'POST', url, payload })
    expect(response.statusCode, response.body).toBe(201)
    return response.json()
  }

  it("counts the district's open and overdue action items, soonest due first, and not another district's", async () => {
    const rheinSiegBefore = await overview(coordinator)
    expect(await overview(lindenauAdmin)).toMatchObject({
      openActionItems: { total: 0, overdue: 0, items: [] },
    })

    const body: BodyDetail = await post(lindenauAdmin, '/api/bodies', {
      kind: 'working_group',
      name: 'AG Übergänge Lindenau',
      seats: [],
    })
    const meeting: MeetingDetail = await post(lindenauAdmin, '/api/meetings', {
      bodyId: body.id,
      title: 'Sitzung der AG',
      date: '2026-01-10',
      startTime: '10:00',
      endTime: '11:00',
      place: 'Rathaus',
    })
    const url = `/api/meetings/${meeting.id}/action-items`
    const adminId = lindenauAdmin.userId
    await post(lindenauAdmin, url, { title: 'Später fällig', ownerId: adminId, dueOn: '2030-06-01' })
    const withItems: MeetingDetail = await post(lindenauAdmin, url, {
      title: 'Längst fällig',
      ownerId: adminId,
      dueOn: '2026-01-15',
    })

    const lindenau = await overview(lindenauAdmin)
    expect(lindenau.openActionItems.total).toBe(2)
    expect(lindenau.openActionItems.overdue).toBe(1)
    expect(lindenau.openActionItems.items).toMatchObject([
      { title: 'Längst fällig', dueOn: '2026-01-15', overdue: true, ownerName: 'Peter Lindner' },
      { title: 'Später fällig', dueOn: '2030-06-01', overdue: false, meetingTitle: 'Sitzung der AG' },
    ])
    // Another district's action items change nothing in Rhein-Sieg.
    expect(await overview(coordinator)).toEqual(rheinSiegBefore)

    // Its task done, the action item is no longer open.
    const taskId = withItems.actionItems.find((item) => item.title === 'Längst fällig')?.taskId as string
    const tasks = await lindenauAdmin.request({ method: 'GET', url: '/api/tasks?limit=200' })
    const task = tasks.json().items.find((each: { id: string }) => each.id === taskId)
    const done = await lindenauAdmin.request({
      method: 'PUT',
      url: `/api/tasks/${taskId}`,
      headers: { 'if-match': `"${task.version}"` },
      payload: { title: task.title, dueOn: task.dueOn, assigneeId: adminId, done: true },
    })
    expect(done.statusCode, done.body).toBe(200)
    expect((await overview(lindenauAdmin)).openActionItems).toMatchObject({
      total: 1,
      overdue: 0,
      items: [{ title: 'Später fällig' }],
    })
  })

  it("shows the district's next three meetings, soonest first, with body, day and place", async () => {
    const body: BodyDetail = await post(lindenauAdmin, '/api/bodies', {
      kind: 'councils_circle',
      name: 'Arbeitskreis Integrationsräte Lindenau',
    })
    for (const [title, offset] of [
      ['Gestern', -1],
      ['In dreißig Tagen', 30],
      ['In zehn Tagen', 10],
      ['In vierzig Tagen', 40],
      ['In zwanzig Tagen', 20],
    ] as const)
      await post(lindenauAdmin, '/api/meetings', {
        bodyId: body.id,
        title,
        date: isoDay(offset),
        startTime: '17:00',
        endTime: '19:00',
        place: 'Bürgerhaus Lindenau',
      })
    const { upcomingMeetings } = await overview(lindenauAdmin)
    expect(upcomingMeetings).toEqual([
      expect.objectContaining({
        title: 'In zehn Tagen',
        bodyId: body.id,
        bodyName: 'Arbeitskreis Integrationsräte Lindenau',
        date: isoDay(10),
        startTime: '17:00',
        endTime: '19:00',
        place: 'Bürgerhaus Lindenau',
      }),
      expect.objectContaining({ title: 'In zwanzig Tagen', date: isoDay(20) }),
      expect.objectContaining({ title: 'In dreißig Tagen', date: isoDay(30) }),
    ])
    // Rhein-Sieg sees none of them.
    expect((await overview(coordinator)).upcomingMeetings.map((meeting) => meeting.bodyId)).not.toContain(
      body.id,
    )
  })

  it("lists the bodies with seats nobody holds today, those seats by name, as each body's seat plan shows them", async () => {
    const body: BodyDetail = await post(lindenauAdmin, '/api/bodies', {
      kind: 'steering_group',
      name: 'Lenkungsgruppe Lindenau',
      seats: [{ label: 'Jobcenter' }, { label: 'Sozialamt' }, { label: 'Schulamt' }],
    })
    const sozialamt = body.seats.find((seat) => seat.label === 'Sozialamt')?.id as string
    await post(lindenauAdmin, `/api/bodies/${body.id}/members`, {
      representative: 'Dr. Ines Körber',
      role: 'member',
      seatId: sozialamt,
      fromOn: isoDay(-30),
    })
    // A membership that ended yesterday leaves its seat unfilled today.
    const jobcenter = body.seats.find((seat) => seat.label === 'Jobcenter')?.id as string
    await post(lindenauAdmin, `/api/bodies/${body.id}/members`, {
      representative: 'Frank Albers',
      role: 'member',
      seatId: jobcenter,
      fromOn: isoDay(-300),
      untilOn: isoDay(-1),
    })
    const lindenau = (await overview(lindenauAdmin)).unfilledSeats
    expect(lindenau.bodies.find((each) => each.bodyId === body.id)).toEqual({
      bodyId: body.id,
      bodyName: 'Lenkungsgruppe Lindenau',
      seatCount: 3,
      unfilled: [
        { id: jobcenter, label: 'Jobcenter' },
        { id: body.seats.find((seat) => seat.label === 'Schulamt')?.id, label: 'Schulamt' },
      ],
    })
    expect(lindenau.total).toBe(lindenau.bodies.reduce((sum, each) => sum + each.unfilled.length, 0))

    // In Rhein-Sieg the demo steering group has unfilled seats, the same ones its seat plan shows.
    const rheinSieg = (await overview(coordinator)).unfilledSeats
    expect(rheinSieg.bodies[0]?.bodyName).toBe('Lenkungsgruppe KIM Rhein-Sieg-Kreis')
    for (const entry of rheinSieg.bodies) {
      const seats = await coordinator.request({ method: 'GET', url: `/api/bodies/${entry.bodyId}/seats` })
      const plan = seats.json().items as { id: string; label: string; filled: boolean }[]
      expect(entry.unfilled).toEqual(
        plan.filter((seat) => !seat.filled).map((seat) => ({ id: seat.id, label: seat.label })),
      )
      expect(entry.seatCount).toBe(plan.length)
    }
  })

  it('is refused to those who may not read steering', async () => {
    const reportReader = await loginAs(ctx.app, 'bericht')
    const response = await reportReader.request({ method: 'GET', url: '/api/steering/overview' })
    expect(response.statusCode).toBe(403)
  })
})
