import mammoth from 'mammoth'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ConceptOverview, ConceptVersionDetail } from '../../../../common/concept.ts'
import { useTestApp } from '../../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../../test/auth.ts'
import { databaseKinds } from '../../../test/database.ts'

async function pdfText(pdf: Buffer): Promise<string> {
  const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise
  const pages: string[] = []
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number)
    const items = (await page.getTextContent()).items.filter((item): item is TextItem => 'str' in item)
    pages.push(items.map((item) => item.str + (item.hasEOL ? '\n' : '')).join(''))
  }
  return pages.join('\n')
}

const squeeze = (text: string) => text.replace(/\s+/g, ' ')
/** Markup of Typst and Markdown that must print as written. */
const markup = 'Vorrang hat *fett* #set text(red) $x$ und <label> @ref.'

describe.each(databaseKinds)('integration concept exports on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let coordinator: TestSession
  let draft: ConceptVersionDetail
  let adoptedId: string

  beforeAll(async () => {
    coordinator = await loginAs(ctx.app, 'koordination')
    const overview = (
      await coordinator.request({ method: 'GET', url: '/api/concept' })
    ).json() as ConceptOverview
    const [second, first] = overview.versions
    adoptedId = first?.id as string
    const added = await coordinator.request({
      method: 'POST',
      url: `/api/concept/versions/${second?.id}/sections`,
      payload: { title: 'Anhang', body: `Erste Zeile.\n${markup}` },
    })
    expect(added.statusCode, added.body).toBe(201)
    draft = added.json()
  })

  const expectConcept = (text: string) => {
    expect(text).toContain('Integrationskonzept des Rhein-Sieg-Kreises – Fortschreibung 2026')
    expect(text).toContain('Fassung 2')
    expect(text).toContain('Entwurf – noch nicht beschlossen')
    expect(text).toContain('Fortschreibung der Fassung 1')
    expect(text).toContain('Arbeit und Anerkennung')
    expect(text).toContain('Feste Ansprechperson in der Ausländerbehörde')
    expect(text).toContain(markup)
    expect(text).toContain('Raster: Handlungsfelder und Akteure')
    expect(text).toContain(
      'Jobcenter Rhein-Sieg – Ausländerbehörde Rhein-Sieg-Kreis: Beschäftigungserlaubnis bei Arbeitsaufnahme',
    )
    expect(text).toContain('Vereinbarte Lösung')
    expect(text).toContain(
      'Arbeitskreis der Integrationsräte und Migrantenorganisationen: Der Arbeitskreis begrüßt die Fortschreibung',
    )
  }

  it('exports the draft as DOCX, read back with mammoth, in German and English', async () => {
    const response = await coordinator.request({
      method: 'GET',
      url: `/api/concept/versions/${draft.id}/document.docx`,
    })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('wordprocessingml')
    expect(response.headers['content-disposition']).toContain('integrationskonzept-fassung-2.docx')
    expectConcept(squeeze((await mammoth.extractRawText({ buffer: response.rawPayload })).value))
    const english = await coordinator.request({
      method: 'GET',
      url: `/api/concept/versions/${draft.id}/document.docx?language=en`,
    })
    const text = squeeze((await mammoth.extractRawText({ buffer: english.rawPayload })).value)
    expect(text).toContain('Version 2')
    expect(text).toContain('Work and recognition')
    expect(text).toContain('Agreed solution')
  })

  it('exports the draft as PDF through Typst, read back with pdf.js: markup prints as written', async () => {
    const response = await coordinator.request({
      method: 'GET',
      url: `/api/concept/versions/${draft.id}/document.pdf`,
    })
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200)
    expect(response.headers['content-type']).toBe('application/pdf')
    expectConcept(squeeze(await pdfText(response.rawPayload)))
  })

  it('exports the adopted version of 2016 with its adoption', async () => {
    const docx = await coordinator.request({
      method: 'GET',
      url: `/api/concept/versions/${adoptedId}/document.docx`,
    })
    const text = squeeze((await mammoth.extractRawText({ buffer: docx.rawPayload })).value)
    expect(text).toContain('Beschlossen am 15.12.2016, Kreistag, Drucksache 2016/0421')
    const pdf = await coordinator.request({
      method: 'GET',
      url: `/api/concept/versions/${adoptedId}/document.pdf`,
    })
    expect(squeeze(await pdfText(pdf.rawPayload))).toContain(
      'Beschlossen am 15.12.2016, Kreistag, Drucksache 2016/0421',
    )
  })

  it('answers 404 for a version of another district', async () => {
    const lindenau = await loginAs(ctx.app, 'admin.lindenau')
    const response = await lindenau.request({
      method: 'GET',
      url: `/api/concept/versions/${draft.id}/document.pdf`,
    })
    expect(response.statusCode).toBe(404)
  })
})
