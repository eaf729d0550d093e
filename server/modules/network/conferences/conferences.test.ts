import { beforeAll, describe, expect, it } from 'vitest'
import type { Case, Person, Task } from '../../../../common/casework.ts'
import type { Conference, ConferenceDraft, ConferenceListItem } from '../../../../common/conference.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import {
  auditOf,
  countAll,
  createUser,
  expectProblem,
  goalBody,
  isoDay,
  municipalityIds,
  openCase,
  registerPerson,
} from '../../casework/casework.test-helpers.ts'
import { ageGroupOf, draftSummary, identifyingParts } from './conference.summary.ts'

const conferenceTables = [
  'case_conference',
  'case_conference_participant',
  'case_conference_action',
  'task',
] as const

describe('the pseudonymised summary', () => {
  it('puts people into age groups at the conference day, from full and partial birth dates', () => {
    expect(ageGroupOf('2020-06-01', '2026-05-31')).toBe('0-5')
    expect(ageGroupOf('2020-06-01', '2026-06-01')).toBe('6-17')
    expect(ageGroupOf('2000', '2026-12-07')).toBe('18-26')
    expect(ageGroupOf('1999-12', '2026-12-07')).toBe('27-44')
    expect(ageGroupOf('1950-01-01', '2026-12-07')).toBe('65+')
  })

  it('drafts household, age groups, needs and open goals, and nothing else', () => {
    const text = draftSummary(
      {
        birthDates: ['1988-03-14', '2015-06'],
        needs: [
          { domain: 'language', needLevel: 3 },
          { domain: 'housing', needLevel: 2 },
          { domain: 'health', needLevel: 0 },
        ],
        goalDomains: ['language'],
      },
      '2026-12-07',
      'de',
    )
    expect(text).toBe(
      [
        'Haushalt mit 2 Personen. Altersgruppen: 27–44 Jahre, 6–17 Jahre.',
        'Bedarfe laut letzter Einschätzung: Sprache: hoher Bedarf; Wohnen: mittlerer Bedarf.',
        'Offene Ziele in: Sprache.',
      ].join('\n'),
    )
  })

  it('finds names, birth dates, addresses and case numbers in an edited text', () => {
    const identifiers = {
      reference: '2026-0042',
      personIds: ['6b1f0c1e-1111-4aaa-8bbb-123456789abc'],
      names: ['Al-Hassan', 'Mohammad Ali'],
      birthDates: ['1987-04-09'],
      addresses: ['Kaiserstraße 12', '53721'],
    }
    expect(identifyingParts('Eine Person, 27–44 Jahre, hoher Bedarf Sprache.', identifiers)).toEqual([])
    expect(identifyingParts('Herr Hassan (09.04.1987) aus 53721, Fall 2026-0042', identifiers)).toEqual([
      'address',
      'birth-date',
      'case-reference',
      'name',
    ])
    // A name inside another word is no name: "Alimente" does not name "Ali".
    expect(identifyingParts('Alimente werden gezahlt.', identifiers)).toEqual([])
  })
})

