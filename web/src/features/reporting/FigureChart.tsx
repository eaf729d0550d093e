import { Button, Group } from '@mantine/core'
import { BarChart, LineChart } from 'echarts/charts'
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { type ECharts, type EChartsCoreOption, init, use } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { download } from './export.ts'

use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer])

/**
 * A dashboard chart, drawn as SVG like every chart of Lotse. Exports take ECharts' own SVG of the
 * chart; the PNG is that SVG rasterised at twice the resolution.
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

  /** The chart as ECharts draws it (SVG), with a white background for pasting into documents. */
  const svgText = () => {
    const url = chart.current?.getDataURL({ type: 'svg', backgroundColor: '#ffffff' })
    return url ? decodeURIComponent(url.slice(url.indexOf(',') + 1)) : null
  }

  const exportSvg = () => {
    const svg = svgText()
    if (svg) download(new Blob([svg], { type: 'image/svg+xml' }), `${fileName}.svg`)
  }

  // The PNG is the same SVG rasterised by the browser at twice the size, so that ECharts' canvas
  // renderer stays out of the bundle (web-bundle.test.ts).
  const exportPng = async () => {
    const svg = svgText()
    const element = container.current
    if (!svg || !element) return
    const image = new Image()
    image.src = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }))
    await image.decode()
    const canvas = document.createElement('canvas')
    canvas.width = element.clientWidth * 2
    canvas.height = height * 2
    const context = canvas.getContext('2d')
    if (!context) return
    context.fillStyle = '#ffffff'
    context.fillRect(0, 0, canvas.width, canvas.height)
    context.drawImage(image, 0, 0, canvas.width, canvas.height)
    URL.revokeObjectURL(image.src)
    canvas.toBlob((blob) => {
      if (blob) download(blob, `${fileName}.png`)
    }, 'image/png')
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
