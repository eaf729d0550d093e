import type ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Case, type CaseSummary, casePhases } from '../../../../common/casework.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import { loadWorkbook } from '../../../test/spreadsheets.ts'
import {
  advanceCase,
  changePhase,
  contactBody,
  createTeam,
  createUser,
  expectProblem,
  goalBody,
  isoDay,
  municipalityIds,
  noonUtc,
  personBody,
  personWithCase,
} from '../casework.test-helpers.ts'

type Page = { items: CaseSummary[]; total: number; limit: number; offset: number }

describe.each(databaseKinds)('the case list on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let listA: TestSession
  let listB: TestSession
  let teamListe: string
  let teamNord: string
  let m1: string
  let m2: string
  // C1 intake with a recent contact; C2 in assessment with a high need in work and an overdue task;
  // C3 closed; C4 (the teammate's) with a residence title running out and a housing goal.
  let c1: Case
  let c2: Case
  let c3: Case
  let c4: Case

  beforeAll(async () => {
    const admin = await loginAs(ctx.app, 'admin')
    teamListe = await createTeam(admin, 'Team Liste')
    teamNord = (await admin.request({ method: 'GET', url: '/api/teams' }))
      .json()
      .find((team: { name: string }) => team.name === 'Team Nord').id
    await createUser(admin, 'liste.a', ['case_manager'], [teamListe])
    await createUser(admin, 'liste.b', ['case_manager'], [teamListe])
    listA = await loginAs(ctx.app, 'liste.a')
    listB = await loginAs(ctx.app, 'liste.b')
    ;[m1, m2] = (await municipalityIds(ctx.database, listA.districtId)) as [string, string]

    c1 = (
      await personWithCase(listA, m1, {
        familyName: 'Haddad',
        givenNames: 'Mohammed',
        birthDate: '1980-05-05',
        sex: 'male',
      })
    ).case
    const contact = await listA.request({
      method: 'POST',
      url: `/api/cases/${c1.id}/contacts`,
      payload: contactBody({ occurredAt: noonUtc(-5) }),
    })
    expect(contact.statusCode, contact.body).toBe(201)

    c2 = (await personWithCase(listA, m2, { familyName: 'Petrenko', givenNames: 'Olga', birthDate: '1975' }))
      .case
    c2 = await advanceCase(listA, c2, 'assessment')
    const assessed = await listA.request({
      method: 'POST',
      url: `/api/cases/${c2.id}/assessments`,
      payload: {
        assessedOn: isoDay(-1),
        entries: [
          { domain: 'work', needLevel: 3 },
          { domain: 'housing', needLevel: 0 },
        ],
      },
    })
    expect(assessed.statusCode, assessed.body).toBe(201)
    const task = await listA.request({
      method: 'POST',
      url: '/api/tasks',
      payload: { title: 'Rückmeldung Anerkennungsstelle', dueOn: isoDay(-1), caseId: c2.id },
    })
    expect(task.statusCode, task.body).toBe(201)

    c3 = (
      await personWithCase(listA, m1, {
        familyName: 'Brandt',
        givenNames: 'Jonas',
        birthDate: '1969-11-11',
        sex: 'male',
      })
    ).case
    const closed = await changePhase(listA, c3.id, c3.version, {
      to: 'closed',
      closingReason: 'no-longer-needed',
    })
    expect(closed.statusCode, closed.body).toBe(200)
    c3 = closed.json()

    const amira = await personWithCase(listB, m2, {
      familyName: 'Saleh',
      givenNames: 'Amira',
      birthDate: '1992-02',
    })
    c4 = amira.case
    const status = await listB.request({
      method: 'POST',
      url: `/api/persons/${amira.person.id}/residence-statuses`,
      payload: { status: 'temporary-protection', legalParagraph: '§ 24 AufenthG', validUntil: isoDay(30) },
    })
    expect(status.statusCode, status.body).toBe(201)
    const goal = await listB.request({
      method: 'POST',
      url: `/api/cases/${c4.id}/goals`,
      payload: goalBody({ domain: 'housing', statement: 'Eigene Wohnung finden' }),
    })
    expect(goal.statusCode, goal.body).toBe(201)
  })

  const page = async (query = '', session = listA) => {
    const response = await session.request({
      method: 'GET',
      url: `/api/cases?limit=200${query ? `&${query}` : ''}`,
    })
    expect(response.statusCode, response.body).toBe(200)
    return response.json() as Page
  }
  const idsOf = async (query = '', session = listA) => {
    const result = await page(query, session)
    return result.items.map((item) => item.id).sort()
  }
  const sorted = (...cases: Case[]) => cases.map((kase) => kase.id).sort()

  it("lists the own and the team's cases with persons, managers and counts", async () => {
    const result = await page()
    expect(result.total).toBe(4)
    expect(result.items.map((item) => item.id).sort()).toEqual(sorted(c1, c2, c3, c4))
    const first = result.items.find((item) => item.id === c1.id)
    expect(first).toMatchObject({
      reference: c1.reference,
      phase: 'intake',
      municipalityId: m1,
      teamId: teamListe,
      teamName: 'Team Liste',
      managers: [{ id: listA.userId, displayName: 'Test liste.a' }],
      persons: [
        expect.objectContaining({ familyName: 'Haddad', givenNames: 'Mohammed', birthDate: '1980-05-05' }),
      ],
      lastContactOn: isoDay(-5),
      openTaskCount: 0,
      overdueTaskCount: 0,
    })
    expect(result.items.find((item) => item.id === c2.id)).toMatchObject({
      openTaskCount: 1,
      overdueTaskCount: 1,
    })
  })

  it.each([
    ['phase=open', ['c1', 'c2', 'c4']],
    ['phase=closed', ['c3']],
    ['phase=assessment', ['c2']],
    ['phase=intake', ['c1', 'c4']],
    ['municipality', ['c1', 'c3']],
    ['manager', ['c4']],
    ['team', ['c1', 'c2', 'c3', 'c4']],
    ['another team', []],
    ['domain=work', ['c2']],
    ['domain=housing', ['c4']],
    ['domain=language', []],
    ['overdueTasks=true', ['c2']],
    ['residenceExpiringWithinDays=60', ['c4']],
    ['residenceExpiringWithinDays=10', []],
  ])('filters by %s', async (label, expected) => {
    const queries: Record<string, string> = {
      municipality: `municipalityId=${m1}`,
      manager: `managerId=${listB.userId}`,
      team: `teamId=${teamListe}`,
      'another team': `teamId=${teamNord}`,
    }
    const byName: Record<string, Case> = { c1, c2, c3, c4 }
    const result = await page(queries[label] ?? label)
    expect(result.items.map((item) => item.id).sort()).toEqual(
      sorted(...expected.map((name) => byName[name] as Case)),
    )
    expect(result.total).toBe(expected.length)
  })

  it('does not filter when overdueTasks=false', async () => {
    expect(await idsOf('overdueTasks=false')).toEqual(sorted(c1, c2, c3, c4))
  })

  it('finds a case by another transliteration of a two-word name through the matcher', async () => {
    expect(await idsOf(`q=${encodeURIComponent('Muhammad Haddad')}`)).toEqual(sorted(c1))
  })

  it('finds a case by one word in another spelling, given or family name', async () => {
    expect(await idsOf('q=Muhammad')).toEqual(sorted(c1))
    expect(await idsOf('q=Hadad')).toEqual(sorted(c1))
    expect(await idsOf('q=Petrenko')).toEqual(sorted(c2))
  })

  it('finds a case by part of a name', async () => {
    expect(await idsOf('q=etrenk')).toEqual(sorted(c2))
    expect(await idsOf('q=Saleh')).toEqual(sorted(c4))
  })

  it('finds a case by its reference, on any page', async () => {
    expect(await idsOf(`q=${c3.reference}`)).toEqual(sorted(c3))
    const result = await listA.request({ method: 'GET', url: `/api/cases?limit=1&q=${c3.reference}` })
    expect(result.json()).toMatchObject({ total: 1, items: [expect.objectContaining({ id: c3.id })] })
    const [year, number] = c3.reference.split('-') as [string, string]
    expect(await idsOf(`q=${year}-${Number(number)}`)).toEqual(sorted(c3))
    expect(await idsOf(`q=${Number(year) - 1}-${number}`)).toEqual([])
  })

  it('finds nothing for a name nobody has', async () => {
    expect(await page('q=Zzyzxowski')).toMatchObject({ items: [], total: 0 })
  })

  it('sorts by reference and by name in both directions', async () => {
    const references = (await page('sort=reference&direction=asc')).items.map((item) => item.reference)
    expect(references).toEqual([...references].sort())
    const descending = (await page('sort=reference&direction=desc')).items.map((item) => item.reference)
    expect(descending).toEqual([...references].reverse())
    const names = (await page('sort=name&direction=asc')).items.map((item) => item.persons[0]?.familyName)
    expect(names).toEqual(['Brandt', 'Haddad', 'Petrenko', 'Saleh'])
  })

  it('sorts by phase in the order of the phases, not alphabetically', async () => {
    const phases = (await page('sort=phase&direction=asc')).items.map((item) => item.phase)
    expect(new Set(phases)).toEqual(new Set(['intake', 'assessment', 'closed']))
    expect(phases).toEqual([...phases].sort((a, b) => casePhases.indexOf(a) - casePhases.indexOf(b)))
    const descending = (await page('sort=phase&direction=desc')).items.map((item) => item.phase)
    expect(descending).toEqual([...phases].reverse())
  })

  it('keeps the name order when a person of a case is renamed', async () => {
    const first = (await page('sort=name&direction=asc')).items[0] as CaseSummary
    const personId = first.persons[0]?.id as string
    const rename = async (familyName: string) => {
      const person = (await listA.request({ method: 'GET', url: `/api/persons/${personId}` })).json()
      const body = {
        familyName,
        givenNames: person.givenNames,
        birthDate: person.birthDate,
        sex: person.sex,
        municipalityId: person.municipalityId,
      }
      const response = await listA.request({
        method: 'PUT',
        url: `/api/persons/${personId}`,
        payload: body,
        headers: { 'if-match': `"${person.version}"` },
      })
      expect(response.statusCode).toBe(200)
    }
    await rename('Zander')
    const names = (await page('sort=name&direction=asc')).items.map((item) => item.persons[0]?.familyName)
    expect(names.at(-1)).toBe('Zander')
    await rename('Brandt')
    expect((await page('sort=name&direction=asc')).items[0]?.id).toBe(first.id)
  })

  it('puts cases without contact last when sorting by last contact, newest first', async () => {
    const items = (await page('sort=last-contact&direction=desc')).items
    expect(items[0]?.id).toBe(c1.id)
  })

  it('pages with the total of all matching cases', async () => {
    const all = (await page('sort=reference&direction=asc')).items.map((item) => item.id)
    const at = async (offset: number) =>
      (
        await listA.request({
          method: 'GET',
          url: `/api/cases?sort=reference&direction=asc&limit=2&offset=${offset}`,
        })
      ).json() as Page
    const [one, two, three] = [await at(0), await at(2), await at(4)]
    expect(one).toMatchObject({ total: 4, limit: 2, offset: 0 })
    expect(two).toMatchObject({ total: 4, limit: 2, offset: 2 })
    expect(three.items).toEqual([])
    expect([...one.items, ...two.items].map((item) => item.id)).toEqual(all)
  })

  it('refuses a limit above 200 and an unknown phase next to the query field', async () => {
    expectProblem(
      await listA.request({ method: 'GET', url: '/api/cases?limit=500' }),
      400,
      'querystring.limit',
    )
    expectProblem(
      await listA.request({ method: 'GET', url: '/api/cases?phase=archived' }),
      400,
      'querystring.phase',
    )
  })

  it('lists the case managers of the district with their teams', async () => {
    const managers = (await listA.request({ method: 'GET', url: '/api/case-managers' })).json()
    expect(managers).toEqual(
      expect.arrayContaining([
        { id: listA.userId, displayName: 'Test liste.a', teamIds: [teamListe] },
        { id: listB.userId, displayName: 'Test liste.b', teamIds: [teamListe] },
      ]),
    )
    expect(managers.map((manager: { displayName: string }) => manager.displayName)).not.toContain(
      'Anna Becker',
    )
  })

  describe('saved views', () => {
    const views = async (session = listA) =>
      (await session.request({ method: 'GET', url: '/api/case-views' })).json() as {
        id: string
        name: string
      }[]

    it('saves, lists and deletes a view with its filters', async () => {
      const created = await listA.request({
        method: 'POST',
        url: '/api/case-views',
        payload: {
          name: 'Offen in Alfter',
          filters: { phase: 'open', municipalityId: m1, overdueTasks: true, limit: 20 },
        },
      })
      expect(created.statusCode, created.body).toBe(201)
      const view = created.json()
      expect(view).toEqual({
        id: expect.any(String),
        name: 'Offen in Alfter',
        filters: { phase: 'open', municipalityId: m1, overdueTasks: true, limit: 20 },
      })
      expect(await views()).toEqual([view])
      expect(await views(listB)).toEqual([])

      expectProblem(await listB.request({ method: 'DELETE', url: `/api/case-views/${view.id}` }), 404)
      const deleted = await listA.request({ method: 'DELETE', url: `/api/case-views/${view.id}` })
      expect(deleted.statusCode).toBe(204)
      expect(await views()).toEqual([])
      expectProblem(await listA.request({ method: 'DELETE', url: `/api/case-views/${view.id}` }), 404)
    })

    it('refuses a second view of the same name with 409', async () => {
      const payload = { name: 'Meine Überfälligen', filters: { overdueTasks: true } }
      expect((await listA.request({ method: 'POST', url: '/api/case-views', payload })).statusCode).toBe(201)
      expectProblem(
        await listA.request({ method: 'POST', url: '/api/case-views', payload }),
        409,
        'body.name',
        'name-taken',
      )
      expect((await views()).filter((view) => view.name === payload.name)).toHaveLength(1)
      // Another user may use the same name.
      expect((await listB.request({ method: 'POST', url: '/api/case-views', payload })).statusCode).toBe(201)
    })
  })

  describe('export', () => {
    const exported = async (query: string, language?: string) => {
      const response = await listA.request({
        method: 'GET',
        url: `/api/cases/export.xlsx${query}`,
        headers: language ? { 'accept-language': language } : {},
      })
      const workbook = await loadWorkbook(response)
      expect(String(response.headers['content-disposition'])).toMatch(
        /^attachment; filename="faelle-\d{4}-\d{2}-\d{2}\.xlsx"$/,
      )
      return workbook
    }

    it('exports the filtered list as a workbook with German headers by default', async () => {
      const workbook = await exported('?phase=open&sort=reference&direction=asc')
      const sheet = workbook.getWorksheet('Fälle') as ExcelJS.Worksheet
      expect(sheet).toBeDefined()
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
        'Aktenzeichen',
        'Personen',
        'Geburtsdatum',
        'Phase',
        'Kommune',
        'Team',
        'Fallverantwortung',
        'Eröffnet',
        'Letzter Kontakt',
        'Offene Wiedervorlagen',
        'Überfällig',
      ])
      expect(sheet.rowCount).toBe(1 + 3)
      const references = [2, 3, 4].map((row) => sheet.getRow(row).getCell(1).value)
      expect(references).toEqual([c1, c2, c4].map((kase) => kase.reference).sort())
      const petrenko = [2, 3, 4]
        .map((row) => sheet.getRow(row))
        .find((row) => row.getCell(1).value === c2.reference)
      expect(petrenko?.getCell(2).value).toBe('Petrenko, Olga')
      expect(petrenko?.getCell(4).value).toBe('Assessment')
      expect(petrenko?.getCell(11).value).toBe(1)
    })

    it('writes English headers for an English browser', async () => {
      const workbook = await exported('', 'en-GB,en;q=0.9')
      const sheet = workbook.getWorksheet('Cases') as ExcelJS.Worksheet
      expect(sheet.getRow(1).getCell(1).value).toBe('Reference')
      expect(sheet.rowCount).toBe(1 + 4)
    })

    it('refuses the export to roles outside case work', async () => {
      const coordinator = await loginAs(ctx.app, 'koordination')
      expectProblem(await coordinator.request({ method: 'GET', url: '/api/cases/export.xlsx' }), 403)
    })
  })

  // Last, since it adds a case that the other tests' exact lists do not expect.
  it('finds a case by one word under the new name once its person is renamed, no longer under the old one', async () => {
    const renamed = await personWithCase(listA, m1, {
      familyName: 'Wozniak',
      givenNames: 'Kasia',
      birthDate: '1991',
    })
    expect(await idsOf('q=Wozniak')).toContain(renamed.case.id)
    const changed = await listA.request({
      method: 'PUT',
      url: `/api/persons/${renamed.person.id}`,
      payload: personBody(m1, { familyName: 'Kowalczyk', givenNames: 'Kasia', birthDate: '1991' }),
      headers: { 'if-match': `"${renamed.person.version}"` },
    })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(await idsOf('q=Kowalczyk')).toContain(renamed.case.id)
    expect(await idsOf('q=Wozniak')).not.toContain(renamed.case.id)
  })
})
