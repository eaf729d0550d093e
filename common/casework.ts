import { z } from 'zod'
import { abilitiesSchema } from './abilities.ts'
import {
  type CasePhase,
  caseListLimits,
  casePhases,
  caseSorts,
  type LifeDomain,
  lifeDomains,
} from './casework-values.ts'
import {
  dueDaySchema,
  pastLifeDaySchema,
  pastRecordDaySchema,
  pastRecordInstantSchema,
  residenceDaySchema,
} from './dates.ts'
import { originalScriptNameSchema, personNameSchema } from './names.ts'
import { pageOf, paginationQuerySchema } from './pagination.ts'
import { partialDateSchema } from './partial-date.ts'
import { multiLineText, singleLineText } from './text.ts'

/** The API contract of case work (persons, cases, contacts, plans, tasks, documents). */

const isoDateTime = z.iso.datetime({ offset: true })
const optionalText = (max: number) => singleLineText().trim().max(max).default('')
/** Free text over several lines (notes, statements): tab and line breaks allowed. */
const optionalNote = (max: number) => multiLineText().trim().max(max).default('')

export const sexes = ['female', 'male', 'diverse', 'unknown'] as const
export const legalSpheres = ['AsylbLG', 'SGB II', 'SGB III', 'SGB XII', 'none'] as const
export type LegalSphere = (typeof legalSpheres)[number]
/**
 * Residence titles, in the order a KIM office meets them: during asylum, bridging, by purpose of
 * stay (the AufenthG's chapters: § 16 ff. education, § 18 ff. work, § 22 ff. humanitarian), and
 * permanent. Stored as text (no database enum), so new kinds need no migration; `residence-permit`
 * stays for the purposes without a kind of their own (family, § 27 ff.) and for older entries.
 */
export const residenceStatusKinds = [
  'permission-to-reside',
  'toleration',
  'fictional-certificate',
  'residence-permit-education',
  'residence-permit-employment',
  'eu-blue-card',
  'opportunity-card',
  'temporary-protection',
  'residence-permit-humanitarian',
  'residence-permit',
  'settlement-permit',
  'eu-long-term-residence',
  'eu-free-movement',
  'naturalised',
  'visa',
  'other',
] as const
export type ResidenceStatusKind = (typeof residenceStatusKinds)[number]

/** The legal basis of the kinds that have exactly one, filled in when the kind is chosen. */
export const residenceStatusParagraphs: Partial<Record<ResidenceStatusKind, string>> = {
  'permission-to-reside': '§ 55 AsylG',
  toleration: '§ 60a AufenthG',
  'fictional-certificate': '§ 81 Abs. 4 AufenthG',
  'eu-blue-card': '§ 18g AufenthG',
  'opportunity-card': '§ 20a AufenthG',
  'temporary-protection': '§ 24 AufenthG',
  'settlement-permit': '§ 9 AufenthG',
  'eu-long-term-residence': '§ 9a AufenthG',
}

/**
 * Permits named after a group of paragraphs mean little until the paragraph is named (§ 25 Abs. 1
 * is asylum, Abs. 2 refugee protection, Abs. 5 impossible departure; § 16a training, § 16b study):
 * for these the legal basis is required.
 */
export const residenceStatusesNeedingParagraph: readonly ResidenceStatusKind[] = [
  'residence-permit-education',
  'residence-permit-employment',
  'residence-permit-humanitarian',
]

export const householdRelations = ['partner', 'child', 'parent', 'sibling', 'other'] as const

export { type CasePhase, casePhases, caseSorts, type LifeDomain, lifeDomains }
export const lifeDomainSchema = z.enum(lifeDomains)

/**
 * Which phase may follow which. Going back is allowed where the standard loops (a new
 * assessment during planning, replanning after an evaluation); closing is allowed from every
 * open phase because clients move away or withdraw at any time.
 */
