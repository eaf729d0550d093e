import { beforeAll, describe, expect, it } from 'vitest'
import type { Overlap, OverlapList, Service, ServiceOverview } from '../../../../common/network.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import { auditOf, expectProblem, municipalitiesByName, organisationByName } from '../network.test-helpers.ts'

describe.each(databaseKinds)('service map on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let coordinator: TestSession
  let partner: TestSession
  let caseManager: TestSession
  let lindenauAdmin: TestSession
  let municipalities: Map<string, string>
  let jobcenterId: string
  let caritasId: string

  beforeAll(async () => {
    coordinator = await loginAs(ctx.app, 'koordination')
    partner = await loginAs(ctx.app, 'partner.jobcenter')
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    lindenauAdmin = await loginAs(ctx.app, 'admin.lindenau')
    municipalities = await municipalitiesByName(ctx.database, coordinator.districtId)
    jobcenterId = (await organisationByName(coordinator, 'Jobcenter Rhein-Sieg')).id
    caritasId = (await organisationByName(coordinator, 'Caritasverband Rhein-Sieg')).id
  })

  const municipality = (name: string) => municipalities.get(name) as string
  const serviceBody = (overrides: Record<string, unknown> = {}) => ({
    organisationId: jobcenterId,
    name: 'Sprechstunde im Rathaus',
    domains: ['work'],
    targetGroups: ['women'],
    municipalityIds: [municipality('Much')],
    ...overrides,
  })
  const create = (session: TestSession, payload: object) =>
    session.request({ method: 'POST', url: '/api/services', payload })
  const list = async (session: TestSession, query = '') => {
    const response = await session.request({ method: 'GET', url: `/api/services${query}` })
    expect(response.statusCode, response.body).toBe(200)
    return response.json() as { items: Service[]; total: number }
  }
  const overlaps = async (session: TestSession, query = '') => {
    const response = await session.request({ method: 'GET', url: `/api/services/overlaps${query}` })
    expect(response.statusCode, response.body).toBe(200)
    return response.json() as OverlapList
  }
  const countServices = async () =>
    Number(
      (
        await ctx.database.db
          .selectFrom('service')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const pairOf = (overlap: Overlap) => overlap.services.map((service) => service.organisationName).sort()
  const findPair = (list: OverlapList, a: string, b: string) =>
    list.items.filter((item) => {
      const names = item.services.map((service) => service.name)
      return names.includes(a) && names.includes(b)
    })

  describe('services', () => {
    it('lists the current services of the district for every role, with filters', async () => {
      for (const session of [coordinator, partner, caseManager]) {
        const all = await list(session, '?limit=200')
        expect(all.total).toBe(all.items.length)
        expect(all.items.map((item) => item.name)).toContain('Frauen-Sprachtreff')
        // The emergency shelter's support ended in March 2025: not current.
        expect(all.items.map((item) => item.name)).not.toContain('Betreuung in der Notunterkunft')
      }
      const withEnded = await list(coordinator, '?limit=200&current=false')
      expect(withEnded.items.map((item) => item.name)).toContain('Betreuung in der Notunterkunft')
      const language = await list(
        coordinator,
        `?domain=language&targetGroup=women&municipalityId=${municipality('Troisdorf')}`,
      )
      expect(language.items.map((item) => [item.organisationName, item.name])).toEqual([
        ['DRK-Kreisverband Rhein-Sieg', 'Frauen-Sprachtreff'],
        ['AWO Kreisverband Rhein-Sieg', 'Sprachkurs für Frauen mit Kinderbetreuung'],
      ])
      expect(
        (await list(coordinator, `?organisationId=${caritasId}`)).items.map((item) => item.name).sort(),
      ).toEqual([
        'Lernförderung für Kinder aus zugewanderten Familien',
        'Migrationsberatung für Erwachsene (MBE)',
        'Sprachcafé',
      ])
      expect((await list(coordinator, '?language=ti')).items.map((item) => item.name).sort()).toEqual([
        'Asylverfahrensberatung',
        'Frauen-Sprachtreff',
      ])
      expect((await list(coordinator, '?q=sprach%20frauen')).items.map((item) => item.name).sort()).toEqual([
        'Frauen-Sprachtreff',
        'Sprachkurs für Frauen mit Kinderbetreuung',
      ])
      const page = await list(coordinator, '?limit=2&offset=2')
      expect(page.items).toHaveLength(2)
      expect(page.total).toBe((await list(coordinator, '?limit=200')).total)
      expect((await list(lindenauAdmin, '?limit=200')).items).toEqual([])
    })

    it('creates a service for the own organisation as a partner, with what it says, and audits it', async () => {
      const before = await countServices()
      const response = await create(
        partner,
        serviceBody({
          description: 'Zweimal im Monat\nim Rathaus Much',
          languages: ['de', 'ar', 'ar'],
          eligibility: 'Leistungsberechtigte nach dem SGB II',
          contact: 'Sabine Krüger',
          startsOn: '2026-01-01',
          endsOn: '2027-12-31',
        }),
      )
      expect(response.statusCode, response.body).toBe(201)
      const service = response.json() as Service
      expect(service).toMatchObject({
        organisationId: jobcenterId,
        organisationName: 'Jobcenter Rhein-Sieg',
        name: 'Sprechstunde im Rathaus',
        description: 'Zweimal im Monat\nim Rathaus Much',
        domains: ['work'],
        targetGroups: ['women'],
        municipalityIds: [municipality('Much')],
        languages: ['de', 'ar'],
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
        version: 1,
        can: { edit: true },
      })
      expect(await countServices()).toBe(before + 1)
      const get = await caseManager.request({ method: 'GET', url: `/api/services/${service.id}` })
      expect(get.json()).toEqual({ ...service, can: { edit: false } })
      expect((await auditOf(ctx.database, service.id)).map((row) => [row.action, row.actor_id])).toEqual([
        ['service.create', partner.userId],
      ])
    })

    it("refuses a partner another organisation's services, and roles that keep no map, with 403", async () => {
      const before = await countServices()
      expectProblem(await create(partner, serviceBody({ organisationId: caritasId })), 403)
      expectProblem(await create(caseManager, serviceBody()), 403)
      const report = await loginAs(ctx.app, 'bericht')
      expectProblem(await create(report, serviceBody()), 403)
      expect(await countServices()).toBe(before)
      const caritasService = (await list(coordinator, `?organisationId=${caritasId}`)).items[0] as Service
      expect(caritasService.can.edit).toBe(true)
      const asPartner = await partner.request({ method: 'GET', url: `/api/services/${caritasService.id}` })
      expect(asPartner.json().can).toEqual({ edit: false })
      const put = await partner.request({
        method: 'PUT',
        url: `/api/services/${caritasService.id}`,
        headers: { 'if-match': `"${caritasService.version}"` },
        payload: serviceBody({ organisationId: caritasId }),
      })
      expectProblem(put, 403)
      const remove = await partner.request({
        method: 'DELETE',
        url: `/api/services/${caritasService.id}`,
        headers: { 'if-match': `"${caritasService.version}"` },
      })
      expectProblem(remove, 403)
      // Nor may a partner move its own service to another organisation.
      const own = (await create(partner, serviceBody({ name: 'Zum Verschieben' }))).json() as Service
      const moved = await partner.request({
        method: 'PUT',
        url: `/api/services/${own.id}`,
        headers: { 'if-match': '"1"' },
        payload: serviceBody({ name: 'Zum Verschieben', organisationId: caritasId }),
      })
      expectProblem(moved, 403)
      expect((await partner.request({ method: 'GET', url: `/api/services/${own.id}` })).json()).toEqual(own)
    })

    it('refuses bad input at the field and stores nothing', async () => {
      const before = await countServices()
      expectProblem(await create(coordinator, serviceBody({ name: '' })), 400, 'body.name')
      expectProblem(await create(coordinator, serviceBody({ name: 'x'.repeat(201) })), 400, 'body.name')
      expectProblem(await create(coordinator, serviceBody({ domains: [] })), 400, 'body.domains')
      expectProblem(await create(coordinator, serviceBody({ domains: ['cooking'] })), 400, 'body.domains.0')
      expectProblem(await create(coordinator, serviceBody({ targetGroups: [] })), 400, 'body.targetGroups')
      expectProblem(
        await create(coordinator, serviceBody({ municipalityIds: [] })),
        400,
        'body.municipalityIds',
      )
      expectProblem(
        await create(coordinator, serviceBody({ languages: ['Deutsch'] })),
        400,
        'body.languages.0',
      )
      expectProblem(
        await create(coordinator, serviceBody({ startsOn: '2026-05-01', endsOn: '2026-04-30' })),
        400,
        'body.endsOn',
        'period-ends-before-start',
      )
      expectProblem(await create(coordinator, serviceBody({ startsOn: '0026-05-01' })), 400, 'body.startsOn')
      expectProblem(await create(coordinator, serviceBody({ name: 'A\u0000B' })), 400)
      expectProblem(
        await create(coordinator, serviceBody({ organisationId: 'jobcenter' })),
        400,
        'body.organisationId',
      )
      expectProblem(await create(coordinator, { ...serviceBody(), extra: 1 }), 400)
      expectProblem(await create(coordinator, serviceBody({ name: 42 })), 400, 'body.name')
      const foreignMunicipality = [
        ...(await municipalitiesByName(ctx.database, lindenauAdmin.districtId)).values(),
      ][0]
      expectProblem(
        await create(coordinator, serviceBody({ municipalityIds: [foreignMunicipality] })),
        422,
        'body.municipalityIds',
        'unknown-reference',
      )
      expectProblem(
        await create(coordinator, serviceBody({ organisationId: '00000000-0000-4000-8000-000000000000' })),
        422,
        'body.organisationId',
        'unknown-reference',
      )
      expect(await countServices()).toBe(before)
    })

    it('changes a service with its version, refuses a stale version with 409, and deletes it', async () => {
      const created = (await create(coordinator, serviceBody({ name: 'Zum Ändern' }))).json() as Service
      const put = (version: number | null, payload: object) =>
        coordinator.request({
          method: 'PUT',
          url: `/api/services/${created.id}`,
          headers: version === null ? {} : { 'if-match': `"${version}"` },
          payload,
        })
      expectProblem(await put(null, serviceBody({ name: 'Ohne Version' })), 428)
      const changed = await put(1, serviceBody({ name: 'Geändert', domains: ['work', 'income'] }))
      expect(changed.statusCode, changed.body).toBe(200)
      expect(changed.json()).toMatchObject({ name: 'Geändert', domains: ['work', 'income'], version: 2 })
      expectProblem(await put(1, serviceBody({ name: 'Veraltet' })), 409)
      expect(
        (await coordinator.request({ method: 'GET', url: `/api/services/${created.id}` })).json().name,
      ).toBe('Geändert')
      const staleDelete = await coordinator.request({
        method: 'DELETE',
        url: `/api/services/${created.id}`,
        headers: { 'if-match': '"1"' },
      })
      expectProblem(staleDelete, 409)
      const removed = await coordinator.request({
        method: 'DELETE',
        url: `/api/services/${created.id}`,
        headers: { 'if-match': '"2"' },
      })
      expect(removed.statusCode, removed.body).toBe(204)
      expectProblem(await coordinator.request({ method: 'GET', url: `/api/services/${created.id}` }), 404)
      expect((await auditOf(ctx.database, created.id)).map((row) => row.action)).toEqual([
        'service.create',
        'service.update',
        'service.delete',
      ])
    })

    it("answers another district's service with 404 for every role and leaves it as it was", async () => {
      const lindenauOrganisation = await lindenauAdmin.request({
        method: 'POST',
        url: '/api/organisations',
        payload: { name: 'Diakonie Lindenau', kind: 'wohlfahrtsverband' },
      })
      const lindenauMunicipality = [
        ...(await municipalitiesByName(ctx.database, lindenauAdmin.districtId)).values(),
      ][0]
      const foreign = await create(lindenauAdmin, {
        organisationId: lindenauOrganisation.json().id,
        name: 'Beratung in Lindenau',
        domains: ['housing'],
        targetGroups: ['families'],
        municipalityIds: [lindenauMunicipality],
      })
      expect(foreign.statusCode, foreign.body).toBe(201)
      const foreignService = foreign.json() as Service
      for (const session of [coordinator, partner, caseManager]) {
        expectProblem(
          await session.request({ method: 'GET', url: `/api/services/${foreignService.id}` }),
          404,
        )
        expectProblem(
          await session.request({
            method: 'PUT',
            url: `/api/services/${foreignService.id}`,
            headers: { 'if-match': '"1"' },
            payload: serviceBody(),
          }),
          404,
        )
        expectProblem(
          await session.request({
            method: 'DELETE',
            url: `/api/services/${foreignService.id}`,
            headers: { 'if-match': '"1"' },
          }),
          404,
        )
      }
      // Nor can a service of Rhein-Sieg be filed under Lindenau's organisation.
      expectProblem(
        await create(coordinator, serviceBody({ organisationId: lindenauOrganisation.json().id })),
        422,
        'body.organisationId',
        'unknown-reference',
      )
      const still = await lindenauAdmin.request({ method: 'GET', url: `/api/services/${foreignService.id}` })
      expect(still.json()).toEqual(foreignService)
      const denied = (await auditOf(ctx.database, foreignService.id)).filter(
        (row) => row.outcome === 'denied',
      )
      expect(denied).toHaveLength(9)
    })

    it('counts current services per municipality and domain for the overview', async () => {
      const response = await caseManager.request({ method: 'GET', url: '/api/services/overview' })
      expect(response.statusCode, response.body).toBe(200)
      const overview = response.json() as ServiceOverview
      expect(overview.municipalities).toHaveLength(municipalities.size)
      const troisdorf = overview.municipalities.find((row) => row.name === 'Troisdorf')
      const current = await list(coordinator, `?limit=200&municipalityId=${municipality('Troisdorf')}`)
      expect(troisdorf?.total).toBe(current.total)
      const languageInTroisdorf = current.items.filter((item) => item.domains.includes('language')).length
      expect(troisdorf?.byDomain.language).toBe(languageInTroisdorf)
      expect(languageInTroisdorf).toBeGreaterThanOrEqual(3)
      // The ended shelter support in Sankt Augustin does not count for housing.
      const sanktAugustin = overview.municipalities.find((row) => row.name === 'Sankt Augustin')
      expect(sanktAugustin?.byDomain.housing).toBe(0)
    })
  })

  describe('overlap finder', () => {
    it('finds the genuine duplicate structures of the demo map, open and intended apart', async () => {
      const result = await overlaps(partner)
      expect(result.open + result.intended).toBe(result.items.length)
      expect(result.can.decide).toBe(false)
      // Two women's language groups in Troisdorf, by AWO and DRK.
      const women = findPair(result, 'Frauen-Sprachtreff', 'Sprachkurs für Frauen mit Kinderbetreuung')
      expect(women).toHaveLength(1)
      expect(women[0]).toMatchObject({
        domains: ['language'],
        targetGroups: ['women'],
        municipalityIds: [municipality('Troisdorf')],
        intended: null,
      })
      // Adult migration counselling by Caritas and Diakonie: shared in Troisdorf only, marked as intended.
      const mbe = result.items.filter(
        (item) =>
          item.services[0].name === item.services[1].name &&
          item.services[0].name.startsWith('Migrationsberatung'),
      )
      expect(mbe).toHaveLength(1)
      expect(pairOf(mbe[0] as Overlap)).toEqual(['Caritasverband Rhein-Sieg', 'Diakonie An Sieg und Rhein'])
      expect(mbe[0]).toMatchObject({
        domains: ['income', 'residence'],
        targetGroups: ['newcomers'],
        municipalityIds: [municipality('Troisdorf')],
        intended: { decidedBy: 'Jonas Wagner' },
      })
      // Open ones first, intended ones after.
      const firstIntended = result.items.findIndex((item) => item.intended !== null)
      expect(result.items.slice(firstIntended).every((item) => item.intended !== null)).toBe(true)
      expect(result.intended).toBe(2)
      // Never two services of the same organisation, and never the ended shelter support.
      for (const item of result.items) {
        expect(item.services[0].organisationId).not.toBe(item.services[1].organisationId)
        expect(item.services[0].id < item.services[1].id).toBe(true)
        expect(item.services.map((service) => service.name)).not.toContain('Betreuung in der Notunterkunft')
      }
    })

    it('filters overlaps by municipality, domain and target group', async () => {
      const inTroisdorf = await overlaps(coordinator, `?municipalityId=${municipality('Troisdorf')}`)
      expect(inTroisdorf.items.length).toBeGreaterThan(0)
      for (const item of inTroisdorf.items) expect(item.municipalityIds).toEqual([municipality('Troisdorf')])
      const children = await overlaps(coordinator, '?domain=education&targetGroup=children')
      expect(children.items.map((item) => item.services.map((service) => service.name).sort())).toEqual([
        ['Hausaufgabenhilfe', 'Lernförderung für Kinder aus zugewanderten Familien'],
      ])
      expectProblem(
        await coordinator.request({ method: 'GET', url: '/api/services/overlaps?domain=cooking' }),
        400,
      )
    })

    it('finds a new overlap when a service is added, not within one organisation, and not when periods do not meet', async () => {
      const much = municipality('Much')
      const before = await overlaps(coordinator, `?municipalityId=${much}&domain=housing`)
      expect(before.items).toEqual([])
      const first = (
        await create(
          coordinator,
          serviceBody({ name: 'Wohnungssuche A', domains: ['housing'], endsOn: '2030-06-30' }),
        )
      ).json() as Service
      // The same organisation twice is no duplicate structure.
      const twin = (
        await create(
          coordinator,
          serviceBody({ name: 'Wohnungssuche B', domains: ['housing'], endsOn: '2030-06-30' }),
        )
      ).json() as Service
      expect((await overlaps(coordinator, `?municipalityId=${much}&domain=housing`)).items).toEqual([])
      // Another organisation, but starting after both have ended.
      await create(
        coordinator,
        serviceBody({
          organisationId: caritasId,
          name: 'Wohnungssuche später',
          domains: ['housing'],
          startsOn: '2030-07-01',
        }),
      )
      expect((await overlaps(coordinator, `?municipalityId=${much}&domain=housing`)).items).toEqual([])
      const second = (
        await create(
          coordinator,
          serviceBody({ organisationId: caritasId, name: 'Wohnungssuche C', domains: ['housing', 'other'] }),
        )
      ).json() as Service
      const after = await overlaps(coordinator, `?municipalityId=${much}&domain=housing`)
      expect(after.items.map((item) => item.services.map((service) => service.id)).sort()).toEqual(
        [[first.id, second.id].sort(), [twin.id, second.id].sort()].sort(),
      )
      // 'other' says nothing: a shared 'other' alone makes no overlap.
      expect((await overlaps(coordinator, `?municipalityId=${much}&domain=other`)).items).toEqual([])
    })

    it('marks an overlap as intended with who, when and why, and takes the mark back', async () => {
      const open = findPair(
        await overlaps(coordinator),
        'Frauen-Sprachtreff',
        'Sprachkurs für Frauen mit Kinderbetreuung',
      )[0] as Overlap
      const ids = open.services.map((service) => service.id) as [string, string]
      const mark = await coordinator.request({
        method: 'POST',
        url: '/api/services/overlaps/intended',
        // In the reverse order: the pair is the same.
        payload: {
          serviceIds: [ids[1], ids[0]],
          reason: 'Unterschiedliche Zeiten: vormittags mit Kinderbetreuung, abends Treff.',
        },
      })
      expect(mark.statusCode, mark.body).toBe(201)
      expect(mark.json()).toMatchObject({
        services: open.services,
        intended: {
          reason: 'Unterschiedliche Zeiten: vormittags mit Kinderbetreuung, abends Treff.',
          decidedBy: 'Jonas Wagner',
        },
      })
      const listed = findPair(
        await overlaps(caseManager),
        'Frauen-Sprachtreff',
        'Sprachkurs für Frauen mit Kinderbetreuung',
      )
      expect(listed[0]?.intended?.reason).toBe(
        'Unterschiedliche Zeiten: vormittags mit Kinderbetreuung, abends Treff.',
      )
      expect(Date.now() - Date.parse(listed[0]?.intended?.decidedAt ?? '')).toBeLessThan(60_000)
      const undo = await coordinator.request({
        method: 'DELETE',
        url: `/api/services/overlaps/intended/${ids[1]}/${ids[0]}`,
      })
      expect(undo.statusCode, undo.body).toBe(204)
      expect(
        findPair(
          await overlaps(coordinator),
          'Frauen-Sprachtreff',
          'Sprachkurs für Frauen mit Kinderbetreuung',
        )[0]?.intended,
      ).toBeNull()
      expectProblem(
        await coordinator.request({
          method: 'DELETE',
          url: `/api/services/overlaps/intended/${ids[0]}/${ids[1]}`,
        }),
        404,
      )
      expect((await auditOf(ctx.database, ids[0])).map((row) => row.action).slice(-2)).toEqual([
        'service-overlap.intend',
        'service-overlap.undo',
      ])
    })

    it('lets only the steering side mark overlaps, and only real ones, with a reason', async () => {
      const open = (await overlaps(coordinator)).items.find((item) => item.intended === null) as Overlap
      const ids = open.services.map((service) => service.id)
      const mark = (session: TestSession, payload: object) =>
        session.request({ method: 'POST', url: '/api/services/overlaps/intended', payload })
      for (const session of [partner, caseManager])
        expectProblem(await mark(session, { serviceIds: ids, reason: 'Gewollt' }), 403)
      expectProblem(await mark(coordinator, { serviceIds: ids, reason: '' }), 400, 'body.reason')
      expectProblem(
        await mark(coordinator, { serviceIds: [ids[0], ids[0]], reason: 'Gewollt' }),
        400,
        'body.serviceIds',
      )
      expectProblem(
        await mark(coordinator, { serviceIds: ids, reason: 'x'.repeat(1001) }),
        400,
        'body.reason',
      )
      // Two services that do not overlap: the Jobcenter's and the Ausländerbehörde's.
      const jobcenter = (await list(coordinator, `?organisationId=${jobcenterId}`)).items[0] as Service
      const naturalisation = (await list(coordinator, '?domain=naturalisation')).items[0] as Service
      expectProblem(
        await mark(coordinator, { serviceIds: [jobcenter.id, naturalisation.id], reason: 'Gewollt' }),
        422,
        'body.serviceIds',
        'not-an-overlap',
      )
      expectProblem(
        await mark(coordinator, {
          serviceIds: [ids[0], '00000000-0000-4000-8000-000000000000'],
          reason: 'Gewollt',
        }),
        422,
        'body.serviceIds',
        'unknown-reference',
      )
      expectProblem(
        await partner.request({
          method: 'DELETE',
          url: `/api/services/overlaps/intended/${ids[0]}/${ids[1]}`,
        }),
        403,
      )
      const rows = await ctx.database.db.selectFrom('service_overlap_decision').selectAll().execute()
      expect(rows).toHaveLength(2)
    })

    it("keeps another district's overlaps apart", async () => {
      const lindenau = await overlaps(lindenauAdmin)
      expect(lindenau.items).toEqual([])
      expect(lindenau.can.decide).toBe(true)
    })
  })
})
