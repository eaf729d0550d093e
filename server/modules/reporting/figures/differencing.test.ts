import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Figures } from '../../../../common/reporting.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import { alignedMonths, calendarUnitWithin } from './canonical.ts'

/**
 * Differencing attacks on the ad-hoc figures API (decision 0017), on the demo district: a reader
 * asks for overlapping periods by municipality and subtracts. No difference of two published cells
 * of nested periods lies between 1 and threshold − 1.
 */
describe.each(databaseKinds)('differencing across periods on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx, { caseWork: true })
  let reader: TestSession

  beforeAll(async () => {
    reader = await loginAs(ctx.app, 'bericht')
  })

  const ask = async (metric: string, from: string, to: string, by: string) => {
    const response = await reader.request({
      method: 'GET',
      url: `/api/figures?metric=${metric}&from=${from}&to=${to}&by=${by}`,
    })
    expect(response.statusCode, response.body).toBe(200)
    return response.json() as Figures
  }

  const expectNoSmallDifference = (outer: Figures, inner: Figures) => {
    for (const row of outer.rows) {
      const other = inner.rows.find((candidate) => candidate.key === row.key)
      if (row.value === null || !other || other.value === null) continue
      const difference = row.value - other.value
      expect(
        difference === 0 || difference >= outer.threshold,
        `${row.key}: ${row.value} − ${other.value}`,
      ).toBe(true)
    }
  }

  it('answers March to 29 April over March only, and nested months never differ by a small number', async () => {
    const unaligned = await ask('contacts', '2026-03-01', '2026-04-29', 'municipality')
    expect([unaligned.from, unaligned.to]).toEqual(['2026-03-01', '2026-03-31'])
    const periods = [
      ['2026-01-01', '2026-06-30'],
      ['2026-03-01', '2026-04-30'],
      ['2026-03-01', '2026-03-31'],
      ['2026-04-01', '2026-04-30'],
      ['2026-02-01', '2026-04-30'],
    ] as const
    for (const metric of ['contacts', 'cases-new', 'short-consultations']) {
      const answers = await Promise.all(periods.map(([from, to]) => ask(metric, from, to, 'municipality')))
      for (const outer of answers) {
        for (const inner of answers) {
          if (outer !== inner && outer.from <= inner.from && inner.to <= outer.to)
            expectNoSmallDifference(outer, inner)
        }
      }
    }
  })

  it('counts persons counselled by attribute over one calendar unit, nested units never differing by a small number', async () => {
    const year = await ask('persons-counselled', '2025-01-01', '2025-12-31', 'municipality')
    const quarter = await ask('persons-counselled', '2025-04-01', '2025-06-30', 'municipality')
    const month = await ask('persons-counselled', '2025-05-01', '2025-05-31', 'municipality')
    expectNoSmallDifference(year, quarter)
    expectNoSmallDifference(year, month)
    expectNoSmallDifference(quarter, month)
    // Two months are no calendar unit: the answer covers the last of them, and says so.
    const twoMonths = await ask('persons-counselled', '2025-04-01', '2025-05-31', 'municipality')
    expect([twoMonths.from, twoMonths.to]).toEqual(['2025-05-01', '2025-05-31'])
    const lastTwelve = await ask('persons-counselled', '2024-12-01', '2025-11-30', 'municipality')
    expect([lastTwelve.from, lastTwelve.to]).toEqual(['2025-07-01', '2025-09-30'])
    const noMonth = await reader.request({
      method: 'GET',
      url: '/api/figures?metric=contacts&from=2026-03-02&to=2026-03-30&by=municipality',
    })
    expect(noMonth.statusCode).toBe(400)
    expect(noMonth.body).toContain('period-not-aligned')
  })
})

describe('aligned months', () => {
  it('count distinct persons over the latest complete year, else quarter, else month', () => {
    const months = (from: string, to: string) => alignedMonths(from, to, '2030-01-01')
    const span = (unit: { from: string; to: string }[]) => [unit[0]?.from, unit.at(-1)?.to]
    expect(span(calendarUnitWithin(months('2024-12-01', '2025-11-30')))).toEqual(['2025-07-01', '2025-09-30'])
    expect(span(calendarUnitWithin(months('2024-03-01', '2025-12-31')))).toEqual(['2025-01-01', '2025-12-31'])
    expect(span(calendarUnitWithin(months('2025-02-01', '2025-03-31')))).toEqual(['2025-03-01', '2025-03-31'])
  })

  it('are complete calendar months inside the period and before the current month', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 800 }),
        fc.date({ min: new Date('2020-01-01'), max: new Date('2031-12-31'), noInvalidDate: true }),
        (start, length, todayDate) => {
          const from = start.toISOString().slice(0, 10)
          const to = new Date(start.getTime() + length * 86_400_000).toISOString().slice(0, 10)
          const today = todayDate.toISOString().slice(0, 10)
          const months = alignedMonths(from, to, today)
          for (const [index, month] of months.entries()) {
            expect(month.from.endsWith('-01')).toBe(true)
            expect(month.from >= from && month.to <= to).toBe(true)
            expect(month.to < `${today.slice(0, 7)}-01`).toBe(true)
            if (index > 0) expect(month.from > (months[index - 1]?.to as string)).toBe(true)
          }
        },
      ),
    )
  })
})