export const phaseTransitions: Record<CasePhase, readonly CasePhase[]> = {
  intake: ['assessment', 'closed'],
  assessment: ['planning', 'closed'],
  planning: ['implementation', 'assessment', 'closed'],
  implementation: ['evaluation', 'planning', 'closed'],
  evaluation: ['implementation', 'planning', 'closed'],
  closed: ['intake', 'assessment'],
}

export const closingReasons = [
  'goals-reached',
  'handed-over',
  'moved-away',
  'no-longer-needed',
  'contact-lost',
  'client-withdrew',
  'other',
] as const
export const reopeningReasons = ['new-need', 'goals-not-sustained', 'closed-in-error', 'other'] as const

export const goalStatuses = ['open', 'in-progress', 'achieved', 'dropped'] as const
export const goalOutcomes = ['reached', 'partly', 'not-reached', 'dropped'] as const
export const measureOwners = ['client', 'case-manager', 'partner'] as const
export const measureStatuses = ['planned', 'in-progress', 'done', 'cancelled'] as const
export const contactChannels = [
  'in-person',
  'phone',
  'video',
  'email',
  'home-visit',
  'accompaniment',
] as const

const languageCode = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}$/, 'an ISO 639 code')
const nationalityCode = z.union([
  z
    .string()
    .trim()
    .regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 code'),
  z.enum(['stateless', 'unclear']),
])

export const personLanguageSchema = z.object({
  code: languageCode,
  interpreterNeeded: z.boolean().default(false),
})

export const addressSchema = z.object({
  street: optionalText(200),
  postcode: z
    .string()
    .trim()
    .regex(/^(\d{5})?$/, 'five digits')
    // After the pattern, so that a long entry is told about the pattern; the form's input reads it.
    .max(5)
    .default(''),
  city: optionalText(100),
})

const residenceStatusFields = z.object({
  status: z.enum(residenceStatusKinds),
  legalParagraph: optionalText(60).describe(
    'e.g. § 25 Abs. 2 AufenthG; required for the permits by purpose (§ 16 ff., § 18 ff., § 25)',
  ),
  validFrom: residenceDaySchema.nullable().default(null),
  validUntil: residenceDaySchema.nullable().default(null),
})

export const residenceStatusInputSchema = residenceStatusFields
  .refine(
    (input) => !residenceStatusesNeedingParagraph.includes(input.status) || input.legalParagraph !== '',
    {
      path: ['legalParagraph'],
      message: 'paragraph-required',
    },
  )
  .meta({ id: 'ResidenceStatusWrite' })

/** A phone number as people write it: digits with spaces, slashes, dashes, brackets and a leading +. */
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()/-]{2,28}[0-9]$/, 'phone-invalid')
  .describe('e.g. +49 2241 12345 or 02241/12345')
export const emailSchema = z.string().trim().max(254).pipe(z.email('email-invalid'))

export const personWriteSchema = z
  .object({
    familyName: personNameSchema,
    givenNames: personNameSchema,
    birthName: personNameSchema.nullable().default(null),
    otherSpellings: z.array(personNameSchema).max(10).default([]),
    nameInOriginalScript: originalScriptNameSchema.nullable().default(null),
    birthDate: partialDateSchema.describe('ISO 8601, full or partial: 1988-03-14, 1988-03 or 1988'),
    sex: z.enum(sexes),
    nationalities: z.array(nationalityCode).max(5).default([]),
    languages: z.array(personLanguageSchema).max(8).default([]),
    municipalityId: z.uuid(),
    address: addressSchema.default({ street: '', postcode: '', city: '' }),
    phone: phoneSchema.nullable().default(null),
    email: emailSchema.nullable().default(null),
    arrivalDate: pastLifeDaySchema.nullable().default(null),
    legalSphere: z.enum(legalSpheres).default('none'),
  })
  .strict()
  .meta({ id: 'PersonWrite' })
export type PersonWrite = z.input<typeof personWriteSchema>

export const residenceStatusSchema = residenceStatusFields
  .extend({ id: z.uuid(), recordedAt: isoDateTime })
  .meta({ id: 'ResidenceStatus' })

