import { z } from 'zod'
import { dueDaySchema } from './dates.ts'
import { multiLineText, singleLineText } from './text.ts'

/**
 * The API contract of goal agreements (Zielvereinbarungen) and their indicators, part of steering
 * (issue 11). The metric catalogue, the units and the status rule are documented in
 * docs/decisions/0012-goal-indicators.md.
 */

export const indicatorUnits = ['count', 'percent', 'days', 'euro'] as const
export type IndicatorUnit = (typeof indicatorUnits)[number]

export const indicatorDirections = ['increase', 'decrease'] as const
export type IndicatorDirection = (typeof indicatorDirections)[number]

export const indicatorSources = ['manual', 'computed'] as const
export type IndicatorSource = (typeof indicatorSources)[number]

export const indicatorStatuses = ['on_track', 'at_risk', 'off_track', 'no_data'] as const
export type IndicatorStatus = (typeof indicatorStatuses)[number]

/**
 * The metric catalogue: what Lotse computes from case work and the network, each metric with the
 * unit it yields and the parameters it takes. The server's `goals/metric-catalogue.ts` computes them.
 */
export const metricKeys = [
  'counselling-contacts',
  'jobcenter-referrals-answered-14d',
  'median-days-contact-to-plan',
  'legal-sphere-changes-jobcenter-30d',
] as const
export type MetricKey = (typeof metricKeys)[number]

export const metricUnits: Record<MetricKey, IndicatorUnit> = {
  'counselling-contacts': 'count',
  'jobcenter-referrals-answered-14d': 'percent',
  'median-days-contact-to-plan': 'days',
  'legal-sphere-changes-jobcenter-30d': 'percent',
}

/**
 * What each indicator metric is computed from (decision 0012): the reporting catalogue's metrics it
 * sums or takes as they are, or the network's own figure where reporting has none; and whether a
 * month's value is withheld below 3 cases. Rendered into docs/metrics.md.
 */
export const metricDefinitions: Record<
  MetricKey,
  { from: readonly string[]; withheldBelowThree: boolean; en: string }
> = {
  'counselling-contacts': {
    from: ['contacts', 'short-consultations'],
    withheldBelowThree: false,
    en: "Per month: reporting's `contacts` plus its `short-consultations` (narrowed to a municipality: the case's, or the consultation's own). A count of work, shown as it is.",
  },
  'jobcenter-referrals-answered-14d': {
    from: [],
    withheldBelowThree: true,
    en: 'Per month of sending: the share (percent) of referrals to a Jobcenter answered within 14 days, of those decided (answered, or 14 days passed). The network computes it; reporting has no such figure.',
  },
  'median-days-contact-to-plan': {
    from: ['days-first-contact-to-plan'],
    withheldBelowThree: true,
    en: "Per month of the plan: reporting's `days-first-contact-to-plan`, withheld (null) when fewer than 3 cases stand behind the median.",
  },
  'legal-sphere-changes-jobcenter-30d': {
    from: [],
    withheldBelowThree: true,
    en: 'Per month of effect: the share (percent) of changes into SGB II with a first Jobcenter contact within 30 days, of those decided. The network computes it; reporting has no such figure.',
  },
}

/** Metrics that may be narrowed to one municipality; the others count the whole district. */
export const metricsByMunicipality: readonly MetricKey[] = [
  'counselling-contacts',
  'median-days-contact-to-plan',
]

/** The highest value any unit takes; beyond it a value is a typo. */
export const maxIndicatorValue = 1_000_000_000

/**
 * Why a value does not fit its unit, or null when it does: counts are whole and not negative,
 * percentages lie between 0 and 100, days and euros are not negative (euros to the cent).
 */
export function unitIssue(unit: IndicatorUnit, value: number): string | null {
  if (!Number.isFinite(value)) return 'indicator-value-invalid'
  if (value < 0) return 'indicator-value-negative'
  if (value > maxIndicatorValue) return 'indicator-value-too-large'
  switch (unit) {
    case 'count':
      return Number.isInteger(value) ? null : 'indicator-count-not-whole'
    case 'percent':
      return value > 100 ? 'indicator-percent-above-100' : null
    case 'days':
      return null
    case 'euro':
      return Math.abs(Math.round(value * 100) - value * 100) < 1e-6 ? null : 'indicator-euro-cents'
  }
}

const text = (max: number) => singleLineText().trim().max(max)

const periodRule = (value: { startsOn: string; endsOn: string }) => value.startsOn < value.endsOn

const agreementShape = {
  title: text(200).min(1),
  goalStatement: multiLineText().trim().min(1).max(5000),
  partyIds: z
    .array(z.uuid())
    .max(50)
    .default([])
    .refine((ids) => new Set(ids).size === ids.length, 'duplicate-entries')
    .describe('Organisations of the district that are parties to the agreement'),
  startsOn: dueDaySchema,
  endsOn: dueDaySchema,
  decisionId: z.uuid().nullable().default(null).describe('The steering decision that agreed it'),
  responsibleOrganisationId: z.uuid().nullable().default(null),
}

export const goalAgreementInputSchema = z
  .object(agreementShape)
  .strict()
  .refine(periodRule, { message: 'period-ends-before-start', path: ['endsOn'] })
export const goalAgreementUpdateSchema = goalAgreementInputSchema

export const metricParametersSchema = z
  .object({
    municipalityId: z
      .uuid()
      .nullable()
      .default(null)
      .describe('Only this municipality (where the metric allows it); null: the whole district'),
  })
  .strict()
export type MetricParameters = z.infer<typeof metricParametersSchema>

