import { z } from 'zod'
import { multiLineText } from './text.ts'

/**
 * The API contract of retention and erasure (issue 14): the district's retention rules, the
 * preview of the next run, legal holds on cases, and erasure of a person on request.
 */

/** Kinds of record a rule is about; each has the start events and actions that make sense for it. */
export const retentionRecordKinds = ['closed-case', 'unattached-person'] as const
export type RetentionRecordKind = (typeof retentionRecordKinds)[number]

export const retentionStartEvents = ['case-closed', 'registered', 'last-activity'] as const
export type RetentionStartEvent = (typeof retentionStartEvents)[number]

export const retentionActions = ['anonymise', 'delete'] as const
export type RetentionAction = (typeof retentionActions)[number]

/**
 * What each kind allows. A closed case is only anonymised: its dates, phase, municipality and
 * contacts feed the statistics of past periods, which must not change (decision 0018).
 */
export const retentionKindOptions: Record<
  RetentionRecordKind,
  { startEvents: readonly RetentionStartEvent[]; actions: readonly RetentionAction[] }
> = {
  'closed-case': { startEvents: ['case-closed'], actions: ['anonymise'] },
  'unattached-person': { startEvents: ['registered', 'last-activity'], actions: ['delete', 'anonymise'] },
}

/** The longest period a rule may name: a hundred years. */
export const maxRetentionMonths = 1200

export const retentionRuleSchema = z.strictObject({
  recordKind: z.enum(retentionRecordKinds),
  startEvent: z.enum(retentionStartEvents),
  periodMonths: z.number().int().min(1).max(maxRetentionMonths),
  action: z.enum(retentionActions),
})
export type RetentionRule = z.infer<typeof retentionRuleSchema>

export const retentionRulesInputSchema = z.strictObject({
  rules: z.array(retentionRuleSchema).min(1).max(retentionRecordKinds.length),
})
export type RetentionRulesInput = z.infer<typeof retentionRulesInputSchema>

export const retentionRulesSchema = z
  .object({
    /** 0 while the district works with the defaults; send it back in If-Match. */
    version: z.number().int(),
    isDefault: z.boolean(),
    rules: z.array(retentionRuleSchema.extend({ isDefault: z.boolean() })),
    lastRun: z
      .object({
        on: z.iso.date(),
        at: z.iso.datetime({ offset: true }),
        counts: z.record(z.string(), z.number()),
      })
      .nullable(),
  })
  .meta({ id: 'RetentionRules' })
export type RetentionRules = z.infer<typeof retentionRulesSchema>

export const retentionPreviewSchema = z
  .object({
    /** The district day the preview is computed for. */
    asOf: z.iso.date(),
    kinds: z.array(
      z.object({
        recordKind: z.enum(retentionRecordKinds),
        action: z.enum(retentionActions),
        /** Records started before this day are due. */
        dueBefore: z.iso.date(),
        count: z.number().int(),
        /** Due, but kept because a legal hold names their case. */
        heldBack: z.number().int(),
        /** References only: a case's file number or a person's record id, never a name. */
        records: z.array(
          z.object({ type: z.enum(['case', 'person']), id: z.uuid(), reference: z.string().nullable() }),
        ),
      }),
    ),
  })
  .meta({ id: 'RetentionPreview' })
export type RetentionPreview = z.infer<typeof retentionPreviewSchema>

const reasonSchema = multiLineText().trim().min(1).max(2000)

// Inputs with trimmed text get no component name: trimmed, input and output differ (see openapi.ts).
export const legalHoldInputSchema = z.strictObject({ reason: reasonSchema })
/** A hold named by the case's file number, as a court or authority names it in its letter. */
export const legalHoldByReferenceSchema = z.strictObject({
  caseReference: z.string().trim().min(1).max(40),
  reason: reasonSchema,
})
export const legalHoldLiftSchema = z.strictObject({ reason: reasonSchema })

export const legalHoldSchema = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    caseReference: z.string(),
    reason: z.string(),
    setBy: z.string(),
    setAt: z.iso.datetime({ offset: true }),
    liftedBy: z.string().nullable(),
    liftedAt: z.iso.datetime({ offset: true }).nullable(),
    liftReason: z.string().nullable(),
  })
  .meta({ id: 'LegalHold' })
export type LegalHold = z.infer<typeof legalHoldSchema>

export const legalHoldListSchema = z.object({ items: z.array(legalHoldSchema) }).meta({ id: 'LegalHoldList' })

/** The ground of Art. 17 (1) GDPR the request rests on: a code, so the audit trail can name it without personal data. */
export const erasureGrounds = [
  'purpose-fulfilled',
  'consent-withdrawn',
  'objection',
  'unlawful',
  'legal-obligation',
] as const
export type ErasureGround = (typeof erasureGrounds)[number]

export const erasureRequestSchema = z
  .object({ reason: z.enum(erasureGrounds) })
  .meta({ id: 'ErasureRequest' })

export const erasureResultSchema = z
  .object({
    personId: z.uuid(),
    action: z.enum(retentionActions),
    cases: z.number().int(),
    erasedOn: z.iso.date(),
  })
  .meta({ id: 'ErasureResult' })
export type ErasureResult = z.infer<typeof erasureResultSchema>
