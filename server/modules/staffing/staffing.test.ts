import { beforeAll, describe, expect, it } from 'vitest'
import type { CaseloadRow, Contract, Position, StaffingWarning } from '../../../common/staffing.ts'
import { useTestApp } from '../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../test/auth.ts'
import { databaseKinds } from '../../test/database.ts'
import { isoDay } from '../../test/expectations.ts'

describe.each(databaseKinds)('staffing on %s', (kind) => {
  const ctx = useTestApp(kind)
  // With the demo case work, for the caseload.
  useDemoData(ctx, { caseWork: true })
  let coordinator: TestSession
  let caseManager: TestSession
  let teamLead: TestSession
  let lindenauAdmin: TestSession
  const year = Number(isoDay().slice(0, 4))

  beforeAll(async () => {
    coordinator = await loginAs(ctx.app, 'koordination')
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    teamLead = await loginAs(ctx.app, 'teamleitung')
    lindenauAdmin = await loginAs(ctx.app, 'admin.lindenau')
  })

  const get = (session: TestSession, url: string) => session.request({ method: 'GET', url })
  const positions = async () => (await get(coordinator, '/api/positions')).json().items as Position[]
  const contracts = async (session: TestSession) =>
    (await get(session, '/api/contracts')).json().items as Contract[]
  const count = async (table: 'staff_contract' | 'staff_member' | 'funding_rate' | 'staff_position') =>
    (await ctx.database.db.selectFrom(table).select('id').execute()).length

  it('shows the demo positions by Baustein, all filled, as the committee minutes say', async () => {
    const items = await positions()
    expect(items).toHaveLength(9)
    expect(items.map((item) => item.state)).toEqual(Array(9).fill('filled'))
    expect(items.map((item) => item.baustein)).toEqual([
      'coordination',
      'administrative-assistance',
      ...Array(6).fill('case-management'),
      'immigration-office',
    ])
    expect(items.find((item) => item.title === 'Case Management Sankt Augustin')?.holders).toHaveLength(2)
  })

  it("warns of the case managers' contracts ending on 31 December and the one who leaves before", async () => {
    const response = await get(coordinator, '/api/staffing/warnings?horizonMonths=12')
    expect(response.statusCode, response.body).toBe(200)
    const items = response.json().items as StaffingWarning[]
    const ending = items.filter((item) => item.kind === 'contract-ending')
    expect(ending.filter((item) => item.date === `${year}-12-31`).length).toBeGreaterThanOrEqual(5)
    expect(ending.filter((item) => item.plannedDeparture)).toHaveLength(1)
    expect(items.filter((item) => item.kind === 'funding-ending').length).toBe(9)
    const dates = items.map((item) => item.date)
    expect(dates).toEqual([...dates].sort())
  })

  it('shows a case manager their own contract only, and nobody else theirs', async () => {
    const own = await contracts(caseManager)
    expect(own.map((contract) => contract.staffName)).toEqual(['Leyla Yıldız'])
    const all = await contracts(coordinator)
    expect(all.length).toBeGreaterThan(9)
    const other = all.find((contract) => contract.staffName === 'Tobias Schmitz') as Contract
    expect((await get(caseManager, `/api/contracts/${other.id}`)).statusCode).toBe(403)
    expect((await get(caseManager, `/api/contracts/${own[0]?.id}`)).statusCode).toBe(200)
    expect((await get(caseManager, '/api/positions')).statusCode).toBe(403)
    expect((await get(caseManager, '/api/budget?year=2026')).statusCode).toBe(403)
    expect((await get(teamLead, '/api/contracts')).statusCode).toBe(403)
    expect((await get(lindenauAdmin, `/api/contracts/${other.id}`)).statusCode).toBe(404)
    const change = await caseManager.request({
      method: 'PUT',
      url: `/api/contracts/${own[0]?.id}`,
      payload: { fte: 1, startsOn: '2024-03-01', endsOn: '2030-12-31' },
      headers: { 'if-match': `"${own[0]?.version}"` },
    })
    expect(change.statusCode).toBe(403)
  })

  it('draws every position over 24 months, a gap after the contracts end at year end', async () => {
    const response = await get(coordinator, '/api/staffing/timeline')
    expect(response.statusCode, response.body).toBe(200)
    const timeline = response.json()
    expect(timeline.rows).toHaveLength(9)
    const troisdorf = timeline.rows.find(
      (row: { title: string }) => row.title === 'Case Management Troisdorf',
    )
    expect(troisdorf.segments).toEqual([
      {
        from: timeline.from,
        to: `${year}-12-31`,
        assignedFte: 1,
        state: 'filled',
        holders: ['Leyla Yıldız'],
      },
      { from: `${year + 1}-01-01`, to: timeline.to, assignedFte: 0, state: 'vacant', holders: [] },
    ])
  })

  it("gives the caseload per case-management FTE from case work's aggregates only", async () => {
    const response = await get(coordinator, '/api/staffing/caseload?months=3')
    expect(response.statusCode, response.body).toBe(200)
    const caseload = response.json()
    expect(caseload.months).toHaveLength(3)
    const month = caseload.months.at(-1) as string
    const lastDay = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0))
      .toISOString()
      .slice(0, 10)
    const open = await ctx.database.db
      .selectFrom('client_case')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('district_id', '=', coordinator.districtId)
      .where('opened_on', '<=', lastDay)
      .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>=', `${month}-01`)]))
      .executeTakeFirstOrThrow()
    const rows = caseload.rows as CaseloadRow[]
    const district = rows.find((row) => row.month === month && row.by === 'district') as CaseloadRow
    // Six case-management positions: 1 + 1 + 1 + 1 + 1 + 0.5 FTE, all filled this month.
    expect(district).toMatchObject({ activeCases: Number(open.n), fte: 5.5 })
    expect(district.casesPerFte).toBeCloseTo(Number(open.n) / 5.5, 1)
    const troisdorf = caseload.rows.find(
      (row: { month: string; municipalityName: string | null }) =>
        row.month === month && row.municipalityName === 'Troisdorf',
    )
    expect(troisdorf.fte).toBe(1)
    const teams = rows.filter((row) => row.month === month && row.by === 'team')
    expect(teams.length).toBeGreaterThan(0)
    expect(teams.every((row) => row.teamName !== null && row.municipalityId === null)).toBe(true)
    const openByTeam = await ctx.database.db
      .selectFrom('client_case')
      .select(['team_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('district_id', '=', coordinator.districtId)
      .where('opened_on', '<=', lastDay)
      .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>=', `${month}-01`)]))
      .groupBy('team_id')
      .execute()
    for (const team of teams) {
      const n = Number(openByTeam.find((row) => row.team_id === team.teamId)?.n ?? 0)
      // Fewer than three cases could single a person out: withheld.
      expect(team.activeCases).toBe(n < 3 ? null : n)
    }
    // The case managers' contracts count for their teams; together no more than the district's FTE.
    expect(teams.reduce((sum, row) => sum + row.fte, 0)).toBeLessThanOrEqual(5.5 + 1e-9)
    expect(teams.some((row) => row.fte > 0)).toBe(true)
    expect((await get(caseManager, '/api/staffing/caseload')).statusCode).toBe(403)
  })

  it('records every read of staff data in the audit trail', async () => {
    const [contract] = await contracts(coordinator)
    await get(coordinator, `/api/contracts/${contract?.id}`)
    const events = await ctx.database.db
      .selectFrom('audit_event')
      .select(['action', 'subject_id'])
      .where('actor_id', '=', coordinator.userId)
      .where('action', 'in', ['staff-contract.read', 'staff-contract.list', 'staff-position.list'])
      .execute()
    expect(events.map((event) => event.action)).toEqual(
      expect.arrayContaining(['staff-contract.read', 'staff-contract.list', 'staff-position.list']),
    )
    expect(events.some((event) => event.subject_id === contract?.id)).toBe(true)
  })

  it('changes a position with If-Match, and refuses an FTE below its contracts', async () => {
    const position = (await positions()).find(
      (item) => item.title === 'Case Management Sankt Augustin',
    ) as Position
    const put = (body: object, version?: number) =>
      coordinator.request({
        method: 'PUT',
        url: `/api/positions/${position.id}`,
        payload: body,
        headers: version === undefined ? {} : { 'if-match': `"${version}"` },
      })
    const body = {
      baustein: position.baustein,
      title: position.title,
      fte: position.fte,
      employerKind: position.employerKind,
      employerOrganisationId: position.employerOrganisationId,
      municipalityId: position.municipalityId,
      area: position.area,
      payGrade: position.payGrade,
      fundingProgramme: 'KIM 2027',
      fundedFrom: position.fundedFrom,
      fundedUntil: `${year + 1}-12-31`,
      workplaceSetUpOn: position.workplaceSetUpOn,
      inRecruitment: false,
    }
    expect((await put(body)).statusCode).toBe(428)
    const tooSmall = await put({ ...body, fte: 0.5 }, position.version)
    expect(tooSmall.statusCode, tooSmall.body).toBe(409)
    const changed = await put(body, position.version)
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json()).toMatchObject({ fundingProgramme: 'KIM 2027', fundedUntil: `${year + 1}-12-31` })
    expect((await put(body, position.version)).statusCode).toBe(409)
    expect((await put({ ...body, fte: 0 }, position.version + 1)).statusCode).toBe(400)
    expect((await put(body, changed.json().version)).statusCode).toBe(200)
  })

  it('ends a funding rate earlier, within its validity only', async () => {
    const created = await coordinator.request({
      method: 'POST',
      url: '/api/funding-rates',
      payload: {
        baustein: 'coordination',
        amount: 60_000,
        validFrom: '2034-01-01',
        validUntil: '2034-12-31',
      },
    })
    expect(created.statusCode, created.body).toBe(201)
    const rate = created.json().items.find((item: { validFrom: string }) => item.validFrom === '2034-01-01')
    const close = (validUntil: string, id = rate.id) =>
      coordinator.request({ method: 'POST', url: `/api/funding-rates/${id}/close`, payload: { validUntil } })
    expect((await close('2033-12-31')).statusCode).toBe(422)
    expect((await close('2035-01-31')).statusCode).toBe(422)
    expect((await close('2034-06-30', '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404)
    expect((await close('2034-13-01')).statusCode).toBe(400)
    const closed = await close('2034-06-30')
    expect(closed.statusCode, closed.body).toBe(200)
    expect(closed.json().items.find((item: { id: string }) => item.id === rate.id)?.validUntil).toBe(
      '2034-06-30',
    )
    expect((await close('2034-09-30')).statusCode).toBe(422)
    expect(
      (
        await caseManager.request({
          method: 'POST',
          url: `/api/funding-rates/${rate.id}/close`,
          payload: { validUntil: '2034-03-31' },
        })
      ).statusCode,
    ).toBe(403)
  })

  describe('refuses bad input with a 4xx and stores nothing', () => {
    let positionId: string
    beforeAll(async () => {
      positionId = (await positions()).find((item) => item.title === 'Case Management Königswinter')
        ?.id as string
    })
    const contract = (changes: object) => ({
      positionId,
      fte: 0.5,
      startsOn: `${year + 1}-01-01`,
      endsOn: `${year + 1}-12-31`,
      staffMember: { familyName: 'Neu' },
      ...changes,
    })
    const cases: [string, object, number][] = [
      ['a contract ending before it starts', { endsOn: `${year}-12-31` }, 400],
      ['a share above 1', { fte: 1.5 }, 400],
      ['a share below 0', { fte: -0.5 }, 400],
      ['a share of 0', { fte: 0 }, 400],
      // Above 0 but nothing once stored with three decimals (found by the API fuzzer).
      ['a share too small to store', { fte: 4e-204 }, 400],
      ['a share as text', { fte: '0.5' }, 400],
      ['a share with four decimals', { fte: 0.1234 }, 400],
      ['a start that is no day', { startsOn: '2026-02-30' }, 400],
      ['a reason too long', { fixedTermReason: 'x'.repeat(301) }, 400],
      ['an unknown field', { salary: 1 }, 400],
      ['a position of nobody', { positionId: '00000000-0000-4000-8000-000000000000' }, 422],
      // The position holds 0.5 FTE; Miriam Bauer's contract has it until 31 December.
      ['overlapping contracts above the FTE', { startsOn: `${year}-12-01` }, 409],
    ]
    it.each(cases)('%s', async (_label, changes, status) => {
      const before = [await count('staff_contract'), await count('staff_member')]
      const response = await coordinator.request({
        method: 'POST',
        url: '/api/contracts',
        payload: contract(changes),
      })
      expect(response.statusCode, response.body).toBe(status)
      expect(response.headers['content-type']).toContain('application/problem+json')
      expect([await count('staff_contract'), await count('staff_member')]).toEqual(before)
    })

    it('names the field of an end before the start', async () => {
      const response = await coordinator.request({
        method: 'POST',
        url: '/api/contracts',
        payload: contract({ endsOn: `${year}-06-30` }),
      })
      expect(response.json().fields, response.body).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'body.endsOn', message: 'period-ends-before-start' }),
        ]),
      )
    })

    it.each([
      ['without an end of validity', { validUntil: undefined }],
      ['without a start of validity', { validFrom: undefined }],
      ['ending before it starts', { validFrom: '2026-01-01', validUntil: '2025-12-31' }],
      ['with a negative amount', { amount: -1 }],
    ])('a funding rate %s', async (_label, changes) => {
      const before = await count('funding_rate')
      const response = await coordinator.request({
        method: 'POST',
        url: '/api/funding-rates',
        payload: {
          baustein: 'case-management',
          amount: 57_000,
          validFrom: '2027-01-01',
          validUntil: '2027-12-31',
          ...changes,
        },
      })
      expect(response.statusCode, response.body).toBe(400)
      expect(await count('funding_rate')).toBe(before)
    })

    it('a position with an FTE of 0 or one for another district', async () => {
      const before = await count('staff_position')
      const zero = await coordinator.request({
        method: 'POST',
        url: '/api/positions',
        payload: { baustein: 'case-management', title: 'Null', fte: 0 },
      })
      expect(zero.statusCode).toBe(400)
      const foreign = await lindenauAdmin.request({
        method: 'POST',
        url: '/api/contracts',
        payload: contract({}),
      })
      expect(foreign.statusCode).toBe(422)
      expect(await count('staff_position')).toBe(before)
    })

    it('takes a contract that fits once the other one has ended, with a new staff member', async () => {
      const response = await coordinator.request({
        method: 'POST',
        url: '/api/contracts',
        payload: contract({}),
      })
      expect(response.statusCode, response.body).toBe(201)
      expect(response.json()).toMatchObject({ staffName: 'Neu', fte: 0.5, endsOn: `${year + 1}-12-31` })
    })
  })
})
