import { Readable } from 'node:stream'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Case, CaseDocument } from '../../../common/casework.ts'
import { useTestApp } from '../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../test/auth.ts'
import { databaseKinds } from '../../test/database.ts'
import {
  auditOf,
  countAll,
  expectProblem,
  minimalPdf,
  multipartFile,
  municipalityIds,
  onePixelPng,
  personWithCase,
  upload,
} from './casework.test-helpers.ts'

const documentTables = ['case_document', 'case_document_content'] as const

describe.each(databaseKinds)('case documents on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let caseManager: TestSession
  let teamLead: TestSession
  let kase: Case

  beforeAll(async () => {
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    teamLead = await loginAs(ctx.app, 'teamleitung')
    const [municipality] = (await municipalityIds(ctx.database, caseManager.districtId)) as [string]
    kase = (await personWithCase(caseManager, municipality)).case
  })

  const list = async (session = caseManager) =>
    (
      await session.request({ method: 'GET', url: `/api/cases/${kase.id}/documents` })
    ).json() as CaseDocument[]
  const download = (documentId: string, session = caseManager) =>
    session.request({ method: 'GET', url: `/api/cases/${kase.id}/documents/${documentId}` })

  it('builds the multipart body a browser sends, with its boundary', async () => {
    const { payload, headers } = await multipartFile('probe.pdf', minimalPdf())
    expect(headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(payload.includes(minimalPdf())).toBe(true)
  })

  it.each([
    ['a PDF', 'Bescheid Jobcenter.pdf', minimalPdf(), 'application/pdf'],
    ['a PNG image', 'Foto Aufenthaltstitel.png', onePixelPng, 'image/png'],
  ])(
    'takes %s, lists it and hands back the same bytes on download',
    async (_label, fileName, content, mediaType) => {
      const response = await upload(caseManager, kase.id, fileName, content, mediaType)
      expect(response.statusCode, response.body).toBe(201)
      const stored = (response.json() as CaseDocument[]).find((document) => document.fileName === fileName)
      expect(stored).toMatchObject({
        fileName,
        mediaType,
        sizeBytes: content.length,
        uploadedBy: 'Leyla Yıldız',
      })
      expect((await list()).map((document) => document.id)).toContain(stored?.id)

      const file = await download(stored?.id as string)
      expect(file.statusCode).toBe(200)
      expect(file.headers['content-type']).toBe(mediaType)
      expect(String(file.headers['content-disposition'])).toContain('attachment;')
      expect(String(file.headers['content-disposition'])).toContain(
        `filename*=UTF-8''${encodeURIComponent(fileName)}`,
      )
      expect(file.headers['cache-control']).toBe('no-store')
      expect(Buffer.compare(file.rawPayload, Buffer.from(content))).toBe(0)
    },
  )

  it('audits every download with the document id', async () => {
    const response = await upload(caseManager, kase.id, 'Mietvertrag.pdf', minimalPdf('Mietvertrag'))
    const document = (response.json() as CaseDocument[]).find(
      (d) => d.fileName === 'Mietvertrag.pdf',
    ) as CaseDocument
    await download(document.id)
    await download(document.id, teamLead)
    const downloads = (await auditOf(ctx.database, document.id)).filter(
      (row) => row.action === 'document.download',
    )
    expect(downloads.map((row) => row.actor_id)).toEqual([caseManager.userId, teamLead.userId])
    expect(JSON.stringify(downloads)).not.toContain('Mietvertrag')
  })

  it('refuses a PNG named .pdf with 415 document-type-mismatch and stores nothing', async () => {
    const before = await countAll(ctx.database, documentTables)
    const response = await upload(caseManager, kase.id, 'Zeugnis.pdf', onePixelPng, 'application/pdf')
    expectProblem(response, 415, 'body.file', 'document-type-mismatch')
    expect(await countAll(ctx.database, documentTables)).toEqual(before)
  })

  it('refuses a program with 415 document-type-not-allowed and stores nothing', async () => {
    const before = await countAll(ctx.database, documentTables)
    const program = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)])
    const response = await upload(caseManager, kase.id, 'setup.exe', program, 'application/x-msdownload')
    expectProblem(response, 415, 'body.file', 'document-type-not-allowed')
    expect(await countAll(ctx.database, documentTables)).toEqual(before)
  })

  it('refuses plain text that claims to be a PDF', async () => {
    const response = await upload(
      caseManager,
      kase.id,
      'brief.pdf',
      Buffer.from('Sehr geehrte Damen und Herren'),
    )
    expectProblem(response, 415, 'body.file', 'document-type-mismatch')
  })

  it('refuses a request without a file with 400', async () => {
    const form = new FormData()
    form.append('note', 'keine Datei')
    const encoded = new Response(form)
    const response = await caseManager.request({
      method: 'POST',
      url: `/api/cases/${kase.id}/documents`,
      payload: Buffer.from(await encoded.arrayBuffer()),
      headers: { 'content-type': encoded.headers.get('content-type') as string },
    })
    expectProblem(response, 400, 'body.file', 'document-missing')
    const json = await caseManager.request({
      method: 'POST',
      url: `/api/cases/${kase.id}/documents`,
      payload: {},
    })
    expectProblem(json, 400, 'body.file', 'document-missing')
  })

  it('keeps the stored file name harmless', async () => {
    const response = await upload(caseManager, kase.id, '../../etc/pass"wd.pdf', minimalPdf())
    expect(response.statusCode, response.body).toBe(201)
    const name = (await list()).map((document) => document.fileName).find((each) => each.endsWith('wd.pdf'))
    expect(name).toMatch(/^[^/\\"]+wd\.pdf$/)
  })

  it('removes bidirectional and other format characters from the file name, stored and sent', async () => {
    const disguised = 'rechnung\u202Efdp.exe.pdf'
    const response = await upload(caseManager, kase.id, `Zahlung\u200B ${disguised}`, minimalPdf())
    expect(response.statusCode, response.body).toBe(201)
    const stored = (response.json() as CaseDocument[]).find((d) => d.fileName.startsWith('Zahlung'))
    expect(stored?.fileName).toBe('Zahlung rechnungfdp.exe.pdf')
    const file = await download(stored?.id as string)
    expect(String(file.headers['content-disposition'])).toContain(
      `filename*=UTF-8''${encodeURIComponent('Zahlung rechnungfdp.exe.pdf')}`,
    )
  })

  it('sends a name stored before the rule without its format characters', async () => {
    const response = await upload(caseManager, kase.id, 'Altbestand.pdf', minimalPdf())
    const id = (response.json() as CaseDocument[]).find((d) => d.fileName === 'Altbestand.pdf')?.id as string
    await ctx.database.db
      .updateTable('case_document')
      .set({ file_name: 'Alt\u202Efdp.exe' })
      .where('id', '=', id)
      .execute()
    const disposition = String((await download(id)).headers['content-disposition'])
    expect(disposition).not.toContain(encodeURIComponent('\u202E'))
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('Altfdp.exe')}`)
  })

  it.each([
    ['a body of two letters without a boundary', 'multipart/form-data', () => Buffer.from('xx')],
    ['a body of two letters', 'multipart/form-data; boundary=abc', () => Buffer.from('xx')],
  ])('refuses %s with 400 multipart-malformed and stores nothing', async (_label, contentType, body) => {
    const before = await countAll(ctx.database, documentTables)
    const response = await caseManager.request({
      method: 'POST',
      url: `/api/cases/${kase.id}/documents`,
      payload: body(),
      headers: { 'content-type': contentType },
    })
    expectProblem(response, 400, 'body', 'multipart-malformed')
    expect(await countAll(ctx.database, documentTables)).toEqual(before)
  })

  it.each([30, 200])('refuses an upload cut off %i bytes before its end with 400', async (missing) => {
    const before = await countAll(ctx.database, documentTables)
    const { payload, headers } = await multipartFile('abgebrochen.pdf', minimalPdf())
    const response = await caseManager.request({
      method: 'POST',
      url: `/api/cases/${kase.id}/documents`,
      payload: payload.subarray(0, payload.length - missing),
      headers,
    })
    expectProblem(response, 400, 'body', 'multipart-malformed')
    expect(await countAll(ctx.database, documentTables)).toEqual(before)
    expect((await list()).length).toBeGreaterThan(0)
  })

  it.each([
    ['the team lead, who may read but not upload', 'teamleitung', 403],
    ['an administrator of another district', 'admin.lindenau', 404],
  ])('refuses %s before reading any of a large upload', async (_label, username, status) => {
    const session = await loginAs(ctx.app, username)
    const { headers } = await multipartFile('gross.pdf', minimalPdf())
    const chunk = Buffer.alloc(64 * 1024, 0x25)
    let bytesRead = 0
    // About 10 MB, produced only as the server reads it.
    const body = new Readable({
      read() {
        if (bytesRead >= 10 * 1024 * 1024) {
          this.push(null)
          return
        }
        bytesRead += chunk.length
        this.push(chunk)
      },
    })
    const before = await countAll(ctx.database, documentTables)
    const response = await session.request({
      method: 'POST',
      url: `/api/cases/${kase.id}/documents`,
      payload: body,
      headers,
    })
    expectProblem(response, status)
    expect(bytesRead).toBeLessThanOrEqual(chunk.length)
    expect(response.headers.connection).toBe('close')
    expect(await countAll(ctx.database, documentTables)).toEqual(before)
  })

  it('lets the team lead list and download, but not upload (403)', async () => {
    expect((await list(teamLead)).length).toBeGreaterThan(0)
    const before = await countAll(ctx.database, documentTables)
    expectProblem(await upload(teamLead, kase.id, 'Leitung.pdf', minimalPdf()), 403)
    expect(await countAll(ctx.database, documentTables)).toEqual(before)
  })

  it('answers 404 for a document of another case', async () => {
    const [municipality] = (await municipalityIds(ctx.database, caseManager.districtId)) as [string]
    const other = (await personWithCase(caseManager, municipality)).case
    const uploaded = await upload(caseManager, other.id, 'Anderer Fall.pdf', minimalPdf())
    const documentId = (uploaded.json() as CaseDocument[])[0]?.id as string
    expectProblem(await download(documentId), 404)
  })
})

describe.each(databaseKinds)('case documents above the upload limit on %s', (kind) => {
  // About 2 KB, so that a small PDF is too large; JSON bodies only 1 KB.
  const ctx = useTestApp(kind, { LOTSE_UPLOAD_LIMIT_MB: '0.002', LOTSE_BODY_LIMIT_KB: '1' })
  useDemoData(ctx)

  it('takes a file larger than the JSON body limit: the upload route has its own', async () => {
    const caseManager = await loginAs(ctx.app, 'fallmanagement')
    const [municipality] = (await municipalityIds(ctx.database, caseManager.districtId)) as [string]
    const kase = (await personWithCase(caseManager, municipality)).case
    const file = minimalPdf('y'.repeat(1200))
    expect(file.length).toBeGreaterThan(1024)
    const response = await upload(caseManager, kase.id, 'mittel.pdf', file)
    expect(response.statusCode, response.body).toBe(201)
    // Only the file may be large: a JSON body to the same route keeps the small limit.
    const json = await caseManager.request({
      method: 'POST',
      url: `/api/cases/${kase.id}/documents`,
      payload: { file: 'x'.repeat(2000) },
    })
    expectProblem(json, 413)
  })

  it('refuses a file above the limit with 413 and stores nothing', async () => {
    const caseManager = await loginAs(ctx.app, 'fallmanagement')
    const [municipality] = (await municipalityIds(ctx.database, caseManager.districtId)) as [string]
    const kase = (await personWithCase(caseManager, municipality)).case
    const small = await upload(caseManager, kase.id, 'klein.pdf', minimalPdf())
    expect(small.statusCode, small.body).toBe(201)
    const before = await countAll(ctx.database, documentTables)
    const large = minimalPdf('x'.repeat(4000))
    expect(large.length).toBeGreaterThan(0.002 * 1024 * 1024)
    expectProblem(
      await upload(caseManager, kase.id, 'gross.pdf', large),
      413,
      'body.file',
      'payload-too-large',
    )
    expect(await countAll(ctx.database, documentTables)).toEqual(before)
    // The server keeps serving.
    expect(
      (await caseManager.request({ method: 'GET', url: `/api/cases/${kase.id}/documents` })).statusCode,
    ).toBe(200)
  })
})
