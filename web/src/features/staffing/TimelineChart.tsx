import { BarChart, type BarSeriesOption } from 'echarts/charts'
import {
  GridComponent,
  type GridComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components'
import { type ComposeOption, type ECharts, init, use } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { useEffect, useMemo, useRef } from 'react'
import type { PositionState, StaffingTimeline } from '../../../../common/staffing.ts'

// Only the timeline's parts; loaded with the timeline page, never with the app.
use([BarChart, GridComponent, TooltipComponent, SVGRenderer])

type Option = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>

/** Colours of a stretch by coverage; a vacant stretch is drawn red so that the gap catches the eye. */
const stateColors: Record<PositionState, string> = {
  filled: '#1864ab',
  'partly-filled': '#e67700',
  vacant: '#e03131',
  'in-recruitment': '#868e96',
  'over-assigned': '#862e9c',
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000

/**
 * One row per position, one bar per stretch of equal coverage (the stretches stack along the row),
 * over the timeline's window. `labels` name the states and months in the reader's language.
 */
export default function TimelineChart({
  timeline,
  rows,
  stateLabel,
  monthLabel,
}: {
  timeline: StaffingTimeline
  rows: StaffingTimeline['rows']
  stateLabel: (state: PositionState) => string
  monthLabel: (day: string) => string
}) {
  const container = useRef<HTMLDivElement>(null)
  const chart = useRef<ECharts | null>(null)
  const height = 80 + rows.length * 34

  const option = useMemo<Option>(() => {
    const start = dayNumber(timeline.from)
    const length = dayNumber(timeline.to) - start + 1
    const depth = Math.max(0, ...rows.map((row) => row.segments.length))
    const series: BarSeriesOption[] = Array.from({ length: depth }, (_, index) => ({
      type: 'bar',
      stack: 'coverage',
      barWidth: 20,
      silent: false,
      data: rows.map((row) => {
        const segment = row.segments[index]
        if (!segment) return { value: 0, itemStyle: { color: 'transparent' } }
        return {
          value: dayNumber(segment.to) - dayNumber(segment.from) + 1,
          itemStyle: { color: stateColors[segment.state] },
          name: `${monthLabel(segment.from)} – ${monthLabel(segment.to)}: ${stateLabel(segment.state)}${
            segment.holders.length > 0 ? ` (${segment.holders.join(', ')})` : ''
          }`,
        }
      }),
      label: {
        show: true,
        position: 'inside',
        color: '#ffffff',
        fontSize: 11,
        overflow: 'truncate',
        formatter: (params) => {
          const row = rows[params.dataIndex]
          const segment = row?.segments[index]
          // Names only where the bar is wide enough (about four months); the text list names all.
          const days = segment ? dayNumber(segment.to) - dayNumber(segment.from) + 1 : 0
          return segment && segment.holders.length > 0 && days >= 120 ? segment.holders.join(', ') : ''
        },
      },
    }))
    return {
      animation: false,
      grid: { left: 220, right: 24, top: 16, bottom: 40 },
      tooltip: { trigger: 'item', formatter: (params) => String((params as { name?: string }).name ?? '') },
      xAxis: {
        type: 'value',
        min: 0,
        max: length,
        interval: 91,
        axisLabel: {
          formatter: (value: number) =>
            monthLabel(new Date((start + value) * 86_400_000).toISOString().slice(0, 10)),
        },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((row) => row.title),
        axisLabel: { width: 200, overflow: 'truncate' },
      },
      series,
    }
  }, [timeline, rows, stateLabel, monthLabel])

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
    chart.current?.resize()
  }, [option])

  return <div ref={container} aria-hidden="true" style={{ width: '100%', height }} />
}
