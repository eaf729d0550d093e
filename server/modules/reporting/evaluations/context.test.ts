import { beforeAll, describe, expect, it } from 'vitest'
import type { Evaluation, Figures } from '../../../../common/reporting.ts'
import { testClock, useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import { staffingFigure } from '../../staffing/index.ts'
import { goalFigure } from '../../steering/index.ts'

/**
 * The catalogue's staffing and goal figures and the context an evaluation freezes, against
 * hand-computed fixtures in Kreis Lindenau (Europe/Berlin), period 1 March to 30 April 2026,
 * today 2 July 2026.
 *
 * Positions and contracts on 30 April:
 * - Baustein 1: coordination 1.0 (A 0.5 to 31 Dec, G 0.5 open), administrative assistance 0.5
 *   (B 0.5 to 15 April, B again from 16 April: continued, not ending) → 1.5 of 1.5 FTE, 3 contracts
 * - Baustein 2: CM Nord 1.0 (C 0.5 to 31 May; D 0.5 from 15 March, leaving 20 April),
 *   CM Süd 1.5 (E 1.0 open, F 0.5 to 30 September), CM Alt 0.5 funded until 28 February (not
 *   counted) → 2.0 of 2.5 FTE, 0.5 vacant, 3 contracts
 * - Baustein 3: immigration office 1.0, in recruitment, no contract → 1.0 vacant, 0 contracts
 * Cases active on 30 April: 7 (one more closed on 31 March) → 7 / 2.0 = 3.5 cases per FTE.
 */
describe.each(databaseKinds)('evaluation context and staffing and goal figures on %s', (kind) => {
  const time = testClock()
  const ctx = useTestApp(kind, {}, { clock: time.clock })
  useDemoData(ctx)
  let admin: TestSession
  let districtId = ''
  const positions: Record<string, string> = {}
  const range = { from: '2026-03-01', to: '2026-04-30' }
  const scope = () => ({
    districtId,
    range,
    timeZone: 'Europe/Berlin',
    now: new Date('2026-07-02T08:00:00Z'),
  })

  const post = async (url: string, payload: object) => {
    const response = await admin.request({ method: 'POST', url, payload })
    expect(response.statusCode, response.body).toBe(201)
    return response.json()
  }
  const figures = async (query: string) => {
    const response = await admin.request({ method: 'GET', url: `/api/figures?${query}` })
    expect(response.statusCode, response.body).toBe(200)
    return response.json() as Figures
  }

  beforeAll(async () => {
    time.set('2026-07-02T08:00:00Z')
    admin = await loginAs(ctx.app, 'admin.lindenau')
    districtId = admin.districtId
    const db = ctx.database.ownerDb
    const user = admin.userId
    const position = async (
      title: string,
      baustein: string,
      fte: number,
      extra: { funded_until?: string; in_recruitment?: boolean } = {},
    ) => {
      positions[title] = (
        await db
          .insertInto('staff_position')
          .values({
            district_id: districtId,
            title,
            baustein,
            fte,
            employer_kind: 'district',
            created_by: user,
            ...extra,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    }
    await position('Koordination', 'coordination', 1)
    await position('Verwaltung', 'administrative-assistance', 0.5)
    await position('CM Nord', 'case-management', 1)
    await position('CM Süd', 'case-management', 1.5)
    await position('CM Alt', 'case-management', 0.5, { funded_until: '2026-02-28' })
    await position('Ausländerbehörde', 'immigration-office', 1, { in_recruitment: true })
    const member = async (name: string) =>
      (
        await db
          .insertInto('staff_member')
          .values({ district_id: districtId, family_name: name })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    const contract = async (
      title: string,
      staff: string,
      fte: number,
      startsOn: string,
      endsOn: string | null,
    ) =>
      (
        await db
          .insertInto('staff_contract')
          .values({
            district_id: districtId,
            position_id: positions[title] as string,
            staff_member_id: staff,
            fte,
            starts_on: startsOn,
            ends_on: endsOn,
            created_by: user,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    await contract('Koordination', await member('A'), 0.5, '2025-01-01', '2026-12-31')
    await contract('Koordination', await member('G'), 0.5, '2025-01-01', null)
    const b = await member('B')
    await contract('Verwaltung', b, 0.5, '2026-01-01', '2026-04-15')
    await contract('Verwaltung', b, 0.5, '2026-04-16', null)
    await contract('CM Nord', await member('C'), 0.5, '2025-06-01', '2026-05-31')
    const leaving = await contract('CM Nord', await member('D'), 0.5, '2026-03-15', null)
    await db
      .insertInto('planned_departure')
      .values({ district_id: districtId, contract_id: leaving, leaves_on: '2026-04-20', created_by: user })
      .execute()
    await contract('CM Süd', await member('E'), 1, '2024-01-01', null)
    await contract('CM Süd', await member('F'), 0.5, '2026-02-01', '2026-09-30')

    const municipality = (
      await db
        .selectFrom('municipality')
        .select('id')
        .where('district_id', '=', districtId)
        .executeTakeFirstOrThrow()
    ).id
    const cases = [
      ['2026-01-05', null],
      ['2026-02-01', null],
      ['2026-03-01', null],
      ['2026-03-15', null],
      ['2026-04-01', null],
      ['2026-04-30', null],
      ['2025-11-11', '2026-05-02'],
      ['2026-02-01', '2026-03-31'],
      ['2026-05-01', null],
    ] as const
    await db
      .insertInto('client_case')
      .values(
        cases.map(([opened, closed], index) => ({
          district_id: districtId,
          reference: `CTX-${index}`,
          municipality_id: municipality,
          opened_on: opened,
          closed_on: closed,
          phase: closed ? 'closed' : 'implementation',
          created_by: user,
        })),
      )
      .execute()

    // Steering: the steering group meets at 00:30 on 1 March (UTC still February) and on 10 March
    // (two decisions), and at 00:30 on 1 May (UTC still 30 April: outside); a working group on 14
    // April (one decision) and on 27 February (outside).
    const steeringGroup = await post('/api/bodies', {
      kind: 'steering_group',
      name: 'Lenkungsgruppe Lindenau',
    })
    const workingGroup = await post('/api/bodies', { kind: 'working_group', name: 'UAG Arbeit' })
    const meeting = async (bodyId: string, date: string, startTime: string, decisions: number) => {
      const created = await post('/api/meetings', {
        bodyId,
        title: 'Sitzung',
        date,
        startTime,
        endTime: '02:00' > startTime ? '02:00' : '18:00',
        place: 'Kreishaus',
      })
      for (let index = 0; index < decisions; index += 1) {
        await post(`/api/meetings/${created.id}/decisions`, { text: `Beschluss ${index + 1}.` })
      }
    }
    await meeting(steeringGroup.id, '2026-03-01', '00:30', 0)
    await meeting(steeringGroup.id, '2026-03-10', '10:00', 2)
    await meeting(steeringGroup.id, '2026-05-01', '00:30', 1)
    await meeting(workingGroup.id, '2026-04-14', '14:00', 1)
    await meeting(workingGroup.id, '2026-02-27', '14:00', 1)

    // Goals: A1 (the year) on track on 30 April (40 of 100 on 15 April), off track today (10 on
    // 30 June); A2 (February–March) over and not reached; A3 (2025) outside the period.
    const organisation = await post('/api/organisations', { name: 'Jobcenter Lindenau', kind: 'jobcenter' })
    const agreement = async (title: string, startsOn: string, endsOn: string) =>
      post('/api/goal-agreements', {
        title,
        goalStatement: 'Ein Ziel.',
        partyIds: [organisation.id],
        startsOn,
        endsOn,
        decisionId: null,
        responsibleOrganisationId: null,
      })
    const indicator = async (agreementId: string, input: object) =>
      (
        await post(`/api/goal-agreements/${agreementId}/indicators`, { source: 'manual', ...input })
      ).indicators.at(-1).id as string
    const value = (agreementId: string, indicatorId: string, measuredOn: string, amount: number) =>
      post(`/api/goal-agreements/${agreementId}/indicators/${indicatorId}/values`, {
        measuredOn,
        value: amount,
      })
    const a1 = await agreement('Sprachkurse ausbauen', '2026-01-01', '2026-12-31')
    const i1 = await indicator(a1.id, {
      name: 'Kursplätze',
      unit: 'count',
      baseline: 0,
      target: 100,
      direction: 'increase',
    })
    await value(a1.id, i1, '2026-04-15', 40)
    await value(a1.id, i1, '2026-06-30', 10)
    await indicator(a1.id, {
      name: 'Abschlussquote',
      unit: 'percent',
      baseline: 50,
      target: 80,
      direction: 'increase',
    })
    const a2 = await agreement('Wartezeit senken', '2026-02-01', '2026-03-31')
    const i3 = await indicator(a2.id, {
      name: 'Wartetage',
      unit: 'days',
      baseline: 30,
      target: 10,
      direction: 'decrease',
    })
    await value(a2.id, i3, '2026-03-20', 25)
    await agreement('Altes Ziel', '2025-01-01', '2025-12-31')
  })

  it('counts FTE filled and vacant by Baustein on the last day, with the contracts behind them', async () => {
    const db = ctx.database.db
    const attribute = { kind: 'attribute', dimension: 'baustein' } as const
    expect(await staffingFigure(db, 'fte-filled', scope(), attribute)).toEqual([
      { key: '1', value: 1.5, n: 3 },
      { key: '2', value: 2, n: 3 },
      { key: '3', value: 0, n: 0 },
    ])
    expect(await staffingFigure(db, 'fte-vacant', scope(), attribute)).toEqual([
      { key: '1', value: 0, n: 3 },
      { key: '2', value: 0.5, n: 3 },
      { key: '3', value: 1, n: 0 },
    ])
    // 31 March: D is still there (leaves 20 April), B on the first contract: 1.5 and 2.5 filled.
    const monthly = await staffingFigure(db, 'fte-filled', scope(), {
      kind: 'bucket',
      unit: 'month',
      buckets: [
        { key: '2026-03-01', end: '2026-03-31' },
        { key: '2026-04-01', end: '2026-04-30' },
      ],
    })
    expect(monthly).toEqual([
      { key: '2026-03-01', value: 4, n: 7 },
      { key: '2026-04-01', value: 3.5, n: 6 },
    ])
  })

  it('counts contracts ending: a planned departure ends one, a follow-up of the same person does not', async () => {
    const db = ctx.database.db
    expect(await staffingFigure(db, 'contracts-ending', scope(), { kind: 'total' })).toEqual([
      { key: '', value: 1, n: 1 },
    ])
    const year = { ...scope(), range: { from: '2026-01-01', to: '2026-12-31' } }
    expect(
      await staffingFigure(db, 'contracts-ending', year, { kind: 'attribute', dimension: 'baustein' }),
    ).toEqual([
      { key: '1', value: 1, n: 1 },
      { key: '2', value: 3, n: 3 },
      { key: '3', value: 0, n: 0 },
    ])
  })

  it('answers the new metrics through /api/figures, withholding what rests on fewer than 3', async () => {
    const filled = await figures('metric=fte-filled&from=2026-03-01&to=2026-04-30&by=baustein')
    expect(filled.unit).toBe('fte')
    expect(filled.rows.map((row) => [row.key, row.value])).toEqual([
      ['1', 1.5],
      ['2', 2],
      ['3', 0],
    ])
    expect(filled.total).toEqual({ value: 3.5 })
    const caseload = await figures('metric=caseload-per-fte&from=2026-03-01&to=2026-04-30')
    expect(caseload.total).toEqual({ value: 3.5 })
    // 10 March: nobody left yet, 4.0 FTE filled (D from 15 March not yet); 4 cases active.
    const ending = await figures('metric=contracts-ending&from=2026-01-01&to=2026-12-31')
    expect(ending.total).toEqual({ value: 4 })
    const goals = await figures('metric=goal-agreements&from=2026-03-01&to=2026-04-30&by=goal-status')
    expect(goals.rows.map((row) => row.key)).toEqual(['at_risk', 'no_data', 'off_track', 'on_track'])
    expect(goals.rows.every((row) => row.suppressed === true)).toBe(true)
    const refused = await admin.request({
      method: 'GET',
      url: '/api/figures?metric=caseload-per-fte&from=2026-03-01&to=2026-04-30&by=municipality',
    })
    expect(refused.statusCode).toBe(400)
  })

  it("judges goals on the period's last day: values measured later do not count", async () => {
    const db = ctx.database.db
    const byStatus = { kind: 'attribute', dimension: 'goal-status' } as const
    expect(await goalFigure(db, 'goal-agreements', scope(), byStatus)).toEqual([
      { key: 'on_track', value: 1, n: 1 },
      { key: 'at_risk', value: 0, n: 0 },
      { key: 'off_track', value: 1, n: 1 },
      { key: 'no_data', value: 0, n: 0 },
    ])
    expect(await goalFigure(db, 'goal-indicators', scope(), byStatus)).toEqual([
      { key: 'on_track', value: 1, n: 1 },
      { key: 'at_risk', value: 0, n: 0 },
      { key: 'off_track', value: 1, n: 1 },
      { key: 'no_data', value: 1, n: 1 },
    ])
    // Judged today (a period up to today), A1 is off track with 10 of 100 at the end of June.
    const now = { ...scope(), range: { from: '2026-06-01', to: '2026-07-02' } }
    expect(await goalFigure(db, 'goal-agreements', now, byStatus)).toEqual([
      { key: 'on_track', value: 0, n: 0 },
      { key: 'at_risk', value: 0, n: 0 },
      { key: 'off_track', value: 1, n: 1 },
      { key: 'no_data', value: 0, n: 0 },
    ])
  })

  let evaluation: Evaluation
  it('freezes staffing, steering activity and the goal agreements with the evaluation', async () => {
    evaluation = (await post('/api/evaluations', { name: 'März bis April', ...range })) as Evaluation
    expect(evaluation.context).toEqual({
      staffing: {
        asOf: '2026-04-30',
        bausteine: [
          { baustein: 1, positions: 2, fte: 1.5, filledFte: 1.5, vacantFte: 0, inRecruitment: 0 },
          { baustein: 2, positions: 2, fte: 2.5, filledFte: 2, vacantFte: 0.5, inRecruitment: 0 },
          { baustein: 3, positions: 1, fte: 1, filledFte: 0, vacantFte: 1, inRecruitment: 1 },
        ],
        contractsEnding: [
          { baustein: 2, position: 'CM Nord', fte: 0.5, endsOn: '2026-05-31' },
          { baustein: 2, position: 'CM Süd', fte: 0.5, endsOn: '2026-09-30' },
        ],
        caseloadPerFte: 3.5,
      },
      steering: {
        meetings: 3,
        decisions: 3,
        bodies: [
          { name: 'Lenkungsgruppe Lindenau', meetings: 2, decisions: 2 },
          { name: 'UAG Arbeit', meetings: 1, decisions: 1 },
        ],
      },
      // As the agreements list them: the latest start first.
      goals: [
        {
          title: 'Wartezeit senken',
          status: 'off_track',
          indicators: [
            {
              name: 'Wartetage',
              unit: { de: 'Tage', en: 'days' },
              target: 10,
              actual: 25,
              status: 'off_track',
            },
          ],
        },
        {
          title: 'Sprachkurse ausbauen',
          status: 'on_track',
          indicators: [
            {
              name: 'Kursplätze',
              unit: { de: 'Anzahl', en: 'count' },
              target: 100,
              actual: 40,
              status: 'on_track',
            },
            {
              name: 'Abschlussquote',
              unit: { de: 'Prozent', en: 'percent' },
              target: 80,
              actual: null,
              status: 'no_data',
            },
          ],
        },
      ],
    })
  })

  it('keeps the frozen context when staffing changes later, and withholds a Baustein of one person', async () => {
    const db = ctx.database.ownerDb
    await db
      .insertInto('staff_contract')
      .values({
        district_id: districtId,
        position_id: positions.Ausländerbehörde as string,
        fte: 0.5,
        starts_on: '2026-01-01',
        ends_on: null,
        created_by: admin.userId,
      })
      .execute()
    const read = await admin.request({ method: 'GET', url: `/api/evaluations/${evaluation.id}` })
    expect(read.statusCode).toBe(200)
    expect((read.json() as Evaluation).context).toEqual(evaluation.context)
    // Baustein 3 now rests on one contract: withheld, and one more cell so it cannot be taken from the total.
    const filled = await figures('metric=fte-filled&from=2026-03-01&to=2026-04-30&by=baustein')
    const vacant = await figures('metric=fte-vacant&from=2026-03-01&to=2026-04-30&by=baustein')
    expect(filled.rows.find((row) => row.key === '3')).toMatchObject({ value: null, suppressed: true })
    expect(filled.rows.filter((row) => row.suppressed).length).toBeGreaterThanOrEqual(2)
    expect(filled.total).toEqual({ value: 4 })
    // The same cells in both: vacant = position − filled would otherwise give a withheld one away.
    expect(vacant.rows.map((row) => row.suppressed ?? false)).toEqual(
      filled.rows.map((row) => row.suppressed ?? false),
    )
  })

  it('reads an evaluation made before contexts were frozen without one', async () => {
    const inserted = await ctx.database.ownerDb
      .insertInto('evaluation')
      .values({
        district_id: districtId,
        name: 'Alt',
        period_from: '2026-01-01',
        period_to: '2026-01-31',
        catalogue_version: 'old',
        threshold: 3,
        special_threshold: 5,
        figures: JSON.stringify([]),
        created_by: admin.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const read = await admin.request({ method: 'GET', url: `/api/evaluations/${inserted.id}` })
    expect(read.statusCode, read.body).toBe(200)
    expect(read.json()).toMatchObject({ name: 'Alt', sections: [] })
    expect(read.json().context).toBeUndefined()
  })
})
