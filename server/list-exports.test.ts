import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { auditColumns } from './modules/audit/audit.export.ts'
import { caseColumns } from './modules/casework/cases/case-export.ts'
import { contactColumns, shortConsultationColumns } from './modules/casework/contacts/contact.export.ts'
import { taskColumns } from './modules/casework/tasks/task.export.ts'
import { organisationColumns, teamColumns } from './modules/identity/organisation.export.ts'
import { userColumns } from './modules/identity/user.export.ts'
import { conferenceColumns } from './modules/network/conferences/conference.export.ts'
import { directoryColumns } from './modules/network/directory/directory.export.ts'
import { inboxColumns } from './modules/network/referrals/referral.export.ts'
import { serviceColumns } from './modules/network/services/service.export.ts'
import { legalSphereChangeColumns } from './modules/network/transitions/transition.export.ts'
import { caseloadColumns } from './modules/staffing/caseload/caseload.export.ts'
import { contractColumns } from './modules/staffing/contracts/contract.export.ts'
import { positionColumns } from './modules/staffing/positions/position.export.ts'
import { warningColumns } from './modules/staffing/warnings/warning.export.ts'
import { decisionColumns } from './modules/steering/decisions/decision.export.ts'
import { goalAgreementColumns } from './modules/steering/goals/goal.export.ts'
import { obstacleColumns } from './modules/steering/obstacles/obstacle.export.ts'
import { type ExportColumn, renderListExport, webTexts } from './platform/list-export.ts'
import { useTestApp } from './test/app.ts'
import { loginAs, type TestSession, useDemoData } from './test/auth.ts'
import { databaseKinds } from './test/database.ts'
import { loadWorkbook } from './test/spreadsheets.ts'

type Row = { name: string; on: string | null; at: string; share: number; kind: string; many: string[] }
const columns: ExportColumn<Row>[] = [
  { header: 'casework.fields.familyName', value: (row) => row.name },
  { header: 'casework.tasks.dueOn', value: (row) => row.on, kind: 'date' },
  { header: 'casework.tasks.done', value: (row) => row.at, kind: 'datetime' },
  { header: 'staffing.position.fte', value: (row) => row.share },
  { header: 'staffing.position.state', value: (row) => row.kind, labels: 'staffing.states' },
  { header: 'casework.fields.domains', value: (row) => row.many, labels: 'casework.domains' },
]
const rows: Row[] = [
  // A name that starts like a formula, and one in Arabic script.
  {
    name: '=HYPERLINK("x")',
    on: '2026-03-29',
    at: '2026-03-28T23:30:00Z',
    share: 0.5,
    kind: 'vacant',
    many: ['language', 'work'],
  },
  { name: 'نور', on: null, at: '2026-07-01T10:05:00Z', share: 1, kind: 'filled', many: [] },
]

