import { z } from 'zod'
import { dueDaySchema } from './dates.ts'
import { singleLineText } from './text.ts'

/**
 * The API contract of staffing and funding (issue 12): positions (Stellen) by Baustein, staff
 * members and their fixed-term contracts, the dated tables of funding rates and pay-grade costs,
 * early warnings, the budget of a fiscal year and the caseload per case-management FTE.
 */

/** Baustein 1 (coordination, administrative assistance), 2 (case management), 3 (immigration office). */
export const bausteine = [
  'coordination',
  'administrative-assistance',
  'case-management',
  'immigration-office',
] as const
export type Baustein = (typeof bausteine)[number]
/** The number of the state programme's building block each kind of position belongs to. */
export const bausteinNumber: Record<Baustein, 1 | 2 | 3> = {
  coordination: 1,
  'administrative-assistance': 1,
  'case-management': 2,
  'immigration-office': 3,
}

export const employerKinds = ['district', 'municipality', 'welfare-association'] as const
export type EmployerKind = (typeof employerKinds)[number]

export const positionStates = [
  'filled',
  'partly-filled',
  'vacant',
  'in-recruitment',
  'over-assigned',
] as const
export type PositionState = (typeof positionStates)[number]

export const fundingRateKinds = ['per-fte-year', 'workplace-once'] as const
export type FundingRateKind = (typeof fundingRateKinds)[number]

export const warningKinds = [
  'contract-ending',
  'position-vacant',
  'funding-ending',
  'position-over-assigned',
  'position-under-assigned',
] as const
export type WarningKind = (typeof warningKinds)[number]

const text = (max: number) => singleLineText().trim().max(max)
const day = dueDaySchema
/** An FTE share has at most three decimals (0.125); more precision is a typo. */
const thousandths = (value: number) => Math.abs(value * 1000 - Math.round(value * 1000)) < 1e-6
// The smallest share three decimals can hold: anything between 0 and 0.001 is not "more than 0"
// once stored, so it is refused here rather than by the database's check.
const fteOf = (max: number) =>
  z.number().min(0.001, 'fte-out-of-range').max(max, 'fte-out-of-range').refine(thousandths, 'fte-precision')
const money = z
  .number()
  .min(0)
  .max(100_000_000)
  .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, 'amount-precision')

const orderedPeriod =
  (from: string, until: string) =>
  (value: Record<string, unknown>): boolean => {
    const start = value[from]
    const end = value[until]
    return typeof start !== 'string' || typeof end !== 'string' || start <= end
  }

export const positionInputSchema = z
  .object({
    baustein: z.enum(bausteine),
    title: text(200).min(1),
    fte: fteOf(10).describe('Full-time equivalents of the position (VZÄ)'),
    employerKind: z.enum(employerKinds).default('district'),
    employerOrganisationId: z.uuid().nullable().default(null),
    municipalityId: z.uuid().nullable().default(null),
    area: text(200).default(''),
    payGrade: text(30).default('').describe('TVöD group, e.g. "EG 11"; the key of the pay-grade cost table'),
    fundingProgramme: text(200).default(''),
    fundedFrom: day.nullable().default(null),
    fundedUntil: day.nullable().default(null),
    workplaceSetUpOn: day
      .nullable()
      .default(null)
      .describe("A newly set-up workplace: the day, whose year earns the programme's one-off amount"),
    inRecruitment: z.boolean().default(false),
  })
  .strict()
  .refine(orderedPeriod('fundedFrom', 'fundedUntil'), {
    message: 'period-ends-before-start',
    path: ['fundedUntil'],
  })

export const contractHolderSchema = z
  .object({ id: z.uuid().nullable(), name: z.string(), userId: z.uuid().nullable() })
  .meta({ id: 'ContractHolder' })

