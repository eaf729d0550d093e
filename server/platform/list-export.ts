import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Action } from '../../common/abilities.ts'
import { problemSchema } from '../../common/problem.ts'
import type { DB } from '../db/schema.ts'
import { actorOf } from './access.ts'
import { toSpreadsheetCsv } from './csv.ts'
import { districtTime } from './district-time.ts'
import { type Language, preferredLanguage } from './language.ts'

const exportProblems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema }

/**
 * Every list of the app as XLSX and CSV, through one helper (issue 15, item 4). A list declares
 * its columns once: the heading is the key of the text the web shows above that column (read from
 * the web's locale files, so the file says exactly what the screen says), the value comes from
 * the same item the list's API answers with (so access rights and suppression are the list's
 * own), and the kind says how a cell is written: dates as TT.MM.JJJJ, numbers with a decimal
 * comma in German CSV, coded values translated by the web's labels.
 */

export type ExportFormat = 'xlsx' | 'csv'
export const exportFormats: readonly ExportFormat[] = ['xlsx', 'csv']

/** A cell: text, a number, a yes/no, several values, or `{ label }`: a key of the web's texts. */
type CellValue = string | number | boolean | null | undefined | readonly string[] | { label: string }

export type ExportColumn<Row> = {
  /** Key of the column's heading in the web's texts (`staffing.position.title`). */
  header: string
  value: (row: Row) => CellValue
  /** `date`: YYYY-MM-DD; `datetime`: an instant, shown in the district's time zone. */
  kind?: 'text' | 'number' | 'date' | 'datetime'
  /** Key prefix of the labels of a coded value: the cell shows `t(`${labels}.${value}`)`. */
  labels?: string
}

export type ListExport<Row> = {
  /** Key of the sheet's name in the web's texts (the list's title). */
  sheet: string
  columns: readonly ExportColumn<Row>[]
  rows: readonly Row[]
}

const localesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/src/locales')
const textCache = new Map<Language, Map<string, string>>()

function flatten(prefix: string, value: unknown, into: Map<string, string>) {
  if (typeof value === 'string') into.set(prefix, value)
  else if (value && typeof value === 'object')
    for (const [key, inner] of Object.entries(value)) flatten(prefix ? `${prefix}.${key}` : key, inner, into)
}

/** The web's texts of a language, flattened to their keys (`casework.tasks.dueOn`). */
export function webTexts(language: Language): Map<string, string> {
  const cached = textCache.get(language)
  if (cached) return cached
  const texts = new Map<string, string>()
  const dir = path.join(localesDir, language)
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort())
    flatten('', JSON.parse(readFileSync(path.join(dir, file), 'utf8')), texts)
  textCache.set(language, texts)
  return texts
}

/** A text of the web by key; the key itself when missing (the export test holds every key to exist). */
export const webText = (language: Language, key: string) => webTexts(language).get(key) ?? key

