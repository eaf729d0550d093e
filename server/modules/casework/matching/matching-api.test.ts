import { beforeAll, describe, expect, it } from 'vitest'
import type { MatchCandidateView, Person } from '../../../../common/casework.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import {
  auditOf,
  createUser,
  expectProblem,
  isoDay,
  municipalityIds,
  openCase,
  putSettings,
  registerPerson,
  teamIdByName,
} from '../casework.test-helpers.ts'

type Name = { familyName: string; givenNames: string; birthDate: string }

describe.each(databaseKinds)('duplicate check and merge on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let admin: TestSession
  let caseManager: TestSession
  let southCaseManager: TestSession
  let municipality: string
  let teamNord: string

  beforeAll(async () => {
    admin = await loginAs(ctx.app, 'admin')
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    southCaseManager = await loginAs(ctx.app, 'fallmanagement.sued')
    ;[municipality] = (await municipalityIds(ctx.database, caseManager.districtId)) as [string]
    teamNord = await teamIdByName(ctx.database, caseManager.districtId, 'Team Nord')
  })

  const match = async (session: TestSession, query: Partial<Name>) => {
    const response = await session.request({ method: 'POST', url: '/api/persons/match', payload: query })
    expect(response.statusCode, response.body).toBe(200)
    return response.json().candidates as MatchCandidateView[]
  }
  const register = (session: TestSession, name: Name) => registerPerson(session, municipality, { ...name })
  const candidateFor = (candidates: MatchCandidateView[], person: Person) =>
    candidates.find((candidate) => candidate.personId === person.id)

  it.each<[string, Name, Name]>([
    [
      'Mohammed and Muhammad',
      { familyName: 'Haddad', givenNames: 'Mohammed', birthDate: '1985-04-12' },
      { familyName: 'Haddad', givenNames: 'Muhammad', birthDate: '1985-04-12' },
    ],
    [
      'Oleksandr and Alexander',
      { familyName: 'Kovalenko', givenNames: 'Oleksandr', birthDate: '1979-09-02' },
      { familyName: 'Kovalenko', givenNames: 'Alexander', birthDate: '1979-09-02' },
    ],
    [
      'Ševčenko and Shevchenko',
      { familyName: 'Ševčenko', givenNames: 'Taras', birthDate: '1991-03-09' },
      { familyName: 'Shevchenko', givenNames: 'Taras', birthDate: '1991-03-09' },
    ],
    [
      'Ševčenko and Schewtschenko',
      { familyName: 'Ševčenko', givenNames: 'Mykola', birthDate: '1992-07-21' },
      { familyName: 'Schewtschenko', givenNames: 'Mykola', birthDate: '1992-07-21' },
    ],
    [
      'Shevchenko and Schewtschenko',
      { familyName: 'Shevchenko', givenNames: 'Oksana', birthDate: '1994-11-30' },
      { familyName: 'Schewtschenko', givenNames: 'Oksana', birthDate: '1994-11-30' },
    ],
    [
      'Şahin and Sahin',
      { familyName: 'Şahin', givenNames: 'Emre', birthDate: '1987-06-15' },
      { familyName: 'Sahin', givenNames: 'Emre', birthDate: '1987-06-15' },
    ],
    [
      'Öztürk and Oeztuerk',
      { familyName: 'Öztürk', givenNames: 'Ayşe', birthDate: '1983-02-28' },
      { familyName: 'Oeztuerk', givenNames: 'Ayse', birthDate: '1983-02-28' },
    ],
    [
      'Al-Hassan and Alhassan',
      { familyName: 'Al-Hassan', givenNames: 'Omar', birthDate: '1996-10-05' },
      { familyName: 'Alhassan', givenNames: 'Omar', birthDate: '1996-10-05' },
    ],
    [
      'family and given names swapped',
      { familyName: 'Nasser', givenNames: 'Karim', birthDate: '1990-08-17' },
      { familyName: 'Karim', givenNames: 'Nasser', birthDate: '1990-08-17' },
    ],
    [
      'the placeholder 1 January against the year only',
      { familyName: 'Tesfaye', givenNames: 'Abeba', birthDate: '1990-01-01' },
      { familyName: 'Tesfaye', givenNames: 'Abeba', birthDate: '1990' },
    ],
    [
      'the year only against the placeholder 1 January',
      { familyName: 'Haile', givenNames: 'Dawit', birthDate: '1993' },
      { familyName: 'Haile', givenNames: 'Dawit', birthDate: '1993-01-01' },
    ],
  ])('finds a registered person spelt differently: %s', async (_label, registered, query) => {
    const person = await register(caseManager, registered)
    const candidate = candidateFor(await match(caseManager, query), person)
    expect(candidate).toMatchObject({
      personId: person.id,
      visible: true,
      person: { id: person.id, familyName: person.familyName, givenNames: person.givenNames },
    })
    expect(candidate?.score).toBeGreaterThan(0)
    expect(candidate?.reasons.length).toBeGreaterThan(0)
  })

  it('ranks the exact record first among spellings of the same name', async () => {
    const exact = await register(caseManager, {
      familyName: 'Rahimi',
      givenNames: 'Farid',
      birthDate: '1982-12-03',
    })
    const candidates = await match(caseManager, {
      familyName: 'Rahimi',
      givenNames: 'Farid',
      birthDate: '1982-12-03',
    })
    expect(candidates[0]?.personId).toBe(exact.id)
    const scores = candidates.map((candidate) => candidate.score)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
  })

  it('does not offer a person of the same name with another full birth date', async () => {
    const other = await register(caseManager, {
      familyName: 'Amini',
      givenNames: 'Samir',
      birthDate: '1985-04-12',
    })
    const candidates = await match(caseManager, {
      familyName: 'Amini',
      givenNames: 'Samir',
      birthDate: '1979-11-03',
    })
    expect(candidateFor(candidates, other)).toBeUndefined()
  })

  it("shows only the team to ask for a person in another team's caseload", async () => {
    const southern = await register(southCaseManager, {
      familyName: 'Bakr',
      givenNames: 'Yasmin',
      birthDate: '1998-05-23',
    })
    await openCase(southCaseManager, [southern.id], municipality)
    const candidate = candidateFor(
      await match(caseManager, { familyName: 'Bakr', givenNames: 'Yasmin', birthDate: '1998-05-23' }),
      southern,
    )
    expect(candidate).toEqual({
      personId: southern.id,
      score: expect.any(Number),
      reasons: expect.any(Array),
      visible: false,
      person: null,
      contactTeams: [{ id: expect.any(String), name: 'Team Süd' }],
    })
    // And the record itself stays closed to the other team.
    expectProblem(await caseManager.request({ method: 'GET', url: `/api/persons/${southern.id}` }), 403)
  })

  it("hides a teammate's person when the district keeps team cases apart, and shows it when it does not", async () => {
    await createUser(admin, 'abgleich.kollegin', ['case_manager'], [teamNord])
    const colleague = await loginAs(ctx.app, 'abgleich.kollegin')
    const person = await register(colleague, {
      familyName: 'Darwish',
      givenNames: 'Hana',
      birthDate: '1989-09-09',
    })
    await openCase(colleague, [person.id], municipality)
    const query = { familyName: 'Darwish', givenNames: 'Hana', birthDate: '1989-09-09' }
    await putSettings(admin, { teamCasesVisibleToCaseManagers: false, residenceExpiryLeadDays: 90 })
    try {
      expect(candidateFor(await match(caseManager, query), person)).toMatchObject({
        visible: false,
        person: null,
        contactTeams: [{ id: teamNord, name: 'Team Nord' }],
      })
    } finally {
      await putSettings(admin, { teamCasesVisibleToCaseManagers: true, residenceExpiryLeadDays: 90 })
    }
    expect(candidateFor(await match(caseManager, query), person)).toMatchObject({
      visible: true,
      person: { id: person.id, familyName: 'Darwish' },
    })
  })

  it('shows a case manager without a team only the team to ask', async () => {
    await createUser(admin, 'abgleich.ohneteam', ['case_manager'])
    const teamless = await loginAs(ctx.app, 'abgleich.ohneteam')
    const person = await register(caseManager, {
      familyName: 'Osman',
      givenNames: 'Idris',
      birthDate: '1975-03-30',
    })
    const candidate = candidateFor(
      await match(teamless, { familyName: 'Osman', givenNames: 'Idris', birthDate: '1975-03-30' }),
      person,
    )
    expect(candidate).toMatchObject({
      visible: false,
      person: null,
      contactTeams: [{ id: teamNord, name: 'Team Nord' }],
    })
  })

  it('audits a match request without the name searched for', async () => {
    await match(caseManager, { familyName: 'Zwirnemann', givenNames: 'Ludmila' })
    const rows = await ctx.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'person.match')
      .where('actor_id', '=', caseManager.userId)
      .execute()
    expect(rows.length).toBeGreaterThan(0)
    expect(JSON.stringify(rows)).not.toContain('Zwirnemann')
  })

  it('refuses the duplicate check to roles outside case work', async () => {
    for (const username of ['koordination', 'bericht', 'partner.jobcenter', 'datenschutz']) {
      const session = await loginAs(ctx.app, username)
      const response = await session.request({
        method: 'POST',
        url: '/api/persons/match',
        payload: { familyName: 'Haddad', givenNames: 'Mohammed' },
      })
      expectProblem(response, 403)
    }
  })

  describe('merging a duplicate', () => {
    let survivor: Person
    let duplicate: Person
    let caseId: string
    let taskId: string

    beforeAll(async () => {
      survivor = await register(caseManager, {
        familyName: 'Yusuf',
        givenNames: 'Amina',
        birthDate: '1986-07-14',
      })
      duplicate = await register(caseManager, {
        familyName: 'Jusuf',
        givenNames: 'Amina',
        birthDate: '1986-07-14',
      })
      caseId = (await openCase(caseManager, [duplicate.id], municipality)).id
      const status = await caseManager.request({
        method: 'POST',
        url: `/api/persons/${duplicate.id}/residence-statuses`,
        payload: {
          status: 'residence-permit',
          legalParagraph: '§ 25 Abs. 2 AufenthG',
          validUntil: isoDay(400),
        },
      })
      expect(status.statusCode, status.body).toBe(201)
      const task = await caseManager.request({
        method: 'POST',
        url: '/api/tasks',
        payload: { title: 'Unterlagen anfordern', dueOn: isoDay(7), personId: duplicate.id },
      })
      expect(task.statusCode, task.body).toBe(201)
      taskId = task.json().id
    })

    it('offers the duplicate in the duplicate check before the merge', async () => {
      const candidates = await match(caseManager, {
        familyName: 'Yusuf',
        givenNames: 'Amina',
        birthDate: '1986-07-14',
      })
      expect(candidateFor(candidates, duplicate)).toBeDefined()
    })

    it("moves the duplicate's cases, tasks and residence statuses to the survivor", async () => {
      const response = await caseManager.request({
        method: 'POST',
        url: `/api/persons/${survivor.id}/merge`,
        payload: { duplicatePersonId: duplicate.id, reason: 'registered-twice' },
      })
      expect(response.statusCode, response.body).toBe(200)
      const merged = response.json() as Person
      expect(merged.id).toBe(survivor.id)
      expect(merged.caseIds).toEqual([caseId])
      expect(merged.residenceStatuses).toEqual([
        expect.objectContaining({ status: 'residence-permit', validUntil: isoDay(400) }),
      ])
      expect(merged.otherSpellings).toContain('Amina Jusuf')

      const kase = (await caseManager.request({ method: 'GET', url: `/api/cases/${caseId}` })).json()
      expect(kase.persons.map((person: { id: string }) => person.id)).toEqual([survivor.id])
      const task = await ctx.database.db
        .selectFrom('task')
        .select('person_id')
        .where('id', '=', taskId)
        .executeTakeFirst()
      expect(task?.person_id).toBe(survivor.id)
      const left = await ctx.database.db
        .selectFrom('residence_status')
        .select('id')
        .where('person_id', '=', duplicate.id)
        .execute()
      expect(left).toEqual([])
      const row = await ctx.database.db
        .selectFrom('person')
        .select('merged_into')
        .where('id', '=', duplicate.id)
        .executeTakeFirst()
      expect(row?.merged_into).toBe(survivor.id)
    })

    it('answers a read of the duplicate with the survivor', async () => {
      const response = await caseManager.request({ method: 'GET', url: `/api/persons/${duplicate.id}` })
      expect(response.statusCode).toBe(200)
      expect(response.json()).toMatchObject({ id: survivor.id, familyName: 'Yusuf' })
    })

    it('audits the merge for both persons with the reason code', async () => {
      for (const id of [survivor.id, duplicate.id]) {
        const merges = (await auditOf(ctx.database, id)).filter((row) => row.action === 'person.merge')
        expect(merges).toEqual([
          expect.objectContaining({
            actor_id: caseManager.userId,
            purpose: 'registered-twice',
            outcome: 'success',
          }),
        ])
      }
    })

    it('no longer offers the duplicate, but finds the survivor by its spelling', async () => {
      const candidates = await match(caseManager, {
        familyName: 'Jusuf',
        givenNames: 'Amina',
        birthDate: '1986-07-14',
      })
      expect(candidateFor(candidates, duplicate)).toBeUndefined()
      expect(candidateFor(candidates, survivor)).toBeDefined()
    })

    it('refuses to merge the duplicate a second time', async () => {
      const response = await caseManager.request({
        method: 'POST',
        url: `/api/persons/${survivor.id}/merge`,
        payload: { duplicatePersonId: duplicate.id, reason: 'registered-twice' },
      })
      expectProblem(response, 422, 'body.duplicatePersonId', 'merge-same-person')
    })
  })
})
