import type { Kysely } from 'kysely'
import {
  type AttributeDimension,
  type DimensionId,
  type FigureRow,
  type Figures,
  type FiguresQuery,
  figureErrorCodes,
  isPeriodDimension,
  type Metric,
  type ReportingSettings,
} from '../../../../common/reporting.ts'
import type { DB } from '../../../db/schema.ts'
import { districtTime } from '../../../platform/district-time.ts'
import { fieldError } from '../../../platform/errors.ts'
import type { AggregateRow, FigureScope, Grouping } from '../../../platform/figures.ts'
import type { Language } from '../../../platform/language.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { municipalityNames } from '../../districts/index.ts'
import { organisationNames, teamNames } from '../../identity/index.ts'
import { isAdditive, metricById } from '../catalogue/catalogue.ts'
import { reportingSettings } from '../settings/settings.service.ts'
import type { PublishedCell } from '../suppression/suppression.ts'
import { canonicalBreakdown } from './canonical.ts'
import { codedLabel } from './labels.ts'
import { aggregate, countsActivity, importedKeys } from './owners.ts'
import { bucketsOf, previousPeriod, yearBefore } from './periods.ts'
import { protectFigure } from './protect-figure.ts'

/**
 * One figure of the catalogue over a period, by one dimension, with its total and its comparisons.
 * Reporting reads no table itself: the aggregates come from the module that owns the data, and
 * every cell is protected here before it leaves the server.
 */

/** Whether the metric offers the dimension; otherwise a 400 at the `by` field. */
export function assertDimension(metric: Metric, by: DimensionId | undefined): void {
  if (by !== undefined && !metric.dimensions.includes(by)) {
    throw fieldError(figureErrorCodes.dimensionNotSupported, 'invalid', 'by')
  }
}

const cell = (published: PublishedCell, imported = false) => ({
  ...(published.suppressed ? { value: null, suppressed: true as const } : { value: published.value }),
  ...(imported ? { imported: true as const } : {}),
})

/** Whether a total over the range rests on imported monthly counts. */
const importedTotal = async (db: Kysely<DB>, metric: Metric, scope: FigureScope) =>
  (await importedKeys(db, metric.id, scope, { kind: 'total' })).has('')

/** A total alone (the comparisons): withheld below the threshold, or a median of too few cases. */
async function protectedTotal(
  db: Kysely<DB>,
  metric: Metric,
  scope: FigureScope,
  threshold: number,
): Promise<PublishedCell> {
  const [row] = await aggregate(db, metric.id, scope, { kind: 'total' })
  const value = row?.value ?? 0
  const units = metric.aggregation === 'count' ? value : (row?.n ?? 0)
  return units < threshold ? { value: null, suppressed: true } : { value, suppressed: false }
}

export async function labelsFor(
  db: Kysely<DB>,
  districtId: string,
  by: DimensionId,
  keys: readonly string[],
  language: Language,
): Promise<Map<string, string>> {
  const named =
    by === 'municipality'
      ? await municipalityNames(
          db,
          districtId,
          keys.filter((key) => key !== 'none'),
        )
      : by === 'team'
        ? await teamNames(
            db,
            districtId,
            keys.filter((key) => key !== 'none'),
          )
        : by === 'organisation'
          ? await organisationNames(
              db,
              districtId,
              keys.filter((key) => key !== 'none'),
            )
          : new Map<string, string>()
  return new Map(keys.map((key) => [key, named.get(key) ?? codedLabel(by, key, language)]))
}

/** An attribute breakdown of a count: complete calendar months, each protected as one canonical table. */
async function breakdownFigures(
  db: Kysely<DB>,
  actor: Actor,
  metric: Metric,
  scope: FigureScope,
  by: AttributeDimension,
  today: string,
  settings: ReportingSettings,
  language: Language,
): Promise<Figures> {
  const special = new Set(metric.specialDimensionValues)
  const thresholdFor = (key: string) =>
    by === 'domain' && special.has(key) ? settings.specialThreshold : settings.threshold
  const breakdown = await canonicalBreakdown(db, metric, scope, by, thresholdFor, settings.threshold, today)
  const range = { from: breakdown.from, to: breakdown.to }
  const previousRange = previousPeriod(range.from, range.to)
  const earlierRange = yearBefore(range.from, range.to)
  const [previous, earlier, labels, marked, totalMarked, previousMarked, earlierMarked] = await Promise.all([
    protectedTotal(db, metric, { ...scope, range: previousRange }, settings.threshold),
    protectedTotal(db, metric, { ...scope, range: earlierRange }, settings.threshold),
    labelsFor(db, actor.districtId, by, breakdown.keys, language),
    importedKeys(db, metric.id, { ...scope, range }, { kind: 'attribute', dimension: by }),
    importedTotal(db, metric, { ...scope, range }),
    importedTotal(db, metric, { ...scope, range: previousRange }),
    importedTotal(db, metric, { ...scope, range: earlierRange }),
  ])
  return {
    metric: metric.id,
    ...range,
    by,
    unit: metric.unit,
    threshold: settings.threshold,
    rows: breakdown.keys.map((key, index) => ({
      key,
      label: labels.get(key) ?? key,
      ...cell(breakdown.cells[index] as PublishedCell, marked.has(key)),
    })),
    total: cell(breakdown.total, totalMarked),
    previousPeriod: { ...previousRange, ...cell(previous, previousMarked) },
    yearBefore: { ...earlierRange, ...cell(earlier, earlierMarked) },
  }
}

