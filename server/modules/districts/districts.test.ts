import { describe, expect, it } from 'vitest'
import { seedDemo } from '../../db/seed/demo.ts'
import { rheinSiegKreis } from '../../db/seed/districts.ts'
import { useTestApp } from '../../test/app.ts'
import { databaseKinds } from '../../test/database.ts'

describe.each(databaseKinds)('districts API on %s', (kind) => {
  const ctx = useTestApp(kind)

  const get = async (url: string) => {
    const response = await ctx.app.inject({ method: 'GET', url })
    return { status: response.statusCode, type: response.headers['content-type'], body: response.json() }
  }

  it('seeds the demo districts once, however often it runs', async () => {
    expect(await seedDemo(ctx.database)).toEqual({ districtsCreated: 2 })
    expect(await seedDemo(ctx.database)).toEqual({ districtsCreated: 0 })
    const { body } = await get('/api/districts')
    expect(body.total).toBe(2)
  })

  it('lists districts by name with their municipality counts', async () => {
    const { status, body } = await get('/api/districts')
    expect(status).toBe(200)
    expect(body.items.map((d: { name: string }) => d.name)).toEqual([
      'Kreis Lindenau (fiktiv)',
      'Rhein-Sieg-Kreis',
    ])
    const rheinSieg = body.items.find((d: { code: string }) => d.code === '05382')
    expect(rheinSieg).toMatchObject({ kind: 'kreis', stateCode: 'NW', municipalityCount: 19 })
  })

  it('answers one district with all 19 municipalities of the Rhein-Sieg-Kreis in name order', async () => {
    const list = await get('/api/districts')
    const id = list.body.items.find((d: { code: string }) => d.code === '05382').id
    const { status, body } = await get(`/api/districts/${id}`)
    expect(status).toBe(200)
    const names = body.municipalities.map((m: { name: string }) => m.name)
    expect(names).toEqual(
      [...rheinSiegKreis.municipalities.map((m) => m.name)].sort((a, b) => a.localeCompare(b, 'de')),
    )
    expect(names).toContain('Hennef (Sieg)')
    expect(body.municipalities.every((m: { districtId: string }) => m.districtId === id)).toBe(true)
  })

  it('finds municipalities regardless of case and accents, and treats % literally', async () => {
    const list = await get('/api/districts')
    const id = list.body.items.find((d: { code: string }) => d.code === '05382').id
    const found = await get(`/api/districts/${id}/municipalities?q=${encodeURIComponent('KONIGS')}`)
    expect(found.body.items.map((m: { name: string }) => m.name)).toEqual(['Königswinter'])
    const wildcard = await get(`/api/districts/${id}/municipalities?q=${encodeURIComponent('%')}`)
    expect(wildcard.body.total).toBe(0)
  })

  it('pages through municipalities', async () => {
    const list = await get('/api/districts')
    const id = list.body.items.find((d: { code: string }) => d.code === '05382').id
    const first = await get(`/api/districts/${id}/municipalities?limit=5&offset=0`)
    const second = await get(`/api/districts/${id}/municipalities?limit=5&offset=5`)
    expect(first.body.total).toBe(19)
    expect(first.body.items).toHaveLength(5)
    expect(second.body.items[0].name > first.body.items[4].name).toBe(true)
  })

  it('keeps each district to its own municipalities', async () => {
    const list = await get('/api/districts')
    const lindenau = list.body.items.find((d: { code: string }) => d.code === '99101').id
    const { body } = await get(`/api/districts/${lindenau}/municipalities?limit=200`)
    expect(body.total).toBe(5)
    expect(body.items.map((m: { name: string }) => m.name)).not.toContain('Siegburg')
  })

  it('answers an unknown district with 404 problem+json', async () => {
    const { status, type, body } = await get('/api/districts/6f1c7b1e-0000-4000-8000-000000000000')
    expect(status).toBe(404)
    expect(type).toContain('application/problem+json')
    expect(body).toMatchObject({ type: 'urn:lotse:problem:not-found', status: 404, code: 'not-found' })
    expect(body.messages.de).toBe('Nicht gefunden.')
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
    const { status, type, body } = await get(url)
    expect(status).toBe(400)
    expect(type).toContain('application/problem+json')
    expect(body.code).toBe('invalid-input')
    expect(body.fields.map((f: { path: string }) => f.path)).toContain(field)
  })
})
