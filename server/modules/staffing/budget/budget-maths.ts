import {
  type Baustein,
  type BudgetBaustein,
  type BudgetPosition,
  bausteine,
  bausteinNumber,
  type EmployerKind,
} from '../../../../common/staffing.ts'
import { addDays, daysInMonth, type Span } from '../staffing-days.ts'

/**
 * The budget of one fiscal year (decision 0013, "pro rata"): every calendar month counts as a
 * twelfth of the annual amounts, and a month that is only partly covered counts by its days
 * (16 of 31 days of March = 16/31 of a month). A day therefore weighs 1 / (12 × days of its
 * month) of a year. Each day takes the pay-grade cost and the funding rate valid on that day,
 * so a rate that changes within the year splits at the day it changes. Pure: no SQL, no clock.
 */

export type BudgetInputPosition = {
  id: string
  title: string
  baustein: Baustein
  employerKind: EmployerKind
  fte: number
  payGrade: string
  fundedFrom: string | null
  fundedUntil: string | null
  workplaceSetUpOn: string | null
  /** The contracts, each ending on its planned departure if that is earlier. */
  contracts: readonly Span[]
}
export type BudgetPayGrade = {
  payGrade: string
  annualCost: number
  validFrom: string
  validUntil: string | null
}
export type BudgetRate = {
  baustein: Baustein
  kind: 'per-fte-year' | 'workplace-once'
  amount: number
  fteBasis: number
  validFrom: string
  validUntil: string
}

const cents = (value: number) => Math.round(value * 100) / 100
const fteMonths = (value: number) => Math.round(value * 10_000) / 10_000
const within = (day: string, from: string | null, until: string | null) =>
  (from === null || from <= day) && (until === null || day <= until)

function validOn<T extends { validFrom: string; validUntil: string | null }>(
  rows: readonly T[],
  day: string,
): T | undefined {
  // The latest entry that started on or before the day wins where two overlap.
  let found: T | undefined
  for (const row of rows) {
    if (within(day, row.validFrom, row.validUntil) && (!found || row.validFrom >= found.validFrom))
      found = row
  }
  return found
}

/** The figures of one position in the year. */
export function positionBudget(
  year: number,
  position: BudgetInputPosition,
  payGrades: readonly BudgetPayGrade[],
  rates: readonly BudgetRate[],
): BudgetPosition {
  const costs = payGrades.filter((row) => row.payGrade === position.payGrade)
  const flatRates = rates.filter((row) => row.baustein === position.baustein && row.kind === 'per-fte-year')
  let cost = 0
  let funding = 0
  let assignedMonths = 0
  let fundedMonths = 0
  let missingPayGrade = false
  for (let day = `${year}-01-01`; day <= `${year}-12-31`; day = addDays(day, 1)) {
    const dayWeight = 1 / daysInMonth(year, Number(day.slice(5, 7)))
    const assigned = position.contracts.reduce(
      (sum, span) => (within(day, span.startsOn, span.endsOn) ? sum + span.fte : sum),
      0,
    )
    if (assigned === 0) continue
    assignedMonths += assigned * dayWeight
    const annualCost = validOn(costs, day)?.annualCost
    if (annualCost === undefined) missingPayGrade = true
    else cost += (annualCost / 12) * assigned * dayWeight
    const rate = within(day, position.fundedFrom, position.fundedUntil) ? validOn(flatRates, day) : undefined
    if (rate) {
      // The state funds the position's FTE at most, however many contracts share it.
      const funded = Math.min(assigned, position.fte)
      fundedMonths += funded * dayWeight
      funding += (rate.amount / rate.fteBasis / 12) * funded * dayWeight
    }
  }
  const workplaceFunding = workplaceAmount(year, position, rates)
  const personnelCost = cents(cost)
  const totalFunding = cents(funding + workplaceFunding)
  return {
    positionId: position.id,
    title: position.title,
    baustein: position.baustein,
    employerKind: position.employerKind,
    fte: position.fte,
    payGrade: position.payGrade,
    fteMonthsAssigned: fteMonths(assignedMonths),
    fteMonthsFunded: fteMonths(fundedMonths),
    personnelCost,
    funding: totalFunding,
    workplaceFunding: cents(workplaceFunding),
    districtShare: cents(personnelCost - totalFunding),
    missingPayGrade,
  }
}

/** The one-off amount for a new workplace, in the year it was set up, at the rate valid that day. */
function workplaceAmount(year: number, position: BudgetInputPosition, rates: readonly BudgetRate[]): number {
  const day = position.workplaceSetUpOn
  if (day === null || Number(day.slice(0, 4)) !== year) return 0
  const once = rates.filter((row) => row.baustein === position.baustein && row.kind === 'workplace-once')
  return validOn(once, day)?.amount ?? 0
}

type Figures = Pick<
  BudgetPosition,
  'fteMonthsAssigned' | 'fteMonthsFunded' | 'personnelCost' | 'funding' | 'districtShare'
>

/** Sums of the positions' rounded figures, so that every total equals the sum of its rows. */
function sum(rows: readonly Figures[]): Figures {
  return {
    fteMonthsAssigned: fteMonths(rows.reduce((total, row) => total + row.fteMonthsAssigned, 0)),
    fteMonthsFunded: fteMonths(rows.reduce((total, row) => total + row.fteMonthsFunded, 0)),
    personnelCost: cents(rows.reduce((total, row) => total + row.personnelCost, 0)),
    funding: cents(rows.reduce((total, row) => total + row.funding, 0)),
    districtShare: cents(rows.reduce((total, row) => total + row.districtShare, 0)),
  }
}

/** The whole year: positions, the Verwendungsnachweis figures per Baustein, and the totals. */
export function yearBudget(
  year: number,
  positions: readonly BudgetInputPosition[],
  payGrades: readonly BudgetPayGrade[],
  rates: readonly BudgetRate[],
) {
  const rows = positions.map((position) => positionBudget(year, position, payGrades, rates))
  const byBaustein: BudgetBaustein[] = bausteine.map((baustein) => ({
    baustein,
    bausteinNumber: bausteinNumber[baustein],
    ...sum(rows.filter((row) => row.baustein === baustein)),
  }))
  return { year, positions: rows, bausteine: byBaustein, totals: sum(rows) }
}
