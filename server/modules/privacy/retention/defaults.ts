import type { RetentionRecordKind, RetentionRule } from '../../../../common/privacy-retention.ts'

/**
 * The defaults a district works with until it saves its own rules (docs/retention.md explains
 * them, modelled on the DIN 66398 deletion concept: a kind of record, a start event, a period).
 *
 * - Closed cases: three years after closure (the regular limitation period of § 195 BGB, counted
 *   like the social data rule of § 84 SGB X: kept as long as needed for the task, then erased),
 *   then anonymised so the statistics of past periods stay as they were.
 * - Persons registered without ever getting a case (a first enquiry that led nowhere): one year
 *   after their last change, then deleted.
 */
export const defaultRetentionRules: Record<RetentionRecordKind, RetentionRule> = {
  'closed-case': {
    recordKind: 'closed-case',
    startEvent: 'case-closed',
    periodMonths: 36,
    action: 'anonymise',
  },
  'unattached-person': {
    recordKind: 'unattached-person',
    startEvent: 'last-activity',
    periodMonths: 12,
    action: 'delete',
  },
}

/** The day `months` calendar months before `day` (clamped to the month's end, as a calendar does). */
export function monthsBefore(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number]
  const total = year * 12 + (month - 1) - months
  const targetYear = Math.floor(total / 12)
  const targetMonth = (total % 12) + 1
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate()
  const pad = (value: number, width = 2) => String(value).padStart(width, '0')
  return `${pad(targetYear, 4)}-${pad(targetMonth)}-${pad(Math.min(date, lastDay))}`
}