export const householdMemberSchema = z
  .object({
    personId: z.uuid(),
    relation: z.enum(householdRelations),
    familyName: z.string(),
    givenNames: z.string(),
    birthDate: z.string(),
  })
  .meta({ id: 'HouseholdMember' })

export const personSummarySchema = z
  .object({
    id: z.uuid(),
    familyName: z.string(),
    givenNames: z.string(),
    birthDate: z.string(),
    birthDateIsPlaceholder: z.boolean(),
    sex: z.enum(sexes),
    municipalityId: z.uuid(),
  })
  .meta({ id: 'PersonSummary' })

export const personSchema = personSummarySchema
  .extend({
    birthName: z.string().nullable(),
    otherSpellings: z.array(z.string()),
    nameInOriginalScript: z.string().nullable(),
    nationalities: z.array(z.string()),
    languages: z.array(z.object({ code: z.string(), interpreterNeeded: z.boolean() })),
    address: z.object({ street: z.string(), postcode: z.string(), city: z.string() }),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    arrivalDate: z.string().nullable(),
    legalSphere: z.enum(legalSpheres),
    residenceStatuses: z.array(residenceStatusSchema),
    household: z.array(householdMemberSchema),
    caseIds: z.array(z.uuid()),
    version: z.number().int(),
    abilities: abilitiesSchema,
  })
  .meta({ id: 'Person' })
export type Person = z.infer<typeof personSchema>

export const matchRequestSchema = z
  .object({
    familyName: personNameSchema,
    givenNames: personNameSchema,
    birthDate: partialDateSchema.nullable().default(null),
  })
  .strict()
  .meta({ id: 'MatchRequest' })

export const matchReasonSchema = z.string().describe('A reason code; the UI translates it')
export const matchCandidateSchema = z
  .object({
    personId: z.uuid(),
    score: z.number().min(0).max(1),
    reasons: z.array(matchReasonSchema),
    visible: z.boolean().describe('Whether the actor may open this person; if not, only the team to ask'),
    person: personSummarySchema.nullable(),
    contactTeams: z.array(z.object({ id: z.uuid(), name: z.string() })),
  })
  .meta({ id: 'MatchCandidate' })
export const matchResultSchema = z
  .object({ candidates: z.array(matchCandidateSchema) })
  .meta({ id: 'MatchResult' })
export type MatchCandidateView = z.infer<typeof matchCandidateSchema>

/** A code, not free text: the reason goes into the audit trail, which holds no personal data. */
export const mergeReasons = ['registered-twice', 'confirmed-by-documents', 'name-corrected'] as const
export const mergeRequestSchema = z
  .object({ duplicatePersonId: z.uuid(), reason: z.enum(mergeReasons) })
  .strict()
  .meta({ id: 'MergeRequest' })

export const householdLinkSchema = z
  .object({ relatedPersonId: z.uuid(), relation: z.enum(householdRelations) })
  .strict()
  .meta({ id: 'HouseholdLink' })

// Cases

export const caseCreateSchema = z
  .object({
    personIds: z.array(z.uuid()).min(1).max(12),
    municipalityId: z.uuid(),
    teamId: z.uuid().nullable().default(null),
    managerIds: z.array(z.uuid()).max(4).default([]).describe('Empty: the creating case manager'),
    openedOn: pastRecordDaySchema.optional(),
  })
  .strict()
  .meta({ id: 'CaseCreate' })

export const caseUpdateSchema = z
  .object({
    municipalityId: z.uuid(),
    teamId: z.uuid().nullable(),
    managerIds: z.array(z.uuid()).min(1).max(4),
  })
  .strict()
  .meta({ id: 'CaseUpdate' })

/** What becomes of a case's open tasks when it closes: done, or kept open with their assignees. */
export const openTaskDecisions = ['complete', 'keep'] as const

export const goalOutcomeEntrySchema = z.object({ goalId: z.uuid(), outcome: z.enum(goalOutcomes) })