export const contractSchema = z
  .object({
    id: z.uuid(),
    positionId: z.uuid(),
    positionTitle: z.string(),
    baustein: z.enum(bausteine),
    staffMemberId: z.uuid().nullable(),
    staffName: z.string().describe('"N. N." while nobody is named'),
    fte: z.number(),
    startsOn: z.string(),
    endsOn: z.string().nullable(),
    fixedTermReason: z.string(),
    plannedDeparture: z.object({ leavesOn: z.string(), note: z.string() }).nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Contract' })
export type Contract = z.infer<typeof contractSchema>

export const contractVersionSchema = z
  .object({
    version: z.number().int(),
    fte: z.number(),
    startsOn: z.string(),
    endsOn: z.string().nullable(),
    fixedTermReason: z.string(),
    changedAt: z.string(),
  })
  .meta({ id: 'ContractVersion' })

export const contractDetailSchema = contractSchema
  .extend({ history: z.array(contractVersionSchema) })
  .meta({ id: 'ContractDetail' })
export type ContractDetail = z.infer<typeof contractDetailSchema>

export const contractListSchema = z.object({ items: z.array(contractSchema) }).meta({ id: 'ContractList' })

const staffMemberInputSchema = z
  .object({
    familyName: text(200).min(1),
    givenNames: text(200).default(''),
    userId: z.uuid().nullable().default(null),
  })
  .strict()

const contractFields = {
  fte: fteOf(1).describe('Share of a full-time job, more than 0 and at most 1'),
  startsOn: day,
  endsOn: day.nullable().describe('null: open-ended'),
  fixedTermReason: text(300).default(''),
}

export const contractInputSchema = z
  .object({
    positionId: z.uuid(),
    ...contractFields,
    staffMemberId: z.uuid().nullable().default(null),
    staffMember: staffMemberInputSchema.nullable().default(null).describe('A new staff member to enter'),
  })
  .strict()
  .refine(orderedPeriod('startsOn', 'endsOn'), { message: 'period-ends-before-start', path: ['endsOn'] })
  .refine((value) => value.staffMemberId === null || value.staffMember === null, {
    message: 'staff-member-twice',
    path: ['staffMember'],
  })

export const contractUpdateSchema = z
  .object({
    ...contractFields,
    plannedDeparture: z
      .object({ leavesOn: day, note: text(500).default('') })
      .strict()
      .nullable()
      .default(null),
  })
  .strict()
  .refine(orderedPeriod('startsOn', 'endsOn'), { message: 'period-ends-before-start', path: ['endsOn'] })

export const positionSchema = z
  .object({
    id: z.uuid(),
    baustein: z.enum(bausteine),
    title: z.string(),
    fte: z.number(),
    employerKind: z.enum(employerKinds),
    employerOrganisationId: z.uuid().nullable(),
    employerOrganisationName: z.string().nullable(),
    municipalityId: z.uuid().nullable(),
    municipalityName: z.string().nullable(),
    area: z.string(),
    payGrade: z.string(),
    fundingProgramme: z.string(),
    fundedFrom: z.string().nullable(),
    fundedUntil: z.string().nullable(),
    workplaceSetUpOn: z.string().nullable(),
    inRecruitment: z.boolean(),
    assignedFte: z.number().describe('Sum of the shares of contracts running today'),
    state: z.enum(positionStates),
    holders: z.array(z.string()).describe('Names of the staff on the position today'),
    version: z.number().int(),
  })
  .meta({ id: 'Position' })
export type Position = z.infer<typeof positionSchema>

export const positionListSchema = z.object({ items: z.array(positionSchema) }).meta({ id: 'PositionList' })
export const positionDetailSchema = positionSchema
  .extend({ contracts: z.array(contractSchema) })
  .meta({ id: 'PositionDetail' })
export type PositionDetail = z.infer<typeof positionDetailSchema>

export const fundingRateInputSchema = z
  .object({
    baustein: z.enum(bausteine),
    kind: z.enum(fundingRateKinds).default('per-fte-year'),
    amount: money.describe('EUR a year for `fteBasis` FTE, or once per workplace'),
    fteBasis: fteOf(10).default(1),
    validFrom: day,
    validUntil: day,
    programme: text(200).default(''),
  })
  .strict()
  .refine(orderedPeriod('validFrom', 'validUntil'), {
    message: 'period-ends-before-start',
    path: ['validUntil'],
  })

export const fundingRateSchema = z
  .object({
    id: z.uuid(),
    baustein: z.enum(bausteine),
    kind: z.enum(fundingRateKinds),
    amount: z.number(),
    fteBasis: z.number(),
    validFrom: z.string(),
    validUntil: z.string(),
    programme: z.string(),
  })
  .meta({ id: 'FundingRate' })
export const fundingRateListSchema = z
  .object({ items: z.array(fundingRateSchema) })
  .meta({ id: 'FundingRateList' })

export const fundingRateCloseSchema = z
  .object({ validUntil: day.describe('The last day the rate applies; within its validity') })
  .strict()

export const payGradeInputSchema = z
  .object({
    payGrade: text(30).min(1),
    annualCost: money.describe("Employer's annual cost of one FTE, EUR"),
    validFrom: day,
    validUntil: day.nullable().default(null),
  })
  .strict()
  .refine(orderedPeriod('validFrom', 'validUntil'), {
    message: 'period-ends-before-start',
    path: ['validUntil'],
  })

export const payGradeSchema = z
  .object({
    id: z.uuid(),
    payGrade: z.string(),
    annualCost: z.number(),
    validFrom: z.string(),
    validUntil: z.string().nullable(),
  })
  .meta({ id: 'PayGradeCost' })
export const payGradeListSchema = z
  .object({ items: z.array(payGradeSchema) })
  .meta({ id: 'PayGradeCostList' })

export const warningsQuerySchema = z
  .object({ horizonMonths: z.coerce.number().int().min(1).max(36).default(6) })
  .strict()

export const warningSchema = z
  .object({
    kind: z.enum(warningKinds),
    date: z.string().describe('The day the gap or end begins'),
    positionId: z.uuid(),
    positionTitle: z.string(),
    baustein: z.enum(bausteine),
    contractId: z.uuid().nullable(),
    staffName: z.string().nullable(),
    fte: z.number().describe('Position FTE, or the contract share for contract-ending'),
    assignedFte: z.number().nullable().describe('Assigned FTE on that day (position warnings)'),
    plannedDeparture: z.boolean(),
  })
  .meta({ id: 'StaffingWarning' })
export type StaffingWarning = z.infer<typeof warningSchema>
export const warningListSchema = z
  .object({ horizonMonths: z.number(), today: z.string(), until: z.string(), items: z.array(warningSchema) })
  .meta({ id: 'StaffingWarningList' })

export const budgetQuerySchema = z
  .object({
    year: z.coerce
      .number()
      .int()
      .min(2000)
      .max(2100)
      .optional()
      .describe("Fiscal year; the district's current one when left out"),
  })
  .strict()

const figures = {
  fteMonthsAssigned: z.number(),
  fteMonthsFunded: z.number(),
  personnelCost: z.number(),
  funding: z.number().describe('Flat-rate funding for the FTE-months plus one-off workplace amounts'),
  districtShare: z.number().describe('Personnel cost minus funding'),
}

export const budgetPositionSchema = z
  .object({
    positionId: z.uuid(),
    title: z.string(),
    baustein: z.enum(bausteine),
    employerKind: z.enum(employerKinds),
    fte: z.number(),
    payGrade: z.string(),
    ...figures,
    workplaceFunding: z.number(),
    missingPayGrade: z.boolean().describe('Contract days without a pay-grade cost: counted at 0'),
  })
  .meta({ id: 'BudgetPosition' })
export type BudgetPosition = z.infer<typeof budgetPositionSchema>

export const budgetBausteinSchema = z
  .object({ baustein: z.enum(bausteine), bausteinNumber: z.number().int(), ...figures })
  .meta({ id: 'BudgetBaustein' })
export type BudgetBaustein = z.infer<typeof budgetBausteinSchema>

export const budgetSchema = z
  .object({
    year: z.number().int(),
    positions: z.array(budgetPositionSchema),
    bausteine: z.array(budgetBausteinSchema),
    totals: z.object(figures),
  })
  .meta({ id: 'Budget' })
export type Budget = z.infer<typeof budgetSchema>

export const timelineQuerySchema = z
  .object({ months: z.coerce.number().int().min(1).max(36).default(24) })
  .strict()

export const timelineSegmentSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    assignedFte: z.number(),
    state: z.enum(positionStates),
    holders: z.array(z.string()),
  })
  .meta({ id: 'TimelineSegment' })
