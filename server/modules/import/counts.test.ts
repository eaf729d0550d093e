import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { DryRun, Import, ImportRow } from '../../../common/import.ts'
import type { Figures } from '../../../common/reporting.ts'
import { testClock, useTestApp } from '../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../test/auth.ts'
import { databaseKinds } from '../../test/database.ts'
import { countAll } from '../../test/expectations.ts'
import { parseCount, parseMonth } from './counts.ts'

describe('monthly counts: months and counts as offices write them', () => {
  it.each([
    ['Jan 2024', '2024-01-01'],
    ['Januar 2024', '2024-01-01'],
    ['März 2024', '2024-03-01'],
    ['Mrz. 2024', '2024-03-01'],
    ['Dez 2023', '2023-12-01'],
    ['01.2024', '2024-01-01'],
    ['1/2024', '2024-01-01'],
    ['2024-01', '2024-01-01'],
    ['2024-11-01', '2024-11-01'],
    ['15.02.2024', '2024-02-01'],
    ['45292', '2024-01-01'],
  ])('%s is %s', (raw, month) => {
    expect(parseMonth(raw)).toEqual({ value: month })
  })
  it.each([
    ['Jan 24', 'date-two-digit-year'],
    ['01.24', 'date-two-digit-year'],
    ['13.2024', 'month-impossible'],
    ['Frühling 2024', 'month-malformed'],
    ['irgendwann', 'month-malformed'],
  ])('%s is refused (%s)', (raw, problem) => {
    expect(parseMonth(raw)).toEqual({ problem })
  })
  it.each([
    ['12', 12],
    ['1.234', 1234],
    ['7,0', 7],
    ['', null],
  ])('count %s is %s', (raw, value) => {
    expect(parseCount(raw)).toEqual({ value })
  })
  it.each([
    ['-3', 'count-negative'],
    ['2,5', 'count-not-whole'],
    ['viele', 'count-not-whole'],
  ])('count %s is refused (%s)', (raw, problem) => {
    expect(parseCount(raw)).toEqual({ problem })
  })
})

const tallyTables = ['imported_month_tally'] as const

async function multipart(fileName: string, content: Uint8Array) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(content)]), fileName)
  const encoded = new Response(form)
  return {
    payload: Buffer.from(await encoded.arrayBuffer()),
    headers: { 'content-type': encoded.headers.get('content-type') as string },
  }
}

/** Windows-1252 as German Excel writes CSV. */
const latin1 = (text: string) => Buffer.from(text, 'latin1')

const history = [
  'Monat;Gemeinde;Beratungskontakte;Beratene Personen;Kurzberatungen;Neue Fälle;Abgeschlossene Fälle',
  'Jan 2024;St. Augustin;40;12;5;4;2',
  '02.2024;Sankt Augustin;38;11;2;3;1',
  '2024-03;Siegburg;25;9;;2;',
  'Jan 2024;Siegburg;30;8;4;3;1',
  '',
].join('\r\n')