export const phaseChangeSchema = z
  .object({
    to: z.enum(casePhases),
    closingReason: z.enum(closingReasons).optional(),
    reopeningReason: z.enum(reopeningReasons).optional(),
    note: optionalNote(1000),
    goalOutcomes: z.array(goalOutcomeEntrySchema).max(100).default([]),
    openTasks: z
      .enum(openTaskDecisions)
      .optional()
      .describe(
        'Closing only, and required when the case has open tasks: mark them done, or keep them open with their assignees',
      ),
  })
  .strict()
  .meta({ id: 'PhaseChange' })

export const caseSummarySchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    phase: z.enum(casePhases),
    municipalityId: z.uuid(),
    municipalityName: z.string(),
    teamId: z.uuid().nullable(),
    teamName: z.string().nullable(),
    managers: z.array(z.object({ id: z.uuid(), displayName: z.string() })),
    persons: z.array(personSummarySchema),
    openedOn: z.string(),
    closedOn: z.string().nullable(),
    lastContactOn: z.string().nullable(),
    openTaskCount: z.number().int(),
    overdueTaskCount: z.number().int(),
    version: z.number().int(),
  })
  .meta({ id: 'CaseSummary' })
export type CaseSummary = z.infer<typeof caseSummarySchema>

export const caseSchema = caseSummarySchema
  .extend({
    closingReason: z.enum(closingReasons).nullable(),
    closingNote: z.string().nullable().describe('The note written on closing, while the case is closed'),
    allowedTransitions: z.array(z.enum(casePhases)),
    abilities: abilitiesSchema,
  })
  .meta({ id: 'Case' })
export type Case = z.infer<typeof caseSchema>

export const caseListQuerySchema = paginationQuerySchema.extend({
  phase: z.enum([...casePhases, 'open']).optional(),
  municipalityId: z.uuid().optional(),
  managerId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  domain: lifeDomainSchema.optional().describe('Cases with an open goal or a need level ≥ 2 in this domain'),
  overdueTasks: z.stringbool().optional(),
  residenceExpiringWithinDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(caseListLimits.residenceExpiringWithinDays)
    .optional(),
  q: singleLineText().trim().max(200).optional().describe('A name, searched through the duplicate matcher'),
  sort: z.enum(caseSorts).default('last-contact'),
  direction: z.enum(['asc', 'desc']).default('desc'),
})
export type CaseListQuery = z.infer<typeof caseListQuerySchema>
export const caseListSchema = pageOf(caseSummarySchema).meta({ id: 'CasePage' })

export const caseManagerSchema = z
  .object({ id: z.uuid(), displayName: z.string(), teamIds: z.array(z.uuid()) })
  .meta({ id: 'CaseManager' })

export const savedViewInputSchema = z
  .object({
    name: singleLineText().trim().min(1).max(80),
    filters: z.record(singleLineText(), z.union([singleLineText(), z.number(), z.boolean()])),
  })
  .strict()
  .meta({ id: 'SavedViewWrite' })
export const savedViewSchema = savedViewInputSchema.extend({ id: z.uuid() }).meta({ id: 'SavedView' })

// Assessment and plan

export const assessmentEntrySchema = z.object({
  domain: lifeDomainSchema,
  needLevel: z.number().int().min(0).max(3),
  resources: optionalNote(2000),
  note: optionalNote(2000),
})
export const assessmentInputSchema = z
  .object({
    assessedOn: pastRecordDaySchema,
    entries: z.array(assessmentEntrySchema).min(1).max(lifeDomains.length),
  })
  .strict()
  .meta({ id: 'AssessmentWrite' })
export const assessmentSchema = z
  .object({
    id: z.uuid(),
    assessedOn: z.string(),
    createdBy: z.string(),
    entries: z.array(
      z.object({
        domain: lifeDomainSchema,
        needLevel: z.number().int(),
        resources: z.string(),
        note: z.string(),
      }),
    ),
  })
  .meta({ id: 'Assessment' })
