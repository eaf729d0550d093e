import { z } from 'zod'
import { dueDaySchema, pastRecordDaySchema } from './dates.ts'
import { multiLineText, singleLineText } from './text.ts'

/**
 * The vocabulary of consent (Einwilligung, Schweigepflichtentbindung) shared by the consent
 * ledger, referrals, case conferences and the printable form. A referral may share a field only
 * when a valid consent covers its recipient, its purpose and the field's data category.
 */

/** What a consent allows the recipient to receive the data for. */
export const consentPurposes = [
  'referral',
  'case-conference',
  'information-exchange',
  'legal-sphere-handover',
] as const
export type ConsentPurpose = (typeof consentPurposes)[number]

/** Kinds of personal data; health, residence and benefits are the ones the law guards most. */
export const dataCategories = [
  'identity',
  'contact',
  'residence',
  'benefits',
  'education-work',
  'family',
  'health',
  'case-plan',
] as const
export type DataCategory = (typeof dataCategories)[number]

/** The fields a referral can share, each in exactly one data category. */
export const shareableFields = {
  familyName: 'identity',
  givenNames: 'identity',
  birthDate: 'identity',
  nationalities: 'identity',
  languages: 'identity',
  phone: 'contact',
  email: 'contact',
  address: 'contact',
  residenceStatus: 'residence',
  legalSphere: 'benefits',
  assessment: 'education-work',
  household: 'family',
  goalsAndMeasures: 'case-plan',
} as const satisfies Record<string, DataCategory>
export type ShareableField = keyof typeof shareableFields
export const shareableFieldNames = Object.keys(shareableFields) as ShareableField[]

export function categoryOfField(field: ShareableField): DataCategory {
  return shareableFields[field]
}

/** Art. 6 (1) a and Art. 9 (2) a GDPR, and § 67b (2) SGB X for social data. */
export const consentLegalBases = ['gdpr-6-1-a', 'gdpr-9-2-a', 'sgb-x-67b'] as const
export type ConsentLegalBasis = (typeof consentLegalBases)[number]

export const consentForms = ['written', 'electronic'] as const
export type ConsentForm = (typeof consentForms)[number]

/**
 * Languages the printable form is offered in, always beside German. Arabic and Dari/Farsi run
 * right to left; Tigrinya is written in Ge'ez script.
 */
export const consentFormLanguages = ['ar', 'fa', 'uk', 'ru', 'tr', 'en', 'ti'] as const
export type ConsentFormLanguage = (typeof consentFormLanguages)[number]
export const rightToLeftLanguages: readonly ConsentFormLanguage[] = ['ar', 'fa']

// The API of the consent ledger (issue 10).

/**
 * The version of the consent text a person signs today. The printable form and the i18n texts
 * carry it; every consent records the version it was given on, so a later wording never changes
 * what an earlier signature meant.
 */
export const consentTextVersion = '2026-12'

/** Where a consent stands on a given day. Only `valid` allows sharing. */
export const consentStates = ['valid', 'not-yet-valid', 'expired', 'revoked'] as const
export type ConsentState = (typeof consentStates)[number]

/** The state of a consent on a day (`YYYY-MM-DD`, the district's calendar). */
export function consentStateOn(
  consent: { validFrom: string; validUntil: string; revokedOn: string | null },
  day: string,
): ConsentState {
  if (consent.revokedOn !== null && consent.revokedOn <= day) return 'revoked'
  if (day < consent.validFrom) return 'not-yet-valid'
  if (day > consent.validUntil) return 'expired'
  return 'valid'
}

/** Whether a consent, valid on the day, allows sharing the data categories with an organisation for a purpose. */
export function consentCovers(
  consent: {
    validFrom: string
    validUntil: string
    revokedOn: string | null
    recipientOrganisationIds: readonly string[]
    purposes: readonly string[]
    dataCategories: readonly string[]
  },
  wanted: {
    organisationId: string
    purpose: ConsentPurpose
    dataCategories: readonly DataCategory[]
    on: string
  },
): boolean {
  return (
    consentStateOn(consent, wanted.on) === 'valid' &&
    consent.recipientOrganisationIds.includes(wanted.organisationId) &&
    consent.purposes.includes(wanted.purpose) &&
    wanted.dataCategories.every((category) => consent.dataCategories.includes(category))
  )
}

const uniqueList = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .min(1)
    .max(max)
    .refine((values) => new Set(values).size === values.length, 'duplicate')

/** A consent as the case manager records it. The rule "ends on or after it starts" is the service's (audited). */
export const consentInputSchema = z
  .object({
    recipientOrganisationIds: uniqueList(z.uuid(), 20),
    purposes: uniqueList(z.enum(consentPurposes), consentPurposes.length),
    dataCategories: uniqueList(z.enum(dataCategories), dataCategories.length),
    legalBasis: z.enum(consentLegalBases).default('gdpr-6-1-a'),
    form: z.enum(consentForms).default('written'),
    textVersion: singleLineText().trim().min(1).max(40).default(consentTextVersion),
    formLanguage: z.enum(consentFormLanguages).nullable().default(null),
    validFrom: dueDaySchema,
    validUntil: dueDaySchema,
    note: multiLineText().trim().max(2000).default(''),
  })
  .strict()
  .meta({ id: 'ConsentWrite' })
export type ConsentWrite = z.input<typeof consentInputSchema>

/** The same with the order of the dates, for forms that check before sending. */
export const consentFormSchema = consentInputSchema.refine((input) => input.validUntil >= input.validFrom, {
  path: ['validUntil'],
  message: 'consent-ends-before-start',
})

export const consentRevocationSchema = z
  .object({
    revokedOn: pastRecordDaySchema.optional().describe('The day the person revoked; today when left out'),
    note: multiLineText().trim().max(2000).default(''),
  })
  .strict()
  .meta({ id: 'ConsentRevocation' })

export const consentSchema = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    recipientOrganisationIds: z.array(z.uuid()),
    recipientOrganisations: z.array(z.object({ id: z.uuid(), name: z.string() })),
    purposes: z.array(z.enum(consentPurposes)),
    dataCategories: z.array(z.enum(dataCategories)),
    legalBasis: z.enum(consentLegalBases),
    form: z.enum(consentForms),
    textVersion: z.string(),
    formLanguage: z.enum(consentFormLanguages).nullable(),
    validFrom: z.string(),
    validUntil: z.string(),
    note: z.string(),
    state: z.enum(consentStates).describe("On today's date in the district's calendar"),
    recordedBy: z.string(),
    recordedAt: z.string(),
    revokedOn: z.string().nullable(),
    revokedAt: z.string().nullable(),
    revokedBy: z.string().nullable(),
    revocationNote: z.string().nullable(),
    signedForm: z
      .object({
        fileName: z.string(),
        mediaType: z.string(),
        sizeBytes: z.number().int(),
        uploadedAt: z.string(),
      })
      .nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Consent' })
export type Consent = z.infer<typeof consentSchema>

/**
 * Legal bases for sharing without consent. A referral on one of them needs a reason and is
 * flagged for the data protection officer.
 */
export const overrideLegalBases = ['sgb-x-69-1-1', 'sgb-x-68', 'sgb-viii-8a', 'stgb-34'] as const
export type OverrideLegalBasis = (typeof overrideLegalBases)[number]
