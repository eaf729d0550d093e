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
