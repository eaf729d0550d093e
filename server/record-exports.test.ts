import { beforeAll, describe, expect, it } from 'vitest'
import type { Case, CaseSummary, Contact } from '../common/casework.ts'
import type { Page } from '../common/pagination.ts'
import type { InboxPage } from '../common/referral.ts'
import type { Contract } from '../common/staffing.ts'
import { contactBody } from './modules/casework/casework.test-helpers.ts'
import {
  created,
  firstMunicipality,
  isoDay,
  organisationId,
  personWithCase,
  recordConsent,
} from './modules/network/network.test-helpers.ts'
import { webTexts } from './platform/list-export.ts'
import { useTestApp } from './test/app.ts'
import { loginAs, type TestSession, useDemoData } from './test/auth.ts'
import { databaseKinds } from './test/database.ts'
import { csvRows, germanDay, xlsxRows } from './test/spreadsheets.ts'

const de = webTexts('de')
const en = webTexts('en')
const text = (key: string) => de.get(key) as string

describe.each(databaseKinds)('exports of cases, contacts, the partner inbox and contracts on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let caseManager: TestSession
  let otherManager: TestSession
  let coordinator: TestSession
  let partner: TestSession
  let dpo: TestSession
  let named: Case
  let municipality: string
  let unnamed: Case

  const get = (session: TestSession, url: string, language?: string) =>
    session.request({ method: 'GET', url, headers: language ? { 'accept-language': language } : {} })

  beforeAll(async () => {
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    otherManager = await loginAs(ctx.app, 'fallmanagement.sued')
    coordinator = await loginAs(ctx.app, 'koordination')
    partner = await loginAs(ctx.app, 'partner.jobcenter')
    dpo = await loginAs(ctx.app, 'datenschutz')
    municipality = await firstMunicipality(ctx.database, caseManager.districtId)
    const jobcenter = await organisationId(ctx.database, caseManager.districtId, 'Jobcenter Rhein-Sieg')
    named = (await personWithCase(caseManager, municipality)).case
    unnamed = (
      await personWithCase(caseManager, municipality, {
        familyName: 'Nowak',
        givenNames: 'Ewa',
        birthDate: '1979-11-30',
        phone: '+49 2241 555987',
        email: 'ewa.nowak@example.org',
      })
    ).case
    for (const [kase, sharedFields] of [
      [named, ['familyName', 'givenNames', 'phone']],
      // Only the phone: the partner learns no name, and the export says so as the inbox does.
      [unnamed, ['phone']],
    ] as const) {
      const personId = kase.persons[0]?.id as string
      const consent = await recordConsent(caseManager, personId, [jobcenter])
      await created(caseManager, `/api/cases/${kase.id}/referrals`, {
        organisationId: jobcenter,
        consentId: consent.id,
        purpose: 'referral',
        sharedFields,
        dueOn: isoDay(14),
        message: 'Bitte Termin anbieten.',
      })
    }
    for (const overrides of [
      { note: '=SUMME(A1:A9) Termin beim Jobcenter', durationMinutes: 30 },
      { channel: 'phone', language: 'ar', interpreterUsed: true, interpreterLanguage: 'ar' },
    ]) {
      await created(caseManager, `/api/cases/${named.id}/contacts`, contactBody(overrides))
    }
  })

  it('exports the case list as CSV with the XLSX rows, both equal to the list', async () => {
    const list = (
      await get(caseManager, '/api/cases?sort=reference&direction=asc&limit=200')
    ).json() as Page<CaseSummary>
    expect(list.total).toBe(2)
    const query = '?sort=reference&direction=asc'
    const csv = csvRows(await get(caseManager, `/api/cases/export.csv${query}`))
    const xlsx = await xlsxRows(await get(caseManager, `/api/cases/export.xlsx${query}`))
    expect(csv[0]).toEqual([
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
    expect(xlsx[0]).toEqual(csv[0])
    expect(csv.slice(1).map((row) => row[0])).toEqual(list.items.map((item) => item.reference))
    const nowak = csv.find((row) => row[0] === unnamed.reference) as string[]
    expect(nowak[1]).toBe('Nowak, Ewa')
    expect(nowak[2]).toBe('30.11.1979')
    expect(nowak[7]).toBe(germanDay(unnamed.openedOn))
    expect(xlsx.slice(1).map((row) => row[1])).toEqual(csv.slice(1).map((row) => row[1]))
    expect(xlsx.slice(1).map((row) => row.slice(2))).toEqual(csv.slice(1).map((row) => row.slice(2)))
  })

  it("exports a case's contacts as listed, in German and English", async () => {
    const contacts = (await get(caseManager, `/api/cases/${named.id}/contacts`)).json() as Contact[]
    const url = `/api/cases/${named.id}/contacts/export`
    const xlsx = await xlsxRows(await get(caseManager, `${url}.xlsx`))
    const csv = csvRows(await get(caseManager, `${url}.csv`))
    expect(xlsx[0]?.[0]).toBe(text('casework.contacts.when'))
    expect(csv[0]).toEqual(xlsx[0])
    expect(xlsx).toHaveLength(1 + contacts.length)
    expect(csv).toHaveLength(1 + contacts.length)
    // Same order as the list (newest first), with the facts of each contact.
    contacts.forEach((contact, index) => {
      const row = csv[index + 1] as string[]
      expect(row[1]).toBe(String(contact.durationMinutes))
      expect(row[2]).toBe(text(`casework.channels.${contact.channel}`))
      expect(row[4]).toBe(text(contact.interpreterUsed ? 'app.export.yes' : 'app.export.no'))
      expect(row[9]).toBe(contact.createdBy)
      expect(xlsx[index + 1]?.[8]).toBe(contact.note)
    })
    const phone = csv.find((row) => row[2] === text('casework.channels.phone')) as string[]
    expect(phone[3]).toBe('Arabisch')
    expect(csv.some((row) => row[8] === "'=SUMME(A1:A9) Termin beim Jobcenter")).toBe(true)

    const english = csvRows(await get(caseManager, `${url}.csv`, 'en'))
    expect(english[0]?.[0]).toBe(en.get('casework.contacts.when'))
    expect(english.find((row) => row[2] === en.get('casework.channels.phone'))?.[3]).toBe('Arabic')
  })

  it("refuses a case's contacts to roles and users who may not read the case", async () => {
    for (const session of [coordinator, partner, otherManager]) {
      const response = await get(session, `/api/cases/${named.id}/contacts/export.xlsx`)
      expect([403, 404], `${session.username}: ${response.statusCode}`).toContain(response.statusCode)
    }
    expect((await get(coordinator, `/api/cases/${named.id}/contacts/export.csv`)).statusCode).toBe(403)
  })

  it("exports the partner's inbox with only the shared fields", async () => {
    const inbox = (await get(partner, '/api/referrals/inbox?include=all&limit=200')).json() as InboxPage
    expect(inbox.total).toBe(2)
    const response = await get(partner, '/api/referrals/inbox/export.csv?include=all')
    expect(response.headers['content-disposition']).toMatch(
      /attachment; filename="eingang-vermittlungen-\d{4}-\d{2}-\d{2}\.csv"/,
    )
    const csv = csvRows(response)
    const xlsx = await xlsxRows(await get(partner, '/api/referrals/inbox/export.xlsx?include=all'))
    expect(csv[0]).toEqual([
      text('network.inbox.client'),
      text('network.referrals.purpose'),
      text('network.referrals.status'),
      text('network.inbox.received'),
      text('network.inbox.due'),
      text('casework.tasks.groupName.overdue'),
      text('network.referrals.referredBy'),
    ])
    expect(xlsx[0]).toEqual(csv[0])
    expect(csv.slice(1).map((row) => row[0])).toEqual(
      inbox.items.map((item) =>
        item.person ? `${item.person.familyName}, ${item.person.givenNames}` : text('network.inbox.withheld'),
      ),
    )
    expect(
      csv
        .slice(1)
        .map((row) => row[0])
        .sort(),
    ).toEqual(['Haddad, Samira', text('network.inbox.withheld')].sort())
    expect(csv.slice(1).every((row) => row[4] === germanDay(isoDay(14)))).toBe(true)
    // Nothing unshared leaves: not the name withheld, no birth day, phone, e-mail or Aktenzeichen.
    for (const body of [response.body, JSON.stringify(xlsx)]) {
      for (const secret of [
        'Nowak',
        'Ewa',
        '1979',
        '1991',
        '555',
        'example.org',
        named.reference,
        unnamed.reference,
      ]) {
        expect(body, secret).not.toContain(secret)
      }
    }
  })

  it('refuses the inbox export to everyone but the partner', async () => {
    for (const session of [caseManager, coordinator, dpo]) {
      expect((await get(session, '/api/referrals/inbox/export.xlsx')).statusCode).toBe(403)
    }
  })

  it('exports the contracts, of the district or of one position, for staffing only', async () => {
    const contracts = (await get(coordinator, '/api/contracts')).json() as { items: Contract[] }
    expect(contracts.items.length).toBeGreaterThan(0)
    const csv = csvRows(await get(coordinator, '/api/contracts/export.csv'))
    const xlsx = await xlsxRows(await get(coordinator, '/api/contracts/export.xlsx'))
    expect(csv[0]?.slice(2, 5)).toEqual([
      text('staffing.contract.staff'),
      text('staffing.contract.fte'),
      text('staffing.contract.startsOn'),
    ])
    expect(csv.slice(1).map((row) => [row[0], row[2], row[4]])).toEqual(
      contracts.items.map((item) => [item.positionTitle, item.staffName, germanDay(item.startsOn)]),
    )
    expect(xlsx.slice(1).map((row) => [row[0], row[2], row[4]])).toEqual(
      csv.slice(1).map((row) => [row[0], row[2], row[4]]),
    )
    // Shares with a decimal comma in CSV, as numbers in XLSX.
    const first = contracts.items[0] as Contract
    expect(csv[1]?.[3]).toBe(String(first.fte).replace('.', ','))
    expect(xlsx[1]?.[3]).toBe(String(first.fte))
    expect(csv.slice(1).map((row) => row[5])).toEqual(
      contracts.items.map((item) =>
        item.endsOn ? germanDay(item.endsOn) : text('staffing.contract.openEnded'),
      ),
    )

    const one = (await get(coordinator, `/api/contracts?positionId=${first.positionId}`)).json() as {
      items: Contract[]
    }
    const filtered = csvRows(
      await get(coordinator, `/api/contracts/export.csv?positionId=${first.positionId}`),
    )
    expect(filtered.slice(1).map((row) => row[2])).toEqual(one.items.map((item) => item.staffName))
    expect(filtered.slice(1).every((row) => row[0] === first.positionTitle)).toBe(true)

    expect((await get(partner, '/api/contracts/export.csv')).statusCode).toBe(403)
  })

  it('exports the other lists with the rows of their lists, refused without the ability to read them', async () => {
    const admin = await loginAs(ctx.app, 'admin')
    const reportReader = await loginAs(ctx.app, 'bericht')
    const lists: {
      session: TestSession
      list: string
      rows: (body: never) => number
      path: string
      query?: string
      first: string
    }[] = [
      {
        session: admin,
        list: '/api/users?limit=200&q=fall',
        rows: (body: { total: number }) => body.total,
        path: '/api/users/export',
        query: '?q=fall',
        first: 'users.displayName',
      },
      {
        session: coordinator,
        list: '/api/obstacles',
        rows: (body: { items: unknown[] }) => body.items.length,
        path: '/api/obstacles/export',
        first: 'obstacles.fields.title',
      },
      {
        session: coordinator,
        list: '/api/goal-agreements',
        rows: (body: { items: unknown[] }) => body.items.length,
        path: '/api/goal-agreements/export',
        first: 'goals.agreement.title',
      },
      {
        session: caseManager,
        list: '/api/directory?kind=jobcenter',
        rows: (body: { total: number }) => body.total,
        path: '/api/directory/export',
        query: '?kind=jobcenter',
        first: 'network.fields.organisation',
      },
      {
        session: coordinator,
        list: '/api/staffing/warnings?horizonMonths=24',
        rows: (body: { items: unknown[] }) => body.items.length,
        path: '/api/staffing/warnings/export',
        query: '?horizonMonths=24',
        first: 'staffing.warnings.date',
      },
      {
        session: coordinator,
        list: '/api/staffing/caseload?months=12',
        rows: (body: { rows: unknown[] }) => body.rows.length,
        path: '/api/staffing/caseload/export',
        query: '?months=12',
        first: 'staffing.caseload.month',
      },
      {
        session: caseManager,
        list: '/api/legal-sphere-changes',
        rows: (body: { upcoming: unknown[]; recent: unknown[] }) => body.upcoming.length + body.recent.length,
        path: '/api/legal-sphere-changes/export',
        first: 'legalSphereChanges.upcomingColumn',
      },
    ]
    await created(caseManager, '/api/short-consultations', {
      occurredOn: isoDay(-1),
      municipalityId: municipality,
      domains: ['language', 'work'],
      language: 'uk',
      channel: 'phone',
    })
    lists.push({
      session: caseManager,
      list: '/api/short-consultations',
      rows: (body: unknown[]) => body.length,
      path: '/api/short-consultations/export',
      first: 'casework.short.date',
    })
    for (const each of lists) {
      const listed = await get(each.session, each.list)
      expect(listed.statusCode, `${each.list}: ${listed.body}`).toBe(200)
      const count = each.rows(listed.json() as never)
      const csv = csvRows(await get(each.session, `${each.path}.csv${each.query ?? ''}`))
      const xlsx = await xlsxRows(await get(each.session, `${each.path}.xlsx${each.query ?? ''}`))
      expect(csv[0]?.[0], each.path).toBe(text(each.first))
      expect(csv.length - 1, each.path).toBe(count)
      expect(xlsx.length - 1, each.path).toBe(count)
      expect(xlsx[0], each.path).toEqual(csv[0])
    }
    const short = csvRows(await get(caseManager, '/api/short-consultations/export.csv'))
    expect(short.slice(1)).toEqual([
      [
        germanDay(isoDay(-1)),
        expect.any(String),
        text('casework.channels.phone'),
        'Ukrainisch',
        `${text('casework.domains.language')}, ${text('casework.domains.work')}`,
      ],
    ])
    // The user search filters the file as it does the table.
    const all = csvRows(await get(admin, '/api/users/export.csv'))
    const found = csvRows(await get(admin, '/api/users/export.csv?q=fall'))
    expect(found.length).toBeGreaterThan(1)
    expect(found.length).toBeLessThan(all.length)
    // The directory filtered by kind holds only that kind.
    const jobcentres = csvRows(await get(caseManager, '/api/directory/export.csv?kind=jobcenter'))
    expect(jobcentres.slice(1).every((row) => row[1] === text('organisationKinds.jobcenter'))).toBe(true)

    expect((await get(caseManager, '/api/users/export.xlsx')).statusCode).toBe(403)
    expect((await get(reportReader, '/api/obstacles/export.csv')).statusCode).toBe(403)
    expect((await get(coordinator, '/api/legal-sphere-changes/export.csv')).statusCode).toBe(403)
    expect((await get(partner, '/api/short-consultations/export.csv')).statusCode).toBe(403)
    expect((await get(caseManager, '/api/staffing/warnings/export.xlsx')).statusCode).toBe(403)
    // Counts under the minimum stay withheld in the file, as on the caseload page.
    const caseload = (await get(coordinator, '/api/staffing/caseload?months=12')).json() as {
      rows: { activeCases: number | null; contacts: number | null }[]
    }
    const caseloadFile = csvRows(await get(coordinator, '/api/staffing/caseload/export.csv?months=12'))
    const withheld = text('staffing.caseload.withheld')
    expect(caseloadFile.slice(1).filter((row) => row[3] === withheld)).toHaveLength(
      caseload.rows.filter((row) => row.activeCases === null).length,
    )
    expect(caseloadFile.slice(1).filter((row) => row[4] === withheld)).toHaveLength(
      caseload.rows.filter((row) => row.contacts === null).length,
    )
    expect((await get(partner, '/api/staffing/caseload/export.xlsx')).statusCode).toBe(403)
    // The horizon filters the file as it does the page.
    const near = csvRows(await get(coordinator, '/api/staffing/warnings/export.csv?horizonMonths=1'))
    const far = csvRows(await get(coordinator, '/api/staffing/warnings/export.csv?horizonMonths=36'))
    expect(far.length).toBeGreaterThan(1)
    expect(near.length).toBeLessThanOrEqual(far.length)
  })

  it('exports the case conferences, with the case only for who may read it', async () => {
    const jobcenter = await organisationId(ctx.database, caseManager.districtId, 'Jobcenter Rhein-Sieg')
    await recordConsent(caseManager, named.persons[0]?.id as string, [jobcenter], {
      purposes: ['case-conference'],
      dataCategories: ['case-plan'],
    })
    await created(caseManager, `/api/cases/${named.id}/conferences`, {
      kind: 'case-conference',
      heldOn: isoDay(-2),
      participants: [{ organisationId: jobcenter, people: 'Frau Weber (Arbeitsvermittlung)' }],
      staff: 'Leyla Yıldız',
      summary: 'Haushalt mit 1 Person. Bedarf in Arbeit.',
      outcomes: 'Bewerbungstraining.',
      actions: [
        { description: 'Lebenslauf erstellen', assigneeId: caseManager.userId, dueOn: isoDay(7) },
        { description: 'Termin Jobcenter', assigneeId: caseManager.userId, dueOn: isoDay(10) },
      ],
    })
    const header = [
      text('caseConferences.heldOn'),
      text('caseConferences.kind'),
      text('caseConferences.organisations'),
      text('caseConferences.openActions'),
      text('caseConferences.actions'),
      text('caseConferences.case'),
    ]
    for (const [session, reference] of [
      [caseManager, named.reference],
      // The coordination sees when, which kind and with whom, never the case.
      [coordinator, ''],
    ] as const) {
      const list = (await get(session, '/api/case-conferences')).json() as unknown[]
      expect(list).toHaveLength(1)
      const csv = csvRows(await get(session, '/api/case-conferences/export.csv'))
      const xlsx = await xlsxRows(await get(session, '/api/case-conferences/export.xlsx'))
      expect(csv[0]).toEqual(header)
      expect(xlsx[0]).toEqual(header)
      const row = [
        germanDay(isoDay(-2)),
        text('caseConferences.kinds.case-conference'),
        'Jobcenter Rhein-Sieg',
      ]
      expect(csv.slice(1)).toEqual([[...row, '2', '2', reference]])
      expect(xlsx.slice(1)).toEqual([[...row, '2', '2', reference]])
    }
    expect((await get(partner, '/api/case-conferences/export.csv')).statusCode).toBe(403)
    expect((await get(dpo, '/api/case-conferences/export.xlsx')).statusCode).toBe(403)
  })

  it('exports the teams and partner organisations as the administration lists them', async () => {
    const admin = await loginAs(ctx.app, 'admin')
    const organisations = (await get(admin, '/api/organisations')).json() as {
      name: string
      kind: string
      memberCount: number
    }[]
    const teams = (await get(admin, '/api/teams')).json() as { name: string; memberCount: number }[]
    expect(organisations.length).toBeGreaterThan(1)
    const expected = organisations.map((item) => [
      item.name,
      text(`organisationKinds.${item.kind}`),
      expect.any(String),
      String(item.memberCount),
    ])
    const csv = csvRows(await get(admin, '/api/organisations/export.csv'))
    const xlsx = await xlsxRows(await get(admin, '/api/organisations/export.xlsx'))
    expect(csv[0]).toEqual([
      text('organisations.name'),
      text('organisations.kind'),
      text('organisations.legalSpheres'),
      text('organisations.partnerUsers'),
    ])
    expect(xlsx[0]).toEqual(csv[0])
    expect(csv.slice(1)).toEqual(expected)
    expect(xlsx.slice(1)).toEqual(csv.slice(1))
    const teamRows = csvRows(await get(admin, '/api/teams/export.csv'))
    expect(teamRows[0]).toEqual([text('organisations.teamName'), text('organisations.members')])
    expect(teamRows.slice(1)).toEqual(teams.map((team) => [team.name, String(team.memberCount)]))
    expect((await xlsxRows(await get(admin, '/api/teams/export.xlsx'))).slice(1)).toEqual(teamRows.slice(1))
    // The lists are the district's: every role of it reads them, and the export with them.
    expect((await get(coordinator, '/api/organisations/export.csv')).statusCode).toBe(200)
  })

  it('exports the audit trail as XLSX with the filters of the audit page, audited with its size', async () => {
    const query = 'action=auth.login&outcome=success'
    const listed = (await get(dpo, `/api/audit?${query}&limit=200`)).json() as {
      total: number
      items: { occurredAt: string; actorName: string | null; requestId: string | null }[]
    }
    expect(listed.total).toBeGreaterThan(3)
    const response = await get(dpo, `/api/audit/export.xlsx?${query}`)
    expect(response.headers['content-disposition']).toMatch(
      /attachment; filename="audit-\d{4}-\d{2}-\d{2}\.xlsx"/,
    )
    const xlsx = await xlsxRows(response)
    expect(xlsx[0]).toEqual(
      ['when', 'who', 'action', 'purpose', 'outcome', 'subject', 'subjectId', 'request'].map((key) =>
        text(`audit.${key}`),
      ),
    )
    expect(xlsx.slice(1)).toHaveLength(listed.total)
    const berlinDay = (instant: string) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(instant))
    expect(xlsx.slice(1).map((row) => [row[0], row[1], row[2], row[4], row[7]])).toEqual(
      listed.items.map((item) => [
        germanDay(berlinDay(item.occurredAt)),
        item.actorName ?? text('audit.unknownActor'),
        'Anmeldung',
        text('audit.outcomes.success'),
        item.requestId ?? '',
      ]),
    )
    const exportsOfTrail = (await get(dpo, '/api/audit?action=audit.export&limit=200')).json() as {
      items: { purpose: string | null; actorId: string }[]
    }
    expect(exportsOfTrail.items[0]).toMatchObject({ purpose: `xlsx:${listed.total}`, actorId: dpo.userId })
    // The CSV beside it is the trail's raw file, unchanged.
    const csv = csvRows(await get(dpo, `/api/audit/export.csv?${query}`))
    expect(csv.length - 1).toBe(listed.total)
    expect((await get(coordinator, '/api/audit/export.xlsx')).statusCode).toBe(403)
    expect((await get(caseManager, '/api/audit/export.xlsx')).statusCode).toBe(403)
  })

  it("shows every export of personal data in the DPO's access review, by list", async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date())
    const review = await get(dpo, `/api/access-review/flags?from=${today}&to=${today}`)
    expect(review.statusCode, review.body).toBe(200)
    const exports = (review.json() as { exports: { action: string; actorId: string; purpose: string }[] })
      .exports
    const byAction = (action: string) => exports.filter((entry) => entry.action === action)
    expect(byAction('case.export').every((entry) => entry.actorId === caseManager.userId)).toBe(true)
    expect(byAction('case.export').length).toBeGreaterThanOrEqual(2)
    expect(
      byAction('contact.export')
        .map((entry) => entry.purpose)
        .sort(),
    ).toEqual(['csv:2', 'csv:2', 'xlsx:2'].sort())
    expect(
      byAction('referral.export')
        .map((entry) => entry.purpose)
        .sort(),
    ).toEqual(['csv:2', 'xlsx:2'])
    expect(byAction('referral.export').every((entry) => entry.actorId === partner.userId)).toBe(true)
    expect(byAction('contract.export').length).toBeGreaterThanOrEqual(3)
    expect(
      byAction('case-conference.export')
        .map((entry) => [entry.actorId, entry.purpose])
        .sort(),
    ).toEqual(
      [
        [caseManager.userId, 'csv:1'],
        [caseManager.userId, 'xlsx:1'],
        [coordinator.userId, 'csv:1'],
        [coordinator.userId, 'xlsx:1'],
      ].sort(),
    )
  })
})