export type TimelineSegment = z.infer<typeof timelineSegmentSchema>

export const timelineSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    rows: z.array(
      z.object({
        positionId: z.uuid(),
        title: z.string(),
        baustein: z.enum(bausteine),
        employerKind: z.enum(employerKinds),
        fte: z.number(),
        segments: z.array(timelineSegmentSchema),
      }),
    ),
  })
  .meta({ id: 'StaffingTimeline' })
export type StaffingTimeline = z.infer<typeof timelineSchema>

export const caseloadQuerySchema = z
  .object({ months: z.coerce.number().int().min(1).max(24).default(12) })
  .strict()

export const caseloadGroupings = ['district', 'municipality', 'team'] as const
export const caseloadRowSchema = z
  .object({
    month: z.string().describe('YYYY-MM'),
    by: z.enum(caseloadGroupings).describe('district: the whole district; municipality or team: one of them'),
    municipalityId: z.uuid().nullable().describe('Set on rows by municipality'),
    municipalityName: z.string().nullable(),
    teamId: z.uuid().nullable().describe('Set on rows by team'),
    teamName: z.string().nullable(),
    activeCases: z.number().int().nullable().describe('null: fewer than the minimum count, withheld'),
    contacts: z.number().int().nullable(),
    fte: z.number().describe('Case-management FTE on average in the month'),
    casesPerFte: z.number().nullable(),
    contactsPerFte: z.number().nullable(),
  })
  .meta({ id: 'CaseloadRow' })
export type CaseloadRow = z.infer<typeof caseloadRowSchema>
export const caseloadSchema = z
  .object({ months: z.array(z.string()), minimumCount: z.number().int(), rows: z.array(caseloadRowSchema) })
  .meta({ id: 'Caseload' })
export type Caseload = z.infer<typeof caseloadSchema>
