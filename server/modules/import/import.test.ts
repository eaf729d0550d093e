import { crc32, deflateRawSync } from 'node:zlib'
import { parse } from 'csv-parse/sync'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { DryRun, Import, ImportField, ImportRow } from '../../../common/import.ts'
import { testClock, useTestApp } from '../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../test/auth.ts'
import { databaseKinds } from '../../test/database.ts'
import { countAll } from '../../test/expectations.ts'
import { corpus } from '../../testdata/import/corpus.ts'
import { deriveSyntheticQueries, generateSyntheticPersons } from '../../testdata/names/index.ts'
import { verifyAuditTrail } from '../audit/index.ts'
import { importMatchCandidate, importMatchCandidates, registerImportedPersons } from '../casework/index.ts'
import type { MatchQuery } from '../casework/persons/person.service.ts'
import { runImport } from './import.service.ts'
import type { Cell } from './read-file.ts'
import { checkRow, municipalityKey } from './values.ts'

const stagingTables = ['import_job', 'import_row', 'import_fingerprint'] as const
const caseTables = ['person', 'client_case'] as const

/** The multipart body a browser sends for one file in the field "file". */
async function multipartFile(fileName: string, content: Uint8Array) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(content)]), fileName)
  const encoded = new Response(form)
  return {
    payload: Buffer.from(await encoded.arrayBuffer()),
    headers: { 'content-type': encoded.headers.get('content-type') as string },
  }
}

async function uploadImport(session: TestSession, fileName: string, content: Uint8Array) {
  const { payload, headers } = await multipartFile(fileName, content)
  return session.request({ method: 'POST', url: '/api/imports', payload, headers })
}

