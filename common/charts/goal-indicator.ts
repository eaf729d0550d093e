import { type ChartOption, chartColors } from './types.ts'

export type IndicatorChartInput = {
  /** The periods of the points, oldest first, already formatted for the reader's language. */
  labels: string[]
  /** The value at each period; null where there is none (too few cases to show). */
  values: (number | null)[]
  /** Where the planned path from baseline to target stands at each period. */
  planned: number[]
  target: number
  /** Percentages are drawn on their whole scale, 0 to 100. */
  percent: boolean
  /** The series' names in the reader's language. */
  names: { values: string; target: string; planned: string }
  title?: string
}

/**
 * An indicator of a goal agreement over its period: the measured values as a line, the target as
 * a dashed line and the planned path from baseline to target (where the values would stand if
 * progress kept pace with time) as a dotted one. Texts are passed in, as for every chart.
 */
export function indicatorChart(input: IndicatorChartInput): ChartOption {
  const { labels, values, planned, target, percent, names, title } = input
  const labelStyle = { fontSize: 11, color: chartColors.label }
  const guide = (name: string, data: number[], color: string, type: 'dashed' | 'dotted') => ({
    type: 'line' as const,
    name,
    data,
    symbol: 'none',
    lineStyle: { color, width: 1.5, type },
    itemStyle: { color },
    silent: true,
  })
  return {
    animation: false,
    ...(title
      ? { title: { text: title, left: 0, top: 0, textStyle: { fontSize: 13, color: chartColors.title } } }
      : {}),
    grid: {
      top: title ? 32 : 12,
      right: 14,
      bottom: 4,
      left: 4,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    xAxis: {
      type: 'category',
      data: labels,
      boundaryGap: false,
      axisLabel: { ...labelStyle, hideOverlap: true },
      axisTick: { alignWithLabel: true },
    },
    yAxis: {
      type: 'value',
      ...(percent ? { min: 0, max: 100 } : { scale: false }),
      axisLabel: labelStyle,
      splitLine: { lineStyle: { color: chartColors.grid, type: 'dashed' } },
    },
    series: [
      guide(
        names.target,
        labels.map(() => target),
        chartColors.target,
        'dashed',
      ),
      guide(names.planned, planned, chartColors.plan, 'dotted'),
      {
        type: 'line',
        name: names.values,
        data: values,
        connectNulls: false,
        symbol: 'circle',
        symbolSize: 7,
        lineStyle: { color: chartColors.line, width: 2 },
        itemStyle: { color: chartColors.line },
        silent: true,
      },
    ],
  }
}

/** Where the planned path from baseline (at the start) to target (at the end) stands on a day. */
export function plannedValue(
  period: { startsOn: string; endsOn: string; baseline: number; target: number },
  day: string,
): number {
  const time = (value: string) => Date.parse(`${value}T00:00:00Z`)
  const share = Math.min(
    1,
    Math.max(0, (time(day) - time(period.startsOn)) / (time(period.endsOn) - time(period.startsOn))),
  )
  return Math.round((period.baseline + (period.target - period.baseline) * share) * 100) / 100
}
