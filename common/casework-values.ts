// Value lists of case work without zod, so that the web app's first load (router, sign-in, start
// page) can use them without pulling the schema library in; casework.ts re-exports them.

/** Life domains (Handlungsfelder) of the assessment, the plan and the contacts. */
export const lifeDomains = [
  'residence',
  'language',
  'education',
  'vocational-training',
  'work',
  'income',
  'housing',
  'health',
  'family',
  'participation',
  'naturalisation',
  'other',
] as const
export type LifeDomain = (typeof lifeDomains)[number]

/**
 * The life domains' names in the documents the server writes (concept, conference summary,
 * access report); the web has the same words in its locale files.
 */
export const lifeDomainNames: Record<'de' | 'en', Record<LifeDomain, string>> = {
  de: {
    residence: 'Aufenthalt',
    language: 'Sprache',
    education: 'Schule und Bildung',
    'vocational-training': 'Ausbildung',
    work: 'Arbeit und Anerkennung',
    income: 'Einkommen und Leistungen',
    housing: 'Wohnen',
    health: 'Gesundheit',
    family: 'Familie und Kinderbetreuung',
    participation: 'Soziale Teilhabe',
    naturalisation: 'Einbürgerung',
    other: 'Sonstiges',
  },
  en: {
    residence: 'Residence',
    language: 'Language',
    education: 'School and education',
    'vocational-training': 'Vocational training',
    work: 'Work and recognition',
    income: 'Income and benefits',
    housing: 'Housing',
    health: 'Health',
    family: 'Family and childcare',
    participation: 'Social participation',
    naturalisation: 'Naturalisation',
    other: 'Other',
  },
}

/** DGCC case-management phases, in their regular order. */
export const casePhases = [
  'intake',
  'assessment',
  'planning',
  'implementation',
  'evaluation',
  'closed',
] as const
export type CasePhase = (typeof casePhases)[number]

export const caseSorts = ['reference', 'opened', 'last-contact', 'name', 'phase'] as const

/**
 * Limits of the case list's filters, shared by the API's query schema and the web's reading of the
 * address (which must stay without zod, see above), so that neither retypes them.
 */
export const caseListLimits = {
  residenceExpiringWithinDays: 730,
  searchLength: 200,
  pages: 100_000,
} as const
