import { z } from 'zod'
import { dateErrorCodes, earliestRecordDay } from './dates.ts'
import { evaluationContextSchema } from './evaluation-context.ts'

/**
 * The API contract of reporting: the metric catalogue (`GET /api/metrics`) and one figure by a
 * dimension (`GET /api/figures`). Every value that leaves case work is an aggregate, and every
 * cell below the district's threshold is withheld (`value: null, suppressed: true`).
 */

export const metricIds = [
  'contacts',
  'persons-counselled',
  'short-consultations',
  'cases-new',
  'cases-closed',
  'cases-active',
  'referrals',
  'referral-answer-days',
  'median-case-duration',
  'legal-sphere-changes',
  'days-first-contact-to-plan',
  'goal-agreements',
  'goal-indicators',
  'fte-filled',
  'fte-vacant',
  'contracts-ending',
  'caseload-per-fte',
] as const
export type MetricId = (typeof metricIds)[number]

/** Calendar buckets, counted in the district's time zone. */
export const periodDimensions = ['day', 'week', 'month', 'quarter', 'year'] as const
export type PeriodDimension = (typeof periodDimensions)[number]

export const attributeDimensions = [
  'municipality',
  'team',
  'domain',
  'target-group',
  'nationality-group',
  'language',
  'sex',
  'age-group',
  'legal-sphere',
  'organisation',
  'outcome',
  'goal-status',
  'baustein',
] as const
export type AttributeDimension = (typeof attributeDimensions)[number]

export const dimensionIds = [...periodDimensions, ...attributeDimensions] as const
export type DimensionId = (typeof dimensionIds)[number]

export const isPeriodDimension = (dimension: DimensionId): dimension is PeriodDimension =>
  (periodDimensions as readonly string[]).includes(dimension)

/** Whether a metric's cells need a higher threshold (special categories of personal data, Art. 9 GDPR). */
export const sensitivities = ['standard', 'special'] as const
export type Sensitivity = (typeof sensitivities)[number]

export const metricUnits = [
  'count',
  'persons',
  'cases',
  'days',
  'agreements',
  'indicators',
  'fte',
  'contracts',
  'cases-per-fte',
] as const
export type MetricUnit = (typeof metricUnits)[number]

/**
 * How a metric's cells combine and what its threshold is checked against: a count by its value; a
 * sum (FTE) by the contracts behind it; a median or a ratio by the units behind it (`n`).
 */
export const metricAggregations = ['count', 'sum', 'median', 'ratio'] as const
export type MetricAggregation = (typeof metricAggregations)[number]

const bilingual = z.object({ de: z.string(), en: z.string() })

export const metricSchema = z
  .object({
    id: z.enum(metricIds),
    name: bilingual,
    definition: bilingual.describe('What is counted, written out: the one implementation follows it'),
    unit: z.enum(metricUnits),
    aggregation: z
      .enum(metricAggregations)
      .describe(
        'A count adds up over cells and is withheld by its value; a sum (FTE) adds up and is withheld by the contracts behind it; a median or ratio is withheld by the units behind it',
      ),
    dimensions: z.array(z.enum(dimensionIds)),
    sensitivity: z.enum(sensitivities),
    /** Dimensions whose cells are special categories (health), checked against the higher threshold. */
    specialDimensionValues: z.array(z.string()),
  })
  .meta({ id: 'Metric' })
export type Metric = z.infer<typeof metricSchema>

export const metricCatalogueSchema = z
  .object({ version: z.string(), metrics: z.array(metricSchema) })
  .meta({ id: 'MetricCatalogue' })
export type MetricCatalogue = z.infer<typeof metricCatalogueSchema>

/** Longest period a figure covers. */
export const maxPeriodYears = 10

export const figureErrorCodes = {
  endBeforeStart: 'period-end-before-start',
  tooLong: 'period-too-long',
  unknownMetric: 'unknown-metric',
  unknownDimension: 'unknown-dimension',
  dimensionNotSupported: 'dimension-not-supported',
} as const

/** The checks every period of reporting shares: the end not before the start, at most ten years. */
function checkPeriod(query: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (query.to < query.from) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: figureErrorCodes.endBeforeStart })
    return
  }
  const limit = `${Number(query.from.slice(0, 4)) + maxPeriodYears}${query.from.slice(4)}`
  if (query.to >= limit) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: figureErrorCodes.tooLong })
  }
}

/** Figures cover the years of records: from 1990 (the first day of case work's records) to 2999. */
const day = z.iso
  .date()
  .refine((value) => value >= earliestRecordDay, { message: dateErrorCodes.before1990 })
  .refine((value) => value <= '2999-12-31', { message: dateErrorCodes.tooFarAhead })

/** The query of `GET /api/figures`; the service checks that the metric supports the dimension. */
export const figuresQuerySchema = z
  .object({
    metric: z.string().refine((value) => (metricIds as readonly string[]).includes(value), {
      message: figureErrorCodes.unknownMetric,
    }),
    from: day,
    to: day,
    by: z
      .string()
      .refine((value) => (dimensionIds as readonly string[]).includes(value), {
        message: figureErrorCodes.unknownDimension,
      })
      .optional(),
  })
  .superRefine(checkPeriod)
