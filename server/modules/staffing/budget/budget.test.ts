import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Budget, BudgetPosition, ContractDetail, PositionDetail } from '../../../../common/staffing.ts'
import { testClock, useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'

/**
 * The budget and the warnings against figures computed by hand (decision 0013: a month counts a
 * twelfth, a partly covered month by its days). In Kreis Lindenau, which has no staffing demo
 * data, on 15 June 2025.
 *
 * Pay grade EG 11: 60,000 a year until 30 June 2025, 72,000 from 1 July (5,000 / 6,000 a month).
 * Case management rate: 48,000 a year per FTE until 31 March 2025, 60,000 from 1 April (4,000 / 5,000).
 * Position "CM Nord" (1 FTE, funded 2024–2026):
 *   A1 1.0 from 2024-10-01 to 2025-03-15 (across the year boundary, half of March),
 *   A2 0.5 from 2025-03-16, open-ended, A3 0.5 from 2025-05-01 to 2025-08-31 (overlapping A2).
 *   2025: FTE-months 1 + 1 + 23/31 + 0.5 + 4 × 1 + 4 × 0.5 = 9.2419
 *   cost 5000 + 5000 + 5000 × 23/31 + 2500 + 5000 + 5000 + 6000 + 6000 + 4 × 3000 = 50,209.68
 *   funding 4000 + 4000 + 4000 × 23/31 + 2500 + 4 × 5000 + 4 × 2500 = 43,467.74; share 6,741.94
 *   2024: 3 FTE-months, cost 15,000, funding 12,000.
 * Position "CM Süd" (1 FTE, funded until 2025-06-30), C1 1.0 for all of 2025:
 *   cost 6 × 5000 + 6 × 6000 = 66,000; funded 6 FTE-months: 3 × 4000 + 3 × 5000 = 27,000; share 39,000.
 * Position "Assistenz" (0.5 FTE, EG 8 at 54,000, rate 22,500 per 0.5 FTE, new workplace 2025-07-01
 * with 5,700 once), B1 0.5 from 2025-07-01 to 2026-06-30:
 *   3 FTE-months, cost 3 × 4500 = 13,500, funding 3 × 3750 + 5700 = 16,950, share −3,450.
 */
describe.each(databaseKinds)('staffing budget and warnings on %s', (kind) => {
  const time = testClock()
  const ctx = useTestApp(kind, {}, { clock: time.clock })
  useDemoData(ctx)
  let admin: TestSession
  const ids: Record<string, string> = {}

  const post = async (url: string, payload: object) => {
    const response = await admin.request({ method: 'POST', url, payload })
    expect(response.statusCode, response.body).toBe(201)
    return response.json()
  }
  const budget = async (year: number): Promise<Budget> => {
    const response = await admin.request({ method: 'GET', url: `/api/budget?year=${year}` })
    expect(response.statusCode, response.body).toBe(200)
    return response.json()
  }
  const row = (figures: Budget, title: string) =>
    figures.positions.find((position) => position.title === title) as BudgetPosition

  beforeAll(async () => {
    time.set('2025-06-15T10:00:00Z')
    admin = await loginAs(ctx.app, 'admin.lindenau')
    await post('/api/pay-grades', {
      payGrade: 'EG 11',
      annualCost: 60_000,
      validFrom: '2024-01-01',
      validUntil: '2025-06-30',
    })
    await post('/api/pay-grades', { payGrade: 'EG 11', annualCost: 72_000, validFrom: '2025-07-01' })
    await post('/api/pay-grades', { payGrade: 'EG 8', annualCost: 54_000, validFrom: '2025-01-01' })
    const rate = (baustein: string, amount: number, validFrom: string, validUntil: string, extra = {}) =>
      post('/api/funding-rates', { baustein, amount, validFrom, validUntil, ...extra })
    await rate('case-management', 48_000, '2024-01-01', '2025-03-31')
    await rate('case-management', 60_000, '2025-04-01', '2026-12-31')
    await rate('administrative-assistance', 22_500, '2025-01-01', '2025-12-31', { fteBasis: 0.5 })
    await rate('administrative-assistance', 5_700, '2025-01-01', '2025-12-31', { kind: 'workplace-once' })
    const position = async (title: string, payload: object) =>
      ((await post('/api/positions', { title, ...payload })) as PositionDetail).id
    ids.nord = await position('CM Nord', {
      baustein: 'case-management',
      fte: 1,
      payGrade: 'EG 11',
      fundedFrom: '2024-01-01',
      fundedUntil: '2026-12-31',
    })
    ids.sued = await position('CM Süd', {
      baustein: 'case-management',
      fte: 1,
      payGrade: 'EG 11',
      fundedUntil: '2025-06-30',
    })
    ids.assistenz = await position('Assistenz', {
      baustein: 'administrative-assistance',
      fte: 0.5,
      payGrade: 'EG 8',
      workplaceSetUpOn: '2025-07-01',
    })
    const contract = async (
      name: string,
      positionId: string,
      fte: number,
      startsOn: string,
      endsOn: string | null,
    ) =>
      (
        (await post('/api/contracts', {
          positionId,
          fte,
          startsOn,
          endsOn,
          staffMember: { familyName: name },
        })) as ContractDetail
      ).id
    ids.a1 = await contract('Eins', ids.nord, 1, '2024-10-01', '2025-03-15')
    ids.a2 = await contract('Zwei', ids.nord, 0.5, '2025-03-16', null)
    ids.a3 = await contract('Drei', ids.nord, 0.5, '2025-05-01', '2025-08-31')
    ids.c1 = await contract('Vier', ids.sued, 1, '2025-01-01', '2025-12-31')
    ids.b1 = await contract('Fünf', ids.assistenz, 0.5, '2025-07-01', '2026-06-30')
  })

  it('computes a position across the year boundary, with a half month, overlapping and open-ended contracts and rate changes', async () => {
    const figures = await budget(2025)
    expect(row(figures, 'CM Nord')).toMatchObject({
      fteMonthsAssigned: 9.2419,
      fteMonthsFunded: 9.2419,
      personnelCost: 50_209.68,
      funding: 43_467.74,
      workplaceFunding: 0,
      districtShare: 6_741.94,
      missingPayGrade: false,
    })
    expect(row(await budget(2024), 'CM Nord')).toMatchObject({
      fteMonthsAssigned: 3,
      personnelCost: 15_000,
      funding: 12_000,
      districtShare: 3_000,
    })
  })

  it('funds only within the funding period and adds the one-off workplace amount in its year', async () => {
    const figures = await budget(2025)
    expect(row(figures, 'CM Süd')).toMatchObject({
      fteMonthsAssigned: 12,
      fteMonthsFunded: 6,
      personnelCost: 66_000,
      funding: 27_000,
      districtShare: 39_000,
    })
    expect(row(figures, 'Assistenz')).toMatchObject({
      fteMonthsAssigned: 3,
      fteMonthsFunded: 3,
      personnelCost: 13_500,
      funding: 16_950,
      workplaceFunding: 5_700,
      districtShare: -3_450,
    })
    expect(figures.bausteine.find((each) => each.baustein === 'case-management')).toMatchObject({
      bausteinNumber: 2,
      fteMonthsAssigned: 21.2419,
      fteMonthsFunded: 15.2419,
      personnelCost: 116_209.68,
      funding: 70_467.74,
      districtShare: 45_741.94,
    })
    expect(figures.totals).toEqual({
      fteMonthsAssigned: 24.2419,
      fteMonthsFunded: 18.2419,
      personnelCost: 129_709.68,
      funding: 87_417.74,
      districtShare: 42_291.94,
    })
  })

  it('writes the same figures into the XLSX workbook', async () => {
    const figures = await budget(2025)
    const response = await admin.request({ method: 'GET', url: '/api/budget.xlsx?year=2025' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('spreadsheetml')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer)
    const [positions, bausteine] = workbook.worksheets
    const rows = (sheet: ExcelJS.Worksheet | undefined) =>
      (sheet?.getSheetValues() ?? []).filter(Boolean).map((values) => (values as unknown[]).slice(1))
    const positionRows = rows(positions)
    expect(
      positionRows
        .slice(1, -1)
        .map((values) => [values[0], values[5], values[6], values[7], values[8], values[10]]),
    ).toEqual(
      figures.positions.map((each) => [
        each.title,
        each.fteMonthsAssigned,
        each.fteMonthsFunded,
        each.personnelCost,
        each.funding,
        each.districtShare,
      ]),
    )
    const total = positionRows.at(-1) as unknown[]
    expect([total[7], total[8], total[10]]).toEqual([
      figures.totals.personnelCost,
      figures.totals.funding,
      figures.totals.districtShare,
    ])
    expect(
      rows(bausteine)
        .slice(1)
        .map((values) => [values[0], values[4], values[5], values[6]]),
    ).toEqual(
      figures.bausteine.map((each) => [
        each.bausteinNumber,
        each.personnelCost,
        each.funding,
        each.districtShare,
      ]),
    )
  })

  it('warns, sorted by date, of a vacancy, the funding end, a contract ending and the gap it leaves', async () => {
    const response = await admin.request({ method: 'GET', url: '/api/staffing/warnings?horizonMonths=6' })
    expect(response.statusCode, response.body).toBe(200)
    const list = response.json()
    expect(list).toMatchObject({ today: '2025-06-15', until: '2025-12-14' })
    expect(
      list.items.map((item: { kind: string; date: string; positionTitle: string }) => [
        item.kind,
        item.date,
        item.positionTitle,
      ]),
    ).toEqual([
      ['position-vacant', '2025-06-15', 'Assistenz'],
      ['funding-ending', '2025-06-30', 'CM Süd'],
      ['contract-ending', '2025-08-31', 'CM Nord'],
      ['position-under-assigned', '2025-09-01', 'CM Nord'],
    ])
  })

  it('refuses a contract that would take a position above its FTE on any day, and stores nothing', async () => {
    const before = await ctx.database.db.selectFrom('staff_contract').select('id').execute()
    const response = await admin.request({
      method: 'POST',
      url: '/api/contracts',
      payload: { positionId: ids.nord, fte: 0.25, startsOn: '2025-06-01', endsOn: '2025-06-30' },
    })
    expect(response.statusCode).toBe(409)
    expect(response.json()).toMatchObject({ code: 'position-over-assigned' })
    expect(await ctx.database.db.selectFrom('staff_contract').select('id').execute()).toHaveLength(
      before.length,
    )
    // After A3 ends, half the position is free again.
    const later = await admin.request({
      method: 'POST',
      url: '/api/contracts',
      payload: { positionId: ids.nord, fte: 0.75, startsOn: '2025-09-01', endsOn: null },
    })
    expect(later.statusCode).toBe(409)
  })

  it('extends a contract with If-Match: the warnings it caused go, the history keeps the old end', async () => {
    const current = (
      await admin.request({ method: 'GET', url: `/api/contracts/${ids.a3}` })
    ).json() as ContractDetail
    const extension = {
      fte: 0.5,
      startsOn: '2025-05-01',
      endsOn: '2026-08-31',
      fixedTermReason: 'Verlängert',
    }
    const missing = await admin.request({
      method: 'PUT',
      url: `/api/contracts/${ids.a3}`,
      payload: extension,
    })
    expect(missing.statusCode).toBe(428)
    const stale = await admin.request({
      method: 'PUT',
      url: `/api/contracts/${ids.a3}`,
      payload: extension,
      headers: { 'if-match': `"${current.version + 1}"` },
    })
    expect(stale.statusCode).toBe(409)
    const response = await admin.request({
      method: 'PUT',
      url: `/api/contracts/${ids.a3}`,
      payload: extension,
      headers: { 'if-match': `"${current.version}"` },
    })
    expect(response.statusCode, response.body).toBe(200)
    const extended = response.json() as ContractDetail
    expect(extended).toMatchObject({ endsOn: '2026-08-31', version: current.version + 1 })
    expect(extended.history.map((version) => version.endsOn)).toEqual(['2025-08-31', '2026-08-31'])
    const warnings = (
      await admin.request({ method: 'GET', url: '/api/staffing/warnings?horizonMonths=6' })
    ).json()
    expect(warnings.items.map((item: { kind: string }) => item.kind)).toEqual([
      'position-vacant',
      'funding-ending',
    ])
  })
})
