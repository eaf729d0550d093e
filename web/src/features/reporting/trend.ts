/** Pure helpers of the dashboard: the trend line and the period presets. */

/** The least-squares line through the published values; withheld (null) points are left out of the fit. */
export function linearTrend(values: readonly (number | null)[]): (number | null)[] {
  const points = values.flatMap((value, index) => (value === null ? [] : [[index, value] as const]))
  if (points.length < 2) return values.map(() => null)
  const n = points.length
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n
  const sxx = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0)
  const sxy = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0)
  const slope = sxx === 0 ? 0 : sxy / sxx
  return values.map((_value, index) => Math.round((meanY + slope * (index - meanX)) * 10) / 10)
}

const pad = (value: number) => String(value).padStart(2, '0')
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()

export type PeriodPreset = { id: string; period: { from: string; to: string } }

/** Periods a reader picks most: the last twelve months to today, this year, last year, last quarter. */
export function periodPresets(today: string): PeriodPreset[] {
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  const startMonth = month === 12 ? 1 : month + 1
  const startYear = month === 12 ? year : year - 1
  const quarter = Math.floor((month - 1) / 3)
  const lastQuarterYear = quarter === 0 ? year - 1 : year
  const lastQuarter = quarter === 0 ? 3 : quarter - 1
  const quarterStart = lastQuarter * 3 + 1
  return [
    { id: 'last-12-months', period: { from: `${startYear}-${pad(startMonth)}-01`, to: today } },
    { id: 'this-year', period: { from: `${year}-01-01`, to: today } },
    { id: 'last-year', period: { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` } },
    {
      id: 'last-quarter',
      period: {
        from: `${lastQuarterYear}-${pad(quarterStart)}-01`,
        to: `${lastQuarterYear}-${pad(quarterStart + 2)}-${pad(lastDayOf(lastQuarterYear, quarterStart + 2))}`,
      },
    },
  ]
}
