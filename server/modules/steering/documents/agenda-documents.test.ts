import { Document, Packer, Paragraph } from 'docx'
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { BodyDetail, MeetingDetail } from '../../../../common/steering.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import type { TestDatabase } from '../../../test/database.ts'
import { databaseKinds } from '../../../test/database.ts'
import {
  auditOf,
  expectProblem,
  minimalPdf,
  multipartFile,
  onePixelPng,
} from '../../casework/casework.test-helpers.ts'

const documentCount = async (database: TestDatabase) => {
  const [facts, contents] = await Promise.all([
    database.db.selectFrom('agenda_item_document').select('id').execute(),
    database.db.selectFrom('agenda_item_document_content').select('document_id').execute(),
  ])
  return { facts: facts.length, contents: contents.length }
}

/** A meeting of a new working group with one agenda item, planned by the coordinator. */
async function meetingWithItem(coordinator: TestSession, name: string) {
  const body = (
    await coordinator.request({
      method: 'POST',
      url: '/api/bodies',
      payload: { kind: 'working_group', name },
    })
  ).json() as BodyDetail
  const planned = await coordinator.request({
    method: 'POST',
    url: '/api/meetings',
    payload: {
      bodyId: body.id,
      title: 'Sitzung mit Vorlagen',
      date: '2027-05-10',
      startTime: '10:00',
      endTime: '12:00',
      place: 'Kreishaus Siegburg',
    },
  })
  const added = await coordinator.request({
    method: 'POST',
    url: `/api/meetings/${(planned.json() as MeetingDetail).id}/agenda-items`,
    payload: { title: 'Sachstand Sprachkurse' },
  })
  expect(added.statusCode, added.body).toBe(201)
  const meeting = added.json() as MeetingDetail
  return { meeting, itemId: (meeting.agenda[0] as MeetingDetail['agenda'][number]).id }
}

const upload = async (
  session: TestSession,
  meetingId: string,
  itemId: string,
  fileName: string,
  content: Uint8Array,
) => {
  const { payload, headers } = await multipartFile(fileName, content)
  return session.request({
    method: 'POST',
    url: `/api/meetings/${meetingId}/agenda-items/${itemId}/documents`,
    payload,
    headers,
  })
}

