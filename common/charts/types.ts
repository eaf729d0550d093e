// Type-only imports: common/ stays free of ECharts at run time; each renderer (web, server)
// registers the chart types and components it uses.
import type { LineSeriesOption } from 'echarts/charts'
import type { GridComponentOption, TitleComponentOption } from 'echarts/components'
import type { ComposeOption } from 'echarts/core'

/** An ECharts option limited to what Lotse's charts use, so a renderer knows what to register. */
export type ChartOption = ComposeOption<LineSeriesOption | GridComponentOption | TitleComponentOption>

/** Fixed colours of every chart; the same on screen and on paper. */
export const chartColors = {
  line: '#1864ab',
  grid: '#dee2e6',
  label: '#495057',
  title: '#212529',
  /** A goal's target and the planned path toward it. */
  target: '#237032',
  plan: '#868e96',
} as const
