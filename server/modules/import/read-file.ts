import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import ExcelJS from 'exceljs'
import { fileTypeFromBuffer } from 'file-type'
import type { ImportEncoding } from '../../../common/import.ts'

/**
 * Reading an uploaded spreadsheet into rows of text cells, without touching the database.
 * CSV: the encoding is detected (a byte order mark, valid UTF-8, else Windows-1252, the encoding
 * German Excel writes "CSV (Trennzeichen-getrennt)" in) and the separator guessed from the first
 * lines. XLSX: the zip's directory is checked before anything is unpacked (a zip bomb is refused
 * by its declared sizes), then the first worksheet is read by exceljs's streaming reader. Formulas
 * are never evaluated: a formula cell is kept as `{ formula }` and the check rejects its row.
 */

export type Cell = string | { formula: string }
export type RawRow = { rowNumber: number; cells: Cell[] }

export type FileProblem =
  | 'import-not-a-spreadsheet'
  | 'import-zip-bomb'
  | 'import-unsupported-encoding'
  | 'import-too-many-rows'
  | 'import-too-many-columns'
  | 'import-damaged'

export class FileRefused extends Error {
  constructor(readonly problem: FileProblem) {
    super(problem)
    this.name = 'FileRefused'
  }
}

export const readLimits = {
  /** Rows of data a file may hold (a bit more than the largest offices keep). */
  maxRows: 250_000,
  maxColumns: 100,
  maxCellLength: 10_000,
  /** The unpacked size of all entries of an XLSX together. */
  maxUnzippedBytes: 400 * 1024 * 1024,
  maxEntries: 5_000,
  /** Unpacked to packed: XML of a spreadsheet packs about 10:1, a bomb a thousand times better. */
  maxRatio: 200,
}

export type Opened = {
  format: 'csv' | 'xlsx'
  encoding: ImportEncoding | null
  delimiter: string | null
  rows: AsyncIterable<RawRow>
}

/** Opens the file as CSV or XLSX; throws FileRefused for anything else. */
export async function openSpreadsheet(content: Buffer, encoding?: ImportEncoding): Promise<Opened> {
  const found = encoding ?? detectEncoding(content)
  const detected = await fileTypeFromBuffer(content)
  if (detected?.ext === 'xlsx' || (detected?.ext === 'zip' && looksLikeXlsx(content))) {
    checkZipDirectory(content)
    return { format: 'xlsx', encoding: null, delimiter: null, rows: xlsxRows(content) }
  }
  // MPEG audio is recognised by two bytes only, which plain text can start with.
  if (detected && !detected.mime.startsWith('audio/mpeg')) throw new FileRefused('import-not-a-spreadsheet')
  const text = decode(content, found)
  if (!looksLikeText(text)) throw new FileRefused('import-not-a-spreadsheet')
  const delimiter = guessDelimiter(text)
  return { format: 'csv', encoding: found, delimiter, rows: csvRows(text, delimiter) }
}

/** Text has no NUL and hardly any other control characters (tab and line breaks aside). */
function looksLikeText(text: string): boolean {
  if (text.includes('\u0000')) return false
  const sample = text.slice(0, 64 * 1024)
  let controls = 0
  for (let index = 0; index < sample.length; index += 1) {
    const code = sample.charCodeAt(index)
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) controls += 1
  }
  return controls <= sample.length / 100
}

export function detectEncoding(content: Buffer): ImportEncoding {
  if (content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf) return 'utf-8-bom'
  if ((content[0] === 0xff && content[1] === 0xfe) || (content[0] === 0xfe && content[1] === 0xff))
    throw new FileRefused('import-unsupported-encoding')
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content)
    return 'utf-8'
  } catch {
    return 'windows-1252'
  }
}

function decode(content: Buffer, encoding: ImportEncoding): string {
  if (encoding === 'windows-1252') return new TextDecoder('windows-1252').decode(content)
  // TextDecoder drops a leading byte order mark by itself.
  return new TextDecoder('utf-8').decode(content)
}

/** The separator that splits the first lines most evenly; German Excel's semicolon wins a tie. */
export function guessDelimiter(text: string): string {
  const lines = text.split(/\r?\n/, 20).filter((line) => line.trim() !== '')
  let best = ';'
  let bestScore = 0
  for (const candidate of [';', ',', '\t']) {
    const counts = lines.map((line) => line.split(candidate).length - 1)
    const score = Math.max(0, ...counts)
    if (score > bestScore) {
      best = candidate
      bestScore = score
    }
  }
  return best
}

async function* csvRows(text: string, delimiter: string): AsyncIterable<RawRow> {
  const parser = Readable.from([text]).pipe(
    parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true }),
  )
  let rowNumber = 0
  for await (const record of parser as AsyncIterable<string[]>) {
    rowNumber += 1
    yield { rowNumber, cells: limitRow(record.map((cell) => cell.replace(/\r\n?/g, '\n'))) }
  }
}

