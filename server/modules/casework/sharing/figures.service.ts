import type { Kysely, RawBuilder } from 'kysely'
import type { AttributeDimension } from '../../../../common/reporting.ts'
import type { DB } from '../../../db/schema.ts'
import type { AggregateRow, FigureScope, Grouping } from '../../../platform/figures.ts'
import {
  ageGroupAt,
  caseAttributes,
  contactAttributes,
  countActiveCases,
  countCasesOn,
  countContacts,
  countPersonsCounselled,
  countShortConsultations,
  type FigureKey,
  medianCaseDuration,
  medianDaysFirstContactToPlan,
  personAttributes,
  shortConsultationAttributes,
} from './figures.queries.ts'
import {
  keptPersonsPlan,
  type MaintainedKey,
  maintainedContacts,
  maintainedDaysToPlan,
  maintainedPersonsByMonth,
  maintainedPersonsCounselled,
  maintainedPersonsKept,
  maintainedPersonsOverSpans,
  maintainedPersonsTotal,
} from './maintained-figures.queries.ts'
import { periodPieces } from './period-pieces.ts'

/**
 * What case work offers reporting: aggregates only. Nothing here names a person or a case; the
 * caller (reporting) authorises and withholds small cells before anything leaves the server.
 */

export const caseWorkMetrics = [
  'contacts',
  'persons-counselled',
  'short-consultations',
  'cases-new',
  'cases-closed',
  'cases-active',
  'median-case-duration',
  'days-first-contact-to-plan',
] as const
export type CaseWorkMetric = (typeof caseWorkMetrics)[number]

/** The attributes each metric can be broken down by, as the data records them. */
export const caseWorkFigureDimensions: Record<CaseWorkMetric, readonly AttributeDimension[]> = {
  contacts: ['municipality', 'team', 'domain', 'language'],
  'persons-counselled': [
    'municipality',
    'team',
    'sex',
    'age-group',
    'nationality-group',
    'language',
    'legal-sphere',
  ],
  'short-consultations': ['municipality', 'domain', 'language'],
  'cases-new': ['municipality', 'team'],
  'cases-closed': ['municipality', 'team'],
  'cases-active': ['municipality', 'team'],
  'median-case-duration': ['municipality', 'team'],
  'days-first-contact-to-plan': ['municipality', 'team'],
}

const keyFor = (grouping: Grouping, attributes: Record<string, RawBuilder<unknown>>): FigureKey => {
  if (grouping.kind === 'bucket') return { kind: 'bucket', unit: grouping.unit }
  if (grouping.kind === 'total') return { kind: 'total' }
  const expression = attributes[grouping.dimension]
  // The catalogue offers only the dimensions listed above; anything else is a programming error.
  if (!expression) throw new Error(`dimension ${grouping.dimension} is not recorded for this figure`)
  return { kind: 'attribute', expression }
}

/** The metrics that can be narrowed to one municipality (steering's indicators ask for that). */
export const municipalityFilterable: readonly CaseWorkMetric[] = [
  'contacts',
  'short-consultations',
  'days-first-contact-to-plan',
]

/**
 * One metric of case work over a period, by the grouping: `value` per key, and `n` the units behind
 * it. With `municipalityId`, only that municipality's records count (see `municipalityFilterable`).
 */
export async function caseWorkFigure(
  db: Kysely<DB>,
  metric: CaseWorkMetric,
  figureScope: FigureScope,
  grouping: Grouping,
  municipalityId: string | null = null,
): Promise<AggregateRow[]> {
  const maintained = maintainedFigure(db, metric, figureScope, grouping, municipalityId)
  return maintained ?? rawCaseWorkFigure(db, metric, figureScope, grouping, municipalityId)
}

/**
 * Persons counselled come from the kept month and year rows except by day or week (the rows hold
 * months) and by team (the team is the case's at the contact, not kept per person).
 */
const personsMaintainable = (key: MaintainedKey) =>
  key.kind === 'total' ||
  (key.kind === 'bucket' && (key.unit === 'month' || key.unit === 'quarter' || key.unit === 'year')) ||
  (key.kind === 'attribute' && key.dimension !== 'team')

/**
 * By month, whole months from the kept counts and each cut month at the edges of the period from
 * the kept counts by contact day and the day before (each edge lies within one month, so it is one
 * bucket of its own; migration 0045, decision 0034): no contact is read.
 */
async function personsByMonth(db: Kysely<DB>, scope: FigureScope): Promise<AggregateRow[]> {
  const pieces = periodPieces(scope.range, 'month')
  const parts = await Promise.all([
    pieces.months.length === 0 ? [] : maintainedPersonsByMonth(db, scope.districtId, pieces.months),
    ...pieces.days.map((range) =>
      maintainedPersonsKept(
        db,
        { ...scope, range },
        { months: [], edge: { range, side: 'previous' } },
        `${range.from.slice(0, 7)}-01`,
      ),
    ),
  ])
  return parts.flat()
}

