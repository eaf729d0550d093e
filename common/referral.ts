import { z } from 'zod'
import {
  consentPurposes,
  consentStates,
  overrideLegalBases,
  type ShareableField,
  shareableFieldNames,
} from './consent.ts'
import { dueDaySchema } from './dates.ts'
import { pageOf, paginationQuerySchema } from './pagination.ts'
import { multiLineText } from './text.ts'

/** Referrals (Vermittlung, Überleitung) from a case to a partner organisation, and the partner inbox. */

export const referralStatuses = ['draft', 'sent', 'accepted', 'declined', 'completed', 'cancelled'] as const
export type ReferralStatus = (typeof referralStatuses)[number]

/** Which step leads from which status. Completing and declining are the partner's, the rest the case manager's. */
export const referralSteps = {
  send: { from: ['draft'], to: 'sent' },
  accept: { from: ['sent'], to: 'accepted' },
  decline: { from: ['sent'], to: 'declined' },
  complete: { from: ['accepted'], to: 'completed' },
  cancel: { from: ['draft', 'sent', 'accepted'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly ReferralStatus[]; to: ReferralStatus }>
export type ReferralStep = keyof typeof referralSteps

const fieldList = z
  .array(z.enum(shareableFieldNames as [ShareableField, ...ShareableField[]]))
  .min(1)
  .max(shareableFieldNames.length)
  .refine((values) => new Set(values).size === values.length, 'duplicate')

export const referralInputSchema = z
  .object({
    organisationId: z.uuid(),
    serviceId: z
      .uuid()
      .nullable()
      .default(null)
      .describe("One of the organisation's current services, when the referral goes to it"),
    consentId: z
      .uuid()
      .nullable()
      .default(null)
      .describe('The consent it rests on; null only with an override'),
    personId: z
      .uuid()
      .optional()
      .describe('The person referred; taken from the consent when left out, required with an override'),
    purpose: z.enum(consentPurposes).default('referral'),
    sharedFields: fieldList.describe(
      'Chosen explicitly; each must lie in a data category the consent covers',
    ),
    dueOn: dueDaySchema.describe('Answer due by'),
    message: multiLineText().trim().max(2000).default(''),
    measureId: z.uuid().nullable().default(null).describe('A measure of the plan owned by the organisation'),
    draft: z.boolean().default(false).describe('Keep as draft instead of sending at once'),
    override: z
      .object({
        legalBasis: z.enum(overrideLegalBases),
        reason: multiLineText().trim().min(10).max(2000),
      })
      .strict()
      .nullable()
      .default(null)
      .describe('Sharing without consent on a legal basis; flagged for the data protection officer'),
  })
  .strict()
  .meta({ id: 'ReferralWrite' })
export type ReferralWrite = z.input<typeof referralInputSchema>

export const referralAcceptSchema = z
  .object({
    completeBy: dueDaySchema.nullable().default(null),
    note: multiLineText().trim().max(2000).default(''),
  })
  .strict()
  .meta({ id: 'ReferralAccept' })
export const referralDeclineSchema = z
  .object({ reason: multiLineText().trim().min(3).max(2000) })
  .strict()
  .meta({ id: 'ReferralDecline' })
export const referralCompleteSchema = z
  .object({ feedback: multiLineText().trim().min(3).max(4000) })
  .strict()
  .meta({ id: 'ReferralComplete' })
export const referralNoteSchema = z
  .object({ note: multiLineText().trim().max(2000).default('') })
  .strict()
  .meta({ id: 'ReferralNote' })

const sharedValue = z.union([
  z.string(),
  z.array(z.string()),
  z.record(z.string(), z.unknown()),
  z.array(z.record(z.string(), z.unknown())),
  z.null(),
])

export const referralSchema = z
  .object({
    id: z.uuid(),
    caseId: z.uuid().nullable().describe("Only for the case's readers"),
    caseReference: z.string().nullable(),
    personId: z.uuid().nullable().describe("Only for the case's readers"),
    organisation: z.object({ id: z.uuid(), name: z.string() }),
    service: z
      .object({
        id: z.uuid().nullable().describe('Null once the organisation has deleted the service'),
        name: z.string().describe('As it was named when referred'),
      })
      .nullable()
      .describe('The service referred to; null for a referral to the organisation as a whole'),
    purpose: z.enum(consentPurposes),
    sharedFields: z.array(z.enum(shareableFieldNames as [ShareableField, ...ShareableField[]])),
    sharedData: z
      .record(z.string(), sharedValue)
      .nullable()
      .describe('The shared fields and nothing else; null while no valid consent (or legal basis) holds'),
    consentId: z.uuid().nullable(),
    consentState: z.enum(consentStates).nullable().describe('Today; null for a referral on a legal basis'),
    override: z.object({ legalBasis: z.enum(overrideLegalBases), reason: z.string() }).nullable(),
    message: z.string().nullable(),
    measureId: z.uuid().nullable(),
    dueOn: z.string(),
    overdue: z.boolean(),
    completeBy: z.string().nullable(),
    status: z.enum(referralStatuses),
    feedback: z.string().nullable(),
    referredBy: z.string(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    answeredAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    history: z.array(
      z.object({
        from: z.enum(referralStatuses).nullable(),
        to: z.enum(referralStatuses),
        at: z.string(),
        by: z.string(),
        note: z.string(),
      }),
    ),
    abilities: z.record(z.string(), z.boolean()),
    version: z.number().int(),
  })
  .meta({ id: 'Referral' })
export type Referral = z.infer<typeof referralSchema>

export const referralQuerySchema = z
  .object({
    fields: z
      .string()
      .max(500)
      .optional()
      .describe('Comma-separated shared fields to return; asking for one not shared is refused'),
  })
  .strict()

export const inboxQuerySchema = paginationQuerySchema.extend({
  status: z.enum(['sent', 'accepted', 'declined', 'completed', 'cancelled']).optional(),
  include: z.enum(['open', 'all']).default('open'),
})

export const inboxItemSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(referralStatuses),
    purpose: z.enum(consentPurposes),
    serviceName: z.string().nullable().describe('The service referred to, as named when referred'),
    dueOn: z.string(),
    overdue: z.boolean(),
    completeBy: z.string().nullable(),
    sentAt: z.string().nullable(),
    referredBy: z.string(),
    consentValid: z.boolean(),
    person: z
      .object({ familyName: z.string().nullable(), givenNames: z.string().nullable() })
      .nullable()
      .describe('Only the names that were shared, and only while the consent holds'),
  })
  .meta({ id: 'InboxItem' })
export type InboxItem = z.infer<typeof inboxItemSchema>
export const inboxPageSchema = pageOf(inboxItemSchema).meta({ id: 'InboxPage' })
export type InboxPage = z.infer<typeof inboxPageSchema>
