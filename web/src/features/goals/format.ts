import type { IndicatorStatus, IndicatorUnit } from '../../../../common/goals.ts'
import { statusColors } from '../../colors.ts'

const locale = (language: string) => (language === 'en' ? 'en-GB' : 'de-DE')

/** A value in its unit, as a reader of the language expects it: `87,5 %`, `12 Tage`, `1.250,00 €`. */
export function formatValue(
  value: number | null,
  unit: IndicatorUnit,
  language: string,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  if (value === null) return '–'
  const number = (digits: number) =>
    new Intl.NumberFormat(locale(language), { maximumFractionDigits: digits }).format(value)
  switch (unit) {
    case 'count':
      return number(0)
    case 'percent':
      return `${number(1)} %`
    case 'days':
      return t('goals.units.daysValue', { count: value, formatted: number(1) })
    case 'euro':
      return new Intl.NumberFormat(locale(language), { style: 'currency', currency: 'EUR' }).format(value)
  }
}

/** A month `YYYY-MM` as `Jan. 2026` / `Jan 2026`, for the chart's axis and the table. */
export function formatMonth(month: string, language: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number]
  return new Intl.DateTimeFormat(locale(language), {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, number - 1, 1)))
}

export const statusColor: Record<IndicatorStatus, string> = {
  on_track: statusColors.positive,
  at_risk: statusColors.warning,
  off_track: statusColors.negative,
  no_data: statusColors.neutral,
}
