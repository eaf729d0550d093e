import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import {
  auditOf,
  countRows,
  expectProblem,
  isoDay,
  municipalityIds,
  personBody,
  registerPerson,
} from '../casework.test-helpers.ts'

describe.each(databaseKinds)('persons on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let caseManager: TestSession
  let municipality: string

  beforeAll(async () => {
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    ;[municipality] = (await municipalityIds(ctx.database, caseManager.districtId)) as [string]
  })

  const post = (payload: Record<string, unknown>) =>
    caseManager.request({ method: 'POST', url: '/api/persons', payload })
  const read = (id: string) => caseManager.request({ method: 'GET', url: `/api/persons/${id}` })
  const personRow = (id: string) =>
    ctx.database.db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

  it.each(['1988-03-14', '1988-03', '1988'])(
    'registers a person from the minimal body with the birth date %s and reads back the same record',
    async (birthDate) => {
      const response = await post({
        familyName: 'Petrova',
        givenNames: 'Irina',
        birthDate,
        sex: 'female',
        municipalityId: municipality,
      })
      expect(response.statusCode, response.body).toBe(201)
      const created = response.json()
      expect(created).toMatchObject({
        familyName: 'Petrova',
        givenNames: 'Irina',
        birthDate,
        birthDateIsPlaceholder: false,
        sex: 'female',
        municipalityId: municipality,
        birthName: null,
        otherSpellings: [],
        nameInOriginalScript: null,
        nationalities: [],
        languages: [],
        address: { street: '', postcode: '', city: '' },
        arrivalDate: null,
        legalSphere: 'none',
        residenceStatuses: [],
        household: [],
        caseIds: [],
        version: 1,
        abilities: { 'person.update': true, 'person.merge': true },
      })
      const again = await read(created.id)
      expect(again.statusCode).toBe(200)
      expect(again.json()).toEqual(created)
      expect((await personRow(created.id)).birth_date).toBe(birthDate)
    },
  )

  it('marks 1 January as a placeholder birth date without changing it', async () => {
    const person = await registerPerson(caseManager, municipality, { birthDate: '1990-01-01' })
    expect(person).toMatchObject({ birthDate: '1990-01-01', birthDateIsPlaceholder: true })
  })

  it('stores a decomposed name in NFC', async () => {
    const decomposed = 'S\u030cevc\u030cenko'
    const person = await registerPerson(caseManager, municipality, {
      familyName: decomposed,
      givenNames: 'Taras',
    })
    expect(person.familyName).toBe('\u0160ev\u010denko')
    const row = await personRow(person.id)
    expect(row.family_name).toBe('\u0160ev\u010denko')
    expect(row.family_name).toBe(row.family_name.normalize('NFC'))
  })

  it('refuses Arabic script in the family name next to body.familyName and stores nothing', async () => {
    const before = await countRows(ctx.database, 'person')
    const response = await post(personBody(municipality, { familyName: 'حداد' }))
    expectProblem(response, 400, 'body.familyName', 'name-characters-not-allowed')
    expect(await countRows(ctx.database, 'person')).toBe(before)
  })

  it('accepts Arabic script as the name in original script', async () => {
    const person = await registerPerson(caseManager, municipality, {
      familyName: 'Haddad',
      givenNames: 'Samira',
      nameInOriginalScript: 'سميرة حداد',
    })
    expect(person.nameInOriginalScript).toBe('سميرة حداد')
    expect((await read(person.id)).json().nameInOriginalScript).toBe('سميرة حداد')
  })

  it.each([
    ['the given names', { givenNames: 'Lena 😀' }, 'body.givenNames'],
    ['the family name', { familyName: 'Berger🙂' }, 'body.familyName'],
    ['the name in original script', { nameInOriginalScript: 'لينا 😀' }, 'body.nameInOriginalScript'],
  ])('refuses an emoji in %s', async (_label, overrides, path) => {
    const before = await countRows(ctx.database, 'person')
    expectProblem(await post(personBody(municipality, overrides)), 400, path, 'name-characters-not-allowed')
    expect(await countRows(ctx.database, 'person')).toBe(before)
  })

  it.each([
    ['30 February', '1990-02-30', 'date-impossible'],
    ['month 13', '1990-13', 'date-impossible'],
    ['a year before 1900', '1899', 'date-too-early'],
    ['a birth date in the future', String(Number(isoDay().slice(0, 4)) + 1), 'date-in-future'],
    ['a German date', '14.03.1988', 'date-malformed'],
  ])('refuses %s as birth date next to body.birthDate', async (_label, birthDate, message) => {
    const before = await countRows(ctx.database, 'person')
    expectProblem(await post(personBody(municipality, { birthDate })), 400, 'body.birthDate', message)
    expect(await countRows(ctx.database, 'person')).toBe(before)
  })

  it('refuses an arrival before the birth next to body.arrivalDate and stores nothing', async () => {
    const before = await countRows(ctx.database, 'person')
    const response = await post(personBody(municipality, { birthDate: '2001-05', arrivalDate: '2001-04-30' }))
    expectProblem(response, 400, 'body.arrivalDate', 'birth-after-arrival')
    expect(await countRows(ctx.database, 'person')).toBe(before)
  })

  it('accepts an arrival in the month of a year-and-month birth date', async () => {
    const person = await registerPerson(caseManager, municipality, {
      birthDate: '2001-05',
      arrivalDate: '2001-05-31',
    })
    expect(person.arrivalDate).toBe('2001-05-31')
  })

  it('refuses an arrival in the future next to body.arrivalDate', async () => {
    const before = await countRows(ctx.database, 'person')
    const response = await post(personBody(municipality, { arrivalDate: isoDay(2) }))
    expectProblem(response, 400, 'body.arrivalDate', 'date-in-future')
    expect(await countRows(ctx.database, 'person')).toBe(before)
  })

  it('audits every read of a person with its id and without any name', async () => {
    const person = await registerPerson(caseManager, municipality, {
      familyName: 'Quellenbrink',
      givenNames: 'Ottilie',
      birthName: 'Auenhagen',
    })
    await read(person.id)
    await read(person.id)
    const reads = (await auditOf(ctx.database, person.id)).filter((row) => row.action === 'person.read')
    expect(reads).toHaveLength(2)
    expect(reads[0]).toMatchObject({
      actor_id: caseManager.userId,
      subject_type: 'person',
      subject_id: person.id,
      outcome: 'success',
    })
    // No column of any audit row, of any action, carries the person's names.
    const everything = JSON.stringify(await ctx.database.db.selectFrom('audit_event').selectAll().execute())
    for (const name of ['Quellenbrink', 'Ottilie', 'Auenhagen']) expect(everything).not.toContain(name)
  })

  it('finds a person in the duplicate check by their birth name', async () => {
    const person = await registerPerson(caseManager, municipality, {
      familyName: 'Quellwitz-Brandt',
      givenNames: 'Marlene',
      birthName: 'Sonnenfeld',
      birthDate: '1979-06-02',
    })
    const response = await caseManager.request({
      method: 'POST',
      url: '/api/persons/match',
      payload: { familyName: 'Sonnenfeld', givenNames: 'Marlene', birthDate: '1979-06-02' },
    })
    expect(response.statusCode, response.body).toBe(200)
    const candidates = response.json().candidates as { personId: string }[]
    expect(candidates.map((candidate) => candidate.personId)).toContain(person.id)
  })

  it('links a household member in both directions', async () => {
    const mother = await registerPerson(caseManager, municipality, {
      familyName: 'Rahmani',
      givenNames: 'Leila',
    })
    const son = await registerPerson(caseManager, municipality, {
      familyName: 'Rahmani',
      givenNames: 'Samir',
      birthDate: '2012-09',
      sex: 'male',
    })
    const linked = await caseManager.request({
      method: 'POST',
      url: `/api/persons/${mother.id}/household`,
      payload: { relatedPersonId: son.id, relation: 'child' },
    })
    expect(linked.statusCode, linked.body).toBe(200)
    expect(linked.json().household).toEqual([
      {
        personId: son.id,
        relation: 'child',
        familyName: 'Rahmani',
        givenNames: 'Samir',
        birthDate: '2012-09',
      },
    ])
    expect((await read(son.id)).json().household).toEqual([
      expect.objectContaining({ personId: mother.id, relation: 'parent' }),
    ])
  })

  it('refuses a change without If-Match with 428 and changes nothing', async () => {
    const person = await registerPerson(caseManager, municipality, { familyName: 'Vogt' })
    const response = await caseManager.request({
      method: 'PUT',
      url: `/api/persons/${person.id}`,
      payload: personBody(municipality, { familyName: 'Vogel' }),
    })
    expectProblem(response, 428)
    expect(await personRow(person.id)).toMatchObject({ family_name: 'Vogt', version: 1 })
  })

  it('changes a person with the current version and refuses the stale one with 409, keeping the first change', async () => {
    const person = await registerPerson(caseManager, municipality, { familyName: 'Lorenz' })
    const put = (familyName: string, version: number) =>
      caseManager.request({
        method: 'PUT',
        url: `/api/persons/${person.id}`,
        payload: personBody(municipality, { familyName }),
        headers: { 'if-match': `"${version}"` },
      })
    const first = await put('Lorentz', 1)
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json()).toMatchObject({ familyName: 'Lorentz', version: 2 })
    expectProblem(await put('Lohrenz', 1), 409)
    expect(await personRow(person.id)).toMatchObject({ family_name: 'Lorentz', version: 2 })
    const audit = (await auditOf(ctx.database, person.id)).map((row) => row.action)
    expect(audit.filter((action) => action === 'person.update')).toHaveLength(1)
  })
})
