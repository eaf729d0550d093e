import { z } from 'zod'
import { dueDaySchema, pastRecordDaySchema } from './dates.ts'
import { multiLineText, singleLineText } from './text.ts'

/**
 * Case conferences (Fallkonferenz: the partners of one case at one table; Planungskonferenz: the
 * plan agreed with them). Every participating organisation needs the person's valid consent for
 * the purpose `case-conference`; the summary shared there is pseudonymised.
 */

export const conferenceKinds = ['case-conference', 'planning-conference'] as const
export type ConferenceKind = (typeof conferenceKinds)[number]

/** Age groups of the pseudonymised summary: wide enough that an age cannot single anyone out. */
export const ageGroups = ['0-5', '6-17', '18-26', '27-44', '45-64', '65+'] as const
export type AgeGroup = (typeof ageGroups)[number]

export const summaryLanguages = ['de', 'en'] as const

export const conferenceInputSchema = z
  .object({
    kind: z.enum(conferenceKinds),
    heldOn: pastRecordDaySchema,
    participants: z
      .array(
        z
          .object({
            organisationId: z.uuid(),
            people: singleLineText()
              .trim()
              .max(300)
              .default('')
              .describe('Who attended for the organisation'),
          })
          .strict(),
      )
      .min(1)
      .max(20)
      .refine(
        (list) => new Set(list.map((each) => each.organisationId)).size === list.length,
        'duplicate-organisation',
      ),
    staff: singleLineText().trim().max(300).default('').describe('Who attended for the KIM office'),
    summary: multiLineText()
      .trim()
      .min(1)
      .max(4000)
      .describe('Pseudonymised: no names, birth dates, addresses or case numbers (the server checks)'),
    outcomes: multiLineText().trim().max(4000).default(''),
    actions: z
      .array(
        z
          .object({
            description: singleLineText().trim().min(2).max(200),
            assigneeId: z.uuid(),
            dueOn: dueDaySchema,
          })
          .strict(),
      )
      .max(30)
      .default([])
      .describe('Agreed actions; each becomes a task for its assignee'),
  })
  .strict()
  .meta({ id: 'CaseConferenceWrite' })

export const conferenceDraftQuerySchema = z.object({
  heldOn: pastRecordDaySchema.optional().describe("The conference's day; today when left out"),
  language: z.enum(summaryLanguages).default('de'),
})

/** Before a conference: the drafted summary and, per organisation of the district, whether consent covers it. */
export const conferenceDraftSchema = z
  .object({
    summary: z.string(),
    organisations: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        consented: z
          .boolean()
          .describe(
            "Every person of the case has a valid consent for 'case-conference' naming it, on heldOn",
          ),
      }),
    ),
  })
  .meta({ id: 'CaseConferenceDraft' })
export type ConferenceDraft = z.infer<typeof conferenceDraftSchema>

export const conferenceSchema = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    kind: z.enum(conferenceKinds),
    heldOn: z.string(),
    participants: z.array(
      z.object({
        organisationId: z.uuid().nullable(),
        organisationName: z.string(),
        people: z.string(),
        consentIds: z.array(z.uuid()),
      }),
    ),
    staff: z.string(),
    summary: z.string(),
    outcomes: z.string(),
    actions: z.array(
      z.object({
        id: z.uuid(),
        description: z.string(),
        assigneeId: z.uuid(),
        assigneeName: z.string(),
        dueOn: z.string(),
        taskId: z.uuid().nullable(),
        done: z.boolean(),
      }),
    ),
    recordedBy: z.string(),
    recordedAt: z.string(),
  })
  .meta({ id: 'CaseConference' })
export type Conference = z.infer<typeof conferenceSchema>

/**
 * The district's conferences. Who works on the case sees its reference; the coordination sees when,
 * which kind and with which organisations, and nothing of the case.
 */
export const conferenceListItemSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(conferenceKinds),
    heldOn: z.string(),
    organisations: z.array(z.string()),
    actionCount: z.number().int(),
    openActionCount: z.number().int(),
    case: z.object({ id: z.uuid(), reference: z.string() }).nullable(),
  })
  .meta({ id: 'CaseConferenceListItem' })
export type ConferenceListItem = z.infer<typeof conferenceListItemSchema>
