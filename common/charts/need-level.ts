import { type ChartOption, chartColors } from './types.ts'

export type NeedLevelChartInput = {
  /** Dates of the assessments, oldest first, already formatted for the reader's language. */
  dates: string[]
  /** Need level (0–3) at each date; null where the domain was not assessed that time. */
  levels: (number | null)[]
  /** The names of the levels 0–3 in the reader's language. */
  levelNames: readonly [string, string, string, string]
  /** Shown above the chart; on screen the surrounding card carries it instead. */
  title?: string
}

/** The need levels of one life domain, in order of the assessments; null where it was not assessed. */
export function needLevelsOf(
  // Structural, so that the charts need nothing else of common/ (an Assessment fits).
  assessments: readonly { entries: readonly { domain: string; needLevel: number }[] }[],
  domain: string,
): (number | null)[] {
  return assessments.map(
    (assessment) => assessment.entries.find((entry) => entry.domain === domain)?.needLevel ?? null,
  )
}

/**
 * One life domain's need level over the assessments, as a line on a 0–3 scale named in words.
 * The same definition renders on screen and, as SVG, in reports; it takes texts, never looks
 * them up, so that both sides pass their own translations.
 */
export function needLevelChart(input: NeedLevelChartInput): ChartOption {
  const { dates, levels, levelNames, title } = input
  const labelStyle = { fontSize: 11, color: chartColors.label }
  return {
    // Reports need the final picture at once, and the screen honours reduced motion this way.
    animation: false,
    ...(title
      ? { title: { text: title, left: 0, top: 0, textStyle: { fontSize: 13, color: chartColors.title } } }
      : {}),
    // The grid's box holds the axis labels too, however long the level names are in a language.
    grid: {
      top: title ? 32 : 8,
      right: 14,
      bottom: 4,
      left: 4,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    xAxis: {
      type: 'category',
      data: dates,
      boundaryGap: false,
      axisLabel: { ...labelStyle, hideOverlap: true },
      axisTick: { alignWithLabel: true },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 3,
      interval: 1,
      axisLabel: { ...labelStyle, formatter: (value: number) => levelNames[value] ?? '' },
      splitLine: { lineStyle: { color: chartColors.grid, type: 'dashed' } },
    },
    series: [
      {
        type: 'line',
        name: title ?? '',
        data: levels,
        connectNulls: true,
        symbol: 'circle',
        symbolSize: 8,
        lineStyle: { color: chartColors.line, width: 2 },
        itemStyle: { color: chartColors.line },
        silent: true,
      },
    ],
  }
}
