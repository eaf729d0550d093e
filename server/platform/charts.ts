import { createHash } from 'node:crypto'
import { LineChart } from 'echarts/charts'
import { GridComponent, TitleComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import type { ChartOption } from '../../common/charts/types.ts'

echarts.use([LineChart, GridComponent, TitleComponent, SVGRenderer])

/** The font the PDF engine embeds (Noto Sans from @expo-google-fonts), so the SVG's text measures true. */
export const chartFontFamily = 'Noto Sans'

export type ChartSize = { width: number; height: number }

/**
 * Renders a chart definition from common/charts as a standalone SVG document for reports (PDF,
 * DOCX). Server-side rendering in ECharts needs no DOM; the size is fixed because paper has no
 * container to measure.
 */
export function renderChartSvg(option: ChartOption, size: ChartSize): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: size.width,
    height: size.height,
  })
  try {
    chart.setOption({
      ...option,
      animation: false,
      textStyle: { ...(option.textStyle as object | undefined), fontFamily: chartFontFamily },
    })
    return withStableIds(chart.renderToSVGString())
  } finally {
    chart.dispose()
  }
}

/**
 * ECharts names clip paths and classes after counters that run across all charts of the process
 * ("zr0-c0", "zr1-cls-3"), so the same chart came out differently on each call. Renumbering them
 * in order of appearance under a prefix taken from the content makes the SVG a function of the
 * chart alone, and still keeps the ids of two different charts apart when both sit in one page.
 */
function withStableIds(svg: string): string {
  const numbers = new Map<string, number>()
  const numbered = svg.replace(/\bzr\d+-[a-z-]*\d+\b/g, (id) => {
    if (!numbers.has(id)) numbers.set(id, numbers.size)
    return `@id${numbers.get(id)}@`
  })
  const prefix = `c${createHash('sha256').update(numbered).digest('hex').slice(0, 10)}`
  return numbered.replace(/@id(\d+)@/g, (_, n: string) => `${prefix}-${n}`)
}
