import type { Kysely } from 'kysely'
import {
  type AttributeDimension,
  type DimensionId,
  type Evaluation,
  type EvaluationInput,
  type EvaluationRow,
  type EvaluationSection,
  type EvaluationSummary,
  isPeriodDimension,
  type MetricId,
  type PeriodDimension,
  type ReportingSettings,
} from '../../../../common/reporting.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { districtTime, districtTimeZone } from '../../../platform/district-time.ts'
import { DomainError, NotFound } from '../../../platform/errors.ts'
import type { FigureScope } from '../../../platform/figures.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { recordAudit } from '../../audit/index.ts'
import { catalogueVersion, isAdditive, metricById } from '../catalogue/catalogue.ts'
import {
  additiveOverTime,
  aggregateSource,
  type PublishedCellSpec,
  protectAcross,
} from '../disclosure/disclosure.ts'
import { earlierCells } from '../disclosure/earlier.ts'
import { canonicalMonth, overlappingMonths } from '../figures/canonical.ts'
import { labelsFor } from '../figures/figures.service.ts'
import { aggregate, importedKeys } from '../figures/owners.ts'
import { bucketsOf, previousPeriod } from '../figures/periods.ts'
import { reportingSettings } from '../settings/settings.service.ts'
import type { PublishedCell } from '../suppression/suppression.ts'
import { evaluationContext } from './context.ts'
import {
  deleteEvaluationRow,
  evaluationUsedByReport,
  insertEvaluation,
  selectEvaluation,
  selectEvaluations,
  selectPublishedEvaluations,
} from './evaluations.queries.ts'
import { type Frozen, frozenOf } from './frozen.ts'
import { protectSection, type RawTable } from './protect.ts'

/**
 * Frozen period evaluations: the figures of a period, computed once through the catalogue,
 * protected together and stored as published. Reading one never recomputes anything, so a report
 * shows exactly what the committee was given, even after case data changes or is deleted. There is
 * no change route; an evaluation can be deleted only while no committee report uses it.
 */

/** What an evaluation shows: each metric over time (the trend) and by the dimensions the committee asks for. */
const plan: readonly { metric: MetricId; by: readonly AttributeDimension[] }[] = [
  { metric: 'contacts', by: ['municipality', 'domain'] },
  { metric: 'persons-counselled', by: ['municipality'] },
  { metric: 'short-consultations', by: ['municipality', 'domain'] },
  { metric: 'cases-new', by: ['municipality'] },
  { metric: 'cases-closed', by: ['municipality'] },
  { metric: 'cases-active', by: ['municipality'] },
  { metric: 'referrals', by: ['outcome'] },
  { metric: 'legal-sphere-changes', by: ['legal-sphere'] },
]

/** Months for up to two years, then quarters, then years: a trend stays readable (and cheap to protect). */
function trendUnit(from: string, to: string): PeriodDimension {
  const months = bucketsOf(from, to, 'month').length
  return months <= 24 ? 'month' : months <= 60 ? 'quarter' : 'year'
}

type RawRows = {
  by: DimensionId
  keys: string[]
  values: number[]
  labels: { de: string; en: string }[]
  /** Keys whose cells rest on imported monthly counts (decision 0027). */
  imported: Set<string>
}

async function rawTable(
  db: Kysely<DB>,
  metric: MetricId,
  scope: FigureScope,
  by: DimensionId,
  unit: PeriodDimension,
): Promise<RawRows> {
  if (by === unit) {
    const buckets = bucketsOf(scope.range.from, scope.range.to, unit)
    const grouping = { kind: 'bucket', unit, buckets } as const
    const rows = await aggregate(db, metric, scope, grouping)
    const byKey = new Map(rows.map((row) => [row.key, row.value]))
    return {
      imported: await importedKeys(db, metric, scope, grouping),
      by,
      keys: buckets.map((bucket) => bucket.key),
      values: buckets.map((bucket) => byKey.get(bucket.key) ?? 0),
      labels: buckets.map((bucket) => ({ de: bucket.label, en: bucket.label })),
    }
  }
  const grouping = { kind: 'attribute', dimension: by as AttributeDimension } as const
  const rows = await aggregate(db, metric, scope, grouping)
  const imported = await importedKeys(db, metric, scope, grouping)
  const keys = rows.map((row) => row.key).sort()
  const byKey = new Map(rows.map((row) => [row.key, row.value]))
  const [de, en] = await Promise.all([
    labelsFor(db, scope.districtId, by, keys, 'de'),
    labelsFor(db, scope.districtId, by, keys, 'en'),
  ])
  return {
    imported,
    by,
    keys,
    values: keys.map((key) => byKey.get(key) ?? 0),
    labels: keys.map((key) => ({ de: de.get(key) ?? key, en: en.get(key) ?? key })),
  }
}

const cellOf = (published: PublishedCell, imported = false) => ({
  ...(published.suppressed ? { value: null, suppressed: true as const } : { value: published.value }),
  ...(imported ? { imported: true as const } : {}),
})