export const indicatorInputSchema = z
  .object({
    name: text(200).min(1),
    unit: z.enum(indicatorUnits),
    baseline: z.number(),
    target: z.number(),
    direction: z.enum(indicatorDirections),
    source: z.enum(indicatorSources),
    metric: z.enum(metricKeys).nullable().default(null),
    parameters: metricParametersSchema.default({ municipalityId: null }),
  })
  .strict()
  .superRefine((value, ctx) => {
    for (const field of ['baseline', 'target'] as const) {
      const issue = unitIssue(value.unit, value[field])
      if (issue) ctx.addIssue({ code: 'custom', message: issue, path: [field] })
    }
    if (value.direction === 'increase' && !(value.target > value.baseline))
      ctx.addIssue({ code: 'custom', message: 'indicator-target-not-above-baseline', path: ['target'] })
    if (value.direction === 'decrease' && !(value.target < value.baseline))
      ctx.addIssue({ code: 'custom', message: 'indicator-target-not-below-baseline', path: ['target'] })
    if (value.source === 'computed') {
      if (value.metric === null)
        ctx.addIssue({ code: 'custom', message: 'metric-required', path: ['metric'] })
      else if (metricUnits[value.metric] !== value.unit)
        ctx.addIssue({ code: 'custom', message: 'metric-unit-mismatch', path: ['unit'] })
      else if (value.parameters.municipalityId !== null && !metricsByMunicipality.includes(value.metric))
        ctx.addIssue({
          code: 'custom',
          message: 'metric-without-municipality',
          path: ['parameters', 'municipalityId'],
        })
    } else if (value.metric !== null) {
      ctx.addIssue({ code: 'custom', message: 'metric-only-computed', path: ['metric'] })
    }
  })

export const indicatorValueInputSchema = z
  .object({
    measuredOn: dueDaySchema.describe('The day the value was measured, in the district'),
    value: z.number(),
    note: multiLineText().trim().max(1000).default(''),
  })
  .strict()

export const indicatorPointSchema = z.object({
  /** The month (computed, `YYYY-MM`) or the day (entered, `YYYY-MM-DD`) the value belongs to. */
  period: z.string(),
  /** The last day of that period, for the chart's time axis. */
  day: z.string(),
  value: z.number().nullable().describe('null: too few cases to show (fewer than the minimum count)'),
  /** How many cases, referrals or changes the value is made of (computed ratios and medians). */
  basis: z.number().int().nullable(),
  /** The running month: not complete yet. */
  partial: z.boolean(),
  note: z.string(),
})
export type IndicatorPoint = z.infer<typeof indicatorPointSchema>

export const indicatorSchema = z
  .object({
    id: z.uuid(),
    position: z.number().int(),
    name: z.string(),
    unit: z.enum(indicatorUnits),
    baseline: z.number(),
    target: z.number(),
    direction: z.enum(indicatorDirections),
    source: z.enum(indicatorSources),
    metric: z.enum(metricKeys).nullable(),
    parameters: z.object({ municipalityId: z.uuid().nullable() }),
    municipalityName: z.string().nullable(),
    current: z
      .number()
      .nullable()
      .describe('The latest complete month (computed) or the latest value (entered)'),
    currentPeriod: z.string().nullable(),
    progress: z.number().nullable().describe('Share of the way from baseline to target, 1 = reached'),
    expectedProgress: z.number().describe('Share of the period that has passed'),
    status: z.enum(indicatorStatuses),
    series: z.array(indicatorPointSchema),
  })
  .meta({ id: 'GoalIndicator' })
export type Indicator = z.infer<typeof indicatorSchema>
export const indicatorListSchema = z
  .object({ today: z.string(), items: z.array(indicatorSchema) })
  .meta({ id: 'GoalIndicatorList' })
export type IndicatorList = z.infer<typeof indicatorListSchema>

export const goalAgreementSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    goalStatement: z.string(),
    parties: z.array(z.object({ id: z.uuid(), name: z.string() })),
    startsOn: z.string(),
    endsOn: z.string(),
    decision: z
      .object({ id: z.uuid(), number: z.string(), bodyName: z.string(), meetingId: z.uuid() })
      .nullable(),
    responsibleOrganisation: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    indicatorCount: z.number().int(),
    status: z.enum(indicatorStatuses).describe('The worst status of its indicators'),
    statusCounts: z.object({
      on_track: z.number().int(),
      at_risk: z.number().int(),
      off_track: z.number().int(),
      no_data: z.number().int(),
    }),
    version: z.number().int(),
  })
  .meta({ id: 'GoalAgreement' })
export type GoalAgreement = z.infer<typeof goalAgreementSchema>
export const goalAgreementListSchema = z
  .object({
    today: z.string().describe("The district's today, YYYY-MM-DD"),
    items: z.array(goalAgreementSchema),
  })
  .meta({ id: 'GoalAgreementList' })

export const goalAgreementDetailSchema = goalAgreementSchema
  .extend({ indicators: z.array(indicatorSchema), today: z.string() })
  .meta({ id: 'GoalAgreementDetail' })
export type GoalAgreementDetail = z.infer<typeof goalAgreementDetailSchema>

/** The coordinator's start page: how many agreements stand where. */
export const goalAgreementCountsSchema = z.object({
  total: z.number().int(),
  onTrack: z.number().int(),
  atRisk: z.number().int(),
  offTrack: z.number().int(),
  noData: z.number().int(),
})
export type GoalAgreementCounts = z.infer<typeof goalAgreementCountsSchema>
