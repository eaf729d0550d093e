import { afterAll, describe, expect, it } from 'vitest'
import { defaultTemplates } from './default-templates.ts'
import { reportDocument } from './document.ts'
import { reportWords } from './document-texts.ts'
import { fixtureContext, fixtureSource } from './fixtures.ts'
import { docxContent, pdfContent } from './reports.test-helpers.ts'
import { renderInWorker, stopReportWorker } from './worker-pool.ts'

/** The committee report from a hand-written frozen evaluation, typeset in the worker and read back. */
describe('committee report document', () => {
  afterAll(stopReportWorker)

  it('fills the placeholders with German figures and dates', () => {
    const doc = reportDocument(fixtureSource(fixtureContext))
    expect(doc.title).toBe(
      'Kommunales Integrationsmanagement: Bericht für den Zeitraum 1. März 2026 bis 30. April 2026',
    )
    const [first] = doc.blocks
    expect(first?.paragraphs.join(' ')).toContain(
      'Im Berichtszeitraum fanden 1.234 Beratungskontakte statt (Vorperiode 1. Januar 2026 bis 28. Februar 2026: 1.097; Veränderung +12,5 %).',
    )
    expect(doc.headerRows).toContainEqual(['Sitzung am', '20. Mai 2026'])
  })

  it('writes the fixed texts, the default headings, dates and numbers in English when asked', () => {
    const doc = reportDocument(fixtureSource(fixtureContext), 'en')
    expect(doc.language).toBe('en')
    expect(doc.kindLabel).toBe('Information report')
    expect(doc.headerRows).toContainEqual(['Session on', '20 May 2026'])
    const headings = doc.blocks.map((block) => block.heading)
    expect(headings).toContain('Counselling contacts by month')
    expect(headings).toContain('Key figures at a glance')
    const keyFigures = doc.blocks.find((block) => block.heading === 'Key figures at a glance')
    expect(keyFigures?.table?.columns).toEqual(['Metric', 'Reporting period', 'Previous period', 'Change'])
    expect(JSON.stringify(keyFigures?.table?.rows)).toContain('1,234')
    const byMonth = doc.blocks.find((block) => block.heading === 'Counselling contacts by month')
    expect(byMonth?.chart?.title).toBe('Counselling contacts by month')
    expect(byMonth?.table?.rows[0]?.[0]).toMatch(/^(January|February|March|April) 2026$/)
    // The German default is unchanged.
    expect(reportDocument(fixtureSource(fixtureContext)).headerRows).toContainEqual([
      'Sitzung am',
      '20. Mai 2026',
    ])
  })

  it('counts one meeting and one decision in the singular', () => {
    expect(reportWords('en').steeringSummary('1', '1')).toBe(
      'The steering bodies met once in the period and took 1 decision.',
    )
    expect(reportWords('en').steeringSummary('2', '3')).toBe(
      'The steering bodies met 2 times in the period and took 3 decisions.',
    )
    expect(reportWords('de').steeringSummary('1', '1')).toBe(
      'Im Berichtszeitraum fand 1 Sitzung der Steuerungsgremien statt; gefasst wurde 1 Beschluss.',
    )
    expect(reportWords('de').steeringSummary('2', '3')).toBe(
      'Im Berichtszeitraum fanden 2 Sitzungen der Steuerungsgremien statt; gefasst wurden 3 Beschlüsse.',
    )
  })

  it('has an English heading for every heading of the default templates', () => {
    const english = reportWords('en').defaultHeadings
    for (const template of defaultTemplates)
      for (const block of template.blocks) expect(english[block.heading], block.heading).toBeTruthy()
  })

  it('has an English title and text for every text of the default templates, with the same placeholders', () => {
    const english = reportWords('en').defaultTexts
    const placeholders = (text: string) =>
      [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort()
    for (const template of defaultTemplates)
      for (const text of [
        template.title,
        ...template.blocks.flatMap((block) => (block.type === 'text' ? [block.text] : [])),
      ]) {
        expect(english[text], text).toBeTruthy()
        expect(english[text], text).not.toBe(text)
        expect(placeholders(english[text] as string), text).toEqual(placeholders(text))
      }
  })

  it('says so when the evaluation recorded no staffing, steering or goals', () => {
    const doc = reportDocument(fixtureSource())
    for (const heading of [
      'Personalausstattung',
      'Auslaufende Verträge',
      'Steuerungsgruppe',
      'Zielvereinbarungen',
    ]) {
      const block = doc.blocks.find((each) => each.heading === heading)
      expect(block?.paragraphs).toEqual(['In dieser Auswertung nicht erfasst.'])
      expect(block?.table).toBeUndefined()
    }
  })

  it('writes DOCX and PDF with the same figures, headings, "< 3" and charts', async () => {
    const doc = reportDocument(fixtureSource(fixtureContext))
    const steps: string[] = []
    const files = await renderInWorker(doc, (step) => steps.push(step))
    expect(steps).toEqual(['charts', 'docx', 'pdf'])

    const docx = await docxContent(files.docx)
    const pdf = await pdfContent(files.pdf)
    for (const text of [docx.text.replace(/\s+/g, ' '), pdf.text]) {
      for (const expected of [
        'Mitteilungsvorlage',
        'V/2026/0815',
        'Ausschuss für Soziales und Integration',
        '20. Mai 2026',
        '50.1-KIM',
        'Beratungskontakte nach Kommune',
        'Siegburg',
        '1.021',
        '1.234',
        '+12,5 %',
        '< 3',
        'Fallmanagement Siegburg',
        '30. September 2026',
        'Lenkungsgruppe KIM',
        'Schneller in Sprachkurse',
        'gefährdet',
        '41,5',
      ]) {
        expect(text).toContain(expected)
      }
    }
    // Three charts (by month, municipality, domain): SVG with a PNG fallback each in the DOCX.
    expect(docx.media.filter((name) => name.endsWith('.svg'))).toHaveLength(3)
    expect(docx.media.filter((name) => name.endsWith('.png'))).toHaveLength(3)
    expect(docx.documentXml).toContain('asvg:svgBlip')
    // The PDF's charts stay vectors: without them the same document draws far fewer paths.
    const withoutCharts = await renderInWorker(
      { ...doc, blocks: doc.blocks.map(({ chart: _chart, ...block }) => block) },
      () => {},
    )
    const plain = await pdfContent(withoutCharts.pdf)
    expect(pdf.pathOperations - plain.pathOperations).toBeGreaterThan(20)
  })
})