describe.each(databaseKinds)('agenda item documents on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let coordinator: TestSession
  let partner: TestSession
  let lindenauAdmin: TestSession
  let meeting: MeetingDetail
  let itemId: string

  beforeAll(async () => {
    coordinator = await loginAs(ctx.app, 'koordination')
    partner = await loginAs(ctx.app, 'partner.jobcenter')
    lindenauAdmin = await loginAs(ctx.app, 'admin.lindenau')
    ;({ meeting, itemId } = await meetingWithItem(coordinator, 'UAG Vorlagen'))
  })
  const documentUrl = (documentId: string) =>
    `/api/meetings/${meeting.id}/agenda-items/${itemId}/documents/${documentId}`

  it('attaches a PDF and an image to the agenda item, lists them with the meeting and hands back the same bytes', async () => {
    const pdf = minimalPdf('Sachstandsbericht Sprachkurse')
    const first = await upload(coordinator, meeting.id, itemId, 'Sachstand Sprachkurse 2027.pdf', pdf)
    expect(first.statusCode, first.body).toBe(201)
    const second = await upload(coordinator, meeting.id, itemId, 'Übersicht.png', onePixelPng)
    expect(second.statusCode, second.body).toBe(201)
    const documents = (second.json() as MeetingDetail).agenda[0]?.documents ?? []
    expect(documents).toEqual([
      expect.objectContaining({
        fileName: 'Sachstand Sprachkurse 2027.pdf',
        mediaType: 'application/pdf',
        sizeBytes: pdf.length,
        uploadedByName: 'Jonas Wagner',
      }),
      expect.objectContaining({ fileName: 'Übersicht.png', mediaType: 'image/png' }),
    ])
    const [stored] = documents as [MeetingDetail['agenda'][number]['documents'][number]]
    // Whoever may read the meeting may read its papers: here a partner of the Jobcenter.
    const file = await partner.request({ method: 'GET', url: documentUrl(stored.id) })
    expect(file.statusCode).toBe(200)
    expect(file.headers['content-type']).toBe('application/pdf')
    expect(String(file.headers['content-disposition'])).toContain('attachment;')
    expect(file.headers['cache-control']).toBe('no-store')
    expect(Buffer.compare(file.rawPayload, pdf)).toBe(0)
    const audit = await auditOf(ctx.database, stored.id)
    expect(audit.map((entry) => [entry.action, entry.actor_id])).toEqual([
      ['meeting.document-upload', coordinator.userId],
      ['meeting.document-download', partner.userId],
    ])
  })

  it('takes the Office files a body works with: DOCX and XLSX, checked by their content', async () => {
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Beschlussvorlage')] }] }),
    )
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('Kennzahlen').addRow(['Beratungen', 412])
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer())
    expect((await upload(coordinator, meeting.id, itemId, 'Beschlussvorlage.docx', docx)).statusCode).toBe(
      201,
    )
    const response = await upload(coordinator, meeting.id, itemId, 'Kennzahlen.xlsx', xlsx)
    expect(response.statusCode, response.body).toBe(201)
    expect((response.json() as MeetingDetail).agenda[0]?.documents.map((each) => each.mediaType)).toEqual(
      expect.arrayContaining([
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ]),
    )
  })

  it.each([
    [
      'a type meetings do not take',
      'Notizen.txt',
      Buffer.from('nur Text'),
      'agenda-document-type-not-allowed',
    ],
    [
      'a renamed program',
      'Vorlage.pdf',
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00program'),
      'document-type-mismatch',
    ],
    ['a PDF named as a spreadsheet', 'Tabelle.xlsx', minimalPdf(), 'document-type-mismatch'],
  ])('refuses %s with 415 by its content, and stores nothing', async (_label, fileName, content, code) => {
    const before = await documentCount(ctx.database)
    const response = await upload(coordinator, meeting.id, itemId, fileName, content)
    expectProblem(response, 415, 'body.file', code)
    expect(await documentCount(ctx.database)).toEqual(before)
  })

  it('lets only those who keep the meeting upload or remove, and hides other districts', async () => {
    const before = await documentCount(ctx.database)
    expectProblem(await upload(partner, meeting.id, itemId, 'Partner.pdf', minimalPdf()), 403)
    expectProblem(await upload(lindenauAdmin, meeting.id, itemId, 'Fremd.pdf', minimalPdf()), 404)
    const other = await meetingWithItem(coordinator, 'UAG Andere Vorlagen')
    // An agenda item of another meeting is not found through this one.
    expectProblem(await upload(coordinator, meeting.id, other.itemId, 'Falsch.pdf', minimalPdf()), 404)
    expect(await documentCount(ctx.database)).toEqual(before)
    const current = (
      await coordinator.request({ method: 'GET', url: `/api/meetings/${meeting.id}` })
    ).json() as MeetingDetail
    const document = current.agenda[0]?.documents[0] as { id: string }
    expectProblem(await lindenauAdmin.request({ method: 'GET', url: documentUrl(document.id) }), 404)
    expectProblem(await partner.request({ method: 'DELETE', url: documentUrl(document.id) }), 403)
  })

  it('removes a document before approval, with its bytes', async () => {
    const uploaded = await upload(coordinator, meeting.id, itemId, 'Entwurf.pdf', minimalPdf('Entwurf'))
    const document = (uploaded.json() as MeetingDetail).agenda[0]?.documents.find(
      (each) => each.fileName === 'Entwurf.pdf',
    ) as { id: string }
    const removed = await coordinator.request({ method: 'DELETE', url: documentUrl(document.id) })
    expect(removed.statusCode, removed.body).toBe(200)
    expect((removed.json() as MeetingDetail).agenda[0]?.documents.map((each) => each.fileName)).not.toContain(
      'Entwurf.pdf',
    )
    const content = await ctx.database.db
      .selectFrom('agenda_item_document_content')
      .select('document_id')
      .where('document_id', '=', document.id)
      .execute()
    expect(content).toEqual([])
    expectProblem(await coordinator.request({ method: 'GET', url: documentUrl(document.id) }), 404)
  })
})

describe.each(databaseKinds)('agenda item documents above the upload limit on %s', (kind) => {
  // About 2 KB, so that a small PDF is too large.
  const ctx = useTestApp(kind, { LOTSE_UPLOAD_LIMIT_MB: '0.002' })
  useDemoData(ctx)

  it('refuses a file above the limit with 413 and stores nothing', async () => {
    const coordinator = await loginAs(ctx.app, 'koordination')
    const { meeting, itemId } = await meetingWithItem(coordinator, 'UAG Große Vorlagen')
    const before = await documentCount(ctx.database)
    const large = minimalPdf('x'.repeat(4000))
    expectProblem(
      await upload(coordinator, meeting.id, itemId, 'gross.pdf', large),
      413,
      'body.file',
      'payload-too-large',
    )
    expect(await documentCount(ctx.database)).toEqual(before)
  })
})
