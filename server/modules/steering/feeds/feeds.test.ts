import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Body, FeedTokenCreated, FeedTokenState } from '../../../../common/steering.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import { expectProblem } from '../../casework/casework.test-helpers.ts'
import { eventsOf } from '../steering.test-helpers.ts'

describe.each(databaseKinds)('calendar feed tokens on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let coordinator: TestSession
  let caseManager: TestSession
  let reportReader: TestSession
  let lindenauAdmin: TestSession
  let steeringGroup: Body
  let workingGroup: Body

  beforeAll(async () => {
    coordinator = await loginAs(ctx.app, 'koordination')
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    reportReader = await loginAs(ctx.app, 'bericht')
    lindenauAdmin = await loginAs(ctx.app, 'admin.lindenau')
    const bodies = (await coordinator.request({ method: 'GET', url: '/api/bodies' })).json().items as Body[]
    steeringGroup = bodies.find((body) => body.kind === 'steering_group') as Body
    workingGroup = bodies.find((body) => body.kind === 'working_group') as Body
  })

  const makeToken = async (session: TestSession, bodyId: string) => {
    const response = await session.request({ method: 'POST', url: `/api/bodies/${bodyId}/feed-token` })
    expect(response.statusCode, response.body).toBe(201)
    return response.json() as FeedTokenCreated
  }
  /** A calendar program's request: no cookie, no CSRF token, only the URL. */
  const subscribe = (path: string) => ctx.app.inject({ method: 'GET', url: path })

  it("serves the body's meetings to a calendar program that sends only the token, with no session", async () => {
    const created = await makeToken(coordinator, steeringGroup.id)
    expect(created.path).toBe(`/api/bodies/${steeringGroup.id}/feed.ics?token=${created.token}`)
    const response = await subscribe(created.path)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers['content-type']).toContain('text/calendar')
    expect(response.headers['set-cookie']).toBeUndefined()
    const feed = eventsOf(response.body)
    expect(feed.zones).toEqual(['Europe/Berlin'])
    expect(feed.events.length).toBeGreaterThan(0)
    expect(feed.events.every((event) => event.summary?.startsWith(`${steeringGroup.name}: `))).toBe(true)
    // The session-based feed still answers the signed-in user with the same meetings.
    const session = await coordinator.request({
      method: 'GET',
      url: `/api/bodies/${steeringGroup.id}/calendar.ics`,
    })
    expect(eventsOf(session.body).events.map((event) => event.uid)).toEqual(
      feed.events.map((event) => event.uid),
    )
    const english = await subscribe(`${created.path}&language=en`)
    expect(english.body).toContain('Agenda')
  })

  it('keeps only the hash of the token, and never shows the token again', async () => {
    const created = await makeToken(caseManager, workingGroup.id)
    const rows = await ctx.database.db
      .selectFrom('body_feed_token')
      .select(['token_hash', 'last_used_at'])
      .where('user_id', '=', caseManager.userId)
      .where('body_id', '=', workingGroup.id)
      .execute()
    expect(rows).toEqual([
      { token_hash: createHash('sha256').update(created.token).digest('hex'), last_used_at: null },
    ])
    const state = await caseManager.request({
      method: 'GET',
      url: `/api/bodies/${workingGroup.id}/feed-token`,
    })
    expect(state.json()).toEqual({ exists: true, createdAt: created.createdAt, lastUsedAt: null })
    expect(state.body).not.toContain(created.token)
    expect((await subscribe(created.path)).statusCode).toBe(200)
    const used = (
      await caseManager.request({ method: 'GET', url: `/api/bodies/${workingGroup.id}/feed-token` })
    ).json() as FeedTokenState
    expect(used.lastUsedAt).not.toBeNull()
  })

  it('opens only its own body: another body, an unknown or missing token answer 404', async () => {
    const created = await makeToken(coordinator, workingGroup.id)
    expectProblem(await subscribe(`/api/bodies/${steeringGroup.id}/feed.ics?token=${created.token}`), 404)
    expectProblem(await subscribe(`/api/bodies/${workingGroup.id}/feed.ics?token=${created.token}x`), 404)
    expectProblem(await subscribe(`/api/bodies/${workingGroup.id}/feed.ics`), 404)
    // The token is no session: it opens nothing else.
    expectProblem(
      await ctx.app.inject({ method: 'GET', url: `/api/bodies/${workingGroup.id}?token=${created.token}` }),
      401,
    )
  })

  it('stops answering at once when the token is revoked or replaced', async () => {
    const first = await makeToken(coordinator, steeringGroup.id)
    const second = await makeToken(coordinator, steeringGroup.id)
    expectProblem(await subscribe(first.path), 404)
    expect((await subscribe(second.path)).statusCode).toBe(200)
    const revoked = await coordinator.request({
      method: 'DELETE',
      url: `/api/bodies/${steeringGroup.id}/feed-token`,
    })
    expect(revoked.json()).toEqual({ exists: false, createdAt: null, lastUsedAt: null })
    expectProblem(await subscribe(second.path), 404)
  })

  it('stops answering when its user is disabled', async () => {
    const admin = await loginAs(ctx.app, 'admin')
    const created = await makeToken(admin, steeringGroup.id)
    expect((await subscribe(created.path)).statusCode).toBe(200)
    await ctx.database.db
      .updateTable('app_user')
      .set({ disabled_at: new Date().toISOString() })
      .where('id', '=', admin.userId)
      .execute()
    expectProblem(await subscribe(created.path), 404)
  })

  it('gives no token to whoever may not read the body: report readers and other districts', async () => {
    expectProblem(
      await reportReader.request({ method: 'POST', url: `/api/bodies/${steeringGroup.id}/feed-token` }),
      403,
    )
    expectProblem(
      await lindenauAdmin.request({ method: 'POST', url: `/api/bodies/${steeringGroup.id}/feed-token` }),
      404,
    )
    const count = await ctx.database.db
      .selectFrom('body_feed_token')
      .select('id')
      .where('user_id', 'in', [reportReader.userId, lindenauAdmin.userId])
      .execute()
    expect(count).toEqual([])
  })
})