export type FiguresQuery = { metric: MetricId; from: string; to: string; by?: DimensionId }

const figureValue = {
  value: z.number().nullable(),
  suppressed: z
    .literal(true)
    .optional()
    .describe('Withheld: below the threshold, or to protect a cell that is'),
  imported: z
    .literal(true)
    .optional()
    .describe('Rests partly or wholly on monthly counts imported from before Lotse (decision 0027)'),
}

export const figureRowSchema = z
  .object({ key: z.string(), label: z.string(), ...figureValue })
  .meta({ id: 'FigureRow' })
export type FigureRow = z.infer<typeof figureRowSchema>

export const figureComparisonSchema = z
  .object({ from: z.string(), to: z.string(), ...figureValue })
  .meta({ id: 'FigureComparison' })

export const figuresSchema = z
  .object({
    metric: z.enum(metricIds),
    from: z.string(),
    to: z.string(),
    by: z.enum(dimensionIds).nullable(),
    unit: z.enum(metricUnits),
    threshold: z.number().int().describe('Cells below this are withheld'),
    rows: z.array(figureRowSchema),
    total: z.object(figureValue),
    previousPeriod: figureComparisonSchema.describe(
      'The period just before: as many whole months for a period of whole months, else as many days',
    ),
    yearBefore: figureComparisonSchema.describe('The same days a year earlier'),
  })
  .meta({ id: 'Figures' })
export type Figures = z.infer<typeof figuresSchema>

/** The district's thresholds: cells below them are withheld. */
export const reportingSettingsSchema = z
  .object({
    threshold: z
      .number()
      .int()
      .min(3, { message: 'threshold-below-default' })
      .max(50)
      .describe('Cells below this are withheld; never below 3'),
    specialThreshold: z
      .number()
      .int()
      .min(3, { message: 'threshold-below-default' })
      .max(100)
      .describe('For special categories (health); never below the threshold'),
  })
  .refine((settings) => settings.specialThreshold >= settings.threshold, {
    path: ['specialThreshold'],
    message: 'special-threshold-below-threshold',
  })
  .meta({ id: 'ReportingSettings' })
export type ReportingSettings = z.infer<typeof reportingSettingsSchema>

export const defaultReportingSettings: ReportingSettings = { threshold: 3, specialThreshold: 5 }

/** A frozen period evaluation (`POST /api/evaluations`): a name and the period, both days included. */
export const evaluationInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    from: day,
    to: day,
  })
  .superRefine(checkPeriod)
export type EvaluationInput = z.infer<typeof evaluationInputSchema>

const publishedValue = z.object(figureValue)

/** One table of an evaluation: a metric by one dimension, protected together with its section. */
export const evaluationRowSchema = z
  .object({
    key: z.string(),
    label: bilingual.describe('Frozen with the figures: a municipality renamed later keeps its name here'),
    ...figureValue,
  })
  .meta({ id: 'EvaluationRow' })
export type EvaluationRow = z.infer<typeof evaluationRowSchema>

export const evaluationTableSchema = z
  .object({ by: z.enum(dimensionIds), rows: z.array(evaluationRowSchema) })
  .meta({ id: 'EvaluationTable' })
export type EvaluationTable = z.infer<typeof evaluationTableSchema>

/** One metric of an evaluation: its total, the previous period's, and its tables. */
export const evaluationSectionSchema = z
  .object({
    metric: z.enum(metricIds),
    name: bilingual,
    unit: z.enum(metricUnits),
    total: publishedValue,
    previousPeriod: publishedValue,
    tables: z.array(evaluationTableSchema),
  })
  .meta({ id: 'EvaluationSection' })
export type EvaluationSection = z.infer<typeof evaluationSectionSchema>

export const evaluationSummarySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    from: z.string(),
    to: z.string(),
    catalogueVersion: z.string().describe('The metric catalogue the figures were computed with'),
    createdAt: z.string(),
  })
  .meta({ id: 'EvaluationSummary' })
export type EvaluationSummary = z.infer<typeof evaluationSummarySchema>

/** A frozen evaluation: exactly the figures stored when it was made, never recomputed. */
export const evaluationSchema = evaluationSummarySchema
  .extend({
    previousFrom: z.string(),
    previousTo: z.string(),
    threshold: z.number().int(),
    specialThreshold: z.number().int(),
    sections: z.array(evaluationSectionSchema),
    context: evaluationContextSchema
      .optional()
      .describe(
        'Staffing, steering activity and goal agreements frozen with the figures; absent in evaluations made before',
      ),
  })
  .meta({ id: 'Evaluation' })
export type Evaluation = z.infer<typeof evaluationSchema>

export const evaluationListSchema = z.array(evaluationSummarySchema).meta({ id: 'EvaluationList' })
