import { describe, expect, it } from 'vitest'
import { seedDemo } from '../../db/seed/demo.ts'
import { rheinSiegKreis } from '../../db/seed/districts.ts'
import { useTestApp } from '../../test/app.ts'
import { loginAs, type TestSession, testPassword } from '../../test/auth.ts'
import { databaseKinds } from '../../test/database.ts'

describe.each(databaseKinds)('districts API on %s', (kind) => {
  const ctx = useTestApp(kind)
  let rheinSieg: TestSession
  let lindenau: TestSession

  it('seeds the demo districts and users once, however often it runs', async () => {
    const first = await seedDemo(ctx.database, { password: testPassword })
    const second = await seedDemo(ctx.database, { password: testPassword })
    expect(first.districtsCreated).toBe(2)
    expect(first.identities.created).toBe(9)
    expect(first.personsCreated).toBe(300)
    expect(first.servicesCreated).toBe(21)
    expect(first.bodiesCreated).toBe(5)
    expect(first.positionsCreated).toBe(9)
    expect(second).toMatchObject({
      districtsCreated: 0,
      identities: { created: 0 },
      personsCreated: 0,
      servicesCreated: 0,
      bodiesCreated: 0,
      positionsCreated: 0,
    })
    rheinSieg = await loginAs(ctx.app, 'admin')
    lindenau = await loginAs(ctx.app, 'admin.lindenau')
  })

  const get = async (session: TestSession, url: string) => {
    const response = await session.request({ method: 'GET', url })
    return { status: response.statusCode, type: response.headers['content-type'], body: response.json() }
  }

  it('asks for a sign-in before showing any district', async () => {
    const response = await ctx.app.inject({ url: '/api/districts' })
    expect(response.statusCode).toBe(401)
    expect(response.json().code).toBe('unauthenticated')
  })

  it('lists only the district of the signed-in user, with its municipality count', async () => {
    const { status, body } = await get(rheinSieg, '/api/districts')
    expect(status).toBe(200)
    expect(body.items).toHaveLength(1)
    expect(body.items[0]).toMatchObject({
      code: '05382',
      name: 'Rhein-Sieg-Kreis',
      kind: 'kreis',
      stateCode: 'NW',
      timeZone: 'Europe/Berlin',
      municipalityCount: 19,
    })
    const other = await get(lindenau, '/api/districts')
    expect(other.body.items.map((d: { code: string }) => d.code)).toEqual(['99101'])
  })

  it('answers one district with all 19 municipalities of the Rhein-Sieg-Kreis in name order', async () => {
    const { status, body } = await get(rheinSieg, `/api/districts/${rheinSieg.districtId}`)
    expect(status).toBe(200)
    const names = body.municipalities.map((m: { name: string }) => m.name)
    expect(names).toEqual(
      [...rheinSiegKreis.municipalities.map((m) => m.name)].sort((a, b) => a.localeCompare(b, 'de')),
    )
    expect(
      body.municipalities.every((m: { districtId: string }) => m.districtId === rheinSieg.districtId),
    ).toBe(true)
  })

  it('answers another district with 404, as if it did not exist', async () => {
    const detail = await get(rheinSieg, `/api/districts/${lindenau.districtId}`)
    const municipalities = await get(rheinSieg, `/api/districts/${lindenau.districtId}/municipalities`)
    expect(detail.status).toBe(404)
    expect(municipalities.status).toBe(404)
    expect(detail.body).toMatchObject({ type: 'urn:lotse:problem:not-found', code: 'not-found' })
  })

  it('finds municipalities regardless of case and accents, and treats % literally', async () => {
    const found = await get(
      rheinSieg,
      `/api/districts/${rheinSieg.districtId}/municipalities?q=${encodeURIComponent('KONIGS')}`,
    )
    expect(found.body.items.map((m: { name: string }) => m.name)).toEqual(['Königswinter'])
    const wildcard = await get(
      rheinSieg,
      `/api/districts/${rheinSieg.districtId}/municipalities?q=${encodeURIComponent('%')}`,
    )
    expect(wildcard.body.total).toBe(0)
  })

  it('pages through municipalities', async () => {
    const base = `/api/districts/${rheinSieg.districtId}/municipalities`
    const first = await get(rheinSieg, `${base}?limit=5&offset=0`)
    const second = await get(rheinSieg, `${base}?limit=5&offset=5`)
    expect(first.body.total).toBe(19)
    expect(first.body.items).toHaveLength(5)
    expect(second.body.items[0].name > first.body.items[4].name).toBe(true)
  })

  it('answers an unknown district with 404 problem+json in German and English', async () => {
    const { status, type, body } = await get(rheinSieg, '/api/districts/6f1c7b1e-0000-4000-8000-000000000000')
    expect(status).toBe(404)
    expect(type).toContain('application/problem+json')
    expect(body.messages).toEqual({ de: 'Nicht gefunden.', en: 'Not found.' })
  })

  it.each([
    ['a malformed id', '/api/districts/not-a-uuid', 'params.districtId'],
    ['a limit above the maximum', '/api/districts?limit=201', 'querystring.limit'],
    ['a negative offset', '/api/districts?offset=-1', 'querystring.offset'],
    [
      'a search of over 100 characters',
      `/api/districts/6f1c7b1e-0000-4000-8000-000000000000/municipalities?q=${'x'.repeat(101)}`,
      'querystring.q',
    ],
  ])('refuses %s with 400 naming the field', async (_label, url, field) => {
    const { status, type, body } = await get(rheinSieg, url)
    expect(status).toBe(400)
    expect(type).toContain('application/problem+json')
    expect(body.code).toBe('invalid-input')
    expect(body.fields.map((f: { path: string }) => f.path)).toContain(field)
  })
})