const monthIndex = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7))
const monthsSpanned = (ranges: readonly FigureScope['range'][]) =>
  Math.max(...ranges.map((range) => monthIndex(range.to))) -
  Math.min(...ranges.map((range) => monthIndex(range.from))) +
  1

const wholeMonths = (range: FigureScope['range']) => {
  const pieces = periodPieces(range, 'month')
  return pieces.days.length === 0 && pieces.months.length > 0
}

/**
 * One metric over several periods by the same grouping, one list of rows per period in the order
 * given. Persons counselled by an attribute of the person over whole calendar months (the nested
 * units of a breakdown: a year, its quarters, its months) are counted in one statement from the
 * kept rows; everything else period by period as `caseWorkFigure` answers it.
 */
export async function caseWorkFigureOverPeriods(
  db: Kysely<DB>,
  metric: CaseWorkMetric,
  figureScope: FigureScope,
  ranges: readonly FigureScope['range'][],
  grouping: Grouping,
): Promise<AggregateRow[][]> {
  if (
    metric === 'persons-counselled' &&
    grouping.kind === 'attribute' &&
    grouping.dimension !== 'team' &&
    ranges.length > 0 &&
    ranges.every(wholeMonths) &&
    monthsSpanned(ranges) <= 63
  )
    return maintainedPersonsOverSpans(db, figureScope.districtId, ranges, grouping.dimension)
  const answers: AggregateRow[][] = []
  for (const range of ranges)
    answers.push(await caseWorkFigure(db, metric, { ...figureScope, range }, grouping))
  return answers
}

const maintainedKeyOf = (grouping: Grouping): MaintainedKey =>
  grouping.kind === 'attribute' ? { kind: 'attribute', dimension: grouping.dimension } : grouping

/**
 * The figures migration 0026 keeps by trigger (decision 0015), or null where the kept rows do not
 * hold the breakdown: then the raw query counts it.
 */
function maintainedFigure(
  db: Kysely<DB>,
  metric: CaseWorkMetric,
  figureScope: FigureScope,
  grouping: Grouping,
  municipalityId: string | null,
): Promise<AggregateRow[]> | null {
  const key = maintainedKeyOf(grouping)
  const scope = { ...figureScope, municipalityId }
  if (metric === 'contacts' && !(municipalityId !== null && key.kind === 'attribute'))
    return maintainedContacts(
      db,
      scope,
      key,
      key.kind === 'attribute' ? key.dimension : municipalityId ? 'municipality' : 'total',
    )
  if (
    metric === 'persons-counselled' &&
    municipalityId === null &&
    key.kind === 'bucket' &&
    key.unit === 'month'
  )
    return personsByMonth(db, scope)
  if (metric === 'persons-counselled' && municipalityId === null && key.kind === 'total') {
    const plan = keptPersonsPlan(scope.range)
    if (plan) return maintainedPersonsKept(db, scope, plan, '')
    if (periodPieces(scope.range, 'month').months.length > 0) return maintainedPersonsTotal(db, scope)
  }
  if (metric === 'persons-counselled' && municipalityId === null && personsMaintainable(key))
    return maintainedPersonsCounselled(db, scope, key)
  if (metric === 'days-first-contact-to-plan')
    return maintainedDaysToPlan(db, scope, keyFor(grouping, caseAttributes))
  return null
}

/**
 * The same figure counted from the raw tables: the definition the kept figures are tested against,
 * the fallback for breakdowns they do not hold, and the baseline of the bench.
 */
export async function rawCaseWorkFigure(
  db: Kysely<DB>,
  metric: CaseWorkMetric,
  figureScope: FigureScope,
  grouping: Grouping,
  municipalityId: string | null = null,
): Promise<AggregateRow[]> {
  // Silently counting the whole district instead would be a wrong figure, not a smaller one.
  if (municipalityId !== null && !municipalityFilterable.includes(metric))
    throw new Error(`${metric} cannot be narrowed to a municipality`)
  const scope = { ...figureScope, municipalityId }
  switch (metric) {
    case 'contacts':
      return countContacts(db, scope, keyFor(grouping, contactAttributes))
    case 'persons-counselled':
      return countPersonsCounselled(
        db,
        scope,
        keyFor(grouping, { ...personAttributes, 'age-group': ageGroupAt(scope.range.to) }),
      )
    case 'short-consultations':
      return countShortConsultations(db, scope, keyFor(grouping, shortConsultationAttributes))
    case 'cases-new':
      return countCasesOn(db, scope, keyFor(grouping, caseAttributes), 'opened_on')
    case 'cases-closed':
      return countCasesOn(db, scope, keyFor(grouping, caseAttributes), 'closed_on')
    case 'cases-active':
      return countActiveCases(
        db,
        scope,
        keyFor(grouping, caseAttributes),
        grouping.kind === 'bucket' ? grouping.buckets : [],
      )
    case 'median-case-duration':
      return medianCaseDuration(db, scope, keyFor(grouping, caseAttributes))
    case 'days-first-contact-to-plan':
      return medianDaysFirstContactToPlan(db, scope, keyFor(grouping, caseAttributes))
  }
}