const pad = (value: number) => String(value).padStart(2, '0')
const germanDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`

/** The wall-clock parts of an instant in a time zone. */
function wallClock(instant: string, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  )
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  }
}

type Prepared = { text: string; number?: number; date?: Date; format?: string }

function prepare<Row>(
  column: ExportColumn<Row>,
  row: Row,
  language: Language,
  timeZone: string,
): Prepared | null {
  const raw = column.value(row)
  if (raw === null || raw === undefined || raw === '') return null
  // A code without a label of its own (an audit action added since) shows as stored.
  const label = (value: string) =>
    column.labels ? (webTexts(language).get(`${column.labels}.${value}`) ?? value) : value
  if (Array.isArray(raw)) return { text: raw.map((value) => label(value)).join(', ') }
  if (typeof raw === 'boolean') return { text: webText(language, raw ? 'app.export.yes' : 'app.export.no') }
  if (typeof raw === 'number') return { text: String(raw), number: raw }
  if (typeof raw === 'object' && 'label' in raw) return { text: webText(language, raw.label) }
  const value = raw as string
  if (column.kind === 'date' && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    const day = value.slice(0, 10)
    return { text: germanDate(day), date: new Date(`${day}T00:00:00Z`), format: 'dd.mm.yyyy' }
  }
  if (column.kind === 'datetime') {
    const local = wallClock(value, timeZone)
    return {
      text: `${pad(local.day)}.${pad(local.month)}.${local.year} ${pad(local.hour)}:${pad(local.minute)}`,
      // Excel has no time zones: the cell holds the district's wall-clock time.
      date: new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute)),
      format: 'dd.mm.yyyy hh:mm',
    }
  }
  return { text: label(value) }
}

/** Renders a list as an XLSX workbook or a CSV file (UTF-8 with BOM, semicolons). */
export async function renderListExport<Row>(
  list: ListExport<Row>,
  format: ExportFormat,
  language: Language,
  timeZone: string,
): Promise<Buffer> {
  const headers = list.columns.map((column) => webText(language, column.header))
  if (format === 'csv') {
    const rows = list.rows.map((row) =>
      list.columns.map((column) => {
        const cell = prepare(column, row, language, timeZone)
        return cell?.number ?? cell?.text ?? ''
      }),
    )
    return Buffer.from(toSpreadsheetCsv(headers, rows, { decimalComma: language === 'de' }), 'utf8')
  }
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Lotse'
  // Sheet names may not hold []:*?/\ and are at most 31 characters long.
  const sheet = workbook.addWorksheet(
    webText(language, list.sheet)
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 31),
  )
  sheet.addRow(headers)
  sheet.getRow(1).font = { bold: true }
  for (const row of list.rows) {
    const added = sheet.addRow(
      list.columns.map((column) => {
        const cell = prepare(column, row, language, timeZone)
        // A string cell is never read as a formula, so text goes in exactly as stored.
        return cell ? (cell.date ?? cell.number ?? cell.text) : null
      }),
    )
    list.columns.forEach((column, index) => {
      if (column.kind === 'date') added.getCell(index + 1).numFmt = 'dd.mm.yyyy'
      if (column.kind === 'datetime') added.getCell(index + 1).numFmt = 'dd.mm.yyyy hh:mm'
    })
  }
  sheet.columns.forEach((column) => {
    column.width = 20
  })
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

const contentTypes: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
}

/** Sends an export as a download named `<stem>-<day>.<format>` (day: the district's today). */
export function sendExport(
  reply: FastifyReply,
  content: Buffer,
  stem: string,
  day: string,
  format: ExportFormat,
) {
  return reply
    .header('content-type', contentTypes[format])
    .header('content-disposition', `attachment; filename="${stem}-${day}.${format}"`)
    .header('cache-control', 'no-store')
    .send(content)
}

/** Collects every page of a paged list, up to `cap` rows (an export is not a backup). */
export async function allPages<T>(
  page: (offset: number, limit: number) => Promise<{ items: T[]; total?: number }>,
  cap = 10_000,
  limit = 200,
): Promise<T[]> {
  const items: T[] = []
  for (let offset = 0; offset < cap; offset += limit) {
    const next = await page(offset, Math.min(limit, cap - offset))
    items.push(...next.items)
    if (next.items.length < limit) break
  }
  return items
}

/** What a list's export route declares; `build` runs the list's own service and audits the export. */
export type ListExportRoute<Query, Row, Params = undefined> = {
  /** Without extension: `/tasks/export` serves `/tasks/export.xlsx` and `/tasks/export.csv`. */
  path: string
  /** Path parameters of a list below a record (`/cases/:caseId/contacts/export`). */
  params?: z.ZodType<Params>
  access: Action
  tags: string[]
  summary: string
  querystring?: z.ZodType<Query>
  /** File name stem, German as the users know the list (`wiedervorlagen`). */
  stem: string
  /** Both unless said: a list with a CSV of its own (the audit trail's) adds only the XLSX. */
  formats?: readonly ExportFormat[]
  /** The most rows the file holds, as the route's summary says; the list's `build` keeps to it. */
  maxRows?: number
  build: (
    request: FastifyRequest,
    query: Query,
    format: ExportFormat,
    params: Params,
  ) => Promise<ListExport<Row>>
}

/** Registers a list's XLSX and CSV routes, one per format, alike for every list. */
export function registerListExport<Query, Row, Params = undefined>(
  app: FastifyInstance,
  db: Kysely<DB>,
  route: ListExportRoute<Query, Row, Params>,
): void {
  const maxRows = (route.maxRows ?? 10_000).toLocaleString('en')
  for (const format of route.formats ?? exportFormats) {
    app.get(
      `${route.path}.${format}`,
      {
        config: { access: route.access },
        schema: {
          tags: route.tags,
          summary: `${route.summary} (${format.toUpperCase()}, at most ${maxRows} rows)`,
          ...(route.params ? { params: route.params } : {}),
          ...(route.querystring ? { querystring: route.querystring } : {}),
          response: { 200: z.any(), ...exportProblems },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request)
        const list = await route.build(request, request.query as Query, format, request.params as Params)
        const time = await districtTime(db, actor.districtId, request.receivedAt ?? new Date())
        const language = preferredLanguage(request)
        const content = await renderListExport(list, format, language, time.timeZone)
        return sendExport(reply, content, route.stem, time.today, format)
      },
    )
  }
}