async function section(
  db: Kysely<DB>,
  metricId: MetricId,
  dimensions: readonly AttributeDimension[],
  scope: FigureScope,
  previousScope: FigureScope,
  unit: PeriodDimension,
  settings: ReportingSettings,
): Promise<EvaluationSection> {
  const metric = metricById(metricId)
  const special = new Set(metric.specialDimensionValues)
  const offered = dimensions.filter((dimension) => metric.dimensions.includes(dimension))
  const tables: RawRows[] = []
  // One after the other: the embedded database has one connection, and the reads share one snapshot.
  for (const by of [unit, ...offered]) tables.push(await rawTable(db, metricId, scope, by, unit))
  const [total] = await aggregate(db, metricId, scope, { kind: 'total' })
  const [previous] = await aggregate(db, metricId, previousScope, { kind: 'total' })
  const totalImported = (await importedKeys(db, metricId, scope, { kind: 'total' })).has('')
  const previousImported = (await importedKeys(db, metricId, previousScope, { kind: 'total' })).has('')

  const raw: RawTable[] = tables.map((table) => ({
    values: table.values,
    thresholds: table.keys.map((key) =>
      table.by === 'domain' && special.has(key) ? settings.specialThreshold : settings.threshold,
    ),
    additive: isAdditive(metricId, table.by),
  }))
  const protectedSection = protectSection(raw, total?.value ?? 0, settings.threshold)
  const previousValue = previous?.value ?? 0
  return {
    metric: metricId,
    name: metric.name,
    unit: metric.unit,
    total: cellOf(protectedSection.total, totalImported),
    // The previous period's total stands alone (no published cell relates it to this period's).
    previousPeriod: {
      ...(previousValue < settings.threshold
        ? { value: null, suppressed: true as const }
        : { value: previousValue }),
      ...(previousImported ? { imported: true as const } : {}),
    },
    tables: tables.map((table, index) => ({
      by: table.by,
      rows: table.keys.map(
        (key, row): EvaluationRow => ({
          key,
          label: table.labels[row] as { de: string; en: string },
          ...cellOf(
            (protectedSection.tables[index] as PublishedCell[])[row] as PublishedCell,
            table.imported.has(key),
          ),
        }),
      ),
    })),
  }
}

/**
 * Computes every section of the period and its context inside one read-only snapshot, so the
 * tables agree with each other and with the staffing and steering beside them.
 */
async function computeSections(
  db: Kysely<DB>,
  districtId: string,
  input: EvaluationInput,
  settings: ReportingSettings,
  now: Date,
): Promise<Frozen> {
  const timeZone = await districtTimeZone(db, districtId)
  const range = { from: input.from, to: input.to }
  const scope: FigureScope = { districtId, range, timeZone, now }
  const previousScope: FigureScope = { ...scope, range: previousPeriod(input.from, input.to) }
  const unit = trendUnit(input.from, input.to)
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const sections: EvaluationSection[] = []
      for (const { metric, by } of plan) {
        sections.push(await section(trx, metric, by, scope, previousScope, unit, settings))
      }
      return { sections, context: await evaluationContext(trx, scope, settings, now) }
    })
}

/**
 * A reader may hold every earlier evaluation: the new one's cells are protected together with the
 * cells those published (decision 0017), so that no difference of two overlapping periods is
 * small. Withholding more never helps a reader, so the result is what either run withholds.
 */
async function protectAgainstEarlier(
  db: Kysely<DB>,
  districtId: string,
  input: EvaluationInput,
  sections: EvaluationSection[],
  settings: ReportingSettings,
  today: string,
): Promise<EvaluationSection[]> {
  const stored = await selectPublishedEvaluations(db, districtId)
  const previous = previousPeriod(input.from, input.to)
  const within = { from: previous.from, to: input.to }
  const timeZone = await districtTimeZone(db, districtId)
  const earlier = earlierCells(stored, within)
  const base = await canonicalCells(db, { districtId, timeZone }, sections, within, today, settings.threshold)
  if (earlier.length === 0 && base.length === 0) return sections
  const asCandidates = earlierCells(
    [{ period_from: input.from, period_to: input.to, threshold: settings.threshold, figures: sections }],
    within,
  ).map((cell): PublishedCellSpec => ({ ...cell, state: 'candidate' }))
  const { withheld } = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((trx) =>
      protectAcross(
        [...asCandidates, ...earlier, ...base],
        aggregateSource(trx, { districtId, timeZone }),
        settings.threshold,
      ),
    )
  // earlierCells lists per section: total, previous period, then every row of every table.
  let index = 0
  const next = () => withheld[index++] === true
  const hide = <T extends { value: number | null; suppressed?: true }>(cell: T, more: boolean): T =>
    more ? { ...cell, value: null, suppressed: true } : cell
  return sections.map((section) => ({
    ...section,
    total: hide(section.total, next()),
    previousPeriod: hide(section.previousPeriod, next()),
    tables: section.tables.map((table) => ({ ...table, rows: table.rows.map((row) => hide(row, next())) })),
  }))
}

/**
 * The canonical month tables any reader of figures has (decision 0017) for the months the new
 * evaluation touches, by the dimensions it publishes that add up: fixed cells it must not undo.
 */
