import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import type { LightMyRequestResponse } from 'fastify'
import { expect } from 'vitest'

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** A day as the exports write it: TT.MM.JJJJ. */
export const germanDay = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`

/** A workbook as exceljs reads it back, from a rendered buffer or from a 200 XLSX download. */
export async function loadWorkbook(content: Buffer | LightMyRequestResponse): Promise<ExcelJS.Workbook> {
  let buffer: Buffer
  if (Buffer.isBuffer(content)) buffer = content
  else {
    expect(content.statusCode, content.body).toBe(200)
    expect(content.headers['content-type']).toBe(xlsxType)
    buffer = content.rawPayload
  }
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer)
  return workbook
}

/** The rows of an XLSX download's first sheet as text (what a reader shows), heading first. */
export async function xlsxRows(content: Buffer | LightMyRequestResponse): Promise<string[][]> {
  const workbook = await loadWorkbook(content)
  const sheet = workbook.worksheets[0] as ExcelJS.Worksheet
  const rows: string[][] = []
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = []
    for (let column = 1; column <= sheet.columnCount; column++) {
      const value = row.getCell(column).value
      cells.push(
        value instanceof Date
          ? germanDay(value.toISOString())
          : value === null || value === undefined
            ? ''
            : String(value),
      )
    }
    rows.push(cells)
  })
  return rows
}

/** The rows of a CSV download as csv-parse reads it (semicolons, BOM), heading first. */
export function csvRows(response: LightMyRequestResponse): string[][] {
  expect(response.statusCode, response.body).toBe(200)
  expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
  expect(response.body.startsWith('\uFEFF')).toBe(true)
  return parse(response.body, { delimiter: ';', bom: true, relax_column_count: false }) as string[][]
}