export type Assessment = z.infer<typeof assessmentSchema>

export const goalInputSchema = z
  .object({
    domain: lifeDomainSchema,
    statement: multiLineText().trim().min(3).max(500),
    indicator: optionalText(500),
    targetDate: dueDaySchema.nullable().default(null),
    status: z.enum(goalStatuses).default('open'),
  })
  .strict()
  .meta({ id: 'GoalWrite' })
export const goalSchema = z
  .object({
    id: z.uuid(),
    domain: lifeDomainSchema,
    statement: z.string(),
    indicator: z.string(),
    targetDate: z.string().nullable(),
    status: z.enum(goalStatuses),
    outcome: z.enum(goalOutcomes).nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Goal' })
export type Goal = z.infer<typeof goalSchema>

export const measureInputSchema = z
  .object({
    goalId: z.uuid().nullable().default(null),
    description: multiLineText().trim().min(3).max(500),
    owner: z.enum(measureOwners),
    organisationId: z.uuid().nullable().default(null),
    dueOn: dueDaySchema.nullable().default(null),
    status: z.enum(measureStatuses).default('planned'),
  })
  .strict()
  .meta({ id: 'MeasureWrite' })
export const measureSchema = z
  .object({
    id: z.uuid(),
    goalId: z.uuid().nullable(),
    description: z.string(),
    owner: z.enum(measureOwners),
    organisationId: z.uuid().nullable(),
    organisationName: z.string().nullable(),
    dueOn: z.string().nullable(),
    status: z.enum(measureStatuses),
    version: z.number().int(),
  })
  .meta({ id: 'Measure' })
export type Measure = z.infer<typeof measureSchema>

export const planSchema = z
  .object({ goals: z.array(goalSchema), measures: z.array(measureSchema) })
  .meta({ id: 'Plan' })

// Contacts and short consultations

export const contactInputSchema = z
  .object({
    occurredAt: pastRecordInstantSchema,
    durationMinutes: z.number().int().min(1).max(600),
    channel: z.enum(contactChannels),
    participantPersonIds: z.array(z.uuid()).max(12).default([]),
    otherParticipants: optionalText(300),
    language: languageCode,
    interpreterUsed: z.boolean().default(false),
    interpreterLanguage: languageCode.nullable().default(null),
    domains: z.array(lifeDomainSchema).min(1).max(lifeDomains.length),
    note: optionalNote(5000),
  })
  .strict()
  .meta({ id: 'ContactWrite' })
export const contactSchema = z
  .object({
    id: z.uuid(),
    occurredAt: z.string(),
    durationMinutes: z.number().int(),
    channel: z.enum(contactChannels),
    participantPersonIds: z.array(z.uuid()),
    otherParticipants: z.string(),
    language: z.string(),
    interpreterUsed: z.boolean(),
    interpreterLanguage: z.string().nullable(),
    domains: z.array(lifeDomainSchema),
    note: z.string(),
    createdBy: z.string(),
  })
  .meta({ id: 'Contact' })
export type Contact = z.infer<typeof contactSchema>

export const shortConsultationInputSchema = z
  .object({
    occurredOn: pastRecordDaySchema,
    municipalityId: z.uuid(),
    domains: z.array(lifeDomainSchema).min(1).max(lifeDomains.length),
    language: languageCode,
    channel: z.enum(contactChannels),
  })
  .strict()
  .meta({ id: 'ShortConsultationWrite' })
export const shortConsultationSchema = shortConsultationInputSchema
  .extend({ id: z.uuid() })
  .meta({ id: 'ShortConsultation' })

// Tasks

/** Groups of the reminders list, in its order; `done` only when done tasks are asked for. */
export const taskDueGroups = ['overdue', 'today', 'this-week', 'later', 'done'] as const

/**
 * Who made a task: a user, the residence-expiry job, the network (referral follow-up, hand-over,
 * conference), steering (action items) or staffing (its early warnings).
 */
export const taskSources = [
  'manual',
  'residence-expiry',
  'referral-follow-up',
  'legal-sphere-handover',
  'case-conference',
  'meeting-action',
  'staffing-warning',
] as const
export type TaskSource = (typeof taskSources)[number]

export const taskInputSchema = z
  .object({
    title: singleLineText().trim().min(2).max(200),
    dueOn: dueDaySchema,
    assigneeId: z.uuid().optional().describe('Empty: myself'),
    caseId: z.uuid().nullable().default(null),
    personId: z.uuid().nullable().default(null),
  })
  .strict()
  .meta({ id: 'TaskWrite' })
export const taskUpdateSchema = z
  .object({
    title: singleLineText().trim().min(2).max(200),
    dueOn: dueDaySchema,
    assigneeId: z.uuid(),
    done: z.boolean(),
  })
  .strict()
  .meta({ id: 'TaskUpdate' })
export const taskSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    dueOn: z.string(),
    assigneeId: z.uuid(),
    assigneeName: z.string(),
    caseId: z.uuid().nullable(),
    caseReference: z.string().nullable(),
    personId: z.uuid().nullable(),
    source: z.enum(taskSources),
    doneAt: z.string().nullable(),
    overdue: z.boolean(),
    dueGroup: z
      .enum(taskDueGroups)
      .describe('Where the task falls, counted in calendar days of Europe/Berlin; weeks end on Sunday'),
    person: z
      .object({ id: z.uuid(), familyName: z.string(), givenNames: z.string() })
      .nullable()
      .describe('The client the task is about, when the actor may see them'),
    residence: z
      .object({ status: z.enum(residenceStatusKinds), validUntil: z.string() })
      .nullable()
      .describe('For reminders of an expiring residence title: the title and the day it runs out'),
    version: z.number().int(),
  })
  .meta({ id: 'Task' })
