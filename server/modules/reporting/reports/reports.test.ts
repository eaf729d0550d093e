import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Report, ReportTemplate } from '../../../../common/report.ts'
import type { Evaluation } from '../../../../common/reporting.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'
import { formatCount } from './format.ts'
import { docxContent, pdfContent } from './reports.test-helpers.ts'
import { stopReportWorker } from './worker-pool.ts'

/**
 * The committee report through the API on the demo district: made from the March–April evaluation,
 * both files read back with third-party readers; bad input leaves nothing behind.
 */
describe.each(databaseKinds)('committee reports on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx, { caseWork: true })
  let coordinator: TestSession
  let reader: TestSession
  let partner: TestSession
  let lindenau: TestSession
  let evaluation: Evaluation
  const header = {
    vorlageNumber: 'V/2026/0815',
    committee: 'Ausschuss für Soziales und Integration',
    sessionDate: '2026-05-20',
    aktenzeichen: '50.1-KIM',
  }

  const count = async (table: 'report' | 'report_template') =>
    (await ctx.database.ownerDb.selectFrom(table).select('id').execute()).length
  const post = (session: TestSession, url: string, payload: object) =>
    session.request({ method: 'POST', url, payload })

  beforeAll(async () => {
    coordinator = await loginAs(ctx.app, 'koordination')
    reader = await loginAs(ctx.app, 'bericht')
    partner = await loginAs(ctx.app, 'partner.jobcenter')
    lindenau = await loginAs(ctx.app, 'admin.lindenau')
    const created = await post(coordinator, '/api/evaluations', {
      name: 'März bis April 2026',
      from: '2026-03-01',
      to: '2026-04-30',
    })
    evaluation = created.json() as Evaluation
  })
  afterAll(stopReportWorker)

  it('makes the report, lets the files wait for the generation, and reads both back', async () => {
    const created = await post(coordinator, '/api/reports', { evaluationId: evaluation.id, header })
    expect(created.statusCode, created.body).toBe(201)
    const report = created.json() as Report
    expect(report.kind).toBe('mitteilungsvorlage')
    expect(report.header).toEqual(header)
    expect(report.language).toBe('de')

    // Right after the POST: the downloads wait for the files being made.
    const [docxResponse, pdfResponse] = await Promise.all([
      reader.request({ method: 'GET', url: `/api/reports/${report.id}.docx` }),
      reader.request({ method: 'GET', url: `/api/reports/${report.id}.pdf` }),
    ])
    expect(docxResponse.statusCode, docxResponse.body.slice(0, 300)).toBe(200)
    expect(pdfResponse.statusCode).toBe(200)
    expect(docxResponse.headers['content-type']).toContain('wordprocessingml')
    expect(pdfResponse.headers['content-type']).toBe('application/pdf')

    const contacts = evaluation.sections.find((section) => section.metric === 'contacts')
    const total = formatCount(contacts?.total.value as number)
    const docx = await docxContent(docxResponse.rawPayload)
    const pdf = await pdfContent(pdfResponse.rawPayload)
    const hasSuppressed = evaluation.sections.some((section) =>
      section.tables.some((table) => table.rows.some((row) => row.suppressed)),
    )
    expect(hasSuppressed).toBe(true)
    for (const text of [docx.text.replace(/\s+/g, ' '), pdf.text]) {
      for (const expected of [
        'Mitteilungsvorlage',
        'V/2026/0815',
        '20. Mai 2026',
        '1. März 2026 bis 30. April 2026',
        'Beratungskontakte nach Monat',
        'Beratungskontakte nach Kommune',
        'Beratungskontakte nach Handlungsfeld',
        'März 2026',
        total,
        '< 3',
        // The evaluation froze staffing, steering and goals with its figures: the document shows them.
        'Baustein 2',
        'Steuerungsgremien',
        'Soll',
      ]) {
        expect(text, expected).toContain(expected)
      }
    }
    expect(docx.media.filter((name) => name.endsWith('.svg'))).toHaveLength(3)
    expect(docx.media.filter((name) => name.endsWith('.png'))).toHaveLength(3)
    expect(pdf.pathOperations).toBeGreaterThan(30)

    const stored = (
      await reader.request({ method: 'GET', url: `/api/reports/${report.id}` })
    ).json() as Report
    expect(stored.status).toBe('ready')
    expect(stored.step).toBe('stored')
    // Stored files: the same bytes again.
    const again = await reader.request({ method: 'GET', url: `/api/reports/${report.id}.pdf` })
    expect(Buffer.compare(again.rawPayload, pdfResponse.rawPayload)).toBe(0)

    const audit = await ctx.database.ownerDb
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', report.id)
      .execute()
    expect(audit.map((row) => row.action).sort()).toEqual(
      ['report.create', 'report.download-docx', 'report.download-pdf', 'report.download-pdf'].sort(),
    )
  })

  it('writes the report in English when asked: fixed texts, headings, months and numbers', async () => {
    const created = await post(coordinator, '/api/reports', {
      evaluationId: evaluation.id,
      header,
      language: 'en',
    })
    expect(created.statusCode, created.body).toBe(201)
    const report = created.json() as Report
    expect(report.language).toBe('en')
    const [docxResponse, pdfResponse] = await Promise.all([
      reader.request({ method: 'GET', url: `/api/reports/${report.id}.docx` }),
      reader.request({ method: 'GET', url: `/api/reports/${report.id}.pdf` }),
    ])
    expect(docxResponse.statusCode).toBe(200)
    expect(pdfResponse.statusCode).toBe(200)
    const contacts = evaluation.sections.find((section) => section.metric === 'contacts')
    const total = formatCount(contacts?.total.value as number, 'en')
    const docx = (await docxContent(docxResponse.rawPayload)).text.replace(/\s+/g, ' ')
    const pdf = (await pdfContent(pdfResponse.rawPayload)).text
    for (const text of [docx, pdf]) {
      for (const expected of [
        'Information report',
        'Document no.',
        'Session on',
        'File reference',
        'Reporting period',
        '20 May 2026',
        'Key figures at a glance',
        'Counselling contacts by month',
        'Counselling contacts by municipality',
        'Previous period',
        'March 2026',
        total,
        '< 3',
        'Total',
        'Target',
      ]) {
        expect(text, expected).toContain(expected)
      }
      // The fixed texts are English; the template's text blocks stay as the district wrote them.
      for (const german of [
        'Vorlage Nr.',
        'Sitzung am',
        'Aktenzeichen',
        'März 2026',
        'Handlungsfeld',
        'Summe',
      ])
        expect(text, german).not.toContain(german)
    }
    const rejected = await post(coordinator, '/api/reports', {
      evaluationId: evaluation.id,
      header,
      language: 'fr',
    })
    expect(rejected.statusCode).toBe(400)
  })

  it('accepts the header flat beside the evaluation, and a Sachstandsbericht template', async () => {
    const templates = (
      await coordinator.request({ method: 'GET', url: '/api/report-templates' })
    ).json() as ReportTemplate[]
    expect(templates.map((template) => template.kind).sort()).toEqual([
      'mitteilungsvorlage',
      'sachstandsbericht',
    ])
    const status = templates.find((template) => template.kind === 'sachstandsbericht') as ReportTemplate
    const created = await post(coordinator, '/api/reports', {
      evaluationId: evaluation.id,
      templateId: status.id,
      vorlageNumber: 'V/2026/0900',
      committee: 'Sozialausschuss',
      sessionDate: '2026-06-10',
      aktenzeichen: '50.2',
    })
    expect(created.statusCode, created.body).toBe(201)
    const report = created.json() as Report
    expect(report.header.committee).toBe('Sozialausschuss')
    expect(report.kind).toBe('sachstandsbericht')
    const pdf = await reader.request({ method: 'GET', url: `/api/reports/${report.id}.pdf` })
    expect((await pdfContent(pdf.rawPayload)).text).toContain('Sachstandsbericht')
  })

  it('takes edited texts into the files when generated again', async () => {
    const report = (
      await post(coordinator, '/api/reports', { evaluationId: evaluation.id, header })
    ).json() as Report
    await coordinator.request({ method: 'GET', url: `/api/reports/${report.id}.pdf` })
    const text = report.blocks.find((block) => block.type === 'text')
    if (text?.type !== 'text') throw new Error('the default template starts with a text')
    const put = (payload: object) =>
      coordinator.request({ method: 'PUT', url: `/api/reports/${report.id}/texts`, payload })

    const unknown = await put({
      title: 'Bericht',
      blocks: [{ id: text.id, heading: 'X', text: 'Mit {{unbekannt}}' }],
    })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().code).toBe('unknown-placeholder')
    expect(unknown.json().detail).toContain('{{unbekannt}}')

    const edited = await put({
      title: 'Bericht {{zeitraum}}',
      blocks: [
        { id: text.id, heading: 'Lage', text: 'Geänderter Text mit {{beratungskontakte}} Kontakten.' },
      ],
    })
    expect(edited.statusCode, edited.body).toBe(200)
    expect((edited.json() as Report).textsChangedSinceFiles).toBe(true)
    const byReader = await reader.request({
      method: 'PUT',
      url: `/api/reports/${report.id}/texts`,
      payload: { title: 'Leser', blocks: [] },
    })
    expect(byReader.statusCode).toBe(403)

    const regenerated = await coordinator.request({
      method: 'POST',
      url: `/api/reports/${report.id}/generation`,
    })
    expect(regenerated.statusCode).toBe(202)
    const docx = await coordinator.request({ method: 'GET', url: `/api/reports/${report.id}.docx` })
    const content = await docxContent(docx.rawPayload)
    expect(content.text).toContain('Geänderter Text mit')
    expect(content.text).toContain('Bericht 1. März 2026 bis 30. April 2026')
    const after = (await reader.request({ method: 'GET', url: `/api/reports/${report.id}` })).json() as Report
    expect(after.textsChangedSinceFiles).toBe(false)
  })

  it('refuses a template with a placeholder that does not exist, naming it, and stores nothing', async () => {
    await coordinator.request({ method: 'GET', url: '/api/report-templates' })
    const before = await count('report_template')
    const response = await post(coordinator, '/api/report-templates', {
      name: 'Mit Fehler',
      kind: 'sachstandsbericht',
      title: 'Bericht {{zeitraum}}',
      blocks: [
        {
          type: 'text',
          id: 'eins',
          heading: 'Eins',
          text: 'Es gab {{beratungskontakte}} und {{gibtesnicht}}.',
        },
        { type: 'generated', id: 'zwei', heading: 'Zahlen', generated: 'key-figures' },
      ],
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().code).toBe('unknown-placeholder')
    expect(response.json().detail).toContain('{{gibtesnicht}}')
    expect(response.json().fields[0].path).toBe('body.blocks.0.text')
    expect(await count('report_template')).toBe(before)

    const good = await post(coordinator, '/api/report-templates', {
      name: 'Kurzbericht',
      kind: 'sachstandsbericht',
      title: 'Kurzbericht {{zeitraum}}',
      blocks: [{ type: 'generated', id: 'zahlen', heading: 'Zahlen', generated: 'key-figures' }],
    })
    expect(good.statusCode, good.body).toBe(201)
    const byReader = await post(reader, '/api/report-templates', {
      name: 'Leser',
      kind: 'sachstandsbericht',
      title: 'Leser',
      blocks: [{ type: 'generated', id: 'zahlen', heading: 'Zahlen', generated: 'key-figures' }],
    })
    expect(byReader.statusCode).toBe(403)
  })

  it('refuses a missing evaluation and one of another district with 404, storing nothing', async () => {
    const foreign = (
      await post(lindenau, '/api/evaluations', { name: 'Lindenau', from: '2026-03-01', to: '2026-04-30' })
    ).json() as Evaluation
    const before = await count('report')
    for (const evaluationId of [foreign.id, '00000000-0000-4000-8000-000000000000']) {
      const response = await post(coordinator, '/api/reports', { evaluationId, header })
      expect(response.statusCode).toBe(404)
      expect(response.json().code).toBe('evaluation-not-found')
    }
    expect(
      (await post(coordinator, '/api/reports', { evaluationId: evaluation.id, header: {} })).statusCode,
    ).toBe(400)
    expect((await post(reader, '/api/reports', { evaluationId: evaluation.id, header })).statusCode).toBe(403)
    expect(await count('report')).toBe(before)
  })

  it('keeps an evaluation a report uses: DELETE answers 409; an unused one can go', async () => {
    const used = await coordinator.request({ method: 'DELETE', url: `/api/evaluations/${evaluation.id}` })
    expect(used.statusCode).toBe(409)
    expect(used.json().code).toBe('evaluation-in-use')
    expect(
      (await reader.request({ method: 'GET', url: `/api/evaluations/${evaluation.id}` })).statusCode,
    ).toBe(200)

    const unused = (
      await post(coordinator, '/api/evaluations', { name: 'Probe', from: '2026-03-01', to: '2026-03-31' })
    ).json() as Evaluation
    expect(
      (await reader.request({ method: 'DELETE', url: `/api/evaluations/${unused.id}` })).statusCode,
    ).toBe(403)
    expect(
      (await coordinator.request({ method: 'DELETE', url: `/api/evaluations/${unused.id}` })).statusCode,
    ).toBe(204)
    expect((await reader.request({ method: 'GET', url: `/api/evaluations/${unused.id}` })).statusCode).toBe(
      404,
    )
  })

  it('shows partners nothing', async () => {
    const [report] = (await reader.request({ method: 'GET', url: '/api/reports' })).json() as Report[]
    expect((await partner.request({ method: 'GET', url: '/api/reports' })).statusCode).toBe(403)
    expect((await partner.request({ method: 'GET', url: `/api/reports/${report?.id}.pdf` })).statusCode).toBe(
      403,
    )
    expect((await partner.request({ method: 'GET', url: '/api/report-templates' })).statusCode).toBe(403)
  })
})