/** A zip with the given entries (deflated), enough of an XLSX for the file-type check. */
function zipOf(entries: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const packed = deflateRawSync(entry.data)
    const name = Buffer.from(entry.name)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(crc32(entry.data), 14)
    local.writeUInt32LE(packed.length, 18)
    local.writeUInt32LE(entry.data.length, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(crc32(entry.data), 16)
    central.writeUInt32LE(packed.length, 20)
    central.writeUInt32LE(entry.data.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, packed)
    centrals.push(central, name)
    offset += 30 + name.length + packed.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

describe.each(databaseKinds)('import of case lists on %s', (kind) => {
  const time = testClock()
  const ctx = useTestApp(kind, { LOTSE_IMPORT_LIMIT_MB: '2' }, { clock: time.clock })
  useDemoData(ctx)
  let coordinator: TestSession
  let caseManager: TestSession
  let otherDistrict: TestSession

  beforeAll(async () => {
    time.set('2026-06-15T10:00:00Z')
    coordinator = await loginAs(ctx.app, 'koordination')
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    otherDistrict = await loginAs(ctx.app, 'admin.lindenau')
  })

  const get = async (id: string, session = coordinator) =>
    (await session.request({ method: 'GET', url: `/api/imports/${id}` })).json() as Import
  const rowsOf = async (id: string) =>
    (
      (await coordinator.request({ method: 'GET', url: `/api/imports/${id}/rows?limit=500` })).json() as {
        rows: ImportRow[]
      }
    ).rows
  const counts = async () =>
    (await countAll(ctx.database, caseTables)) as Record<(typeof caseTables)[number], number>

  describe.each(corpus)('$name', (file) => {
    let imported: Import
    it('reads the file, finds the header row and suggests the mapping', async () => {
      const response = await uploadImport(coordinator, file.name, await file.content())
      expect(response.statusCode, response.body).toBe(201)
      imported = response.json() as Import
      expect(imported).toMatchObject({
        status: 'uploaded',
        encoding: file.encoding,
        delimiter: file.delimiter,
        headerRow: file.headerRow,
        rows: Object.keys(file.expected.rows).length,
      })
      const suggested = Object.fromEntries(
        Object.entries(imported.mapping).map(([column, field]) => [imported.headers[Number(column)], field]),
      )
      expect(suggested).toEqual(file.suggested)
    })

    it('previews every problem per row and column, dry-runs, runs, and every row ends as expected', async () => {
      const mapped = await coordinator.request({
        method: 'PUT',
        url: `/api/imports/${imported.id}/mapping`,
        payload: { columns: imported.mapping },
      })
      expect(mapped.statusCode, mapped.body).toBe(200)
      const preview = await rowsOf(imported.id)
      for (const row of preview) {
        const expected = file.expected.rows[row.rowNumber]
        expect(expected, `row ${row.rowNumber}`).toBeDefined()
        if (expected?.outcome === 'rejected')
          expect(
            row.problems.map((p) => p.code),
            `row ${row.rowNumber}`,
          ).toEqual(expected.codes)
      }
      const before = await counts()
      const dry = (
        await coordinator.request({ method: 'POST', url: `/api/imports/${imported.id}/dry-run` })
      ).json() as DryRun
      const outcomes = Object.values(file.expected.rows)
      expect(dry).toMatchObject({
        rows: outcomes.length,
        wouldImport: outcomes.filter((o) => o.outcome === 'imported').length,
        wouldReject: outcomes.filter((o) => o.outcome === 'rejected').length,
        duplicates: outcomes.filter((o) => o.outcome === 'duplicate').length,
        undecided: 0,
      })
      expect(await counts(), 'a dry run creates nothing').toEqual(before)

      const run = await coordinator.request({ method: 'POST', url: `/api/imports/${imported.id}/run` })
      expect(run.statusCode, run.body).toBe(200)
      const done = await get(imported.id)
      expect(done.status).toBe('completed')
      expect(done.imported + done.rejected + done.duplicates).toBe(done.rows)
      expect(done.imported).toBe(dry.wouldImport)
      const after = await counts()
      expect(after.person - before.person).toBe(done.imported)
      expect(after.client_case - before.client_case).toBe(done.imported)
      for (const row of await rowsOf(imported.id)) {
        const expected = file.expected.rows[row.rowNumber]
        expect(row.outcome, `row ${row.rowNumber}`).toBe(expected?.outcome)
        if (expected?.codes) expect(row.reason?.split(','), `row ${row.rowNumber}`).toEqual(expected.codes)
      }
      // The imported cases know their person's names as a case opened by hand does (refreshCaseNames).
      const names = await sql<{
        sort_name: string
        expected_sort: string
        codes: string[]
        expected_codes: string[]
      }>`
        SELECT c.sort_name, lower(p.family_name || ' ' || p.given_names) AS expected_sort,
          c.name_codes AS codes, ARRAY(SELECT DISTINCT code FROM unnest(p.name_codes) AS code ORDER BY code) AS expected_codes
        FROM import_row r JOIN client_case c ON c.id = r.case_id JOIN case_person cp ON cp.case_id = c.id
          JOIN person p ON p.id = cp.person_id
        WHERE r.import_id = ${imported.id}`.execute(ctx.database.ownerDb)
      expect(names.rows).toHaveLength(done.imported)
      for (const row of names.rows) {
        expect(row.sort_name).toBe(row.expected_sort)
        expect(row.codes).toEqual(row.expected_codes)
        expect(row.codes.length).toBeGreaterThan(0)
      }
    })

    it('writes an error report with the reason of every row not imported', async () => {
      const response = await coordinator.request({
        method: 'GET',
        url: `/api/imports/${imported.id}/errors.csv`,
      })
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toContain('text/csv')
      const records = parse(response.body, { delimiter: ';', bom: true, columns: true }) as Record<
        string,
        string
      >[]
      const notImported = Object.entries(file.expected.rows).filter(([, o]) => o.outcome !== 'imported')
      expect(records.map((r) => Number(r.Zeile))).toEqual(notImported.map(([row]) => Number(row)))
      for (const record of records) expect(record.Grund, `row ${record.Zeile}`).not.toBe('')
    })

    it('imports nothing new when the same file comes again', async () => {
      const before = await counts()
      const again = (await uploadImport(coordinator, file.name, await file.content())).json() as Import
      const run = await coordinator.request({ method: 'POST', url: `/api/imports/${again.id}/run` })
      expect(run.statusCode, run.body).toBe(200)
      const done = await get(again.id)
      expect(done).toMatchObject({ status: 'completed', imported: 0 })
      expect(done.rejected + done.duplicates).toBe(done.rows)
      expect(await counts()).toEqual(before)
    })
  })

  it('names the problems of the formula and the impossible date in the report, by column', async () => {
    const file = corpus.find((f) => f.name === 'messy.xlsx')
    const created = (
      await uploadImport(coordinator, 'again.xlsx', await (file?.content() as Promise<Buffer>))
    ).json() as Import
    await coordinator.request({ method: 'POST', url: `/api/imports/${created.id}/run` })
    const report = await coordinator.request({
      method: 'GET',
      url: `/api/imports/${created.id}/errors.csv`,
      headers: { 'accept-language': 'en' },
    })
    expect(report.body).toContain('Geburtsdatum: formula in the cell')
    expect(report.body).toContain('Gemeinde: municipality is not one of the district')
    expect(report.body).toContain('imported before')
  })

  it('suggests an existing person, and a confirmed match gets a new case and no second person', async () => {
    const [municipality] = (
      await ctx.database.db
        .selectFrom('municipality')
        .select('id')
        .where('district_id', '=', caseManager.districtId)
        .orderBy('code')
        .execute()
    ).map((r) => r.id)
    const person = await caseManager.request({
      method: 'POST',
      url: '/api/persons',
      payload: {
        familyName: 'Wojciechowska',
        givenNames: 'Agnieszka',
        birthDate: '1984-02-11',
        sex: 'female',
        municipalityId: municipality,
      },
    })
    expect(person.statusCode, person.body).toBe(201)
    const csv =
      'Nachname;Vorname;Geburtsdatum;Kommune;Fallbeginn\nWojciechowska;Agnieszka;11.02.1984;Alfter;01.03.2024\nWojciechowski;Agnieszka;11.02.1984;Alfter;02.03.2024\n'
    const created = (await uploadImport(coordinator, 'match.csv', Buffer.from(csv))).json() as Import
    const dry = (
      await coordinator.request({ method: 'POST', url: `/api/imports/${created.id}/dry-run` })
    ).json() as DryRun
    expect(dry.matches).toBe(2)
    expect(dry.undecided).toBe(2)
    const decide = (row: number, decision: string) =>
      coordinator.request({
        method: 'PUT',
        url: `/api/imports/${created.id}/rows/${row}/match`,
        payload: { decision },
      })
    expect((await decide(2, 'same')).statusCode).toBe(200)
    expect((await decide(3, 'other')).statusCode).toBe(200)
    expect((await decide(1, 'same')).statusCode, 'the header row has no match').toBe(404)
    const before = await counts()
    await coordinator.request({ method: 'POST', url: `/api/imports/${created.id}/run` })
    const after = await counts()
    expect(after.client_case - before.client_case).toBe(2)
    expect(after.person - before.person, 'only the rejected match is a new person').toBe(1)
    const rows = await rowsOf(created.id)
    expect(rows.map((r) => r.outcome)).toEqual(['imported', 'imported'])
  })

  it('audits every read of the staged rows and every error report', async () => {
    const created = (
      await uploadImport(
        coordinator,
        'audit.csv',
        Buffer.from('Nachname;Vorname;Geburtsdatum;Kommune\nProtokoll;Paula;01.01.1990;Siegburg\n'),
      )
    ).json() as Import
    await coordinator.request({ method: 'GET', url: `/api/imports/${created.id}/rows` })
    await coordinator.request({ method: 'GET', url: `/api/imports/${created.id}/errors.csv` })
    const actions = await ctx.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', created.id)
      .orderBy('id')
      .execute()
    expect(actions.map((row) => row.action)).toEqual([
      'import.create',
      'import.rows.read',
      'import.error-report',
    ])
  })

  it('audits a batch in one entry naming its persons and cases: the access report and the trail show who imported a person', async () => {
    const created = (
      await uploadImport(
        coordinator,
        'named.csv',
        Buffer.from(
          'Nachname;Vorname;Geburtsdatum;Kommune;Fallbeginn\nBenannt;Berta;02.02.1992;Siegburg;01.03.2024\nBenannt;Bruno;03.03.1993;Siegburg;01.03.2024\n',
        ),
      )
    ).json() as Import
    await coordinator.request({ method: 'POST', url: `/api/imports/${created.id}/run` })
    const rows = await ctx.database.db
      .selectFrom('import_row')
      .select(['person_id', 'case_id'])
      .where('import_id', '=', created.id)
      .orderBy('row_number')
      .execute()
    expect(rows).toHaveLength(2)
    const entries = await ctx.database.db
      .selectFrom('audit_event')
      .select(['id', 'action', 'actor_id', 'subject_id'])
      .where('subject_id', '=', created.id)
      .where('action', '=', 'import.batch')
      .execute()
    expect(entries).toEqual([
      { id: expect.anything(), action: 'import.batch', actor_id: coordinator.userId, subject_id: created.id },
    ])
    const named = await ctx.database.db
      .selectFrom('audit_event_record')
      .select(['subject_type', 'subject_id'])
      .where('audit_event_id', '=', Number(entries[0]?.id))
      .orderBy('subject_type')
      .orderBy('subject_id')
      .execute()
    expect(named).toEqual(
      [
        ...rows.map((row) => ({ subject_type: 'case', subject_id: row.case_id })),
        ...rows.map((row) => ({ subject_type: 'person', subject_id: row.person_id })),
      ].sort((a, b) => `${a.subject_type}${a.subject_id}`.localeCompare(`${b.subject_type}${b.subject_id}`)),
    )
    const personId = rows[0]?.person_id as string
    const dpo = await loginAs(ctx.app, 'datenschutz')
    // The person's access report (Art. 15): the import by the coordinator is there.
    const disclosure = await dpo.request({ method: 'GET', url: `/api/persons/${personId}/disclosure.json` })
    expect(disclosure.statusCode, disclosure.body).toBe(200)
    const accesses = (disclosure.json() as { accesses: { action: string; user: string | null }[] }).accesses
    expect(accesses.filter((entry) => entry.action === 'import.batch')).toHaveLength(1)
    // The trail filtered by the person: the batch's entry, by the coordinator.
    const trail = await dpo.request({ method: 'GET', url: `/api/audit?subjectId=${personId}` })
    expect(trail.statusCode, trail.body).toBe(200)
    const items = (trail.json() as { items: { action: string; actorId: string | null }[] }).items
    expect(items.filter((item) => item.action === 'import.batch')).toEqual([
      expect.objectContaining({ action: 'import.batch', actorId: coordinator.userId }),
    ])
    const chainOf = async () =>
      (await verifyAuditTrail(ctx.database.db)).find((chain) => chain.chain === coordinator.districtId)
    expect(await chainOf()).toMatchObject({ ok: true })
    // A record named afterwards breaks the chain's verification at that entry.
    await ctx.database.ownerDb
      .insertInto('audit_event_record')
      .values({
        audit_event_id: Number(entries[0]?.id),
        district_id: coordinator.districtId,
        subject_type: 'person',
        subject_id: '00000000-0000-4000-8000-000000000001',
      })
      .execute()
    expect(await chainOf()).toMatchObject({
      ok: false,
      reason: 'records-changed',
      firstBrokenId: Number(entries[0]?.id),
    })
  })

  it('leaves undecided matches out as duplicates, with the reason in the report', async () => {
    const csv =
      'Nachname;Vorname;Geburtsdatum;Kommune;Fallbeginn\nWojciechowska;Agnieszka;11.02.1984;Alfter;05.05.2024\n'
    const created = (await uploadImport(coordinator, 'undecided.csv', Buffer.from(csv))).json() as Import
    await coordinator.request({ method: 'POST', url: `/api/imports/${created.id}/run` })
    expect(await get(created.id)).toMatchObject({ imported: 0, duplicates: 1, rows: 1 })
    const report = await coordinator.request({ method: 'GET', url: `/api/imports/${created.id}/errors.csv` })
    expect(report.body).toContain('Mögliche bereits erfasste Person; nicht bestätigt')
  })

  it('runs in batches that resume after an interruption, and the totals add up', async () => {
    const lines = ['Nachname;Vorname;Geburtsdatum;Kommune;Fallbeginn']
    for (let i = 0; i < 1100; i += 1) {
      const day = String((i % 28) + 1).padStart(2, '0')
      lines.push(
        i % 100 === 7
          ? `Batchlauf;Zeile ${i};31.02.1990;Siegburg;01.01.2024`
          : `Stapel${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + (Math.floor(i / 26) % 26))}${String.fromCharCode(97 + Math.floor(i / 676))};Ida;${day}.01.19${50 + (i % 40)};Siegburg;01.01.2024`,
      )
    }
    const created = (
      await uploadImport(coordinator, 'many.csv', Buffer.from(lines.join('\n')))
    ).json() as Import
    await coordinator.request({ method: 'POST', url: `/api/imports/${created.id}/dry-run` })
    const actor = {
      userId: coordinator.userId,
      districtId: coordinator.districtId,
      organisationId: null,
      roles: ['coordinator'] as const,
      teamIds: [],
    }
    const request = {
      actorId: actor.userId,
      actorRoles: ['coordinator'],
      districtId: actor.districtId,
      requestId: 'test-run',
      clientPseudonym: 'test',
      now: new Date('2026-06-15T10:00:00Z'),
    }
    // The first call is cut off after one batch, as a server stopped mid-import would be.
    const interrupted = await runImport(ctx.database.db, actor, created.id, request, { maxBatches: 1 })
    expect(interrupted.status).toBe('running')
    expect(interrupted.pending).toBe(600)
    expect(interrupted.imported + interrupted.rejected + interrupted.duplicates).toBe(500)
    const refused = await coordinator.request({
      method: 'PUT',
      url: `/api/imports/${created.id}/mapping`,
      payload: { columns: created.mapping },
    })
    expect(refused.statusCode, 'the mapping is fixed once the run started').toBe(409)
    const resumed = await coordinator.request({ method: 'POST', url: `/api/imports/${created.id}/run` })
    const done = resumed.json() as Import
    expect(done).toMatchObject({ status: 'completed', pending: 0, rows: 1100, rejected: 11, imported: 1089 })
    // Webhooks hear of the finished import once, with its totals and no personal data.
    const events = await ctx.database.db
      .selectFrom('webhook_event')
      .select('payload')
      .where('event_type', '=', 'import.finished')
      .execute()
    const payloads = events.map((event) => event.payload as { importId: string })
    expect(payloads.filter((payload) => payload.importId === created.id)).toEqual([
      { importId: created.id, status: 'completed', rows: 1100, imported: 1089, rejected: 11, duplicates: 0 },
    ])
  })

  it('matches a batch as the per-row matcher does, on the messy corpus and on a generated set', async () => {
    const actor = {
      userId: coordinator.userId,
      districtId: coordinator.districtId,
      organisationId: null,
      roles: ['coordinator'] as const,
      teamIds: [],
    }
    const db = ctx.database.db
    // The corpus: every valid staged row of the messy files (imported above, so they find themselves).
    const municipalities = new Map(
      (
        await db
          .selectFrom('municipality')
          .select(['id', 'name'])
          .where('district_id', '=', actor.districtId)
          .execute()
      ).map((m) => [municipalityKey(m.name), m.id]),
    )
    const jobs = await db
      .selectFrom('import_job')
      .select(['id', 'mapping'])
      .where(
        'file_name',
        'in',
        corpus.map((file) => file.name),
      )
      .execute()
    expect(jobs.length).toBeGreaterThanOrEqual(corpus.length)
    const queries: MatchQuery[] = []
    for (const job of jobs) {
      const staged = await db
        .selectFrom('import_row')
        .select('cells')
        .where('import_id', '=', job.id)
        .execute()
      for (const row of staged) {
        const { values } = checkRow(row.cells as Cell[], job.mapping as Record<string, ImportField>, {
          municipalities,
          today: '2026-06-15',
        })
        if (values)
          queries.push({
            familyName: values.familyName,
            givenNames: values.givenNames,
            birthDate: values.birthDate,
          })
      }
    }
    const corpusQueries = queries.length
    expect(corpusQueries).toBeGreaterThan(5)
    // The generated set: synthetic persons stored with their keys, and queries typed otherwise.
    const persons = generateSyntheticPersons(400, 11)
    await db.transaction().execute((trx) =>
      registerImportedPersons(
        trx,
        actor,
        persons.map((person) => ({
          familyName: person.familyName,
          givenNames: person.givenNames,
          birthDate: person.birthDate ?? '1980-01-01',
          sex: person.sex,
          municipalityId: [...municipalities.values()][0] as string,
        })),
      ),
    )
    queries.push(...deriveSyntheticQueries(persons, 400, 12).map(({ query }) => query))
    const perRow = []
    for (const query of queries) perRow.push(await importMatchCandidate(db, actor, query))
    const batched = await importMatchCandidates(db, actor, queries)
    expect(batched).toEqual(perRow)
    expect(perRow.slice(0, corpusQueries).filter(Boolean).length, 'the corpus finds itself').toBeGreaterThan(
      0,
    )
    expect(
      perRow.slice(corpusQueries).filter(Boolean).length,
      'most generated queries find a person',
    ).toBeGreaterThan(200)
  })

  describe('bad input', () => {
    const unchanged = async (work: () => Promise<void>) => {
      const before = await countAll(ctx.database, stagingTables)
      await work()
      expect(await countAll(ctx.database, stagingTables)).toEqual(before)
    }

    it.each([
      [
        'a PDF',
        'liste.xlsx',
        Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF'),
        415,
        'import-not-a-spreadsheet',
      ],
      [
        'a PNG renamed',
        'liste.csv',
        Buffer.from(
          '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a50000000049454e44ae426082',
          'hex',
        ),
        415,
        'import-not-a-spreadsheet',
      ],
      [
        'a zip that is no workbook',
        'liste.xlsx',
        zipOf([{ name: 'readme.txt', data: Buffer.from('hallo') }]),
        415,
        'import-not-a-spreadsheet',
      ],
      [
        'UTF-16 text',
        'liste.csv',
        Buffer.from('\ufeffName;Vorname\n', 'utf16le'),
        415,
        'import-unsupported-encoding',
      ],
      [
        'a text without a table',
        'liste.csv',
        Buffer.from('nur ein Satz ohne Spalten\n'),
        400,
        'import-no-table',
      ],
    ])('refuses %s with a clear message and stores nothing', async (_label, name, content, status, code) => {
      await unchanged(async () => {
        const response = await uploadImport(coordinator, name, content)
        expect(response.statusCode, response.body).toBe(status)
        expect(response.json().type).toContain(code)
      })
    })

    it('refuses a zip bomb disguised as XLSX by its declared sizes, before unpacking', async () => {
      const bomb = zipOf([
        { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
        { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(40 * 1024 * 1024, 0x20) },
      ])
      expect(bomb.length).toBeLessThan(200_000)
      await unchanged(async () => {
        const response = await uploadImport(coordinator, 'bombe.xlsx', bomb)
        expect(response.statusCode, response.body).toBe(413)
        expect(response.json().type).toContain('import-zip-bomb')
      })
    })

    it('refuses a file over the import limit with 413', async () => {
      await unchanged(async () => {
        const big = Buffer.alloc(3 * 1024 * 1024, 'Name;Vorname\n')
        const response = await uploadImport(coordinator, 'gross.csv', big)
        expect(response.statusCode).toBe(413)
      })
    })

    it('refuses a mapping of two columns to one field, and one without the required fields', async () => {
      const created = (
        await uploadImport(
          coordinator,
          'map.csv',
          Buffer.from('Nachname;Name;Vorname;Geburtsdatum;Ort\nA;B;C;01.01.1990;Siegburg\n'),
        )
      ).json() as Import
      const put = (columns: Record<string, string>) =>
        coordinator.request({
          method: 'PUT',
          url: `/api/imports/${created.id}/mapping`,
          payload: { columns },
        })
      const twice = await put({
        '0': 'familyName',
        '1': 'familyName',
        '2': 'givenNames',
        '3': 'birthDate',
        '4': 'municipality',
      })
      expect(twice.statusCode).toBe(400)
      expect(twice.json().type).toContain('import-mapping-duplicate-field')
      const missing = await put({ '0': 'familyName', '2': 'givenNames' })
      expect(missing.statusCode).toBe(400)
      const outside = await put({
        '9': 'familyName',
        '2': 'givenNames',
        '3': 'birthDate',
        '4': 'municipality',
      })
      expect(outside.statusCode).toBe(400)
      expect((await get(created.id)).status).toBe('uploaded')
    })

    it('discards an import that has not run, and refuses to discard one that has', async () => {
      const created = (
        await uploadImport(
          coordinator,
          'weg.csv',
          Buffer.from('Nachname;Vorname;Geburtsdatum;Kommune\nWeg;Anna;01.01.1990;Siegburg\n'),
        )
      ).json() as Import
      const discarded = await coordinator.request({ method: 'DELETE', url: `/api/imports/${created.id}` })
      expect(discarded.statusCode).toBe(204)
      expect(
        (await coordinator.request({ method: 'GET', url: `/api/imports/${created.id}` })).statusCode,
      ).toBe(404)
      const ran = (
        await uploadImport(
          coordinator,
          'bleibt.csv',
          Buffer.from('Nachname;Vorname;Geburtsdatum;Kommune\nBleibt;Berta;01.01.1990;Siegburg\n'),
        )
      ).json() as Import
      await coordinator.request({ method: 'POST', url: `/api/imports/${ran.id}/run` })
      await unchanged(async () => {
        const refused = await coordinator.request({ method: 'DELETE', url: `/api/imports/${ran.id}` })
        expect(refused.statusCode).toBe(409)
      })
    })

    it('lets only coordination and administration import, and never another district', async () => {
      const created = (
        await uploadImport(coordinator, 'rechte.csv', Buffer.from('Nachname;Vorname\nA;B\n'))
      ).json() as Import
      const refused = await uploadImport(caseManager, 'x.csv', Buffer.from('Nachname;Vorname\nA;B\n'))
      expect(refused.statusCode).toBe(403)
      expect(
        (await caseManager.request({ method: 'GET', url: `/api/imports/${created.id}` })).statusCode,
      ).toBe(403)
      expect(
        (await otherDistrict.request({ method: 'GET', url: `/api/imports/${created.id}` })).statusCode,
      ).toBe(404)
    })
  })
})