export type Task = z.infer<typeof taskSchema>
export type TaskDueGroup = (typeof taskDueGroups)[number]
export const taskListQuerySchema = paginationQuerySchema.extend({
  include: z.enum(['open', 'all']).default('open'),
  group: z.enum(taskDueGroups).optional().describe('Only the tasks of this group; total counts them'),
})
export const taskPageSchema = pageOf(taskSchema)
  .extend({
    groups: z
      .object({
        overdue: z.number().int(),
        today: z.number().int(),
        'this-week': z.number().int(),
        later: z.number().int(),
        done: z.number().int(),
      })
      .describe('How many tasks of the whole list (all pages) fall into each group'),
  })
  .meta({ id: 'TaskPage' })
export type TaskPage = z.infer<typeof taskPageSchema>

// Documents

export const documentSchema = z
  .object({
    id: z.uuid(),
    fileName: z.string(),
    mediaType: z.string(),
    sizeBytes: z.number().int(),
    uploadedAt: z.string(),
    uploadedBy: z.string(),
  })
  .meta({ id: 'Document' })
export type CaseDocument = z.infer<typeof documentSchema>

// Timeline

export const timelineKinds = [
  'contact',
  'phase-change',
  'assessment',
  'goal',
  'measure',
  'task',
  'document',
  'case-opened',
  'legal-sphere-change',
  'case-conference',
  // From the network (issue 10), through CaseTimelineSource.
  'consent',
  'consent-revoked',
  'referral',
] as const
export const timelineEntrySchema = z
  .object({
    kind: z.enum(timelineKinds),
    id: z.string(),
    at: z.string(),
    actorName: z.string().nullable(),
    summary: z.record(
      z.string(),
      z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]),
    ),
  })
  .meta({ id: 'TimelineEntry' })
export type TimelineEntry = z.infer<typeof timelineEntrySchema>

export const caseWorkSettingsSchema = z
  .object({
    teamCasesVisibleToCaseManagers: z.boolean(),
    residenceExpiryLeadDays: z.number().int().min(7).max(365),
  })
  .strict()
  .meta({ id: 'CaseWorkSettings' })
export type CaseWorkSettings = z.infer<typeof caseWorkSettingsSchema>
