import { beforeAll, describe, expect, it } from 'vitest'
import type { OpenData, OpenDataSetting } from '../../../../common/open-data.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import { isoDay } from '../../../test/expectations.ts'
import { completeMonths, districtSlug } from './open-data.service.ts'

/** Open data on the demo district: off by default, public when on, never a small or current-month cell. */
describe.each(databaseKinds)('open data on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx, { caseWork: true })
  let coordinator: TestSession
  let reader: TestSession
  let path = ''

  beforeAll(async () => {
    coordinator = await loginAs(ctx.app, 'koordination')
    reader = await loginAs(ctx.app, 'bericht')
  })

  const anonymous = (url: string) => ctx.app.inject({ method: 'GET', url })

  it('is off by default: not found, like a district that does not exist', async () => {
    const setting = (
      await coordinator.request({ method: 'GET', url: '/api/open-data-setting' })
    ).json() as OpenDataSetting
    expect(setting.enabled).toBe(false)
    path = setting.path
    expect(path).toBe('/api/open-data/rhein-sieg-kreis/monthly.json')
    expect((await anonymous(path)).statusCode).toBe(404)
    expect((await anonymous(path.replace('.json', '.csv'))).statusCode).toBe(404)
    expect((await anonymous('/api/open-data/nirgendwo/monthly.json')).statusCode).toBe(404)
  })

  it('is turned on by coordination only, audited', async () => {
    const refused = await reader.request({
      method: 'PUT',
      url: '/api/open-data-setting',
      payload: { enabled: true },
    })
    expect(refused.statusCode).toBe(403)
    const on = await coordinator.request({
      method: 'PUT',
      url: '/api/open-data-setting',
      payload: { enabled: true },
    })
    expect(on.statusCode, on.body).toBe(200)
    expect((on.json() as OpenDataSetting).enabled).toBe(true)
    const audit = await ctx.database.ownerDb
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'open-data.enable')
      .execute()
    expect(audit).toHaveLength(1)
    // The thresholds stay as they were.
    const thresholds = (await coordinator.request({ method: 'GET', url: '/api/reporting-settings' })).json()
    expect(thresholds).toEqual({ threshold: 3, specialThreshold: 5 })
  })

  it('publishes complete past months per municipality, no small cell, nothing about a person', async () => {
    const response = await anonymous(path)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers['cache-control']).toBe('public, max-age=3600')
    const data = response.json() as OpenData
    // The district's month: on the last evening of a month, UTC is still in the month Berlin has left.
    const currentMonth = isoDay().slice(0, 7)
    expect(data.rows.length).toBeGreaterThan(24)
    expect(new Set(data.rows.map((row) => row.month)).size).toBe(24)
    for (const row of data.rows) {
      expect(Object.keys(row).sort()).toEqual([
        'casesNew',
        'contacts',
        'month',
        'municipality',
        'personsCounselled',
      ])
      expect(row.month < currentMonth).toBe(true)
      for (const value of [row.contacts, row.personsCounselled, row.casesNew]) {
        if (value !== null) expect(value).toBeGreaterThanOrEqual(data.threshold)
      }
    }
    // Within a month, published municipalities never leave exactly one withheld beside a published total.
    for (const month of new Set(data.rows.map((row) => row.month))) {
      const rows = data.rows.filter((row) => row.month === month)
      const total = rows.find((row) => row.municipality === null)
      const parts = rows.filter((row) => row.municipality !== null)
      if (total?.contacts !== null && total?.contacts !== undefined) {
        expect(parts.filter((row) => row.contacts === null).length).not.toBe(1)
      }
    }
    const csv = await anonymous(path.replace('.json', '.csv'))
    expect(csv.statusCode).toBe(200)
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(
      csv.body
        .replace(/^\uFEFF/, '')
        .split('\n')[0]
        ?.trim(),
    ).toBe('Monat;Gemeinde;Beratungskontakte;Beratene Personen;Neue Fälle')
  })

  it('limits how often one client asks', async () => {
    let status = 200
    let retryAfter: string | undefined
    for (let index = 0; index < 70 && status !== 429; index += 1) {
      const response = await anonymous(path)
      status = response.statusCode
      retryAfter = response.headers['retry-after'] as string | undefined
    }
    expect(status).toBe(429)
    expect(Number(retryAfter)).toBeGreaterThan(0)
  })

  it('answers not found again once turned off', async () => {
    await coordinator.request({ method: 'PUT', url: '/api/open-data-setting', payload: { enabled: false } })
    const off = await anonymous('/api/open-data/rhein-sieg-kreis/monthly.csv')
    expect([404, 429]).toContain(off.statusCode)
  })
})

describe('open data addresses and months', () => {
  it('spells umlauts out in the address', () => {
    expect(districtSlug('Märkischer Kreis')).toBe('maerkischer-kreis')
    expect(districtSlug('Rhein-Sieg-Kreis')).toBe('rhein-sieg-kreis')
  })
  it('lists only complete months before the current one', () => {
    expect(completeMonths('2026-03-01', 3)).toEqual([
      { key: '2025-12', from: '2025-12-01', to: '2025-12-31' },
      { key: '2026-01', from: '2026-01-01', to: '2026-01-31' },
      { key: '2026-02', from: '2026-02-01', to: '2026-02-28' },
    ])
  })
})
