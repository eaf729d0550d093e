import { beforeAll, describe, expect, it } from 'vitest'
import type { DirectoryEntry, PartnerProfile } from '../../../../common/network.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import { auditOf, expectProblem, municipalitiesByName, organisationByName } from '../network.test-helpers.ts'

describe.each(databaseKinds)('partner directory on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let coordinator: TestSession
  let partner: TestSession
  let caseManager: TestSession
  let lindenauAdmin: TestSession
  let municipalities: Map<string, string>

  beforeAll(async () => {
    coordinator = await loginAs(ctx.app, 'koordination')
    partner = await loginAs(ctx.app, 'partner.jobcenter')
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    lindenauAdmin = await loginAs(ctx.app, 'admin.lindenau')
    municipalities = await municipalitiesByName(ctx.database, coordinator.districtId)
  })

  const search = async (session: TestSession, query: string) => {
    const response = await session.request({ method: 'GET', url: `/api/directory${query}` })
    expect(response.statusCode, response.body).toBe(200)
    return response.json() as { items: DirectoryEntry[]; total: number }
  }
  const names = (list: { items: DirectoryEntry[] }) => list.items.map((item) => item.name)
  const profileOf = async (session: TestSession, organisationId: string) => {
    const response = await session.request({ method: 'GET', url: `/api/directory/${organisationId}` })
    expect(response.statusCode, response.body).toBe(200)
    return response.json() as PartnerProfile
  }
  const putProfile = (session: TestSession, organisationId: string, version: number, payload: object) =>
    session.request({
      method: 'PUT',
      url: `/api/directory/${organisationId}`,
      headers: { 'if-match': `"${version}"` },
      payload,
    })

  it('lists every organisation of the district, by name, for every role including partners', async () => {
    for (const session of [coordinator, partner, caseManager]) {
      const list = await search(session, '')
      expect(list.total).toBe(list.items.length)
      expect(names(list)).toEqual([...names(list)].sort((a, b) => a.localeCompare(b, 'de')))
      expect(names(list)).toEqual(
        expect.arrayContaining([
          'Jobcenter Rhein-Sieg',
          'Agentur für Arbeit Bonn',
          'Diakonie An Sieg und Rhein',
        ]),
      )
    }
    const lindenau = await search(lindenauAdmin, '')
    expect(names(lindenau)).not.toContain('Jobcenter Rhein-Sieg')
  })

  it('finds organisations by name, contact person, city and service, regardless of case and accents', async () => {
    expect(names(await search(coordinator, '?q=jobcenter'))).toEqual(['Jobcenter Rhein-Sieg'])
    // "Petrovic" without the accent finds Ivana Petrović of the Paritätische.
    expect(names(await search(coordinator, '?q=petrovic'))).toEqual(['Der Paritätische Rhein-Sieg'])
    // A service name: the Hausaufgabenhilfe of the Syrian-German association.
    expect(names(await search(coordinator, '?q=hausaufgabenhilfe'))).toEqual([
      'Syrisch-Deutscher Kulturverein Troisdorf e. V.',
    ])
    // Every word must match: a city and a kind of counselling.
    expect(
      names(await search(coordinator, `?q=${encodeURIComponent('Hennef Asylverfahrensberatung')}`)),
    ).toEqual(['Regionale Flüchtlingsberatung Rhein-Sieg'])
    expect((await search(coordinator, '?q=gibtesnicht')).items).toEqual([])
  })

  it('filters by kind, legal sphere and municipality served', async () => {
    const welfare = await search(coordinator, '?kind=wohlfahrtsverband')
    expect(names(welfare).sort()).toEqual(
      [
        'AWO Kreisverband Rhein-Sieg',
        'Caritasverband Rhein-Sieg',
        'DRK-Kreisverband Rhein-Sieg',
        'Der Paritätische Rhein-Sieg',
        'Diakonie An Sieg und Rhein',
      ].sort(),
    )
    expect(names(await search(coordinator, `?legalSphere=${encodeURIComponent('SGB III')}`))).toEqual([
      'Agentur für Arbeit Bonn',
    ])
    const windeck = municipalities.get('Windeck') as string
    const servingWindeck = await search(coordinator, `?municipalityId=${windeck}`)
    expect(names(servingWindeck)).toContain('Regionale Flüchtlingsberatung Rhein-Sieg')
    expect(names(servingWindeck)).not.toContain('Integrationsrat der Stadt Troisdorf')
    for (const item of servingWindeck.items) expect(item.municipalityIds).toContain(windeck)
    // Filters combine.
    expect(names(await search(coordinator, `?kind=migrationsberatung&municipalityId=${windeck}`))).toEqual([
      'Regionale Flüchtlingsberatung Rhein-Sieg',
    ])
  })

  it('refuses a malformed filter with 400', async () => {
    expectProblem(await coordinator.request({ method: 'GET', url: '/api/directory?kind=verein' }), 400)
    expectProblem(await coordinator.request({ method: 'GET', url: '/api/directory?municipalityId=x' }), 400)
  })

  it('shows an organisation with address, opening hours and contact persons, and who may edit it', async () => {
    const jobcenter = await organisationByName(coordinator, 'Jobcenter Rhein-Sieg')
    const asCoordinator = await profileOf(coordinator, jobcenter.id)
    expect(asCoordinator).toMatchObject({
      name: 'Jobcenter Rhein-Sieg',
      kind: 'jobcenter',
      legalSpheres: ['SGB II'],
      city: 'Siegburg',
      can: { edit: true, editServices: true },
    })
    expect(asCoordinator.contactPersons.map((person) => person.name)).toEqual([
      'Sabine Krüger',
      'Murat Demir',
    ])
    expect(asCoordinator.municipalityIds).toHaveLength(municipalities.size)
    // The Jobcenter's partner user may keep the Jobcenter's entry, not the Caritas's; a case manager neither.
    expect((await profileOf(partner, jobcenter.id)).can).toEqual({ edit: true, editServices: true })
    const caritas = await organisationByName(coordinator, 'Caritasverband Rhein-Sieg')
    expect((await profileOf(partner, caritas.id)).can).toEqual({ edit: false, editServices: false })
    expect((await profileOf(caseManager, jobcenter.id)).can).toEqual({ edit: false, editServices: false })
  })

  it('lets the partner edit its own entry with the version, replacing the contact persons, and audits it', async () => {
    const jobcenter = await organisationByName(partner, 'Jobcenter Rhein-Sieg')
    const before = await profileOf(partner, jobcenter.id)
    const troisdorf = municipalities.get('Troisdorf') as string
    const response = await putProfile(partner, jobcenter.id, before.version, {
      street: 'Europaplatz 3',
      postcode: '53721',
      city: 'Siegburg',
      phone: '02241 900-100',
      email: 'integration@jobcenter-rhein-sieg.example',
      openingHours: 'Mo–Fr 8:00–12:30 Uhr\nDo 14:00–17:30 Uhr',
      municipalityIds: [troisdorf],
      contactPersons: [
        { name: 'Sabine Krüger', function: 'Integrationsfachkraft', phone: '+49 2241 900-143' },
        { name: 'Nora Said', function: 'Vertretung', email: 'n.said@jobcenter-rhein-sieg.example' },
      ],
    })
    expect(response.statusCode, response.body).toBe(200)
    const after = response.json() as PartnerProfile
    expect(after.version).toBe(before.version + 1)
    expect(after.municipalityIds).toEqual([troisdorf])
    expect(after.openingHours).toBe('Mo–Fr 8:00–12:30 Uhr\nDo 14:00–17:30 Uhr')
    expect(after.contactPersons.map((person) => [person.name, person.function])).toEqual([
      ['Sabine Krüger', 'Integrationsfachkraft'],
      ['Nora Said', 'Vertretung'],
    ])
    expect(await profileOf(coordinator, jobcenter.id)).toEqual({
      ...after,
      can: { edit: true, editServices: true },
    })
    const audit = await auditOf(ctx.database, jobcenter.id)
    expect(audit.at(-1)).toMatchObject({ action: 'partner-profile.update', actor_id: partner.userId })
    // The same version again is stale: 409, nothing changes.
    const stale = await putProfile(partner, jobcenter.id, before.version, { city: 'Bonn' })
    expectProblem(stale, 409)
    expect((await profileOf(partner, jobcenter.id)).city).toBe('Siegburg')
  })

  it('refuses a partner the entry of another organisation, and roles that keep no entries, with 403', async () => {
    const caritas = await organisationByName(coordinator, 'Caritasverband Rhein-Sieg')
    const before = await profileOf(coordinator, caritas.id)
    expectProblem(await putProfile(partner, caritas.id, before.version, { city: 'Bonn' }), 403)
    expectProblem(await putProfile(caseManager, caritas.id, before.version, { city: 'Bonn' }), 403)
    expect(await profileOf(coordinator, caritas.id)).toEqual(before)
  })

  it('creates the first entry of an organisation with If-Match "0" and demands the version after', async () => {
    const admin = await loginAs(ctx.app, 'admin')
    const created = await admin.request({
      method: 'POST',
      url: '/api/organisations',
      payload: { name: 'Bildungswerk Siebengebirge', kind: 'bildungstraeger' },
    })
    expect(created.statusCode, created.body).toBe(201)
    const organisationId = created.json().id as string
    const empty = await profileOf(coordinator, organisationId)
    expect(empty).toMatchObject({ version: 0, updatedAt: null, contactPersons: [], city: '' })
    expectProblem(
      await coordinator.request({
        method: 'PUT',
        url: `/api/directory/${organisationId}`,
        payload: { city: 'Königswinter' },
      }),
      428,
    )
    const first = await putProfile(coordinator, organisationId, 0, { city: 'Königswinter' })
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json()).toMatchObject({ version: 1, city: 'Königswinter' })
    // A second "first" save lost the race: 409.
    expectProblem(await putProfile(coordinator, organisationId, 0, { city: 'Bonn' }), 409)
  })

  it('refuses bad input at the field and stores nothing', async () => {
    const caritas = await organisationByName(coordinator, 'Caritasverband Rhein-Sieg')
    const before = await profileOf(coordinator, caritas.id)
    const put = (payload: object) => putProfile(coordinator, caritas.id, before.version, payload)
    expectProblem(await put({ postcode: '5372' }), 400, 'body.postcode')
    expectProblem(await put({ email: 'keine-adresse' }), 400, 'body.email')
    expectProblem(await put({ website: 'javascript:alert(1)' }), 400, 'body.website')
    expectProblem(await put({ contactPersons: [{ name: '' }] }), 400, 'body.contactPersons.0.name')
    expectProblem(
      await put({ contactPersons: [{ name: 'A', phone: 'abc' }] }),
      400,
      'body.contactPersons.0.phone',
    )
    expectProblem(await put({ city: 'x'.repeat(101) }), 400, 'body.city')
    expectProblem(await put({ city: 'Sieg\u0000burg' }), 400)
    expectProblem(await put({ unknown: true }), 400)
    const troisdorf = municipalities.get('Troisdorf') as string
    expectProblem(await put({ municipalityIds: [troisdorf, troisdorf] }), 400, 'body.municipalityIds')
    // A municipality of another district is unknown here.
    const lindenauMunicipality = [
      ...(await municipalitiesByName(ctx.database, lindenauAdmin.districtId)).values(),
    ][0]
    expectProblem(
      await put({ municipalityIds: [lindenauMunicipality] }),
      422,
      'body.municipalityIds',
      'unknown-reference',
    )
    expect(await profileOf(coordinator, caritas.id)).toEqual(before)
  })

  it("answers another district's organisation with 404 and audits the attempt", async () => {
    const foreign = await lindenauAdmin.request({
      method: 'POST',
      url: '/api/organisations',
      payload: { name: 'Caritas Lindenau', kind: 'wohlfahrtsverband' },
    })
    const foreignId = foreign.json().id as string
    expectProblem(await coordinator.request({ method: 'GET', url: `/api/directory/${foreignId}` }), 404)
    expectProblem(await putProfile(coordinator, foreignId, 0, { city: 'Siegburg' }), 404)
    const audit = await auditOf(ctx.database, foreignId)
    expect(audit.filter((row) => row.outcome === 'denied').map((row) => row.actor_id)).toEqual([
      coordinator.userId,
      coordinator.userId,
    ])
    expect((await profileOf(lindenauAdmin, foreignId)).version).toBe(0)
    // A random id is simply not found.
    expectProblem(
      await coordinator.request({
        method: 'GET',
        url: '/api/directory/00000000-0000-4000-8000-000000000000',
      }),
      404,
    )
  })
})
