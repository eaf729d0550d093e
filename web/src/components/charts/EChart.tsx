import { LineChart } from 'echarts/charts'
import { GridComponent, TitleComponent } from 'echarts/components'
import { type ECharts, init, use } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'
import type { ChartOption } from '../../../../common/charts/types.ts'

// Only what the definitions in common/charts use; the server registers the same list.
use([LineChart, GridComponent, TitleComponent, SVGRenderer])

/**
 * Draws a chart definition from common/charts. SVG as on paper, so screen and report look
 * alike; the chart follows its container's width. Loaded lazily (see LazyEChart.tsx): ECharts
 * is only fetched by pages that show a chart.
 */
export default function EChart({ option, height }: { option: ChartOption; height: number }) {
  const container = useRef<HTMLDivElement>(null)
  const chart = useRef<ECharts | null>(null)

  useEffect(() => {
    const element = container.current
    if (!element) return
    const instance = init(element, null, { renderer: 'svg' })
    chart.current = instance
    const observer = new ResizeObserver(() => instance.resize())
    observer.observe(element)
    return () => {
      observer.disconnect()
      instance.dispose()
      chart.current = null
    }
  }, [])

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true })
  }, [option])

  return <div ref={container} style={{ width: '100%', height }} />
}