describe.each(databaseKinds)('import of monthly counts on %s', (kind) => {
  const time = testClock()
  const ctx = useTestApp(kind, {}, { clock: time.clock })
  useDemoData(ctx)
  let coordinator: TestSession
  let reader: TestSession

  beforeAll(async () => {
    time.set('2026-06-15T10:00:00Z')
    coordinator = await loginAs(ctx.app, 'koordination')
    reader = await loginAs(ctx.app, 'bericht')
  })

  const upload = async (fileName: string, content: Uint8Array) => {
    const { payload, headers } = await multipart(fileName, content)
    return coordinator.request({ method: 'POST', url: '/api/imports?kind=counts', payload, headers })
  }
  const importAll = async (fileName: string, content: Uint8Array) => {
    const created = await upload(fileName, content)
    expect(created.statusCode, created.body).toBe(201)
    const job = created.json() as Import
    const mapped = await coordinator.request({
      method: 'PUT',
      url: `/api/imports/${job.id}/mapping`,
      payload: { columns: job.mapping },
    })
    expect(mapped.statusCode, mapped.body).toBe(200)
    const dry = (
      await coordinator.request({ method: 'POST', url: `/api/imports/${job.id}/dry-run` })
    ).json() as DryRun
    const run = await coordinator.request({ method: 'POST', url: `/api/imports/${job.id}/run` })
    expect(run.statusCode, run.body).toBe(200)
    const rows = (
      (await coordinator.request({ method: 'GET', url: `/api/imports/${job.id}/rows?limit=500` })).json() as {
        rows: ImportRow[]
      }
    ).rows
    return { job, dry, done: run.json() as Import, rows }
  }
  const figure = async (query: string) => {
    const response = await reader.request({ method: 'GET', url: `/api/figures?${query}` })
    expect(response.statusCode, response.body).toBe(200)
    return response.json() as Figures
  }
  const tallies = async () => (await countAll(ctx.database, tallyTables)).imported_month_tally

  it('reads the counts, suggests the mapping, imports every row and stores no personal data', async () => {
    const created = await upload('statistik-2024.csv', latin1(history))
    expect(created.statusCode, created.body).toBe(201)
    const job = created.json() as Import
    expect(job).toMatchObject({ kind: 'counts', encoding: 'windows-1252', rows: 4 })
    expect(Object.values(job.mapping)).toEqual([
      'month',
      'municipality',
      'contacts',
      'persons',
      'shortConsultations',
      'casesNew',
      'casesClosed',
    ])
    const { done, dry } = await importAll('statistik-2024.csv', latin1(history))
    expect(dry).toMatchObject({ rows: 4, wouldImport: 4, wouldReject: 0, duplicates: 0 })
    expect(done).toMatchObject({ status: 'completed', rows: 4, imported: 4, rejected: 0, duplicates: 0 })
    expect(await tallies()).toBe(4)
    // The staged job of the first upload was never run; it is discarded and stores nothing.
    expect((await coordinator.request({ method: 'DELETE', url: `/api/imports/${job.id}` })).statusCode).toBe(
      204,
    )
    expect(await tallies()).toBe(4)
  })

  it('adds the imported months to the figures, marked as imported, and withholds small ones', async () => {
    const byMonth = await figure('metric=contacts&from=2024-01-01&to=2024-03-31&by=month')
    expect(byMonth.rows).toEqual([
      { key: '2024-01-01', label: expect.any(String), value: 70, imported: true },
      { key: '2024-02-01', label: expect.any(String), value: 38, imported: true },
      { key: '2024-03-01', label: expect.any(String), value: 25, imported: true },
    ])
    // Months without imported counts are not marked.
    const next = await figure('metric=contacts&from=2024-04-01&to=2024-06-30&by=month')
    expect(next.rows.some((row) => row.imported)).toBe(false)
    expect(byMonth.total).toEqual({ value: 133, imported: true })
    // Two short consultations in February: below the threshold of 3, withheld, still marked.
    const short = await figure('metric=short-consultations&from=2024-01-01&to=2024-03-31&by=month')
    // (January is then withheld too: with the published total it would give February + March.)
    expect(short.rows.map((row) => [row.value, row.suppressed ?? false, row.imported ?? false])).toEqual([
      [null, true, true],
      [null, true, true],
      [null, true, false],
    ])
    expect(short.total).toEqual({ value: 11, imported: true })
    // By municipality (canonical months): the tallies under their municipality.
    const byPlace = await figure('metric=cases-new&from=2024-01-01&to=2024-01-31&by=municipality')
    expect(
      byPlace.rows
        .filter((row) => row.imported)
        .map((row) => [row.label, row.value])
        .sort(),
    ).toEqual([
      ['Sankt Augustin', 4],
      ['Siegburg', 3],
    ])
    // Persons are distinct persons: a month's count holds for that month only.
    const personsByMonth = await figure('metric=persons-counselled&from=2024-01-01&to=2024-03-31&by=month')
    expect(personsByMonth.rows.map((row) => row.value)).toEqual([20, 11, 9])
    const personsQuarter = await figure('metric=persons-counselled&from=2024-01-01&to=2024-03-31')
    expect(personsQuarter.total.imported).toBeUndefined()
    // A period that cuts a month does not take the month's count.
    const cut = await figure('metric=contacts&from=2024-01-10&to=2024-02-29')
    expect(cut.total).toEqual({ value: 38, imported: true })
    // The year after compares with the imported year.
    const later = await figure('metric=contacts&from=2025-01-01&to=2025-03-31')
    expect(later.yearBefore).toMatchObject({ value: 133, imported: true })
  })

  it('importing the same file again creates nothing new', async () => {
    const before = await tallies()
    const again = await importAll(
      'statistik-2024-kopie.csv',
      Buffer.from(history.replaceAll(';', ','), 'utf8'),
    )
    expect(again.done).toMatchObject({ imported: 0, duplicates: 4, rejected: 0 })
    expect(await tallies()).toBe(before)
    expect((await figure('metric=contacts&from=2024-01-01&to=2024-03-31')).total.value).toBe(133)
  })

  it('a changed count replaces the tally, audited, and never doubles it', async () => {
    const changed = ['Monat;Kommune;Kontakte', 'Jan 2024;Siegburg;31', 'Feb 2024;Sankt Augustin;38', ''].join(
      '\n',
    )
    const { done, rows } = await importAll('korrektur.csv', Buffer.from(changed))
    expect(done).toMatchObject({ imported: 1, duplicates: 1, rejected: 0 })
    // February's contacts are the same; counts the file has no column for keep their imported values.
    expect(rows.map((row) => row.problems.map((problem) => problem.code))).toEqual([
      ['replaces-imported'],
      ['already-imported'],
    ])
    expect(await tallies()).toBe(4)
    const january = await figure('metric=contacts&from=2024-01-01&to=2024-01-31')
    expect(january.total.value).toBe(71)
    const persons = await figure('metric=persons-counselled&from=2024-01-01&to=2024-01-31')
    expect(persons.total.value).toBe(20)
    const audits = await ctx.database.ownerDb
      .selectFrom('audit_event')
      .select('subject_id')
      .where('action', '=', 'import.tally-replaced')
      .execute()
    expect(audits).toHaveLength(1)
  })

  it('refuses months Lotse holds records of, and a file of refused rows stores nothing', async () => {
    const db = ctx.database.ownerDb
    const siegburg = await db
      .selectFrom('municipality')
      .select('id')
      .where('district_id', '=', coordinator.districtId)
      .where('name', '=', 'Siegburg')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('short_consultation')
      .values({
        district_id: coordinator.districtId,
        occurred_on: '2024-05-14',
        municipality_id: siegburg.id,
        domains: ['work'],
        language: 'de',
        channel: 'in-person',
        recorded_by: coordinator.userId,
      })
      .execute()
    const before = await tallies()
    const file = [
      'Monat;Kommune;Team;Handlungsfeld;Beratungskontakte',
      'Mai 2024;Siegburg;;;12',
      'Juni 2026;Siegburg;;;3',
      'Mai 2024;Atlantis;;;4',
      'Apr 2024;Siegburg;Team Nirgendwo;;4',
      'Apr 2024;Siegburg;;Zauberei;4',
      'Apr 2024;Siegburg;;;-4',
      '',
    ].join('\n')
    const { done, rows } = await importAll('abgelehnt.csv', Buffer.from(file))
    expect(done).toMatchObject({ rows: 6, imported: 0, rejected: 6 })
    expect(rows.map((row) => row.problems.map((problem) => problem.code))).toEqual([
      ['month-has-own-records'],
      ['month-not-complete'],
      ['municipality-unknown'],
      ['team-unknown'],
      ['domain-unknown'],
      ['count-negative'],
    ])
    expect(await tallies()).toBe(before)
    const report = await coordinator.request({ method: 'GET', url: `/api/imports/${done.id}/errors.csv` })
    expect(report.body).toContain('Lotse')
  })

  it('refuses a mapping with a case-list field or without a count, changing nothing', async () => {
    const created = (
      await upload('falsch.csv', Buffer.from('Monat;Kommune;Nachname\nJan 2023;Siegburg;x\n'))
    ).json() as Import
    const before = await tallies()
    for (const columns of [
      { '0': 'month', '1': 'municipality', '2': 'familyName' },
      { '0': 'month', '1': 'municipality' },
    ]) {
      const response = await coordinator.request({
        method: 'PUT',
        url: `/api/imports/${created.id}/mapping`,
        payload: { columns },
      })
      expect(response.statusCode).toBe(400)
    }
    expect(
      (await coordinator.request({ method: 'GET', url: `/api/imports/${created.id}` })).json(),
    ).toMatchObject({
      status: 'uploaded',
    })
    expect(await tallies()).toBe(before)
  })

  it('reads an XLSX with Excel month cells, teams and domains', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Statistik')
    sheet.addRow(['Beratungsstatistik KIM 2023'])
    sheet.addRow(['Monat', 'Kommune', 'Team', 'Handlungsfeld', 'Kontakte'])
    sheet.addRow([new Date(Date.UTC(2023, 9, 1)), 'Troisdorf', 'Team Nord', 'Gesundheit', 6])
    sheet.addRow([new Date(Date.UTC(2023, 9, 1)), 'Troisdorf', 'Team Nord', 'work', 5])
    const content = Buffer.from(await workbook.xlsx.writeBuffer())
    const { done } = await importAll('statistik-2023.xlsx', content)
    expect(done).toMatchObject({ format: 'xlsx', headerRow: 2, imported: 2, rejected: 0 })
    const byDomain = await figure('metric=contacts&from=2023-10-01&to=2023-10-31&by=domain')
    expect(byDomain.rows.filter((row) => row.imported).map((row) => [row.key, row.value])).toEqual([
      ['health', 6],
      ['work', 5],
    ])
  })
})