export async function figures(
  db: Kysely<DB>,
  actor: Actor,
  query: FiguresQuery,
  language: Language,
  now: Date = new Date(),
): Promise<Figures> {
  authorize(actor, 'figures.read', ownDistrict(actor))
  const metric = metricById(query.metric)
  assertDimension(metric, query.by)
  const [{ timeZone, today }, settings] = await Promise.all([
    districtTime(db, actor.districtId, now),
    reportingSettings(db, actor.districtId),
  ])
  const scope: FigureScope = { districtId: actor.districtId, range: query, timeZone, now }
  if (
    query.by &&
    !isPeriodDimension(query.by) &&
    metric.aggregation === 'count' &&
    countsActivity(metric.id)
  ) {
    return breakdownFigures(db, actor, metric, scope, query.by, today, settings, language)
  }
  const by = query.by ?? null
  const special = new Set(metric.specialDimensionValues)
  const thresholdFor = (key: string) =>
    by === 'domain' && special.has(key) ? settings.specialThreshold : settings.threshold

  const buckets = by && isPeriodDimension(by) ? bucketsOf(query.from, query.to, by) : []
  const grouping: Grouping =
    by === null
      ? { kind: 'total' }
      : isPeriodDimension(by)
        ? { kind: 'bucket', unit: by, buckets }
        : { kind: 'attribute', dimension: by }

  const previousRange = previousPeriod(query.from, query.to)
  const earlierRange = yearBefore(query.from, query.to)
  const [grouped, [totalRow], previous, earlier, marked, totalMarked, previousMarked, earlierMarked] =
    await Promise.all([
      by === null ? Promise.resolve([] as AggregateRow[]) : aggregate(db, metric.id, scope, grouping),
      aggregate(db, metric.id, scope, { kind: 'total' }),
      protectedTotal(db, metric, { ...scope, range: previousRange }, settings.threshold),
      protectedTotal(db, metric, { ...scope, range: earlierRange }, settings.threshold),
      by === null ? Promise.resolve(new Set<string>()) : importedKeys(db, metric.id, scope, grouping),
      importedTotal(db, metric, scope),
      importedTotal(db, metric, { ...scope, range: previousRange }),
      importedTotal(db, metric, { ...scope, range: earlierRange }),
    ])

  // Buckets without data are rows with 0 (withheld like every small cell); attributes list what occurs.
  const byKey = new Map(grouped.map((row) => [row.key, row]))
  const keys = buckets.length > 0 ? buckets.map((bucket) => bucket.key) : [...byKey.keys()].sort()
  const raw = keys.map((key) => byKey.get(key) ?? { key, value: 0, n: 0 })
  const total = totalRow ?? { key: '', value: 0, n: 0 }

  const protectedCells = protectFigure(
    metric,
    raw,
    total,
    { cells: raw.map((row) => thresholdFor(row.key)), total: settings.threshold },
    isAdditive(metric.id, by),
  )

  const labels =
    by === null
      ? new Map<string, string>()
      : isPeriodDimension(by)
        ? new Map(buckets.map((bucket) => [bucket.key, bucket.label]))
        : await labelsFor(db, actor.districtId, by, keys, language)
  const rows: FigureRow[] = raw.map((row, index) => ({
    key: row.key,
    label: labels.get(row.key) ?? row.key,
    ...cell(protectedCells.cells[index] as PublishedCell, marked.has(row.key)),
  }))
  return {
    metric: metric.id,
    from: query.from,
    to: query.to,
    by,
    unit: metric.unit,
    threshold: settings.threshold,
    rows,
    total: cell(protectedCells.total as PublishedCell, totalMarked),
    previousPeriod: { ...previousRange, ...cell(previous, previousMarked) },
    yearBefore: { ...earlierRange, ...cell(earlier, earlierMarked) },
  }
}
