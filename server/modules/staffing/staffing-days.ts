import { addDays } from '../../../common/dates.ts'

/**
 * Calendar arithmetic on ISO days (`YYYY-MM-DD`) and the coverage of a position by its
 * contracts. Pure functions: the warnings, the position states, the timeline and the budget all
 * count from these, so they cannot disagree about a day.
 */

export { addDays }

/** Tolerance for sums of FTE shares (three decimals each). */
export const fteEpsilon = 1e-6

/** The day `months` calendar months after `day`, clamped to the month's last day (31 Jan + 1 = 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number]
  const index = year * 12 + (month - 1) + months
  const targetYear = Math.floor(index / 12)
  const targetMonth = (index % 12) + 1
  const last = daysInMonth(targetYear, targetMonth)
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(Math.min(date, last)).padStart(2, '0')}`
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** A contract as coverage sees it: its share from the first to the last day it counts (null: open). */
export type Span = { startsOn: string; endsOn: string | null; fte: number }

/** A stretch of days on which the same FTE is assigned. */
export type Segment = { from: string; to: string; assigned: number }

const activeOn = (span: Span, day: string) =>
  span.startsOn <= day && (span.endsOn === null || span.endsOn >= day)

/** The window [from, to] cut into stretches of constant assigned FTE, adjacent equal stretches merged. */
export function coverage(spans: readonly Span[], from: string, to: string): Segment[] {
  if (from > to) return []
  const boundaries = new Set<string>([from])
  for (const span of spans) {
    if (span.startsOn > from && span.startsOn <= to) boundaries.add(span.startsOn)
    if (span.endsOn !== null) {
      const after = addDays(span.endsOn, 1)
      if (after > from && after <= to) boundaries.add(after)
    }
  }
  const starts = [...boundaries].sort()
  const segments: Segment[] = []
  starts.forEach((start, index) => {
    const next = starts[index + 1]
    const end = next === undefined ? to : addDays(next, -1)
    const assigned = roundFte(spans.reduce((sum, span) => (activeOn(span, start) ? sum + span.fte : sum), 0))
    const previous = segments[segments.length - 1]
    if (previous && Math.abs(previous.assigned - assigned) < fteEpsilon) previous.to = end
    else segments.push({ from: start, to: end, assigned })
  })
  return segments
}

/** The FTE assigned on one day. */
export function assignedOn(spans: readonly Span[], day: string): number {
  return roundFte(spans.reduce((sum, span) => (activeOn(span, day) ? sum + span.fte : sum), 0))
}

export const roundFte = (value: number) => Math.round(value * 1000) / 1000