function limitRow(cells: Cell[]): Cell[] {
  // Empty cells at the end of a row are no columns.
  let end = cells.length
  while (end > 0 && cells[end - 1] === '') end -= 1
  if (end > readLimits.maxColumns) throw new FileRefused('import-too-many-columns')
  return cells
    .slice(0, end)
    .map((cell) => (typeof cell === 'string' ? cell.slice(0, readLimits.maxCellLength) : cell))
}

const zipEntryNames = (content: Buffer) => {
  const names: string[] = []
  forEachZipEntry(content, (entry) => names.push(entry.name))
  return names
}

function looksLikeXlsx(content: Buffer): boolean {
  try {
    return zipEntryNames(content).includes('xl/workbook.xml')
  } catch {
    return false
  }
}

type ZipEntry = { name: string; compressed: number; uncompressed: number }

/** Walks the zip's central directory (the table at its end), reading sizes without unpacking. */
function forEachZipEntry(content: Buffer, visit: (entry: ZipEntry) => void): void {
  const searchFrom = Math.max(0, content.length - 65_557)
  let end = -1
  for (let at = content.length - 22; at >= searchFrom; at -= 1) {
    if (content.readUInt32LE(at) === 0x06054b50) {
      end = at
      break
    }
  }
  if (end < 0) throw new FileRefused('import-damaged')
  const entries = content.readUInt16LE(end + 10)
  const directoryOffset = content.readUInt32LE(end + 16)
  if (entries === 0xffff || directoryOffset === 0xffffffff) throw new FileRefused('import-zip-bomb')
  if (entries > readLimits.maxEntries) throw new FileRefused('import-zip-bomb')
  let at = directoryOffset
  for (let index = 0; index < entries; index += 1) {
    if (at + 46 > content.length || content.readUInt32LE(at) !== 0x02014b50)
      throw new FileRefused('import-damaged')
    const compressed = content.readUInt32LE(at + 20)
    const uncompressed = content.readUInt32LE(at + 24)
    const nameLength = content.readUInt16LE(at + 28)
    const extraLength = content.readUInt16LE(at + 30)
    const commentLength = content.readUInt16LE(at + 32)
    const name = content.toString('utf8', at + 46, at + 46 + nameLength)
    visit({ name, compressed, uncompressed })
    at += 46 + nameLength + extraLength + commentLength
  }
}

/** Refuses a zip whose entries would unpack to too much, or much more than they pack. */
export function checkZipDirectory(content: Buffer): void {
  let total = 0
  forEachZipEntry(content, (entry) => {
    // 0xffffffff: the real size is in a ZIP64 field; no spreadsheet of a counselling office needs that.
    if (entry.uncompressed === 0xffffffff || entry.compressed === 0xffffffff)
      throw new FileRefused('import-zip-bomb')
    total += entry.uncompressed
    const ratio = entry.uncompressed / Math.max(1, entry.compressed)
    if (total > readLimits.maxUnzippedBytes) throw new FileRefused('import-zip-bomb')
    if (entry.uncompressed > 1024 * 1024 && ratio > readLimits.maxRatio)
      throw new FileRefused('import-zip-bomb')
  })
}

const pad = (value: number) => String(value).padStart(2, '0')

/** A cell's value as text: dates as ISO days, numbers as written, rich text flattened, formulas kept apart. */
function xlsxCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) {
    // exceljs gives an Excel date as that day at 00:00 UTC.
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (typeof value === 'string') return value
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) {
      const formula = (value as { formula?: string; sharedFormula?: string }).formula ?? 'shared'
      return { formula: String(formula).slice(0, 200) }
    }
    if ('richText' in value) return value.richText.map((part) => part.text).join('')
    if ('text' in value) return String(value.text)
    if ('error' in value) return String(value.error)
  }
  return String(value)
}

async function* xlsxRows(content: Buffer): AsyncIterable<RawRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([content]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  })
  try {
    for await (const sheet of reader) {
      let count = 0
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        count += 1
        if (count > readLimits.maxRows + 50) throw new FileRefused('import-too-many-rows')
        const values = Array.isArray(row.values) ? row.values.slice(1) : []
        const cells: Cell[] = []
        for (let index = 0; index < values.length; index += 1)
          cells.push(xlsxCell(values[index] as ExcelJS.CellValue))
        yield { rowNumber: row.number, cells: limitRow(cells) }
      }
      // The first worksheet only.
      return
    }
  } catch (error) {
    if (error instanceof FileRefused) throw error
    throw new FileRefused('import-damaged')
  }
}
