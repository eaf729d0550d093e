import { beforeAll, describe, expect, it } from 'vitest'
import type { GoalAgreementDetail, Indicator, IndicatorList } from '../../../../common/goals.ts'
import { testClock, useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'

/**
 * The computed indicators against fixtures made here and figures counted by hand. The clock stands
 * at 10 April 2025, 12:00 in Siegburg (Europe/Berlin), so April is the running month. Instants near
 * midnight check that months are the district's: 2024-12-31T23:30Z is already 1 January in Berlin.
 */
describe.each(databaseKinds)('computed goal indicators on %s', (kind) => {
  const time = testClock()
  const ctx = useTestApp(kind, {}, { clock: time.clock })
  useDemoData(ctx)
  let coordinator: TestSession
  let caseManager: TestSession
  const ids = { troisdorf: '', siegburg: '', hennef: '', jobcenter: '', caritas: '', user: '' }
  const cases: Record<string, { caseId: string; personId: string }> = {}

  const db = () => ctx.database.db
  const created = async (session: TestSession, url: string, payload: object) => {
    const response = await session.request({ method: 'POST', url, payload })
    expect(response.statusCode, response.body).toBe(201)
    return response.json()
  }
  /** A person with a case in a municipality, made through the API like a case manager would. */
  const caseIn = async (name: string, municipalityId: string) => {
    const person = await created(caseManager, '/api/persons', {
      familyName: name,
      givenNames: 'Testa',
      birthDate: '1985',
      sex: 'female',
      municipalityId,
    })
    const kase = await created(caseManager, '/api/cases', { personIds: [person.id], municipalityId })
    cases[name] = { caseId: kase.id, personId: person.id }
    return cases[name]
  }
  const contacts = async (name: string, instants: string[], otherParticipants = '') => {
    const { caseId } = cases[name] as { caseId: string }
    await db()
      .insertInto('contact')
      .values(
        instants.map((occurredAt) => ({
          district_id: caseManager.districtId,
          case_id: caseId,
          occurred_at: occurredAt,
          duration_minutes: 30,
          channel: 'in-person',
          participant_person_ids: [],
          other_participants: otherParticipants,
          language: 'de',
          interpreter_used: false,
          interpreter_language: null,
          domains: ['work'],
          note: '',
          created_by: ids.user,
        })),
      )
      .execute()
  }
  const goalAt = async (name: string, createdAt: string) => {
    await db()
      .insertInto('goal')
      .values({
        district_id: caseManager.districtId,
        case_id: (cases[name] as { caseId: string }).caseId,
        domain: 'work',
        statement: 'Arbeitsaufnahme',
        indicator: '',
        target_date: null,
        status: 'open',
        outcome: null,
        created_by: ids.user,
        created_at: createdAt,
      })
      .execute()
  }
  const referral = async (
    name: string,
    organisationId: string,
    sentAt: string,
    answer: { at?: string; status?: string } = {},
  ) => {
    const { caseId, personId } = cases[name] as { caseId: string; personId: string }
    await db()
      .insertInto('referral')
      .values({
        district_id: caseManager.districtId,
        case_id: caseId,
        person_id: personId,
        organisation_id: organisationId,
        purpose: 'Arbeitsvermittlung',
        shared_fields: [],
        due_on: '2025-06-30',
        status: answer.status ?? (answer.at ? 'accepted' : 'sent'),
        override_legal_basis: 'Art. 6 Abs. 1 lit. c DSGVO',
        override_reason: 'Testfall',
        created_by: ids.user,
        sent_at: sentAt,
        answered_at: answer.at ?? null,
      })
      .execute()
  }
  const change = async (name: string, effectiveOn: string, toSphere: string, appointmentDone?: string) => {
    const { caseId, personId } = cases[name] as { caseId: string; personId: string }
    const row = await db()
      .insertInto('legal_sphere_change')
      .values({
        district_id: caseManager.districtId,
        person_id: personId,
        case_id: caseId,
        from_sphere: 'AsylbLG',
        to_sphere: toSphere,
        effective_on: effectiveOn,
        reason: 'recognition',
        recorded_by: ids.user,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (appointmentDone) {
      await db()
        .insertInto('legal_sphere_handover_step')
        .values({
          district_id: caseManager.districtId,
          change_id: row.id,
          step: 'jobcenter-appointment',
          due_on: effectiveOn,
          done_on: appointmentDone,
        })
        .execute()
    }
  }

  beforeAll(async () => {
    time.set('2025-04-10T10:00:00Z')
    coordinator = await loginAs(ctx.app, 'koordination')
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    ids.user = caseManager.userId
    const municipality = async (name: string) =>
      (
        await db()
          .selectFrom('municipality')
          .select('id')
          .where('district_id', '=', caseManager.districtId)
          .where('name', '=', name)
          .executeTakeFirstOrThrow()
      ).id
    const organisation = async (name: string) =>
      (
        await db()
          .selectFrom('organisation')
          .select('id')
          .where('district_id', '=', caseManager.districtId)
          .where('name', '=', name)
          .executeTakeFirstOrThrow()
      ).id
    ids.troisdorf = await municipality('Troisdorf')
    ids.siegburg = await municipality('Siegburg')
    ids.hennef = await municipality('Hennef (Sieg)')
    ids.jobcenter = await organisation('Jobcenter Rhein-Sieg')
    ids.caritas = await organisation('Caritasverband Rhein-Sieg')

    // Counselling contacts in 2025: Troisdorf (case A and a short consultation), Siegburg (case B).
    await caseIn('Alpha', ids.troisdorf)
    await caseIn('Beta', ids.siegburg)
    await contacts('Alpha', [
      '2024-12-31T22:30:00Z', // 31 December, 23:30 in Berlin: before the period
      '2024-12-31T23:30:00Z', // 1 January, 00:30 → January
      '2025-01-10T09:00:00Z',
      '2025-01-31T23:30:00Z', // 1 February, 00:30 → February
      '2025-02-15T10:00:00Z',
      '2025-03-31T21:30:00Z', // 31 March, 23:30 (summer time) → March
      '2025-03-31T22:30:00Z', // 1 April, 00:30 → April
    ])
    await contacts('Beta', ['2025-01-05T10:00:00Z', '2025-03-10T10:00:00Z'])
    await db()
      .insertInto('short_consultation')
      .values(
        [
          ['2025-01-20', ids.troisdorf],
          ['2025-02-03', ids.siegburg],
          ['2024-12-31', ids.troisdorf],
        ].map(([day, municipalityId]) => ({
          district_id: caseManager.districtId,
          occurred_on: day as string,
          municipality_id: municipalityId as string,
          domains: ['work'],
          language: 'de',
          channel: 'phone',
          recorded_by: ids.user,
        })),
      )
      .execute()

    // Referrals of 2025. January to the Jobcenter: 14 days (in time), 15 days (late), never answered
    // (late by now), withdrawn (not counted); to Caritas (not counted).
    await referral('Alpha', ids.jobcenter, '2025-01-06T09:00:00Z', { at: '2025-01-20T15:00:00Z' })
    await referral('Alpha', ids.jobcenter, '2025-01-06T09:00:00Z', { at: '2025-01-21T08:00:00Z' })
    await referral('Alpha', ids.jobcenter, '2025-01-10T09:00:00Z')
    await referral('Alpha', ids.jobcenter, '2025-01-12T09:00:00Z', { status: 'cancelled' })
    await referral('Beta', ids.caritas, '2025-01-15T09:00:00Z', { at: '2025-01-15T10:00:00Z' })
    // Sent 1 February in Berlin: February's only decided referral, too few to show.
    await referral('Beta', ids.jobcenter, '2025-01-31T23:30:00Z', { at: '2025-02-05T09:00:00Z' })
    // March: three answered in time (one declined), one still waiting for 10 days (not decided).
    await referral('Beta', ids.jobcenter, '2025-03-03T09:00:00Z', { at: '2025-03-04T09:00:00Z' })
    await referral('Beta', ids.jobcenter, '2025-03-05T09:00:00Z', {
      at: '2025-03-10T09:00:00Z',
      status: 'declined',
    })
    await referral('Beta', ids.jobcenter, '2025-03-20T09:00:00Z', { at: '2025-04-01T09:00:00Z' })
    await referral('Beta', ids.jobcenter, '2025-03-31T10:00:00Z')
    await referral('Beta', ids.jobcenter, '2025-04-02T09:00:00Z')

    // Changes into SGB II in January 2025: appointment after 15 days (in time), after 35 days
    // (late), a contact naming the Jobcenter after 26 days (in time), nothing for 80 days (late);
    // a change into SGB XII (not counted). March: one nothing yet for 21 days (not decided), one
    // appointment after 2 days (too few to show).
    for (const name of ['Gamma', 'Delta', 'Epsilon', 'Zeta', 'Eta', 'Theta', 'Iota']) {
      await caseIn(name, ids.hennef)
    }
    await change('Gamma', '2025-01-05', 'SGB II', '2025-01-20')
    await change('Delta', '2025-01-10', 'SGB II', '2025-02-14')
    await change('Epsilon', '2025-01-15', 'SGB II')
    await contacts('Epsilon', ['2025-02-10T09:00:00Z'], 'Jobcenter Rhein-Sieg, Arbeitsvermittlung')
    await change('Zeta', '2025-01-20', 'SGB II')
    await change('Eta', '2025-01-25', 'SGB XII', '2025-01-26')
    await change('Theta', '2025-03-20', 'SGB II')
    await change('Iota', '2025-03-25', 'SGB II', '2025-03-27')

    // Plans of 2024 (a second agreement): first contact → first goal, in days.
    for (const name of ['Kappa', 'Lambda', 'My', 'Ny', 'Xi', 'Omikron', 'Pi', 'Rho']) {
      await caseIn(name, name === 'Rho' ? ids.siegburg : ids.hennef)
    }
    await contacts('Kappa', ['2024-01-20T09:00:00Z'])
    await goalAt('Kappa', '2024-02-03T10:00:00Z') // 14 days, February
    await goalAt('Kappa', '2024-03-15T10:00:00Z') // its second goal: not its plan
    await contacts('Lambda', ['2024-02-01T09:00:00Z', '2024-02-05T09:00:00Z'])
    await goalAt('Lambda', '2024-02-11T10:00:00Z') // 10 days
    await contacts('My', ['2024-01-02T09:00:00Z'])
    await goalAt('My', '2024-02-29T22:30:00Z') // 29 February, 23:30 in Berlin: 58 days, February
    await contacts('Ny', ['2024-02-20T09:00:00Z'])
    await goalAt('Ny', '2024-02-27T10:00:00Z') // 7 days
    await contacts('Xi', ['2024-02-25T09:00:00Z'])
    await goalAt('Xi', '2024-02-29T23:30:00Z') // 1 March in Berlin: 5 days, March
    await contacts('Omikron', ['2024-03-01T09:00:00Z'])
    await goalAt('Omikron', '2024-03-05T10:00:00Z') // 4 days, March
    await goalAt('Pi', '2024-02-10T10:00:00Z')
    await contacts('Pi', ['2024-02-12T09:00:00Z']) // its first contact after the plan: left out
    await caseIn('Sigma', ids.hennef)
    await goalAt('Sigma', '2024-02-10T10:00:00Z') // no contact at all: left out
    await contacts('Rho', ['2024-02-01T09:00:00Z'])
    await goalAt('Rho', '2024-02-05T10:00:00Z') // Siegburg: 4 days, left out of Hennef's figure
  })

  const agreementWith = async (
    period: { startsOn: string; endsOn: string },
    indicators: object[],
  ): Promise<Indicator[]> => {
    const agreement: GoalAgreementDetail = await created(coordinator, '/api/goal-agreements', {
      title: `Prüfvereinbarung ${period.startsOn} ${Math.random()}`,
      goalStatement: 'Handgezählte Werte prüfen.',
      ...period,
    })
    for (const indicator of indicators) {
      await created(coordinator, `/api/goal-agreements/${agreement.id}/indicators`, indicator)
    }
    const response = await coordinator.request({
      method: 'GET',
      url: `/api/goal-agreements/${agreement.id}/indicators`,
    })
    expect(response.statusCode, response.body).toBe(200)
    const list = response.json() as IndicatorList
    expect(list.today).toBe('2025-04-10')
    return list.items
  }
  const values = (indicator: Indicator | undefined) =>
    indicator?.series.map((point) => [point.period, point.value, point.basis, point.partial])

  it('counts counselling contacts per month of the district, for the district and for one municipality', async () => {
    const [district, troisdorf] = await agreementWith({ startsOn: '2025-01-01', endsOn: '2025-12-31' }, [
      {
        name: 'Beratungskontakte im Kreis',
        unit: 'count',
        baseline: 2,
        target: 6,
        direction: 'increase',
        source: 'computed',
        metric: 'counselling-contacts',
      },
      {
        name: 'Beratungskontakte Troisdorf',
        unit: 'count',
        baseline: 1,
        target: 5,
        direction: 'increase',
        source: 'computed',
        metric: 'counselling-contacts',
        parameters: { municipalityId: ids.troisdorf },
      },
    ])
    // Hand count. January: Alpha 1 Jan + 10 Jan, Beta 5 Jan, short Troisdorf 20 Jan = 4.
    // February: Alpha 1 Feb + 15 Feb, short Siegburg 3 Feb, Epsilon's Jobcenter contact (Hennef) = 4.
    // March: Alpha 31 Mar, Beta 10 Mar = 2. April (running): Alpha 1 Apr = 1.
    expect(values(district)).toEqual([
      ['2025-01', 4, 4, false],
      ['2025-02', 4, 4, false],
      ['2025-03', 2, 2, false],
      ['2025-04', 1, 1, true],
    ])
    // The latest complete month counts: March, 2 against a baseline of 2 → no progress.
    expect(district).toMatchObject({ current: 2, currentPeriod: '2025-03', progress: 0 })
    expect(values(troisdorf)).toEqual([
      ['2025-01', 3, 3, false],
      ['2025-02', 2, 2, false],
      ['2025-03', 1, 1, false],
      ['2025-04', 1, 1, true],
    ])
    expect(troisdorf).toMatchObject({ current: 1, municipalityName: 'Troisdorf', unit: 'count' })
  })

  it('computes the share of referrals to the Jobcenter answered within 14 days, by month of sending', async () => {
    const [share] = await agreementWith({ startsOn: '2025-01-01', endsOn: '2025-12-31' }, [
      {
        name: 'Antwort des Jobcenters binnen 14 Tagen',
        unit: 'percent',
        baseline: 30,
        target: 90,
        direction: 'increase',
        source: 'computed',
        metric: 'jobcenter-referrals-answered-14d',
      },
    ])
    // January 1 of 3 (33.3 %); February 1 decided (hidden); March 3 of 3; April nothing decided.
    expect(values(share)).toEqual([
      ['2025-01', 33.3, 3, false],
      ['2025-02', null, 1, false],
      ['2025-03', 100, 3, false],
      ['2025-04', null, 0, true],
    ])
    expect(share).toMatchObject({
      current: 100,
      currentPeriod: '2025-03',
      status: 'on_track',
      progress: 1.1667,
    })
  })

  it('computes the share of changes into SGB II with a first Jobcenter contact within 30 days', async () => {
    const [changes] = await agreementWith({ startsOn: '2025-01-01', endsOn: '2025-12-31' }, [
      {
        name: 'Rechtskreiswechsel mit Jobcenter-Kontakt binnen 30 Tagen',
        unit: 'percent',
        baseline: 40,
        target: 80,
        direction: 'increase',
        source: 'computed',
        metric: 'legal-sphere-changes-jobcenter-30d',
      },
    ])
    // January: 2 of 4 in time (50 %). February: no change. March: 1 decided (hidden).
    expect(values(changes)).toEqual([
      ['2025-01', 50, 4, false],
      ['2025-02', null, 0, false],
      ['2025-03', null, 1, false],
      ['2025-04', null, 0, true],
    ])
    expect(changes).toMatchObject({ current: 50, currentPeriod: '2025-01' })
  })

  it('computes the median days from first contact to plan per month of the plan, within a municipality', async () => {
    const [hennef, district] = await agreementWith({ startsOn: '2024-01-01', endsOn: '2024-06-30' }, [
      {
        name: 'Tage bis zum Hilfeplan (Hennef)',
        unit: 'days',
        baseline: 30,
        target: 14,
        direction: 'decrease',
        source: 'computed',
        metric: 'median-days-contact-to-plan',
        parameters: { municipalityId: ids.hennef },
      },
      {
        name: 'Tage bis zum Hilfeplan (Kreis)',
        unit: 'days',
        baseline: 30,
        target: 14,
        direction: 'decrease',
        source: 'computed',
        metric: 'median-days-contact-to-plan',
      },
    ])
    // Hennef, February: 7, 10, 14, 58 → median 12. March: 5 and 4 (two cases, hidden).
    expect(values(hennef)).toEqual([
      ['2024-01', null, 0, false],
      ['2024-02', 12, 4, false],
      ['2024-03', null, 2, false],
      ['2024-04', null, 0, false],
      ['2024-05', null, 0, false],
      ['2024-06', null, 0, false],
    ])
    // The period is over and the target (14 days or fewer) reached: on track.
    expect(hennef).toMatchObject({ current: 12, currentPeriod: '2024-02', status: 'on_track' })
    // With Siegburg's 4 days: 4, 7, 10, 14, 58 → 10.
    expect(district?.series[1]).toMatchObject({ period: '2024-02', value: 10, basis: 5 })
  })
})