/** Reads an XLSX with LibreOffice (a third-party reader), converted to CSV. */
function libreOfficeCsv(content: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lotse-export-'))
  writeFileSync(path.join(dir, 'list.xlsx'), content)
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${dir}/profile`,
      '--headless',
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):59,34,76',
      '--outdir',
      dir,
      path.join(dir, 'list.xlsx'),
    ],
    { stdio: 'ignore', timeout: 120_000 },
  )
  return readFileSync(path.join(dir, 'list.csv'), 'utf8')
}

describe('list exports', () => {
  it('names every column by a text the web has, in German and English', () => {
    for (const language of ['de', 'en'] as const) {
      const texts = webTexts(language)
      const lists: readonly (readonly ExportColumn<never>[])[] = [
        taskColumns,
        serviceColumns,
        positionColumns,
        decisionColumns,
        caseColumns,
        contactColumns,
        shortConsultationColumns,
        inboxColumns,
        contractColumns,
        userColumns,
        obstacleColumns,
        goalAgreementColumns,
        directoryColumns,
        legalSphereChangeColumns,
        conferenceColumns,
        organisationColumns,
        teamColumns,
        auditColumns,
        warningColumns,
        caseloadColumns,
      ]
      for (const column of lists.flat()) {
        expect(texts.has(column.header), `${language}: ${column.header}`).toBe(true)
      }
    }
  })

  it('writes CSV as German Excel reads it: BOM, semicolons, TT.MM.JJJJ, decimal comma, formulas defused', async () => {
    const csv = (
      await renderListExport(
        { sheet: 'staffing.positions.title', columns, rows },
        'csv',
        'de',
        'Europe/Berlin',
      )
    ).toString('utf8')
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
    expect(csv.startsWith('\uFEFF')).toBe(true)
    expect(lines[0]).toBe(
      'Familienname;Fällig am;erledigt;VZÄ (besetzt / Stelle);Stand heute;Handlungsfelder',
    )
    // 23:30 UTC on 28 March is 00:30 on 29 March in Berlin (winter time).
    expect(lines[1]).toMatch(
      /^"?'=HYPERLINK\(""x""\)"?;29\.03\.2026;29\.03\.2026 00:30;0,5;[^;]+;[^;]+, [^;]+$/,
    )
    expect(lines[2]).toBe(`نور;;01.07.2026 12:05;1;${webTexts('de').get('staffing.states.filled')};`)
  })

  it('writes XLSX with real dates and numbers that LibreOffice reads back', async () => {
    const content = await renderListExport(
      { sheet: 'staffing.positions.title', columns, rows },
      'xlsx',
      'de',
      'Europe/Berlin',
    )
    const workbook = await loadWorkbook(content)
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet
    expect(sheet.name).toBe('Stellen')
    expect(sheet.getCell('A2').value).toBe('=HYPERLINK("x")')
    expect(sheet.getCell('B2').value).toEqual(new Date('2026-03-29T00:00:00Z'))
    expect(sheet.getCell('D2').value).toBe(0.5)

    const read = libreOfficeCsv(content)
    const lines = read.trim().split(/\r?\n/)
    expect(lines[0]).toBe(
      'Familienname;Fällig am;erledigt;VZÄ (besetzt / Stelle);Stand heute;Handlungsfelder',
    )
    // The formula stayed text: LibreOffice shows it, it did not compute a hyperlink.
    expect(lines[1]).toContain('=HYPERLINK(')
    expect(lines[1]).toContain('29.03.2026')
    expect(lines[2]?.startsWith('نور;')).toBe(true)
  }, 180_000)
})

describe.each(databaseKinds)('list export routes on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let coordinator: TestSession
  let caseManager: TestSession

  beforeAll(async () => {
    coordinator = await loginAs(ctx.app, 'koordination')
    caseManager = await loginAs(ctx.app, 'fallmanagement')
  })

  it('exports the positions as XLSX for coordination, audited as a bulk export', async () => {
    const list = (await coordinator.request({ method: 'GET', url: '/api/positions' })).json()
    const response = await coordinator.request({ method: 'GET', url: '/api/positions/export.xlsx' })
    const workbook = await loadWorkbook(response)
    expect(response.headers['content-disposition']).toMatch(
      /attachment; filename="stellen-\d{4}-\d{2}-\d{2}\.xlsx"/,
    )
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Stelle',
      'Baustein',
      'VZÄ (besetzt / Stelle)',
      'Anstellungsträger',
      'Stand heute',
      'Besetzt mit',
      'Gefördert bis',
    ])
    expect(sheet.rowCount - 1).toBe(list.items.length)
    const audit = await ctx.database.db
      .selectFrom('audit_event')
      .select(['action', 'purpose', 'actor_id'])
      .where('action', '=', 'position.export')
      .execute()
    expect(audit).toEqual([
      { action: 'position.export', purpose: `xlsx:${list.items.length}`, actor_id: coordinator.userId },
    ])
  })

  it('refuses the positions export to a case manager, as the list itself', async () => {
    const response = await caseManager.request({ method: 'GET', url: '/api/positions/export.csv' })
    expect(response.statusCode).toBe(403)
  })

  it('exports the decisions register as searched, as CSV in English when asked', async () => {
    const page = (await coordinator.request({ method: 'GET', url: '/api/decisions?limit=200' })).json()
    const response = await coordinator.request({
      method: 'GET',
      url: '/api/decisions/export.csv',
      headers: { 'accept-language': 'en' },
    })
    expect(response.statusCode).toBe(200)
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
    expect(lines[0]).toBe(
      [
        webTexts('en').get('steering.decisions.number'),
        webTexts('en').get('steering.decisions.text'),
        webTexts('en').get('steering.register.body'),
        webTexts('en').get('steering.register.decidedOn'),
      ].join(';'),
    )
    expect(lines.length - 1).toBe(page.total)
  })

  it('exports my tasks and the services with the same rows as their lists', async () => {
    const tasks = await caseManager.request({ method: 'GET', url: '/api/tasks/export.csv?include=all' })
    expect(tasks.statusCode).toBe(200)
    const services = await caseManager.request({
      method: 'GET',
      url: '/api/services/export.xlsx?current=false',
    })
    const servicePage = (
      await caseManager.request({ method: 'GET', url: '/api/services?current=false&limit=200' })
    ).json()
    const workbook = await loadWorkbook(services)
    expect((workbook.worksheets[0] as ExcelJS.Worksheet).rowCount - 1).toBe(servicePage.total)
  })
})
