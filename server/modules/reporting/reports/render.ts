import { chartPng, chartSizeOf, chartSvg } from './charts.ts'
import type { ReportDocument } from './document.ts'
import { type RenderedChart, reportDocx } from './docx.ts'
import { reportPdf } from './pdf.ts'

export type RenderStep = 'charts' | 'docx' | 'pdf'
export type RenderedReport = { docx: Uint8Array; pdf: Uint8Array }

/** Draws the charts once and lays the same content out twice: DOCX and PDF. CPU-bound: runs in the worker. */
export async function renderReport(
  doc: ReportDocument,
  onStep: (step: RenderStep) => void = () => {},
): Promise<RenderedReport> {
  onStep('charts')
  const charts: (RenderedChart | null)[] = doc.blocks.map((block) => {
    if (!block.chart) return null
    const svg = chartSvg(block.chart)
    return {
      svg,
      png: chartPng(svg),
      title: block.chart.title || block.heading,
      size: chartSizeOf(block.chart),
    }
  })
  onStep('docx')
  const docx = await reportDocx(doc, charts)
  onStep('pdf')
  const pdf = await reportPdf(doc, charts)
  return { docx, pdf }
}
