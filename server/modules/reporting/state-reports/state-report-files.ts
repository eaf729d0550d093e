import ExcelJS from 'exceljs'
import type { StateReport, StateReportCell } from '../../../../common/state-reports.ts'
import { toSpreadsheetCsv } from '../../../platform/csv.ts'

/**
 * The state report as files: XLSX with one sheet per section and CSV with one line per figure,
 * German headers. A withheld cell reads "< threshold" in both, as on every page of Lotse.
 */

const monthNames = [
  'Januar',
  'Februar',
  'März',
  'April',
  'Mai',
  'Juni',
  'Juli',
  'August',
  'September',
  'Oktober',
  'November',
  'Dezember',
]

export function periodLabel(period: StateReport['periods'][number]): string {
  if (period.kind === 'month')
    return `${monthNames[Number(period.key.slice(5, 7)) - 1]} ${period.key.slice(0, 4)}`
  if (period.kind === 'quarter') return `${period.key.slice(6)}. Quartal ${period.key.slice(0, 4)}`
  return `Jahr ${period.key}${period.to.endsWith('-12-31') ? '' : ` (bis ${germanDate(period.to)})`}`
}

const germanDate = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`
const bausteinNames = {
  1: 'Baustein 1 (Koordination)',
  2: 'Baustein 2 (Case Management)',
  3: 'Baustein 3 (Ausländerbehörde)',
}

type Section = {
  sheet: string
  headers: string[]
  columns: { cells?: StateReportCell[]; numbers?: number[] }[]
}

/** The sections in order; the mapping of each column to the catalogue is in docs/state-reporting.md. */
export function sections(report: StateReport): Section[] {
  return [
    {
      sheet: 'Stellen (VZÄ)',
      headers: report.fte.flatMap((row) => [
        `${bausteinNames[row.baustein]}: VZÄ Soll`,
        `${bausteinNames[row.baustein]}: VZÄ besetzt`,
      ]),
      columns: report.fte.flatMap((row) => [{ numbers: row.planned }, { numbers: row.filled }]),
    },
    {
      sheet: 'Fälle',
      headers: ['Neue Fälle', 'Abgeschlossene Fälle', 'Aktive Fälle am Periodenende'],
      columns: [
        { cells: report.casesNew },
        { cells: report.casesClosed },
        { cells: report.casesActiveAtEnd },
      ],
    },
    { sheet: 'Kontakte', headers: ['Beratungskontakte'], columns: [{ cells: report.contacts }] },
    {
      sheet: 'Beratene Personen',
      headers: ['Beratene Personen'],
      columns: [{ cells: report.personsCounselled }],
    },
  ]
}

const withheldText = (report: StateReport) => `< ${report.threshold}`

export async function renderStateReportXlsx(report: StateReport, districtName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Lotse'
  const overview = workbook.addWorksheet('Übersicht')
  overview.addRows([
    ['Bericht an das Land (KIM Landesmonitoring, Sachbericht)'],
    ['Kreis', districtName],
    ['Berichtsjahr', report.year],
    ['Zeitraum', `${germanDate(report.from)} bis ${germanDate(report.to)}`],
    ['Schwelle', report.threshold],
    [
      'Hinweis',
      `Werte unter ${report.threshold} sind als „${withheldText(report)}“ zurückgehalten, ebenso Werte, aus denen sich ein solcher errechnen ließe (Geheimhaltung).`,
    ],
  ])
  overview.getRow(1).font = { bold: true }
  overview.getColumn(1).width = 16
  overview.getColumn(2).width = 90
  for (const section of sections(report)) {
    const sheet = workbook.addWorksheet(section.sheet)
    sheet.addRow(['Zeitraum', 'Von', 'Bis', ...section.headers]).font = { bold: true }
    report.periods.forEach((period, row) => {
      const values = section.columns.map((column) => {
        if (column.numbers) return column.numbers[row] as number
        const cell = column.cells?.[row] as StateReportCell
        return cell.value === null ? withheldText(report) : cell.value
      })
      sheet.addRow([periodLabel(period), germanDate(period.from), germanDate(period.to), ...values])
    })
    sheet.getColumn(1).width = 26
    section.headers.forEach((_header, index) => {
      const column = sheet.getColumn(index + 4)
      column.width = 22
      column.numFmt = section.columns[index]?.numbers ? '#,##0.00' : '#,##0'
      column.alignment = { horizontal: 'right' }
    })
    sheet.views = [{ state: 'frozen', ySplit: 1 }]
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

const germanNumber = (value: number, decimals: number) =>
  value.toLocaleString('de-DE', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: false,
  })

/** One line per section, period and figure: easy to filter, and to load into the state's tools. */
export function renderStateReportCsv(report: StateReport): string {
  const rows: string[][] = []
  for (const section of sections(report)) {
    report.periods.forEach((period, row) => {
      section.columns.forEach((column, index) => {
        const cell = column.cells?.[row]
        const value = column.numbers
          ? germanNumber(column.numbers[row] as number, 2)
          : cell?.value === null || cell === undefined
            ? withheldText(report)
            : germanNumber(cell.value, 0)
        rows.push([
          section.sheet,
          periodLabel(period),
          germanDate(period.from),
          germanDate(period.to),
          section.headers[index] as string,
          value,
        ])
      })
    })
  }
  return toSpreadsheetCsv(['Abschnitt', 'Zeitraum', 'Von', 'Bis', 'Kennzahl', 'Wert'], rows)
}
