import { stringify } from 'csv-stringify/sync'

/**
 * CSV as German Excel opens it: UTF-8 with BOM, semicolons. Cells that start with = + - @ are
 * escaped, because names come from user input and would otherwise run as formulas.
 */
export function toSpreadsheetCsv(header: readonly string[], rows: readonly (string | number)[][]): string {
  return stringify(rows as (string | number)[][], {
    delimiter: ';',
    bom: true,
    escape_formulas: true,
    header: true,
    columns: [...header],
  })
}

/** The download headers for a CSV file named `<stem>-<day>.csv` (day: the district's today). */
export function csvDownloadHeaders(stem: string, day: string): Record<string, string> {
  return {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${stem}-${day}.csv"`,
  }
}
