import { beforeAll, describe, expect, it } from 'vitest'
import type { Body, BodyDetail, Seat } from '../../../../common/steering.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'

describe.each(databaseKinds)('steering bodies on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let coordinator: TestSession
  let caseManager: TestSession
  let reportReader: TestSession
  let lindenauAdmin: TestSession

  beforeAll(async () => {
    coordinator = await loginAs(ctx.app, 'koordination')
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    reportReader = await loginAs(ctx.app, 'bericht')
    lindenauAdmin = await loginAs(ctx.app, 'admin.lindenau')
  })

  const bodies = async (session: TestSession) => {
    const response = await session.request({ method: 'GET', url: '/api/bodies' })
    expect(response.statusCode, response.body).toBe(200)
    return (response.json() as { items: Body[] }).items
  }
  const steeringGroup = async () => {
    const found = (await bodies(coordinator)).find((body) => body.kind === 'steering_group')
    if (!found) throw new Error('no steering group in the demo')
    return found
  }
  const seats = async (session: TestSession, bodyId: string) => {
    const response = await session.request({ method: 'GET', url: `/api/bodies/${bodyId}/seats` })
    expect(response.statusCode, response.body).toBe(200)
    return (response.json() as { items: Seat[] }).items
  }
  const countRows = async (table: 'steering_body' | 'body_membership' | 'body_seat') =>
    Number(
      (
        await ctx.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('shows the demo steering group with the seats the committee minutes name, unfilled ones marked', async () => {
    const group = await steeringGroup()
    const plan = await seats(coordinator, group.id)
    const labels = plan.map((seat) => seat.label)
    expect(labels).toEqual(
      expect.arrayContaining([
        'Geschäftsführung Jobcenter',
        'Geschäftsführung Agentur für Arbeit',
        'Sozialamt',
        'Ausländerbehörde',
        'Jugendbereich',
        'Schulbereich',
      ]),
    )
    expect(plan.filter((seat) => seat.organisationKind === 'kommune')).toHaveLength(5)
    expect(
      plan.filter((seat) => seat.organisationKind === 'wohlfahrtsverband').length,
    ).toBeGreaterThanOrEqual(4)
    const unfilled = plan.filter((seat) => !seat.filled).map((seat) => seat.label)
    expect(unfilled).toEqual([
      'Wohlfahrtsverband: Der Paritätische',
      'Schulbereich',
      'Kommune 4',
      'Kommune 5',
    ])
    expect(plan.find((seat) => seat.label === 'Geschäftsführung Jobcenter')?.holders).toEqual([
      expect.objectContaining({
        representative: 'Dr. Ralf Overbeck',
        organisationName: 'Jobcenter Rhein-Sieg',
      }),
    ])
    expect(group.seatCount).toBe(plan.length)
    expect(group.filledSeatCount).toBe(plan.length - 4)
    const all = await bodies(coordinator)
    expect(all.filter((body) => body.kind === 'working_group').map((body) => body.parentBodyName)).toEqual([
      group.name,
      group.name,
    ])
    expect(all.some((body) => body.kind === 'councils_circle')).toBe(true)
  })

  it('fills a seat with a new member and empties it when the membership ends', async () => {
    const group = await steeringGroup()
    const school = (await seats(coordinator, group.id)).find((seat) => seat.label === 'Schulbereich') as Seat
    const added = await coordinator.request({
      method: 'POST',
      url: `/api/bodies/${group.id}/members`,
      payload: {
        seatId: school.id,
        representative: 'Schulrätin Maria Beck',
        role: 'member',
        fromOn: '2026-01-01',
      },
    })
    expect(added.statusCode, added.body).toBe(201)
    const detail = added.json() as BodyDetail
    const membership = detail.members.find((member) => member.representative === 'Schulrätin Maria Beck')
    expect(membership).toMatchObject({ seatLabel: 'Schulbereich', role: 'member', active: true })
    expect((await seats(coordinator, group.id)).find((seat) => seat.id === school.id)?.filled).toBe(true)

    const ended = await coordinator.request({
      method: 'PUT',
      url: `/api/bodies/${group.id}/members/${membership?.id}/until`,
      payload: { untilOn: '2026-01-02' },
    })
    expect(ended.statusCode, ended.body).toBe(200)
    expect((await seats(coordinator, group.id)).find((seat) => seat.id === school.id)?.filled).toBe(false)
  })

  it('creates a working group under the steering group, with a period and required seats', async () => {
    const group = await steeringGroup()
    const response = await coordinator.request({
      method: 'POST',
      url: '/api/bodies',
      payload: {
        kind: 'working_group',
        name: 'UAG Wohnen',
        topic: 'Wohnraum für Geflüchtete',
        mandate: 'Schnittstellen zwischen Sozialamt und Kommunen klären.',
        startsOn: '2026-09-01',
        endsOn: '2027-08-31',
        parentBodyId: group.id,
        seats: [{ label: 'Sozialamt', organisationKind: 'sozialamt' }, { label: 'Kommune' }],
      },
    })
    expect(response.statusCode, response.body).toBe(201)
    const body = response.json() as BodyDetail
    expect(body).toMatchObject({
      kind: 'working_group',
      parentBodyName: group.name,
      seatCount: 2,
      filledSeatCount: 0,
    })
    expect(body.seats.map((seat) => [seat.position, seat.label, seat.filled])).toEqual([
      [1, 'Sozialamt', false],
      [2, 'Kommune', false],
    ])
    // A parent that is its own child is refused.
    const loop = await coordinator.request({
      method: 'PUT',
      url: `/api/bodies/${group.id}`,
      headers: { 'if-match': `"${group.version}"` },
      payload: { name: group.name, parentBodyId: body.id },
    })
    expect(loop.statusCode, loop.body).toBe(422)
  })

  it('refuses bad input with a 4xx and stores nothing', async () => {
    const group = await steeringGroup()
    const before = await Promise.all([
      countRows('steering_body'),
      countRows('body_membership'),
      countRows('body_seat'),
    ])
    const attempts = [
      {
        url: '/api/bodies',
        payload: { kind: 'working_group', name: 'UAG', startsOn: '2027-01-01', endsOn: '2026-01-01' },
      },
      { url: '/api/bodies', payload: { kind: 'club', name: 'Verein' } },
      { url: '/api/bodies', payload: { kind: 'committee', name: group.name } },
      { url: '/api/bodies', payload: { kind: 'committee', name: 'x\u0000y' } },
      {
        url: `/api/bodies/${group.id}/members`,
        payload: { representative: 'A', role: 'boss', fromOn: '2026-01-01' },
      },
      {
        url: `/api/bodies/${group.id}/members`,
        payload: { representative: 'A', role: 'member', fromOn: '2026-02-01', untilOn: '2026-01-01' },
      },
      {
        url: `/api/bodies/${group.id}/members`,
        payload: {
          representative: 'A',
          role: 'member',
          fromOn: '2026-01-01',
          organisationId: crypto.randomUUID(),
        },
      },
    ]
    for (const attempt of attempts) {
      const response = await coordinator.request({ method: 'POST', ...attempt })
      expect(response.statusCode, `${attempt.url} ${JSON.stringify(attempt.payload)}`).toBeGreaterThanOrEqual(
        400,
      )
      expect(response.statusCode).toBeLessThan(500)
      expect(response.headers['content-type']).toContain('application/problem+json')
    }
    expect(
      await Promise.all([countRows('steering_body'), countRows('body_membership'), countRows('body_seat')]),
    ).toEqual(before)
  })

  it('lets staff read, only coordination and administration set up, and hides other districts', async () => {
    const group = await steeringGroup()
    expect((await bodies(caseManager)).map((body) => body.id)).toContain(group.id)
    const denied = await caseManager.request({
      method: 'POST',
      url: '/api/bodies',
      payload: { kind: 'committee', name: 'Fallmanagement-Gremium' },
    })
    expect(denied.statusCode).toBe(403)
    // Report readers read the decision register, not the bodies and their members.
    expect((await reportReader.request({ method: 'GET', url: '/api/bodies' })).statusCode).toBe(403)
    expect((await reportReader.request({ method: 'GET', url: '/api/decisions' })).statusCode).toBe(200)
    expect(await bodies(lindenauAdmin)).toEqual([])
    for (const url of [
      `/api/bodies/${group.id}`,
      `/api/bodies/${group.id}/seats`,
      `/api/bodies/${group.id}/calendar.ics`,
    ]) {
      expect((await lindenauAdmin.request({ method: 'GET', url })).statusCode, url).toBe(404)
    }
    const foreignMember = await lindenauAdmin.request({
      method: 'POST',
      url: `/api/bodies/${group.id}/members`,
      payload: { representative: 'Fremd', role: 'member', fromOn: '2026-01-01' },
    })
    expect(foreignMember.statusCode).toBe(404)
  })
})
