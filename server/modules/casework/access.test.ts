import { beforeAll, describe, expect, it } from 'vitest'
import type { Case, Person } from '../../../common/casework.ts'
import { useTestApp } from '../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../test/auth.ts'
import { databaseKinds } from '../../test/database.ts'
import {
  contactBody,
  createUser,
  expectProblem,
  municipalityIds,
  personWithCase,
  putSettings,
  teamIdByName,
} from './casework.test-helpers.ts'

type Filed = { person: Person; case: Case }

describe.each(databaseKinds)('who may see and work on cases on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let admin: TestSession
  let caseManager: TestSession
  let colleague: TestSession
  let teamLead: TestSession
  let southCaseManager: TestSession
  let lindenauCaseManager: TestSession
  let lindenauAdmin: TestSession
  let teamNord: string
  let own: Filed
  let teammates: Filed
  let southern: Filed
  let foreign: Filed

  beforeAll(async () => {
    admin = await loginAs(ctx.app, 'admin')
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    teamLead = await loginAs(ctx.app, 'teamleitung')
    southCaseManager = await loginAs(ctx.app, 'fallmanagement.sued')
    lindenauAdmin = await loginAs(ctx.app, 'admin.lindenau')
    teamNord = await teamIdByName(ctx.database, caseManager.districtId, 'Team Nord')
    await createUser(admin, 'zugriff.kollegin', ['case_manager'], [teamNord])
    colleague = await loginAs(ctx.app, 'zugriff.kollegin')
    await createUser(lindenauAdmin, 'zugriff.lindenau', ['case_manager'])
    lindenauCaseManager = await loginAs(ctx.app, 'zugriff.lindenau')
    const [municipality] = (await municipalityIds(ctx.database, caseManager.districtId)) as [string]
    const [lindenauMunicipality] = (await municipalityIds(ctx.database, lindenauAdmin.districtId)) as [string]
    own = await personWithCase(caseManager, municipality, { familyName: 'Eigen' })
    teammates = await personWithCase(colleague, municipality, { familyName: 'Kollegial' })
    southern = await personWithCase(southCaseManager, municipality, { familyName: 'Suedlich' })
    foreign = await personWithCase(lindenauCaseManager, lindenauMunicipality, { familyName: 'Fremd' })
  })

  const get = (session: TestSession, url: string) => session.request({ method: 'GET', url })
  const readCase = (session: TestSession, record: Filed) => get(session, `/api/cases/${record.case.id}`)
  const readPerson = (session: TestSession, record: Filed) => get(session, `/api/persons/${record.person.id}`)
  const listedIds = async (session: TestSession) => {
    const response = await get(session, '/api/cases?limit=200&phase=open')
    expect(response.statusCode, response.body).toBe(200)
    return (response.json().items as Case[]).map((item) => item.id)
  }
  const withTeamCasesHidden = async (check: () => Promise<void>) => {
    await putSettings(admin, { teamCasesVisibleToCaseManagers: false, residenceExpiryLeadDays: 90 })
    try {
      await check()
    } finally {
      await putSettings(admin, { teamCasesVisibleToCaseManagers: true, residenceExpiryLeadDays: 90 })
    }
  }

  it('lets a case manager read their own case and person', async () => {
    expect((await readCase(caseManager, own)).statusCode).toBe(200)
    expect((await readPerson(caseManager, own)).statusCode).toBe(200)
  })

  it("lets a case manager read a teammate's case and person while the district allows it", async () => {
    const response = await readCase(caseManager, teammates)
    expect(response.statusCode).toBe(200)
    // Readable, but not the reader's to work on.
    expect(response.json().abilities).toEqual({
      'case.read': true,
      'case.work': false,
      'case.record': false,
      'case.assign': false,
    })
    expect((await readPerson(caseManager, teammates)).statusCode).toBe(200)
  })

  it("refuses a teammate's case and person with 403 once the district keeps team cases apart", async () => {
    await withTeamCasesHidden(async () => {
      expectProblem(await readCase(caseManager, teammates), 403)
      expectProblem(await readPerson(caseManager, teammates), 403)
      expectProblem(await get(caseManager, `/api/cases/${teammates.case.id}/contacts`), 403)
      // The own case stays open, and the team lead still sees the whole team.
      expect((await readCase(caseManager, own)).statusCode).toBe(200)
      expect((await readCase(teamLead, teammates)).statusCode).toBe(200)
    })
  })

  it("refuses another team's case and person with 403", async () => {
    expectProblem(await readCase(caseManager, southern), 403)
    expectProblem(await readPerson(caseManager, southern), 403)
    expectProblem(await readCase(teamLead, southern), 403)
  })

  it("lets the team lead read the team's cases and persons", async () => {
    for (const record of [own, teammates]) {
      const response = await readCase(teamLead, record)
      expect(response.statusCode).toBe(200)
      expect(response.json().abilities).toEqual({
        'case.read': true,
        'case.work': false,
        'case.record': false,
        'case.assign': true,
      })
      expect((await readPerson(teamLead, record)).statusCode).toBe(200)
      expect((await get(teamLead, `/api/cases/${record.case.id}/contacts`)).statusCode).toBe(200)
    }
  })

  it('refuses the team lead a contact, a goal and a phase change with 403 and stores nothing', async () => {
    const attempts = [
      { url: `/api/cases/${own.case.id}/contacts`, payload: contactBody() },
      { url: `/api/cases/${own.case.id}/goals`, payload: { domain: 'work', statement: 'Arbeit finden' } },
      {
        url: `/api/cases/${own.case.id}/phase`,
        payload: { to: 'assessment' },
        headers: { 'if-match': '"1"' },
      },
    ]
    for (const attempt of attempts) {
      expectProblem(await teamLead.request({ method: 'POST', ...attempt }), 403)
    }
    for (const table of ['contact', 'goal'] as const) {
      const rows = await ctx.database.db
        .selectFrom(table)
        .select('id')
        .where('case_id', '=', own.case.id)
        .execute()
      expect(rows).toEqual([])
    }
    const row = await ctx.database.db
      .selectFrom('client_case')
      .select('phase')
      .where('id', '=', own.case.id)
      .executeTakeFirst()
    expect(row?.phase).toBe('intake')
  })

  it('refuses a teammate who may read the case a contact with 403', async () => {
    expectProblem(
      await caseManager.request({
        method: 'POST',
        url: `/api/cases/${teammates.case.id}/contacts`,
        payload: contactBody(),
      }),
      403,
    )
  })

  it.each(['admin', 'koordination', 'bericht', 'partner.jobcenter', 'datenschutz'])(
    'refuses %s cases, persons and the case list with 403',
    async (username) => {
      const session = await loginAs(ctx.app, username)
      expectProblem(await readCase(session, own), 403)
      expectProblem(await readPerson(session, own), 403)
      expectProblem(await get(session, `/api/cases/${own.case.id}/plan`), 403)
      expectProblem(await get(session, '/api/cases'), 403)
    },
  )

  it.each([
    'fallmanagement',
    'teamleitung',
    'admin',
    'koordination',
    'bericht',
    'partner.jobcenter',
    'datenschutz',
  ])("answers %s with 404 for another district's case and person", async (username) => {
    const session = await loginAs(ctx.app, username)
    for (const url of [
      `/api/cases/${foreign.case.id}`,
      `/api/cases/${foreign.case.id}/contacts`,
      `/api/cases/${foreign.case.id}/plan`,
      `/api/persons/${foreign.person.id}`,
    ]) {
      expectProblem(await get(session, url), 404)
    }
  })

  it("answers the other district's case manager and administrator with 404 for this district's records", async () => {
    for (const session of [lindenauCaseManager, lindenauAdmin]) {
      expectProblem(await readCase(session, own), 404)
      expectProblem(await readPerson(session, own), 404)
    }
    expectProblem(
      await lindenauCaseManager.request({
        method: 'POST',
        url: `/api/cases/${own.case.id}/contacts`,
        payload: contactBody(),
      }),
      404,
    )
  })

  it('audits an attempt on another district as denied', async () => {
    await readCase(lindenauCaseManager, own)
    const denied = await ctx.database.db
      .selectFrom('audit_event')
      .select(['outcome', 'district_id'])
      .where('actor_id', '=', lindenauCaseManager.userId)
      .where('outcome', '=', 'denied')
      .execute()
    expect(denied.length).toBeGreaterThan(0)
  })

  it('names the case or person that was tried in the audit entry of a refused read', async () => {
    const refusals = [
      // Another team's case in the own district: a plain refusal.
      {
        session: southCaseManager,
        url: `/api/cases/${own.case.id}`,
        status: 403,
        type: 'case',
        id: own.case.id,
      },
      {
        session: southCaseManager,
        url: `/api/persons/${own.person.id}`,
        status: 403,
        type: 'person',
        id: own.person.id,
      },
      // Another district's records: "not found", hidden by the policy.
      {
        session: lindenauCaseManager,
        url: `/api/cases/${own.case.id}`,
        status: 404,
        type: 'case',
        id: own.case.id,
      },
      {
        session: lindenauAdmin,
        url: `/api/persons/${own.person.id}`,
        status: 404,
        type: 'person',
        id: own.person.id,
      },
      {
        session: lindenauCaseManager,
        url: `/api/cases/${own.case.id}/timeline`,
        status: 404,
        type: 'case',
        id: own.case.id,
      },
    ]
    for (const [index, refusal] of refusals.entries()) {
      const requestId = `tried-record-${index}`
      const response = await refusal.session.request({
        method: 'GET',
        url: refusal.url,
        headers: { 'x-request-id': requestId },
      })
      expectProblem(response, refusal.status)
      const entries = await ctx.database.db
        .selectFrom('audit_event')
        .select(['outcome', 'actor_id', 'subject_type', 'subject_id'])
        .where('request_id', '=', requestId)
        .execute()
      expect(entries, refusal.url).toEqual([
        {
          outcome: 'denied',
          actor_id: refusal.session.userId,
          subject_type: refusal.type,
          subject_id: refusal.id,
        },
      ])
    }
  })

  it('lists only the cases each user may see', async () => {
    const ids = (record: Filed) => record.case.id
    const ofCaseManager = await listedIds(caseManager)
    expect(ofCaseManager).toEqual(expect.arrayContaining([ids(own), ids(teammates)]))
    expect(ofCaseManager).not.toContain(ids(southern))
    expect(ofCaseManager).not.toContain(ids(foreign))

    const ofTeamLead = await listedIds(teamLead)
    expect(ofTeamLead).toEqual(expect.arrayContaining([ids(own), ids(teammates)]))
    expect(ofTeamLead).not.toContain(ids(southern))

    const ofSouth = await listedIds(southCaseManager)
    expect(ofSouth).toContain(ids(southern))
    expect(ofSouth).not.toContain(ids(own))

    expect(await listedIds(lindenauCaseManager)).toEqual([ids(foreign)])

    await withTeamCasesHidden(async () => {
      const hidden = await listedIds(caseManager)
      expect(hidden).toContain(ids(own))
      expect(hidden).not.toContain(ids(teammates))
      expect(await listedIds(teamLead)).toEqual(expect.arrayContaining([ids(own), ids(teammates)]))
    })
  })

  it('lets the team lead hand a team case to another case manager of the team', async () => {
    const [municipality] = (await municipalityIds(ctx.database, caseManager.districtId)) as [string]
    const record = await personWithCase(colleague, municipality, { familyName: 'Uebergabe' })
    const response = await teamLead.request({
      method: 'PUT',
      url: `/api/cases/${record.case.id}`,
      payload: { municipalityId: municipality, teamId: teamNord, managerIds: [caseManager.userId] },
      headers: { 'if-match': `"${record.case.version}"` },
    })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json().managers).toEqual([{ id: caseManager.userId, displayName: 'Leyla Yıldız' }])
    expect((await readCase(caseManager, record)).json().abilities['case.work']).toBe(true)
  })

  it('answers a team lead who hands a case to another team with the new team and no read ability', async () => {
    const [municipality] = (await municipalityIds(ctx.database, caseManager.districtId)) as [string]
    const teamSued = await teamIdByName(ctx.database, caseManager.districtId, 'Team Süd')
    const record = await personWithCase(caseManager, municipality, { familyName: 'Teamwechsel' })
    const response = await teamLead.request({
      method: 'PUT',
      url: `/api/cases/${record.case.id}`,
      payload: { municipalityId: municipality, teamId: teamSued, managerIds: [southCaseManager.userId] },
      headers: { 'if-match': `"${record.case.version}"` },
    })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({
      reference: record.case.reference,
      teamName: 'Team Süd',
      abilities: { 'case.read': false, 'case.work': false, 'case.record': false, 'case.assign': false },
    })
    // What the answer says holds: the lead may no longer open it, the new team may.
    expectProblem(await readCase(teamLead, record), 403)
    expect((await readCase(southCaseManager, record)).json().abilities).toEqual({
      'case.read': true,
      'case.work': true,
      'case.record': true,
      'case.assign': true,
    })
  })
})
