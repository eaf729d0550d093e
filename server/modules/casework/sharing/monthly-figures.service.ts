import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.ts'
import {
  type FigureRange,
  selectContactCountsByMonth,
  selectPlanDurationsByMonth,
} from './monthly-figures.queries.ts'

/**
 * Figures of case work for steering's indicators: per calendar month of the district, counts and
 * medians only, never a person or a case. A median is left out (null) when it would rest on fewer
 * than `figureMinimumCases` cases, so that no single case can be read off it. The caller has
 * authorised the reader for the district's aggregates.
 */
export const figureMinimumCases = 3

export type MonthlyFigure = { month: string; value: number | null; basis: number }

/** Counselling contacts (in cases and short consultations) per month; `basis` is the same count. */
export async function contactCountsByMonth(db: Kysely<DB>, range: FigureRange): Promise<MonthlyFigure[]> {
  const rows = await selectContactCountsByMonth(db, range)
  return rows.map((row) => ({ month: row.month, value: row.contacts, basis: row.contacts }))
}

/** Median days from first contact to plan, per month of the plan; `basis` is the number of cases. */
export async function planDurationsByMonth(db: Kysely<DB>, range: FigureRange): Promise<MonthlyFigure[]> {
  const rows = await selectPlanDurationsByMonth(db, range)
  return rows.map((row) => ({
    month: row.month,
    value: row.cases >= figureMinimumCases ? Number(row.median_days) : null,
    basis: row.cases,
  }))
}

export type { FigureRange }
