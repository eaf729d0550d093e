import { readFileSync } from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'

/**
 * The messy files of the import's tests and what must become of every row. The CSV files are
 * committed as their bytes (a byte order mark, Windows-1252, CRLF, a cell with a line break);
 * the XLSX is written here with exceljs (a merged title row, real dates, serial numbers in
 * general cells, a formula, trailing formatted empty rows). The tests run with the clock at
 * 15 June 2026 in the Rhein-Sieg-Kreis.
 */
export type Expected = {
  /** Spreadsheet row number (as Excel shows it) → outcome and the problem codes of the check. */
  rows: Record<number, { outcome: 'imported' | 'rejected' | 'duplicate'; codes?: string[] }>
}

export type CorpusFile = {
  name: string
  content: () => Promise<Buffer>
  encoding: string | null
  delimiter: string | null
  headerRow: number
  /** The suggested mapping by header (only the mapped headers). */
  suggested: Record<string, string>
  expected: Expected
}

const here = path.dirname(new URL(import.meta.url).pathname)
const file = (name: string) => async () => readFileSync(path.join(here, name))

export async function messyWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Fälle')
  sheet.addRow(['Fallübersicht 2022 – Kommunales Integrationsmanagement'])
  sheet.mergeCells('A1:F1')
  sheet.addRow(['Familienname', 'Vorname(n)', 'Geburtsdatum', 'Gemeinde', 'Fallbeginn', 'Notiz'])
  // Real Excel dates (cells with a date format).
  sheet.addRow([
    'Okafor-Lindgren',
    'Chidi',
    new Date(Date.UTC(1987, 8, 23)),
    'Troisdorf',
    new Date(Date.UTC(2022, 2, 1)),
    'Erstgespräch\nim Rathaus',
  ])
  // Serial numbers in general cells: 32874 is 1 January 1990, 44713 is 1 June 2022.
  sheet.addRow(['Halvorsen', 'Sigrid', 32874, 'Siegburg', 44713, ''])
  // A formula: never evaluated, the row is rejected with a clear reason.
  sheet.addRow([
    'Yilmazer',
    'Deniz',
    { formula: 'DATE(1990,1,1)', result: new Date(Date.UTC(1990, 0, 1)) },
    'Lohmar',
    '01.07.2022',
    '',
  ])
  sheet.addRow(['Brandauer', 'Till', '07.07.2007', 'St. Augustin', '01.08.2022', ''])
  sheet.addRow(['Castellano', 'Marta', '01.01.1970', 'Köln', '01.08.2022', ''])
  sheet.addRow([
    'Okafor-Lindgren',
    'Chidi',
    new Date(Date.UTC(1987, 8, 23)),
    'Troisdorf',
    new Date(Date.UTC(2022, 2, 1)),
    'doppelt',
  ])
  // Formatted but empty rows at the end, as Excel leaves them.
  for (let row = 9; row <= 12; row += 1)
    sheet.getCell(`A${row}`).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } }
  sheet.getColumn(3).numFmt = 'dd.mm.yyyy'
  sheet.getCell('C4').numFmt = 'General'
  sheet.getCell('E4').numFmt = 'General'
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

export const corpus: CorpusFile[] = [
  {
    name: 'semicolon-utf8-bom.csv',
    content: file('semicolon-utf8-bom.csv'),
    encoding: 'utf-8-bom',
    delimiter: ';',
    headerRow: 3,
    suggested: {
      Nachname: 'familyName',
      'Vorname(n)': 'givenNames',
      Geburtsdatum: 'birthDate',
      Geschlecht: 'sex',
      Wohnort: 'municipality',
      Fallbeginn: 'openedOn',
    },
    expected: {
      rows: {
        4: { outcome: 'imported' },
        5: { outcome: 'imported' },
        6: { outcome: 'rejected', codes: ['date-impossible'] },
        7: { outcome: 'rejected', codes: ['municipality-unknown'] },
        8: { outcome: 'duplicate', codes: ['duplicate-in-file'] },
        9: { outcome: 'imported' },
        10: { outcome: 'rejected', codes: ['date-two-digit-year'] },
        11: { outcome: 'rejected', codes: ['required'] },
        12: { outcome: 'rejected', codes: ['municipality-unknown', 'date-impossible'] },
      },
    },
  },
  {
    name: 'comma-utf8.csv',
    content: file('comma-utf8.csv'),
    encoding: 'utf-8',
    delimiter: ',',
    headerRow: 1,
    suggested: {
      familyName: 'familyName',
      givenNames: 'givenNames',
      dateOfBirth: 'birthDate',
      city: 'municipality',
      caseStart: 'openedOn',
    },
    expected: {
      rows: {
        2: { outcome: 'imported' },
        3: { outcome: 'imported' },
        4: { outcome: 'rejected', codes: ['date-impossible'] },
        5: { outcome: 'rejected', codes: ['date-in-future'] },
      },
    },
  },
  {
    name: 'windows-1252.csv',
    content: file('windows-1252.csv'),
    encoding: 'windows-1252',
    delimiter: ';',
    headerRow: 1,
    suggested: {
      Name: 'familyName',
      Vorname: 'givenNames',
      'Geb.-Datum': 'birthDate',
      Kommune: 'municipality',
      Aufnahme: 'openedOn',
    },
    expected: {
      rows: {
        2: { outcome: 'imported' },
        3: { outcome: 'imported' },
        4: { outcome: 'rejected', codes: ['date-impossible'] },
      },
    },
  },
  {
    name: 'messy.xlsx',
    content: messyWorkbook,
    encoding: null,
    delimiter: null,
    headerRow: 2,
    suggested: {
      Familienname: 'familyName',
      'Vorname(n)': 'givenNames',
      Geburtsdatum: 'birthDate',
      Gemeinde: 'municipality',
      Fallbeginn: 'openedOn',
    },
    expected: {
      rows: {
        3: { outcome: 'imported' },
        4: { outcome: 'imported' },
        5: { outcome: 'rejected', codes: ['formula'] },
        6: { outcome: 'imported' },
        7: { outcome: 'rejected', codes: ['municipality-unknown'] },
        8: { outcome: 'duplicate', codes: ['duplicate-in-file'] },
      },
    },
  },
]
