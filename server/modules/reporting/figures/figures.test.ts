import { beforeAll, describe, expect, it } from 'vitest'
import type { Figures, MetricCatalogue } from '../../../../common/reporting.ts'
import type { Grouping } from '../../../platform/figures.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import { type CaseWorkMetric, caseWorkFigure } from '../../casework/index.ts'
import { type NetworkMetric, networkFigure } from '../../network/index.ts'

/**
 * Every metric against hand-computed fixtures in Kreis Lindenau (Europe/Berlin), written straight
 * into the tables at fixed instants: contacts at 00:30 Berlin on both clock-change days and at the
 * edges of months, where the UTC date is another day than the district's.
 */
describe.each(databaseKinds)('figures on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let admin: TestSession
  let partner: TestSession
  let reader: TestSession
  let districtId = ''
  const ids = { m1: '', m2: '', team: '', organisation: '' }

  beforeAll(async () => {
    admin = await loginAs(ctx.app, 'admin.lindenau')
    partner = await loginAs(ctx.app, 'partner.jobcenter')
    reader = await loginAs(ctx.app, 'bericht')
    districtId = admin.districtId
    const db = ctx.database.ownerDb
    const municipalities = await db
      .selectFrom('municipality')
      .select(['id', 'name'])
      .where('district_id', '=', districtId)
      .orderBy('code')
      .execute()
    ids.m1 = municipalities[0]?.id as string
    ids.m2 = municipalities[1]?.id as string
    const user = admin.userId
    ids.team = (
      await db
        .insertInto('team')
        .values({ district_id: districtId, name: 'Team Figuren' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    ids.organisation = (
      await db
        .insertInto('organisation')
        .values({ district_id: districtId, name: 'Beratungsstelle Figuren', kind: 'wohlfahrtsverband' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    const person = async (
      family: string,
      sex: string,
      birth: string,
      nationality: string,
      language: string,
      municipality: string,
      sphere: string,
    ) =>
      (
        await db
          .insertInto('person')
          .values({
            district_id: districtId,
            family_name: family,
            given_names: 'Fixture',
            birth_date: birth,
            birth_date_earliest: birth,
            birth_date_latest: birth,
            sex,
            nationalities: [nationality],
            languages: JSON.stringify([{ code: language, interpreterNeeded: false }]),
            municipality_id: municipality,
            legal_sphere: sphere,
            address_street: '',
            address_postcode: '',
            address_city: '',
            birth_date_placeholder: false,
            birth_name: null,
            name_in_original_script: null,
            phone: null,
            email: null,
            arrival_date: null,
            registered_team_id: null,
            merged_into: null,
            merged_at: null,
            registered_by: user,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    const p1 = await person('Eins', 'female', '1990-05-01', 'SY', 'ar', ids.m1, 'SGB II')
    const p2 = await person('Zwei', 'male', '2010-01-01', 'UA', 'uk', ids.m2, 'AsylbLG')
    const p3 = await person('Drei', 'female', '1950-03-01', 'SY', 'ar', ids.m1, 'none')
    const openCase = async (
      reference: string,
      municipality: string,
      team: string | null,
      opened: string,
      closed: string | null,
    ) =>
      (
        await db
          .insertInto('client_case')
          .values({
            district_id: districtId,
            reference,
            municipality_id: municipality,
            team_id: team,
            opened_on: opened,
            closed_on: closed,
            phase: closed ? 'closed' : 'implementation',
            created_by: user,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    const c1 = await openCase('FIG-1', ids.m1, ids.team, '2026-03-01', null)
    const c2 = await openCase('FIG-2', ids.m2, null, '2026-02-15', '2026-03-31')
    const c3 = await openCase('FIG-3', ids.m1, ids.team, '2026-01-10', '2026-04-01')
    const contact = (caseId: string, at: string, persons: string[], domains: string[], language: string) => ({
      district_id: districtId,
      case_id: caseId,
      occurred_at: at,
      duration_minutes: 30,
      channel: 'in-person',
      participant_person_ids: persons,
      other_participants: '',
      interpreter_used: false,
      note: '',
      language,
      domains,
      created_by: user,
    })
    await db
      .insertInto('contact')
      .values([
        contact(c2, '2026-02-28T22:59:00Z', [p2], ['language'], 'de'), // 28 Feb 23:59 CET
        contact(c1, '2026-02-28T23:30:00Z', [p1], ['language'], 'de'), // 1 Mar 00:30 CET, UTC still February
        contact(c1, '2026-03-28T23:30:00Z', [p1], ['language', 'health'], 'ar'), // 29 Mar 00:30 CET, spring forward
        contact(c1, '2026-03-31T21:59:00Z', [p1], ['work'], 'de'), // 31 Mar 23:59 CEST
        contact(c2, '2026-03-31T22:00:00Z', [p2], ['housing'], 'uk'), // 1 Apr 00:00 CEST, UTC still March
        contact(c3, '2026-10-24T22:30:00Z', [p3], ['health'], 'ar'), // 25 Oct 00:30 CEST, fall back
        contact(c3, '2026-10-25T23:30:00Z', [p1, p3], ['health'], 'ar'), // 26 Oct 00:30 CET
      ])
      .execute()
    await db
      .insertInto('short_consultation')
      .values(
        [
          ['2026-03-29', ids.m1],
          ['2026-03-31', ids.m2],
          ['2026-04-01', ids.m1],
        ].map(([day, municipality]) => ({
          district_id: districtId,
          occurred_on: day as string,
          municipality_id: municipality as string,
          domains: ['residence'],
          language: 'de',
          channel: 'phone',
          recorded_by: user,
        })),
      )
      .execute()
    await db
      .insertInto('goal')
      .values([
        // 1 April 00:30 CEST: the plan day is 1 April, 31 days after the first contact (1 March).
        {
          district_id: districtId,
          case_id: c1,
          domain: 'work',
          statement: 'Ziel',
          indicator: '',
          status: 'open',
          created_by: user,
          created_at: '2026-03-31T22:30:00Z',
        },
        // 2 April: 33 days after 28 February.
        {
          district_id: districtId,
          case_id: c2,
          domain: 'language',
          statement: 'Ziel',
          indicator: '',
          status: 'open',
          created_by: user,
          created_at: '2026-04-02T10:00:00Z',
        },
      ])
      .execute()
    const referral = (status: string, sentAt: string | null, answeredAt: string | null) => ({
      district_id: districtId,
      case_id: c1,
      person_id: p1,
      organisation_id: ids.organisation,
      purpose: 'Beratung',
      shared_fields: ['familyName'],
      due_on: '2026-05-01',
      status,
      override_legal_basis: 'Art. 6 Abs. 1 lit. e DSGVO',
      override_reason: 'Fixture',
      created_by: user,
      sent_at: sentAt,
      answered_at: answeredAt,
    })
    await db
      .insertInto('referral')
      .values([
        referral('accepted', '2026-03-28T23:30:00Z', '2026-04-02T08:00:00Z'), // sent 29 Mar, answered 2 Apr: 4 days
        referral('sent', '2026-03-31T22:30:00Z', null), // sent 1 Apr (Berlin)
        referral('draft', null, null),
      ])
      .execute()
    await db
      .insertInto('legal_sphere_change')
      .values([
        {
          district_id: districtId,
          person_id: p1,
          from_sphere: 'none',
          to_sphere: 'SGB II',
          effective_on: '2026-03-31',
          reason: 'recognition',
          recorded_by: user,
        },
        {
          district_id: districtId,
          person_id: p2,
          from_sphere: 'AsylbLG',
          to_sphere: 'SGB II',
          effective_on: '2026-04-01',
          reason: 'recognition',
          recorded_by: user,
        },
      ])
      .execute()
  })

  const scope = (from: string, to: string) => ({ districtId, range: { from, to }, timeZone: 'Europe/Berlin' })
  const total: Grouping = { kind: 'total' }
  const raw = async (
    metric: CaseWorkMetric | NetworkMetric,
    from: string,
    to: string,
    grouping: Grouping = total,
  ) => {
    const db = ctx.database.db
    const network = ['referrals', 'referral-answer-days', 'legal-sphere-changes'].includes(metric)
    const rows = network
      ? await networkFigure(db, metric as NetworkMetric, scope(from, to), grouping)
      : await caseWorkFigure(db, metric as CaseWorkMetric, scope(from, to), grouping)
    return Object.fromEntries(rows.map((row) => [row.key, row.value]))
  }
  const by = (dimension: Extract<Grouping, { kind: 'attribute' }>['dimension']): Grouping => ({
    kind: 'attribute',
    dimension,
  })
  const monthly: Grouping = {
    kind: 'bucket',
    unit: 'month',
    buckets: [
      { key: '2026-02-01', end: '2026-02-28' },
      { key: '2026-03-01', end: '2026-03-31' },
      { key: '2026-04-01', end: '2026-04-30' },
    ],
  }

  it("counts contacts on the district's calendar day, at month edges and on both clock-change days", async () => {
    expect(await raw('contacts', '2026-03-01', '2026-03-31')).toEqual({ '': 3 })
    expect(await raw('contacts', '2026-02-01', '2026-04-30', monthly)).toEqual({
      '2026-02-01': 1,
      '2026-03-01': 3,
      '2026-04-01': 1,
    })
    expect(await raw('contacts', '2026-03-29', '2026-03-29')).toEqual({ '': 1 })
    expect(await raw('contacts', '2026-03-28', '2026-03-28')).toEqual({})
    expect(await raw('contacts', '2026-10-24', '2026-10-24')).toEqual({})
    expect(await raw('contacts', '2026-10-25', '2026-10-25')).toEqual({ '': 1 })
    expect(await raw('contacts', '2026-10-26', '2026-10-26')).toEqual({ '': 1 })
    expect(await raw('contacts', '2026-03-01', '2026-03-31', by('domain'))).toEqual({
      language: 2,
      health: 1,
      work: 1,
    })
    expect(await raw('contacts', '2026-03-01', '2026-03-31', by('municipality'))).toEqual({ [ids.m1]: 3 })
    expect(await raw('contacts', '2026-02-01', '2026-04-30', by('team'))).toEqual({ [ids.team]: 3, none: 2 })
    expect(await raw('contacts', '2026-02-01', '2026-04-30', by('language'))).toEqual({ de: 3, ar: 1, uk: 1 })
  })

  it('counts each counselled person once per period and by their attributes', async () => {
    expect(await raw('persons-counselled', '2026-03-01', '2026-03-31')).toEqual({ '': 1 })
    expect(await raw('persons-counselled', '2026-02-01', '2026-04-30')).toEqual({ '': 2 })
    expect(await raw('persons-counselled', '2026-10-01', '2026-10-31', by('sex'))).toEqual({ female: 2 })
    expect(await raw('persons-counselled', '2026-10-01', '2026-10-31', by('age-group'))).toEqual({
      '27-44': 1,
      '65-plus': 1,
    })
    expect(await raw('persons-counselled', '2026-02-01', '2026-04-30', by('nationality-group'))).toEqual({
      SY: 1,
      UA: 1,
    })
    expect(await raw('persons-counselled', '2026-02-01', '2026-04-30', by('legal-sphere'))).toEqual({
      'SGB II': 1,
      AsylbLG: 1,
    })
  })

  it('counts short consultations, new, closed and active cases at the ends of periods', async () => {
    expect(await raw('short-consultations', '2026-03-01', '2026-03-31')).toEqual({ '': 2 })
    expect(await raw('cases-new', '2026-03-01', '2026-03-31')).toEqual({ '': 1 })
    expect(await raw('cases-new', '2026-02-01', '2026-04-30', monthly)).toEqual({
      '2026-02-01': 1,
      '2026-03-01': 1,
    })
    expect(await raw('cases-closed', '2026-03-01', '2026-03-31')).toEqual({ '': 1 })
    expect(await raw('cases-closed', '2026-04-01', '2026-04-01')).toEqual({ '': 1 })
    // On 31 March case 2 is closed that day (not active), case 3 closes the day after (active).
    expect(await raw('cases-active', '2026-03-01', '2026-03-31')).toEqual({ '': 2 })
    expect(await raw('cases-active', '2026-02-01', '2026-04-30', monthly)).toEqual({
      '2026-02-01': 2,
      '2026-03-01': 2,
      '2026-04-01': 1,
    })
    expect(await raw('cases-active', '2026-03-01', '2026-03-31', by('municipality'))).toEqual({ [ids.m1]: 2 })
  })

  it('takes the medians of case durations and of the days from first contact to plan', async () => {
    expect(await raw('median-case-duration', '2026-03-01', '2026-04-30')).toEqual({ '': 62.5 })
    expect(await raw('days-first-contact-to-plan', '2026-04-01', '2026-04-30')).toEqual({ '': 32 })
    expect(await raw('days-first-contact-to-plan', '2026-03-01', '2026-03-31')).toEqual({})
  })

  it("counts referrals by the district's day they were sent, their outcome and answer time, and legal-sphere changes", async () => {
    expect(await raw('referrals', '2026-03-01', '2026-03-31')).toEqual({ '': 1 })
    expect(await raw('referrals', '2026-04-01', '2026-04-30')).toEqual({ '': 1 })
    expect(await raw('referrals', '2026-03-01', '2026-04-30', by('outcome'))).toEqual({
      accepted: 1,
      open: 1,
    })
    expect(await raw('referrals', '2026-03-01', '2026-04-30', by('organisation'))).toEqual({
      [ids.organisation]: 2,
    })
    expect(await raw('referral-answer-days', '2026-04-01', '2026-04-30')).toEqual({ '': 4 })
    expect(await raw('legal-sphere-changes', '2026-03-01', '2026-03-31')).toEqual({ '': 1 })
    expect(await raw('legal-sphere-changes', '2026-03-01', '2026-04-30', by('legal-sphere'))).toEqual({
      'SGB II': 2,
    })
  })

  const get = async (session: TestSession, url: string, status = 200) => {
    const response = await session.request({ method: 'GET', url })
    expect(response.statusCode, response.body).toBe(status)
    return response.json()
  }

  it('answers the catalogue with a written definition for every metric', async () => {
    const catalogue: MetricCatalogue = await get(reader, '/api/metrics')
    expect(catalogue.metrics.map((metric) => metric.id)).toEqual(
      expect.arrayContaining(['contacts', 'persons-counselled', 'referrals', 'days-first-contact-to-plan']),
    )
    expect(catalogue.metrics.find((metric) => metric.id === 'contacts')?.dimensions).toEqual(
      expect.arrayContaining(['month', 'municipality']),
    )
    await get(partner, '/api/metrics', 403)
  })

  it('withholds small cells and the next-smallest, so that none can be worked out from the total', async () => {
    const figures: Figures = await get(
      admin,
      '/api/figures?metric=contacts&from=2026-02-01&to=2026-04-30&by=month',
    )
    expect(figures.rows).toEqual([
      { key: '2026-02-01', label: '2026-02', value: null, suppressed: true },
      { key: '2026-03-01', label: '2026-03', value: null, suppressed: true },
      { key: '2026-04-01', label: '2026-04', value: null, suppressed: true },
    ])
    expect(figures.total).toEqual({ value: 5 })
    expect(figures.threshold).toBe(3)
    const march: Figures = await get(
      admin,
      '/api/figures?metric=contacts&from=2026-03-01&to=2026-03-31&by=municipality',
    )
    expect(march.rows).toEqual([{ key: ids.m1, label: 'Lindenau', value: 3 }])
    expect(march.previousPeriod).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
      value: null,
      suppressed: true,
    })
    expect(march.yearBefore).toEqual({ from: '2025-03-01', to: '2025-03-31', value: null, suppressed: true })
    const domains: Figures = await get(
      admin,
      '/api/figures?metric=contacts&from=2026-02-01&to=2026-12-31&by=domain',
    )
    // Health is a special category: 3 contacts are below its threshold of 5.
    expect(domains.rows.find((row) => row.key === 'health')).toEqual({
      key: 'health',
      label: 'Gesundheit',
      value: null,
      suppressed: true,
    })
    // A breakdown covers complete past months, each month one protected table (decision 0017):
    // the 3 language contacts fall into months with fewer than 3 each, so the sum is withheld too.
    expect([domains.from, domains.to]).toEqual(['2026-02-01', '2026-11-30'])
    expect(domains.rows.find((row) => row.key === 'language')).toEqual({
      key: 'language',
      label: 'Sprache',
      value: null,
      suppressed: true,
    })
    for (const row of [...figures.rows, ...march.rows, ...domains.rows]) {
      if (row.value !== null) expect(row.value).toBeGreaterThanOrEqual(3)
    }
  })

  it('refuses bad input with 400 at the field, and figures to partners', async () => {
    const problem = async (query: string, field: string) => {
      const body = await get(admin, `/api/figures?${query}`, 400)
      expect(JSON.stringify(body)).toContain(field)
      return body
    }
    await problem('metric=contacts&from=2026-03-31&to=2026-03-01', 'period-end-before-start')
    await problem('metric=contacts&from=2016-01-01&to=2026-01-01', 'period-too-long')
    await problem('metric=visits&from=2026-03-01&to=2026-03-31', 'unknown-metric')
    await problem('metric=contacts&from=2026-03-01&to=2026-03-31&by=planet', 'unknown-dimension')
    await problem('metric=contacts&from=2026-03-01&to=2026-03-31&by=sex', 'dimension-not-supported')
    await problem('metric=contacts&from=2026-02-30&to=2026-03-31', 'from')
    await problem('metric=contacts&from=0001-01-01&to=0001-12-31', 'date-before-1990')
    await problem('metric=contacts&from=9999-01-01&to=9999-12-31', 'date-too-far-ahead')
    await get(admin, '/api/figures?metric=contacts&from=2016-01-01&to=2025-12-31')
    await get(partner, '/api/figures?metric=contacts&from=2026-03-01&to=2026-03-31', 403)
    await get(partner, '/api/figures', 403)
  })
})