async function canonicalCells(
  db: Kysely<DB>,
  scope: { districtId: string; timeZone: string },
  sections: readonly EvaluationSection[],
  within: { from: string; to: string },
  today: string,
  threshold: number,
): Promise<PublishedCellSpec[]> {
  const months = overlappingMonths(within.from, within.to, today)
  const cells: PublishedCellSpec[] = []
  for (const section of sections) {
    if (!additiveOverTime(section.metric)) continue
    const metric = metricById(section.metric)
    for (const table of section.tables) {
      if (isPeriodDimension(table.by) || !isAdditive(section.metric, table.by)) continue
      const by = table.by as AttributeDimension
      for (const month of months) {
        const { rows, total, withheld } = await canonicalMonth(
          db,
          metric,
          scope,
          month,
          by,
          () => threshold,
          threshold,
        )
        cells.push({
          metric: metric.id,
          span: month,
          state: total >= threshold ? 'published' : 'withheld',
          threshold,
        })
        for (const key of rows.keys()) {
          cells.push({
            metric: metric.id,
            span: month,
            attribute: { dimension: by, key },
            state: withheld.has(key) ? 'withheld' : 'published',
            threshold,
          })
        }
      }
    }
  }
  return cells
}

type StoredRow = NonNullable<Awaited<ReturnType<typeof selectEvaluation>>>
type SummaryRow = Awaited<ReturnType<typeof selectEvaluations>>[number]

const summaryOf = (row: SummaryRow): EvaluationSummary => ({
  id: row.id,
  name: row.name,
  from: row.period_from,
  to: row.period_to,
  catalogueVersion: row.catalogue_version,
  createdAt: new Date(row.created_at).toISOString(),
})

function evaluationOf(row: StoredRow): Evaluation {
  const previous = previousPeriod(row.period_from, row.period_to)
  const { sections, context } = frozenOf(row.figures)
  return {
    ...summaryOf(row),
    previousFrom: previous.from,
    previousTo: previous.to,
    threshold: row.threshold,
    specialThreshold: row.special_threshold,
    sections,
    ...(context ? { context } : {}),
  }
}

export async function createEvaluation(
  db: Kysely<DB>,
  actor: Actor,
  input: EvaluationInput,
  request: RequestContext,
): Promise<Evaluation> {
  authorize(actor, 'evaluation.manage', ownDistrict(actor))
  const settings = await reportingSettings(db, actor.districtId)
  const frozen = await computeSections(db, actor.districtId, input, settings, request.now)
  const { today } = await districtTime(db, actor.districtId, request.now)
  const sections = await protectAgainstEarlier(db, actor.districtId, input, frozen.sections, settings, today)
  const id = await db.transaction().execute(async (trx) => {
    const inserted = await insertEvaluation(trx, {
      district_id: actor.districtId,
      name: input.name,
      period_from: input.from,
      period_to: input.to,
      catalogue_version: catalogueVersion,
      threshold: settings.threshold,
      special_threshold: settings.specialThreshold,
      figures: JSON.stringify({ ...frozen, sections }),
      created_by: actor.userId,
    })
    await recordAudit(trx, {
      ...request,
      action: 'evaluation.create',
      subjectType: 'evaluation',
      subjectId: inserted,
    })
    return inserted
  })
  return readEvaluation(db, actor, id)
}

export async function listEvaluations(db: Kysely<DB>, actor: Actor): Promise<EvaluationSummary[]> {
  authorize(actor, 'figures.read', ownDistrict(actor))
  return (await selectEvaluations(db, actor.districtId)).map(summaryOf)
}

export async function readEvaluation(
  db: Kysely<DB>,
  actor: Actor,
  evaluationId: string,
): Promise<Evaluation> {
  authorize(actor, 'figures.read', ownDistrict(actor))
  const row = await selectEvaluation(db, actor.districtId, evaluationId)
  if (!row) throw new NotFound()
  return evaluationOf(row)
}

/** Thrown when a report cites the evaluation: it stays exactly as the committee was given it. */
const inUse = () => new DomainError('evaluation-in-use', 'conflict')

/** PostgreSQL's foreign key violation: a report made meanwhile holds on to the evaluation. */
const isForeignKeyViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23503'

/** Deletes an evaluation no report uses (409 otherwise); audited. */
export async function deleteEvaluation(
  db: Kysely<DB>,
  actor: Actor,
  evaluationId: string,
  request: RequestContext,
): Promise<void> {
  authorize(actor, 'evaluation.manage', ownDistrict(actor))
  try {
    await db.transaction().execute(async (trx) => {
      if (await evaluationUsedByReport(trx, actor.districtId, evaluationId)) throw inUse()
      if (!(await deleteEvaluationRow(trx, actor.districtId, evaluationId))) throw new NotFound()
      await recordAudit(trx, {
        ...request,
        action: 'evaluation.delete',
        subjectType: 'evaluation',
        subjectId: evaluationId,
      })
    })
  } catch (error) {
    if (isForeignKeyViolation(error)) throw inUse()
    throw error
  }
}
