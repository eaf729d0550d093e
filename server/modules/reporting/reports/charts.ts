import { Resvg } from '@resvg/resvg-js'
import { BarChart, LineChart } from 'echarts/charts'
import * as echarts from 'echarts/core'
import { type ChartOption, chartColors } from '../../../../common/charts/types.ts'
import { type ChartSize, chartFontFamily, renderChartSvg } from '../../../platform/charts.ts'
import { documentFontFiles } from '../../../platform/typst.ts'
import type { ChartSpec } from './document.ts'
import { formatCount } from './format.ts'

echarts.use([BarChart, LineChart])

/** The size a chart is drawn at, in points: a line over months is wide, bars grow with their count. */
export function chartSizeOf(spec: ChartSpec): ChartSize {
  if (spec.kind === 'line') return { width: 640, height: 260 }
  return { width: 640, height: Math.max(140, 56 + spec.categories.length * 30) }
}

const palette = [chartColors.line]

/** The ECharts option of a report chart: German axis numbers, withheld cells left as gaps. */
export function chartOption(spec: ChartSpec): ChartOption {
  const number = (value: number) => formatCount(value, spec.language)
  const labelSpace = Math.min(200, Math.max(...spec.categories.map((label) => label.length), 4) * 7 + 16)
  const horizontal = spec.kind === 'bar'
  const categoryAxis = {
    type: 'category',
    data: spec.categories,
    axisLabel: { color: chartColors.label, fontSize: 11 },
    ...(horizontal ? { inverse: true } : {}),
  }
  const valueAxis = {
    type: 'value',
    minInterval: 1,
    axisLabel: { formatter: number, color: chartColors.label, fontSize: 11 },
  }
  return {
    color: palette,
    grid: { left: horizontal ? labelSpace : 56, right: 24, top: 16, bottom: 32 },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: [
      {
        type: spec.kind,
        name: spec.seriesName,
        data: spec.values,
        label: {
          show: true,
          position: horizontal ? 'right' : 'top',
          formatter: (p: { value: number }) => number(p.value),
          fontSize: 10,
        },
        ...(spec.kind === 'line' ? { connectNulls: false, symbolSize: 6 } : { barMaxWidth: 28 }),
      },
    ],
  } as ChartOption
}

export const chartSvg = (spec: ChartSpec): string => renderChartSvg(chartOption(spec), chartSizeOf(spec))

/** The PNG fallback for Word versions without SVG support: twice the size, the documents' Noto Sans. */
export function chartPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    background: '#ffffff',
    font: {
      loadSystemFonts: false,
      fontFiles: documentFontFiles.slice(0, 3),
      defaultFontFamily: chartFontFamily,
    },
  })
  return resvg.render().asPng()
}
