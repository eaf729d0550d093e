import { stringify } from 'csv-stringify/sync'

/**
 * First characters that make a spreadsheet program read a CSV cell as a formula or a DDE call
 * (`=`, `+`, `-`, `@`, `|`, tab, carriage return, and the full-width forms Excel and Numbers
 * normalise). csv-stringify's own `escape_formulas` leaves `|` out, so the rule is ours, here.
 */
const formulaStart = /^[=+\-@|\t\r\uff1d\uff0b\uff0d\uff20\uff5c]/

/** A text cell that starts like a formula gets a leading apostrophe, so it stays text. */
const escapeSpreadsheetFormula = (value: string): string => (formulaStart.test(value) ? `'${value}` : value)

/**
 * CSV as German Excel opens it: UTF-8 with BOM, semicolons. Text cells that start like a formula
 * are escaped, because names come from user input and would otherwise run as formulas; numbers
 * (a negative one too) stay numbers.
 */
export function toSpreadsheetCsv(
  header: readonly string[],
  rows: readonly (string | number)[][],
  options: { decimalComma?: boolean } = {},
): string {
  return stringify(rows as (string | number)[][], {
    delimiter: ';',
    bom: true,
    cast: {
      string: escapeSpreadsheetFormula,
      // German Excel reads "0,5" as a number and "0.5" as a date or text.
      ...(options.decimalComma ? { number: (value: number) => String(value).replace('.', ',') } : {}),
    },
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
