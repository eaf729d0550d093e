import {
  isPlaceholderBirthDate,
  type PartialDate,
  parsePartialDate,
} from '../../../../common/partial-date.ts'

export type BirthDateAgreement =
  /** Both full and equal; `placeholder` when that day is 1 January, which proves little. */
  | { kind: 'exact'; placeholder: boolean }
  /** One or both partial (year or year-month) and compatible. */
  | { kind: 'partial' }
  /** One is the placeholder 1 January of the year the other date falls in. */
  | { kind: 'placeholder' }
  /** Same year, day and month exchanged (1988-03-04 against 1988-04-03): a typing error. */
  | { kind: 'day-month-swapped' }
  | { kind: 'missing' }
  | { kind: 'differs' }

/** Parses a partial ISO date; `00` for an unknown month or day (1988-00-00) counts as left out. */
function parseBirthDate(value: string | null): PartialDate | null {
  if (value === null) return null
  const trimmed = value.trim().replace(/(?:-00)+$/, '')
  return parsePartialDate(trimmed)
}

const pad = (value: number | undefined, length: number) => String(value ?? 0).padStart(length, '0')

/** 1 January (the placeholder German authorities write when only the year is known). */
function isPlaceholder(date: PartialDate): boolean {
  return (
    date.precision === 'day' &&
    isPlaceholderBirthDate(`${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`)
  )
}

/** How two birth dates of a query and a stored person agree. */
export function compareBirthDates(a: string | null, b: string | null): BirthDateAgreement {
  const left = parseBirthDate(a)
  const right = parseBirthDate(b)
  if (!left || !right) return { kind: 'missing' }
  if (left.year !== right.year) return { kind: 'differs' }
  if (left.precision === 'day' && right.precision === 'day') {
    if (left.month === right.month && left.day === right.day)
      return { kind: 'exact', placeholder: isPlaceholder(left) }
    if (isPlaceholder(left) || isPlaceholder(right)) return { kind: 'placeholder' }
    if (left.month === right.day && left.day === right.month) return { kind: 'day-month-swapped' }
    return { kind: 'differs' }
  }
  if (left.month === undefined || right.month === undefined || left.month === right.month)
    return { kind: 'partial' }
  // 1988-03 against 1988-01-01: the full date may be the year-only placeholder.
  if (
    (left.precision === 'day' && isPlaceholder(left)) ||
    (right.precision === 'day' && isPlaceholder(right))
  )
    return { kind: 'placeholder' }
  return { kind: 'differs' }
}
