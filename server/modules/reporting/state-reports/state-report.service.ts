import type { Kysely } from 'kysely'
import type { MetricId } from '../../../../common/reporting.ts'
import {
  type StateReport,
  type StateReportCell,
  stateReportErrorCodes,
} from '../../../../common/state-reports.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { districtTime } from '../../../platform/district-time.ts'
import { fieldError } from '../../../platform/errors.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { recordAuditAlone } from '../../audit/index.ts'
import { fteByBaustein } from '../../staffing/index.ts'
import {
  aggregateSource,
  type PublishedCellSpec,
  protectAcross,
  type Span,
} from '../disclosure/disclosure.ts'
import { earlierCells } from '../disclosure/earlier.ts'
import { selectPublishedEvaluations } from '../evaluations/evaluations.queries.ts'
import { addDays } from '../figures/periods.ts'
import { reportingSettings } from '../settings/settings.service.ts'

type Period = StateReport['periods'][number]

const pad = (value: number) => String(value).padStart(2, '0')
const monthEnd = (year: number, month: number) =>
  addDays(month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`, -1)

/** The complete months of the year (up to the one before the district's today), its complete quarters and the year. */
export function stateReportPeriods(year: number, today: string): Period[] {
  const currentYear = Number(today.slice(0, 4))
  const months = year < currentYear ? 12 : year === currentYear ? Number(today.slice(5, 7)) - 1 : 0
  if (months === 0) throw fieldError(stateReportErrorCodes.noCompleteMonth, 'invalid', 'year')
  const periods: Period[] = []
  for (let month = 1; month <= months; month += 1) {
    periods.push({
      key: `${year}-${pad(month)}`,
      kind: 'month',
      from: `${year}-${pad(month)}-01`,
      to: monthEnd(year, month),
    })
  }
  for (let quarter = 1; quarter * 3 <= months; quarter += 1) {
    periods.push({
      key: `${year}-Q${quarter}`,
      kind: 'quarter',
      from: `${year}-${pad(quarter * 3 - 2)}-01`,
      to: monthEnd(year, quarter * 3),
    })
  }
  periods.push({ key: `${year}`, kind: 'year', from: `${year}-01-01`, to: monthEnd(year, months) })
  return periods
}

const additiveMetrics = ['contacts', 'cases-new', 'cases-closed'] as const satisfies readonly MetricId[]

/**
 * Distinct persons do not add up, so no relation protects them; a reader could still subtract a
 * month from its quarter (persons counselled in the rest of the quarter only). A longer period's
 * cell is withheld when it exceeds a published nested one by 1 up to threshold − 1.
 */
export function protectNested(
  periods: readonly Span[],
  values: readonly number[],
  withheld: boolean[],
  threshold: number,
): boolean[] {
  const result = [...withheld]
  const byLength = periods
    .map((period, index) => ({ period, index }))
    .sort((a, b) => b.period.to.localeCompare(a.period.to) || a.period.from.localeCompare(b.period.from))
  for (const outer of byLength) {
    for (const inner of byLength) {
      if (inner.index === outer.index || result[inner.index] || result[outer.index]) continue
      const nested = outer.period.from <= inner.period.from && inner.period.to <= outer.period.to
      const difference = (values[outer.index] as number) - (values[inner.index] as number)
      if (nested && difference > 0 && difference < threshold) result[outer.index] = true
    }
  }
  return result
}

const published = (value: number, withheld: boolean): StateReportCell =>
  withheld ? { value: null, suppressed: true } : { value }

const average = (values: readonly number[]) =>
  values.length === 0 ? 0 : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 1000) / 1000

/** The year's report: figures computed through the catalogue, protected together and against frozen evaluations. */
export async function stateReport(
  db: Kysely<DB>,
  actor: Actor,
  year: number,
  request: RequestContext,
  format: 'json' | 'xlsx' | 'csv',
): Promise<StateReport> {
  authorize(actor, 'state-report.export', ownDistrict(actor))
  const { today, timeZone } = await districtTime(db, actor.districtId, request.now)
  const periods = stateReportPeriods(year, today)
  const { threshold } = await reportingSettings(db, actor.districtId)
  const whole: Span = { from: `${year}-01-01`, to: periods.at(-1)?.to as string }
  const months = periods.filter((period) => period.kind === 'month')

  const report = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const source = aggregateSource(trx, { districtId: actor.districtId, timeZone })
      const candidates: PublishedCellSpec[] = [
        ...additiveMetrics.flatMap((metric) =>
          periods.map((period) => ({ metric, span: period, state: 'candidate' as const, threshold })),
        ),
        ...months.map((month) => ({
          metric: 'cases-active' as const,
          span: month,
          state: 'candidate' as const,
          threshold,
        })),
        ...periods.map((period) => ({
          metric: 'persons-counselled' as const,
          span: period,
          state: 'candidate' as const,
          threshold,
        })),
      ]
      const earlier = earlierCells(await selectPublishedEvaluations(trx, actor.districtId), whole)
      const { withheld, values } = await protectAcross([...candidates, ...earlier], source, threshold)
      const slice = (start: number, length: number) => ({
        values: values.slice(start, start + length),
        withheld: withheld.slice(start, start + length),
      })
      const n = periods.length
      const cells = (part: { values: number[]; withheld: boolean[] }) =>
        part.values.map((value, index) => published(value, part.withheld[index] as boolean))
      const contacts = slice(0, n)
      const casesNew = slice(n, n)
      const casesClosed = slice(2 * n, n)
      const active = slice(3 * n, months.length)
      const persons = slice(3 * n + months.length, n)
      persons.withheld = protectNested(periods, persons.values, persons.withheld, threshold)
      // Cases active at a quarter's or the year's end are the last month's: the same cell again.
      const activeAtEnd = periods.map((period) => {
        const index = months.findIndex((month) => month.to === period.to)
        return published(active.values[index] as number, active.withheld[index] as boolean)
      })
      const fteRows = await fteByBaustein(
        trx,
        actor.districtId,
        months.map((month) => month.key),
      )
      const fte = ([1, 2, 3] as const).map((baustein) => {
        const of = (field: 'planned' | 'filled', period: Period) =>
          average(
            fteRows
              .filter(
                (row) =>
                  row.baustein === baustein &&
                  row.month >= period.from.slice(0, 7) &&
                  row.month <= period.to.slice(0, 7),
              )
              .map((row) => row[field]),
          )
        return {
          baustein,
          planned: periods.map((p) => of('planned', p)),
          filled: periods.map((p) => of('filled', p)),
        }
      })
      return {
        year,
        from: whole.from,
        to: whole.to,
        threshold,
        periods,
        fte,
        casesNew: cells(casesNew),
        casesClosed: cells(casesClosed),
        casesActiveAtEnd: activeAtEnd,
        contacts: cells(contacts),
        personsCounselled: cells(persons),
      }
    })
  // A download carries a whole year's figures out of Lotse: recorded as a bulk export.
  await recordAuditAlone(db, {
    ...request,
    action: format === 'json' ? 'state-report.read' : `state-report.export-${format}`,
    subjectType: 'district',
    subjectId: actor.districtId,
  })
  return report
}