describe.each(databaseKinds)('case conferences on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let caseManager: TestSession
  let otherCaseManager: TestSession
  let coordinator: TestSession
  let teamLead: TestSession
  let municipality: string
  let jobcenter: string
  let caritas: string
  let sozialamt: string
  let person: Person
  let child: Person
  let kase: Case

  const organisation = async (name: string) =>
    (
      await ctx.database.db
        .selectFrom('organisation')
        .select('id')
        .where('district_id', '=', caseManager.districtId)
        .where('name', '=', name)
        .executeTakeFirstOrThrow()
    ).id
  const consent = async (
    personId: string,
    organisationIds: string[],
    overrides: Record<string, unknown> = {},
  ) => {
    const response = await caseManager.request({
      method: 'POST',
      url: `/api/persons/${personId}/consents`,
      payload: {
        recipientOrganisationIds: organisationIds,
        purposes: ['case-conference'],
        dataCategories: ['case-plan'],
        validFrom: isoDay(-30),
        validUntil: isoDay(300),
        ...overrides,
      },
    })
    expect(response.statusCode, response.body).toBe(201)
    return response.json() as { id: string }
  }
  const body = (overrides: Record<string, unknown> = {}) => ({
    kind: 'case-conference',
    heldOn: isoDay(-1),
    participants: [{ organisationId: jobcenter, people: 'Frau Weber (Arbeitsvermittlung)' }],
    staff: 'Leyla Yıldız',
    summary: 'Haushalt mit 2 Personen. Bedarf in Sprache und Arbeit.',
    outcomes: 'Sprachkurs vor Vermittlung in Arbeit.',
    actions: [
      { description: 'Anmeldung zum Integrationskurs', assigneeId: caseManager.userId, dueOn: isoDay(14) },
    ],
    ...overrides,
  })
  const record = (session: TestSession, payload: Record<string, unknown>, caseId = kase.id) =>
    session.request({ method: 'POST', url: `/api/cases/${caseId}/conferences`, payload })

  beforeAll(async () => {
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    otherCaseManager = await loginAs(ctx.app, 'fallmanagement.sued')
    coordinator = await loginAs(ctx.app, 'koordination')
    teamLead = await loginAs(ctx.app, 'teamleitung')
    ;[municipality] = (await municipalityIds(ctx.database, caseManager.districtId)) as [string]
    jobcenter = await organisation('Jobcenter Rhein-Sieg')
    caritas = await organisation('Caritasverband Rhein-Sieg')
    sozialamt = await organisation('Sozialamt Rhein-Sieg-Kreis')
    person = await registerPerson(caseManager, municipality, {
      familyName: 'Haddad',
      givenNames: 'Samira',
      birthDate: '1991-04-02',
      address: { street: 'Kaiserstraße 12', postcode: '53721', city: 'Siegburg' },
    })
    child = await registerPerson(caseManager, municipality, {
      familyName: 'Haddad',
      givenNames: 'Yara',
      birthDate: '2016-09',
    })
    kase = await openCase(caseManager, [person.id, child.id], municipality)
    const assessed = await caseManager.request({
      method: 'POST',
      url: `/api/cases/${kase.id}/assessments`,
      payload: {
        assessedOn: isoDay(-3),
        entries: [
          { domain: 'language', needLevel: 3 },
          { domain: 'work', needLevel: 2 },
        ],
      },
    })
    expect(assessed.statusCode, assessed.body).toBe(201)
    const goal = await caseManager.request({
      method: 'POST',
      url: `/api/cases/${kase.id}/goals`,
      payload: goalBody({ domain: 'language', statement: 'Deutsch B1' }),
    })
    expect(goal.statusCode, goal.body).toBe(201)
    // The Jobcenter holds consents of both persons; Caritas only of the mother.
    await consent(person.id, [jobcenter, caritas])
    await consent(child.id, [jobcenter])
  })

  it('drafts a summary of the demo case with none of its identifiers, and shows whose consents cover', async () => {
    const response = await caseManager.request({
      method: 'GET',
      url: `/api/cases/${kase.id}/conference-draft?heldOn=${isoDay(0)}&language=de`,
    })
    expect(response.statusCode, response.body).toBe(200)
    const draft = response.json() as ConferenceDraft
    expect(draft.summary).toContain('Haushalt mit 2 Personen')
    expect(draft.summary).toContain('Sprache: hoher Bedarf')
    expect(draft.summary).toContain('Offene Ziele in: Sprache')
    for (const identifier of [
      'Haddad',
      'Samira',
      'Yara',
      '1991',
      '02.04.1991',
      '2016',
      'Kaiserstraße',
      '53721',
      'Siegburg',
      kase.reference,
      person.id,
      child.id,
    ])
      expect(draft.summary).not.toContain(identifier)
    const consented = Object.fromEntries(draft.organisations.map((each) => [each.id, each.consented]))
    expect(consented[jobcenter]).toBe(true)
    expect(consented[caritas]).toBe(false)
    expect(consented[sozialamt]).toBe(false)
  })

  it('records a conference with consented organisations and makes a task of every agreed action', async () => {
    const response = await record(caseManager, body())
    expect(response.statusCode, response.body).toBe(201)
    const conference = response.json() as Conference
    expect(conference).toMatchObject({
      caseId: kase.id,
      kind: 'case-conference',
      heldOn: isoDay(-1),
      staff: 'Leyla Yıldız',
      outcomes: 'Sprachkurs vor Vermittlung in Arbeit.',
      recordedBy: 'Leyla Yıldız',
    })
    expect(conference.participants).toEqual([
      expect.objectContaining({
        organisationId: jobcenter,
        organisationName: 'Jobcenter Rhein-Sieg',
        people: 'Frau Weber (Arbeitsvermittlung)',
      }),
    ])
    expect(conference.participants[0]?.consentIds).toHaveLength(2)
    const [action] = conference.actions
    expect(action).toMatchObject({
      description: 'Anmeldung zum Integrationskurs',
      assigneeId: caseManager.userId,
      dueOn: isoDay(14),
      done: false,
    })
    const tasks = (
      await caseManager.request({ method: 'GET', url: `/api/cases/${kase.id}/tasks` })
    ).json() as Task[]
    expect(tasks.find((task) => task.id === action?.taskId)).toMatchObject({
      title: 'Anmeldung zum Integrationskurs',
      source: 'case-conference',
      dueOn: isoDay(14),
    })
    expect((await auditOf(ctx.database, conference.id)).map((row) => row.action)).toEqual([
      'case-conference.create',
    ])

    const timeline = (
      await caseManager.request({ method: 'GET', url: `/api/cases/${kase.id}/timeline` })
    ).json() as { kind: string; id: string; summary: Record<string, unknown> }[]
    expect(timeline.find((entry) => entry.id === conference.id)).toMatchObject({
      kind: 'case-conference',
      summary: { conferenceKind: 'case-conference', heldOn: isoDay(-1), organisations: 1 },
    })
  })

  it('refuses an organisation without consent of every person, stores nothing and audits the attempt', async () => {
    const before = await countAll(ctx.database, conferenceTables)
    // Caritas: consent of the mother only.
    const partial = await record(
      caseManager,
      body({ participants: [{ organisationId: jobcenter }, { organisationId: caritas }] }),
    )
    expect(expectProblem(partial, 422, 'body.participants.1.organisationId').code).toBe('consent-missing')
    // Sozialamt: none at all.
    expectProblem(await record(caseManager, body({ participants: [{ organisationId: sozialamt }] })), 422)
    expect(await countAll(ctx.database, conferenceTables)).toEqual(before)
    const denied = await ctx.database.db
      .selectFrom('audit_event')
      .select(['subject_id', 'purpose'])
      .where('action', '=', 'case-conference.create')
      .where('outcome', '=', 'denied')
      .execute()
    expect(denied).toEqual(
      expect.arrayContaining([
        { subject_id: caritas, purpose: 'consent-missing' },
        { subject_id: sozialamt, purpose: 'consent-missing' },
      ]),
    )
  })

  it('refuses a conference after the consent has run out or was revoked', async () => {
    const late = await record(caseManager, body({ heldOn: isoDay(-40) }))
    expect(expectProblem(late, 422).code).toBe('consent-missing')
    const revocable = await registerPerson(caseManager, municipality, { familyName: 'Widerruf' })
    const single = await openCase(caseManager, [revocable.id], municipality)
    const given = await consent(revocable.id, [jobcenter])
    expect((await record(caseManager, body({ actions: [] }), single.id)).statusCode).toBe(201)
    const revoked = await caseManager.request({
      method: 'POST',
      url: `/api/consents/${given.id}/revoke`,
      payload: {},
    })
    expect(revoked.statusCode, revoked.body).toBeLessThan(300)
    expect(
      expectProblem(await record(caseManager, body({ heldOn: isoDay(0), actions: [] }), single.id), 422).code,
    ).toBe('consent-missing')
  })

  it('refuses a summary that carries a name, birth date, address or the case number', async () => {
    const before = await countAll(ctx.database, conferenceTables)
    for (const summary of [
      'Frau Haddad braucht einen Sprachkurs.',
      'Geboren am 02.04.1991.',
      'Wohnt Kaiserstraße 12.',
      `Fall ${kase.reference}.`,
    ]) {
      const problem = expectProblem(await record(caseManager, body({ summary })), 422, 'body.summary')
      expect(problem.code).toBe('summary-identifying')
    }
    expect(await countAll(ctx.database, conferenceTables)).toEqual(before)
  })

  it('refuses malformed input: no participant, the same organisation twice, a day ahead, a partner as assignee', async () => {
    const partner = await loginAs(ctx.app, 'partner.jobcenter')
    const before = await countAll(ctx.database, conferenceTables)
    expectProblem(await record(caseManager, body({ participants: [] })), 400, 'body.participants')
    expectProblem(
      await record(
        caseManager,
        body({ participants: [{ organisationId: jobcenter }, { organisationId: jobcenter }] }),
      ),
      400,
      'body.participants',
    )
    expectProblem(await record(caseManager, body({ heldOn: isoDay(3) })), 400, 'body.heldOn')
    expectProblem(
      await record(
        caseManager,
        body({ actions: [{ description: 'X-Aufgabe', assigneeId: partner.userId, dueOn: isoDay(1) }] }),
      ),
      422,
    )
    expect(await countAll(ctx.database, conferenceTables)).toEqual(before)
  })

  it('lets only the case manager record, the team read, and the coordination see no case content', async () => {
    expectProblem(await record(otherCaseManager, body()), 403)
    expectProblem(await record(coordinator, body()), 403)
    expectProblem(await coordinator.request({ method: 'GET', url: `/api/cases/${kase.id}/conferences` }), 403)
    const read = await teamLead.request({ method: 'GET', url: `/api/cases/${kase.id}/conferences` })
    expect(read.statusCode, read.body).toBe(200)

    const asCoordinator = (
      await coordinator.request({ method: 'GET', url: '/api/case-conferences' })
    ).json() as ConferenceListItem[]
    expect(asCoordinator.length).toBeGreaterThan(0)
    expect(asCoordinator.every((item) => item.case === null)).toBe(true)
    expect(asCoordinator[0]).toMatchObject({ organisations: ['Jobcenter Rhein-Sieg'] })
    expect(JSON.stringify(asCoordinator)).not.toContain('Haddad')
    const asCaseManager = (
      await caseManager.request({ method: 'GET', url: '/api/case-conferences' })
    ).json() as ConferenceListItem[]
    expect(asCaseManager.map((item) => item.case?.reference)).toContain(kase.reference)
  })

  it('answers 404 for a case of another district, storing nothing', async () => {
    const lindenauAdmin = await loginAs(ctx.app, 'admin.lindenau')
    await createUser(lindenauAdmin, 'fm.lindenau.conf', ['case_manager'])
    const foreignManager = await loginAs(ctx.app, 'fm.lindenau.conf')
    const [foreignMunicipality] = (await municipalityIds(ctx.database, foreignManager.districtId)) as [string]
    const foreignPerson = await registerPerson(foreignManager, foreignMunicipality)
    const foreignCase = await openCase(foreignManager, [foreignPerson.id], foreignMunicipality)
    const before = await countAll(ctx.database, conferenceTables)
    expectProblem(await record(caseManager, body(), foreignCase.id), 404)
    expectProblem(
      await caseManager.request({ method: 'GET', url: `/api/cases/${foreignCase.id}/conferences` }),
      404,
    )
    expectProblem(
      await caseManager.request({
        method: 'GET',
        url: `/api/cases/${foreignCase.id}/conference-draft?heldOn=${isoDay(0)}`,
      }),
      404,
    )
    expect(await countAll(ctx.database, conferenceTables)).toEqual(before)
  })
})
