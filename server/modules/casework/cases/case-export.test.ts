import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { CaseSummary } from '../../../../common/casework.ts'
import { renderListExport } from '../../../platform/list-export.ts'
import { loadWorkbook } from '../../../test/spreadsheets.ts'
import { caseColumns } from './case-export.ts'

const summary = (texts: {
  family: string
  municipality: string
  team: string
  manager: string
}): CaseSummary => ({
  id: '00000000-0000-4000-8000-000000000001',
  reference: 'K-2025-0001',
  phase: 'intake',
  municipalityId: '00000000-0000-4000-8000-000000000002',
  municipalityName: texts.municipality,
  teamId: '00000000-0000-4000-8000-000000000003',
  teamName: texts.team,
  managers: [{ id: '00000000-0000-4000-8000-000000000004', displayName: texts.manager }],
  persons: [
    {
      id: '00000000-0000-4000-8000-000000000005',
      familyName: texts.family,
      givenNames: 'Lena',
      birthDate: '1988-03-14',
    } as CaseSummary['persons'][number],
  ],
  openedOn: '2025-01-02',
  closedOn: null,
  lastContactOn: null,
  openTaskCount: 0,
  overdueTaskCount: 0,
  version: 1,
})

describe('the case list workbook', () => {
  it('keeps text that looks like a formula exactly as stored, in string cells', async () => {
    const texts = { family: '=Berger', municipality: '|Siegburg', team: '-Team Nord', manager: '@Yıldız' }
    const buffer = await renderListExport(
      { sheet: 'casework.list.title', columns: caseColumns, rows: [summary(texts)] },
      'xlsx',
      'de',
      'Europe/Berlin',
    )
    const workbook = await loadWorkbook(buffer)
    const row = (workbook.getWorksheet('Fälle') as ExcelJS.Worksheet).getRow(2)
    const cells = [2, 5, 6, 7].map((column) => row.getCell(column))
    expect(cells.map((cell) => cell.value)).toEqual(['=Berger, Lena', '|Siegburg', '-Team Nord', '@Yıldız'])
    expect(cells.map((cell) => cell.type)).toEqual(Array(4).fill(ExcelJS.ValueType.String))
  })

  it('writes the same list as CSV, the formula-looking cells escaped, dates as TT.MM.JJJJ', async () => {
    const texts = { family: '=Berger', municipality: '|Siegburg', team: '-Team Nord', manager: '@Yıldız' }
    const csv = await renderListExport(
      { sheet: 'casework.list.title', columns: caseColumns, rows: [summary(texts)] },
      'csv',
      'de',
      'Europe/Berlin',
    )
    const [header, row] = parse(csv, { delimiter: ';', bom: true }) as string[][]
    expect(header).toEqual([
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
    expect(row).toEqual([
      'K-2025-0001',
      "'=Berger, Lena",
      '14.03.1988',
      'Fallklärung',
      "'|Siegburg",
      "'-Team Nord",
      "'@Yıldız",
      '02.01.2025',
      '',
      '0',
      '0',
    ])
  })
})
