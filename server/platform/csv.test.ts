import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { toSpreadsheetCsv } from './csv.ts'

const cellsOf = (csv: string): string[][] => parse(csv.replace(/^\uFEFF/, ''), { delimiter: ';' })

describe('CSV for spreadsheets', () => {
  it.each([
    ['=HYPERLINK("http://x")'],
    ['+49 2241 13-0'],
    ['-1+2'],
    ['@SUM(A1)'],
    ['|cmd /c calc'],
    ['\tTabulator'],
    ['\rWagenrücklauf'],
    ['\uff1d1+1'],
    ['\uff5ccmd'],
  ])('escapes the text cell %j with one leading apostrophe', (value) => {
    const [, row] = cellsOf(toSpreadsheetCsv(['Name'], [[value]]))
    expect(row).toEqual([`'${value}`])
  })

  it('leaves ordinary text, a pipe inside a text and negative numbers as they are', () => {
    const [, row] = cellsOf(toSpreadsheetCsv(['Name', 'Notiz', 'Zahl'], [['Yıldız, Leyla', 'a|b', -5]]))
    expect(row).toEqual(['Yıldız, Leyla', 'a|b', '-5'])
  })

  it('writes a BOM, semicolons and the header', () => {
    const csv = toSpreadsheetCsv(['Nr', 'Name'], [[1, 'Becker']])
    expect(csv.startsWith('\uFEFFNr;Name\n1;Becker')).toBe(true)
  })
})
