import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Evaluation } from '../../../../common/reporting.ts'
import type { StateReport } from '../../../../common/state-reports.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import { isoDay } from '../../../test/expectations.ts'

/** The state report on the demo district: sections, files read back by other readers, audit, access. */
describe.each(databaseKinds)('state reports on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx, { caseWork: true })
  let coordinator: TestSession
  let reader: TestSession
  let partner: TestSession
  let caseManager: TestSession

  beforeAll(async () => {
    coordinator = await loginAs(ctx.app, 'koordination')
    reader = await loginAs(ctx.app, 'bericht')
    partner = await loginAs(ctx.app, 'partner.jobcenter')
    caseManager = await loginAs(ctx.app, 'fallmanagement')
  })

  // The district's year: on New Year's Eve after 23:00 UTC, Berlin has a new year already.
  const lastYear = Number(isoDay().slice(0, 4)) - 1

  it('reports complete months, quarters and the year, FTE per Baustein, never a small cell', async () => {
    const response = await reader.request({ method: 'GET', url: `/api/state-reports/${lastYear}` })
    expect(response.statusCode, response.body).toBe(200)
    const report = response.json() as StateReport
    expect(report.periods.map((period) => period.kind)).toEqual([
      ...Array(12).fill('month'),
      ...Array(4).fill('quarter'),
      'year',
    ])
    expect(report.fte.map((row) => row.baustein)).toEqual([1, 2, 3])
    for (const cells of [
      report.casesNew,
      report.casesClosed,
      report.casesActiveAtEnd,
      report.contacts,
      report.personsCounselled,
    ]) {
      expect(cells).toHaveLength(17)
      for (const cell of cells)
        if (cell.value !== null) expect(cell.value).toBeGreaterThanOrEqual(report.threshold)
    }
    // Quarters add up from months where all are published (the parts of one export agree).
    const months = report.contacts.slice(0, 3)
    if (months.every((cell) => cell.value !== null) && report.contacts[12]?.value !== null) {
      expect(report.contacts[12]?.value).toBe(months.reduce((sum, cell) => sum + (cell.value as number), 0))
    }
  })

  it('writes an XLSX whose parts unzip and read, and a CSV with BOM and semicolons; both audited', async () => {
    const xlsx = await coordinator.request({ method: 'GET', url: `/api/state-reports/${lastYear}.xlsx` })
    expect(xlsx.statusCode, xlsx.body).toBe(200)
    const folder = mkdtempSync(join(tmpdir(), 'state-report-'))
    writeFileSync(join(folder, 'report.xlsx'), xlsx.rawPayload)
    const sheets = execFileSync('unzip', ['-l', join(folder, 'report.xlsx')]).toString()
    expect(sheets.match(/xl\/worksheets\/sheet\d+\.xml/g)).toHaveLength(5)
    const strings = execFileSync('unzip', [
      '-p',
      join(folder, 'report.xlsx'),
      'xl/sharedStrings.xml',
    ]).toString()
    const workbook = execFileSync('unzip', ['-p', join(folder, 'report.xlsx'), 'xl/workbook.xml']).toString()
    for (const sheet of ['Übersicht', 'Stellen (VZÄ)', 'Fälle', 'Kontakte', 'Beratene Personen']) {
      expect(workbook).toContain(sheet)
    }
    for (const text of ['Beratungskontakte', 'Neue Fälle', 'VZÄ besetzt', '1. Quartal']) {
      expect(strings).toContain(text)
    }
    const csv = await coordinator.request({ method: 'GET', url: `/api/state-reports/${lastYear}.csv` })
    expect(csv.statusCode).toBe(200)
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n')
    expect(lines[0]).toBe('Abschnitt;Zeitraum;Von;Bis;Kennzahl;Wert')
    expect(
      lines.some((line) =>
        /^Kontakte;Januar \d{4};01\.01\.\d{4};31\.01\.\d{4};Beratungskontakte;/.test(line),
      ),
    ).toBe(true)
    const fte = lines.find((line) => line.includes('VZÄ Soll')) ?? ''
    expect(fte).toMatch(/;\d+,\d\d\r?$/)
    const actions = (
      await ctx.database.ownerDb
        .selectFrom('audit_event')
        .select('action')
        .where('action', 'like', 'state-report.%')
        .execute()
    ).map((row) => row.action)
    expect(actions).toEqual(expect.arrayContaining(['state-report.export-xlsx', 'state-report.export-csv']))
  })

  it('refuses partners and case managers, and a year without a complete month', async () => {
    expect(
      (await partner.request({ method: 'GET', url: `/api/state-reports/${lastYear}.csv` })).statusCode,
    ).toBe(403)
    expect(
      (await caseManager.request({ method: 'GET', url: `/api/state-reports/${lastYear}` })).statusCode,
    ).toBe(403)
    const future = await reader.request({ method: 'GET', url: `/api/state-reports/${lastYear + 2}` })
    expect(future.statusCode).toBe(400)
    expect(future.body).toContain('no-complete-month')
  })

  it('protects a new evaluation against an earlier one of an overlapping period', async () => {
    const create = async (name: string, from: string, to: string) => {
      const response = await coordinator.request({
        method: 'POST',
        url: '/api/evaluations',
        payload: { name, from, to },
      })
      expect(response.statusCode, response.body).toBe(201)
      return response.json() as Evaluation
    }
    const earlier = await create('März bis 29. April', '2026-03-01', '2026-04-29')
    const later = await create('März bis April', '2026-03-01', '2026-04-30')
    for (const metric of ['contacts', 'cases-new', 'cases-closed', 'referrals']) {
      const a = earlier.sections.find((section) => section.metric === metric)
      const b = later.sections.find((section) => section.metric === metric)
      const pairs = [[a?.total.value, b?.total.value]]
      for (const table of b?.tables ?? []) {
        const before = a?.tables.find((other) => other.by === table.by)
        if (!before || table.by === 'month' || table.by === 'domain') continue
        for (const row of table.rows)
          pairs.push([before.rows.find((r) => r.key === row.key)?.value ?? 0, row.value])
      }
      for (const [x, y] of pairs) {
        if (x === null || y === null || x === undefined || y === undefined) continue
        const difference = y - x
        expect(difference === 0 || difference >= 3, `${metric}: ${x} → ${y}`).toBe(true)
      }
    }
  })
})
