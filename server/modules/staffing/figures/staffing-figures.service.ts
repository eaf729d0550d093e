import type { Kysely } from 'kysely'
import type { DimensionId } from '../../../../common/reporting.ts'
import type { Baustein } from '../../../../common/staffing.ts'
import type { DB } from '../../../db/schema.ts'
import type { AggregateRow, FigureScope, Grouping } from '../../../platform/figures.ts'
import { caseWorkFigure } from '../../casework/index.ts'
import { positionsWithContracts } from '../positions/position.service.ts'
import { addDays, addMonths } from '../staffing-days.ts'
import {
  type BausteinStaffing,
  casesPerFte,
  contractsEnding,
  type FigurePosition,
  staffingOn,
} from './staffing-figures.ts'

/**
 * What staffing offers reporting: FTE and contracts as aggregates by Baustein, never by person or
 * position, and the caseload per case-management FTE. Each row's `n` is the number of contracts
 * behind it, so that reporting withholds an FTE figure resting on fewer people than its threshold:
 * the FTE of one or two people is their part-time share (decision 0014, staffing figures).
 */

export const staffingMetrics = ['fte-filled', 'fte-vacant', 'contracts-ending', 'caseload-per-fte'] as const
export type StaffingMetric = (typeof staffingMetrics)[number]

const allPeriods = ['day', 'week', 'month', 'quarter', 'year'] as const

/**
 * The dimensions each staffing figure offers. Not by municipality or team: a municipality's
 * case-management FTE is often one or two people, and the caseload per FTE beside the published
 * active cases would give their share away.
 */
export const staffingFigureDimensions: Record<StaffingMetric, readonly DimensionId[]> = {
  'fte-filled': [...allPeriods, 'baustein'],
  'fte-vacant': [...allPeriods, 'baustein'],
  'contracts-ending': [...allPeriods, 'baustein'],
  'caseload-per-fte': [...allPeriods],
}

export async function figurePositions(db: Kysely<DB>, districtId: string): Promise<FigurePosition[]> {
  return (await positionsWithContracts(db, districtId)).map(({ position, contracts }) => ({
    baustein: position.baustein as Baustein,
    title: position.title,
    fte: position.fte,
    fundedFrom: position.funded_from,
    fundedUntil: position.funded_until,
    inRecruitment: position.in_recruitment,
    contracts: contracts.map((contract) => ({
      id: contract.id,
      staffMemberId: contract.staff_member_id,
      fte: contract.fte,
      startsOn: contract.starts_on,
      endsOn: contract.ends_on,
      leavesOn: contract.leaves_on,
    })),
  }))
}

/** The days a grouping asks about, each with its key: the period's, or each bucket's (clipped to the period). */
function periodsOf(scope: FigureScope, grouping: Grouping): { key: string; from: string; to: string }[] {
  if (grouping.kind !== 'bucket') return [{ key: '', from: scope.range.from, to: scope.range.to }]
  return grouping.buckets.map((bucket) => ({
    key: bucket.key,
    from: [bucket.key, scope.range.from].sort()[1] as string,
    to: bucket.end,
  }))
}

const fteRow = (
  key: string,
  rows: readonly BausteinStaffing[],
  field: 'filledFte' | 'vacantFte',
): AggregateRow => ({
  key,
  value: Math.round(rows.reduce((sum, row) => sum + row[field], 0) * 1000) / 1000,
  n: rows.reduce((sum, row) => sum + row.contracts, 0),
})

function fteFigure(
  positions: readonly FigurePosition[],
  scope: FigureScope,
  grouping: Grouping,
  field: 'filledFte' | 'vacantFte',
): AggregateRow[] {
  if (grouping.kind === 'attribute') {
    return staffingOn(positions, scope.range.to).map((row) => fteRow(String(row.baustein), [row], field))
  }
  return periodsOf(scope, grouping).map((period) =>
    fteRow(period.key, staffingOn(positions, period.to), field),
  )
}

function endingFigure(
  positions: readonly FigurePosition[],
  scope: FigureScope,
  grouping: Grouping,
): AggregateRow[] {
  if (grouping.kind === 'attribute') {
    const ending = contractsEnding(positions, scope.range.from, scope.range.to)
    return [1, 2, 3].map((baustein) => {
      const count = ending.filter((contract) => contract.baustein === baustein).length
      return { key: String(baustein), value: count, n: count }
    })
  }
  return periodsOf(scope, grouping).map((period) => {
    const count = contractsEnding(positions, period.from, period.to).length
    return { key: period.key, value: count, n: count }
  })
}

/** Cases active at each day per case-management FTE filled that day; `n` the fewer of cases and contracts. */
async function caseloadFigure(
  db: Kysely<DB>,
  positions: readonly FigurePosition[],
  scope: FigureScope,
  grouping: Grouping,
): Promise<AggregateRow[]> {
  const active = new Map(
    (await caseWorkFigure(db, 'cases-active', scope, grouping)).map((row) => [row.key, row.value]),
  )
  return periodsOf(scope, grouping).map((period) => {
    const caseManagement = staffingOn(positions, period.to).find(
      (row) => row.baustein === 2,
    ) as BausteinStaffing
    const cases = active.get(period.key) ?? 0
    const ratio = casesPerFte(cases, caseManagement.filledFte)
    return ratio === null
      ? { key: period.key, value: 0, n: 0 }
      : { key: period.key, value: ratio, n: Math.min(cases, caseManagement.contracts) }
  })
}

export async function staffingFigure(
  db: Kysely<DB>,
  metric: StaffingMetric,
  scope: FigureScope,
  grouping: Grouping,
): Promise<AggregateRow[]> {
  const positions = await figurePositions(db, scope.districtId)
  switch (metric) {
    case 'fte-filled':
      return fteFigure(positions, scope, grouping, 'filledFte')
    case 'fte-vacant':
      return fteFigure(positions, scope, grouping, 'vacantFte')
    case 'contracts-ending':
      return endingFigure(positions, scope, grouping)
    case 'caseload-per-fte':
      return caseloadFigure(db, positions, scope, grouping)
  }
}

/** What an evaluation freezes of staffing: each Baustein at the period's last day, contracts ending within six months after it. */
export async function staffingAt(db: Kysely<DB>, scope: FigureScope) {
  const positions = await figurePositions(db, scope.districtId)
  const day = scope.range.to
  const bausteine = staffingOn(positions, day)
  const horizon = addMonths(day, 6)
  const ending = contractsEnding(positions, addDays(day, 1), horizon)
  const [active] = await caseWorkFigure(db, 'cases-active', scope, { kind: 'total' })
  const caseManagement = bausteine.find((row) => row.baustein === 2) as BausteinStaffing
  return {
    asOf: day,
    bausteine,
    contractsEnding: ending,
    activeCases: active?.value ?? 0,
    caseloadPerFte: casesPerFte(active?.value ?? 0, caseManagement.filledFte),
  }
}
