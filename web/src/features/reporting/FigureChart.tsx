import { Button, Group } from '@mantine/core'
import { BarChart, LineChart } from 'echarts/charts'
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { type ECharts, type EChartsCoreOption, init, use } from 'echarts/core'
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { download } from './export.ts'

use([
  BarChart,
  LineChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  AriaComponent,
  SVGRenderer,
  CanvasRenderer,
])

/**
 * A dashboard chart, drawn as SVG like every chart of Lotse. Exports use ECharts' own renderers:
 * the SVG as drawn, and a PNG from a canvas copy of the same chart at twice the resolution.
 */
export default function FigureChart({
  option,
  height,
  fileName,
  label,
}: {
  option: EChartsCoreOption
  height: number
  fileName: string
  label: string
}) {
  const { t } = useTranslation()
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
    chart.current?.setOption({ aria: { enabled: true }, animation: false, ...option }, { notMerge: true })
  }, [option])

  const exportSvg = () => {
    const url = chart.current?.getDataURL({ type: 'svg' })
    if (!url) return
    const svg = decodeURIComponent(url.slice(url.indexOf(',') + 1))
    download(new Blob([svg], { type: 'image/svg+xml' }), `${fileName}.svg`)
  }

  const exportPng = async () => {
    const element = container.current
    if (!element) return
    const offscreen = document.createElement('div')
    offscreen.style.cssText = `position:fixed;left:-10000px;width:${element.clientWidth}px;height:${height}px`
    document.body.append(offscreen)
    const copy = init(offscreen, null, { renderer: 'canvas' })
    copy.setOption({ animation: false, backgroundColor: '#ffffff', ...option })
    const url = copy.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' })
    copy.dispose()
    offscreen.remove()
    const blob = await (await fetch(url)).blob()
    download(blob, `${fileName}.png`)
  }

  return (
    <div>
      <div ref={container} role="img" aria-label={label} style={{ width: '100%', height }} />
      <Group gap="xs" justify="flex-end" mt={4}>
        <Button size="compact-xs" variant="subtle" onClick={exportSvg}>
          {t('reporting.export.svg')}
        </Button>
        <Button size="compact-xs" variant="subtle" onClick={() => void exportPng()}>
          {t('reporting.export.png')}
        </Button>
      </Group>
    </div>
  )
}
