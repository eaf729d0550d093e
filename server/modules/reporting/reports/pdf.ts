import { typstPdf } from '../../../platform/typst.ts'
import type { ReportDocument } from './document.ts'
import type { RenderedChart } from './docx.ts'

/** The report as a PDF, typeset by Typst; charts stay vector graphics. */
const typesetReport = typstPdf({
  name: 'committee report',
  template: new URL('./report.typ', import.meta.url),
})

export const reportPdf = (doc: ReportDocument, charts: (RenderedChart | null)[]): Promise<Uint8Array> =>
  typesetReport({
    ...doc,
    charts: charts.map((chart) => (chart ? { svg: chart.svg, title: chart.title } : null)),
  })
