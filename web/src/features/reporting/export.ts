import type { Figures } from '../../../../common/reporting.ts'

/**
 * Tables leave the dashboard as they are shown: withheld cells stay withheld ("< 3"), never as a
 * number. The libraries load only when someone exports.
 */

export type TableExport = {
  fileName: string
  header: [string, string]
  figures: Figures
  withheld: string
  totalLabel: string
}

function tableRows(table: TableExport): (string | number)[][] {
  const value = (cell: { value: number | null }) => (cell.value === null ? table.withheld : cell.value)
  return [
    table.header,
    ...table.figures.rows.map((row) => [row.label, value(row)]),
    [table.totalLabel, value(table.figures.total)],
  ]
}

export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

export async function exportCsv(table: TableExport): Promise<void> {
  const { stringify } = await import('csv-stringify/browser/esm/sync')
  // Semicolons and a byte-order mark, so that German spreadsheet programs open it as a table.
  const text = stringify(tableRows(table), { delimiter: ';' })
  download(new Blob([`\uFEFF${text}`], { type: 'text/csv;charset=utf-8' }), `${table.fileName}.csv`)
}

export async function exportXlsx(table: TableExport): Promise<void> {
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(table.figures.metric.slice(0, 31))
  for (const row of tableRows(table)) sheet.addRow(row)
  sheet.getRow(1).font = { bold: true }
  sheet.getColumn(1).width = 36
  sheet.getColumn(2).width = 14
  const buffer = await workbook.xlsx.writeBuffer()
  download(
    new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
    `${table.fileName}.xlsx`,
  )
}
