import { z } from 'zod'
import { filterDaySchema } from './dates.ts'
import { multiLineText } from './text.ts'

/** Break-glass (decision 0021): the shortest reason a case manager must state to open a case outside their caseload. */
export const breakGlassReasonMinLength = 15

export const breakGlassInputSchema = z
  .object({
    reason: multiLineText()
      .trim()
      .min(breakGlassReasonMinLength)
      .max(2000)
      .describe('Why the case must be opened now; the reason of the access, not facts about the client'),
  })
  .strict()
  .meta({ id: 'BreakGlassInput' })
export type BreakGlassInput = z.infer<typeof breakGlassInputSchema>

export const breakGlassGrantSchema = z
  .object({
    caseId: z.uuid(),
    expiresAt: z.iso
      .datetime()
      .describe("Until when the case stays open to the user: the end of the district's day"),
  })
  .meta({ id: 'BreakGlassGrant' })
export type BreakGlassGrant = z.infer<typeof breakGlassGrantSchema>

/** Actions whose entries are exports of lists or reports of personal data, audited apart from single reads. */
export const exportActions = [
  'case.export',
  'contact.export',
  'task.export',
  // The partner's inbox: only the shared names, still personal data leaving the system.
  'referral.export',
  // Staff members' contracts and the user list: personal data of employees.
  'contract.export',
  'staffing-warning.export',
  'user.export',
  // Names of clients whose legal sphere changes.
  'legal-sphere-change.export',
  // The conference list names the cases' references to those who may read them.
  'case-conference.export',
  'audit.export',
  'person.disclosure',
  // The whole district for moving installations: the administrator gives a reason, the DPO reviews it.
  'district.export',
] as const
/** Single reads of a case or a person: the accesses the review looks at. */
export const readActions = ['case.read', 'person.read'] as const

/** The default number of distinct cases and persons outside one's caseload per day that is flagged. */
export const defaultOutsideCaseloadThreshold = 20
/** The longest period the flags are computed for at once, in days. */
export const maxReviewPeriodDays = 92

export const accessFlagsQuerySchema = z.object({
  from: filterDaySchema
    .optional()
    .describe(
      "First day, inclusive (YYYY-MM-DD, in the district's time zone); 29 days before `to` if left out",
    ),
  to: filterDaySchema
    .optional()
    .describe("Last day, inclusive (YYYY-MM-DD, in the district's time zone); today if left out"),
  outsideThreshold: z.coerce
    .number()
    .int()
    .min(2)
    .max(1000)
    .default(defaultOutsideCaseloadThreshold)
    .describe('Distinct cases and persons outside the caseload per user and day from which a day is flagged'),
})
export type AccessFlagsQuery = z.infer<typeof accessFlagsQuerySchema>

export const accessReviewSchema = z
  .object({ reviewedBy: z.string().nullable(), reviewedAt: z.iso.datetime(), comment: z.string() })
  .meta({ id: 'AccessReview' })

const flaggedEntry = {
  auditEventId: z.number().int(),
  occurredAt: z.iso.datetime(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  /** A case's Aktenzeichen, so the officer can name it without opening the file. */
  subjectReference: z.string().nullable(),
  review: accessReviewSchema.nullable(),
}

export const accessFlagsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    outsideThreshold: z.number().int(),
    breakGlass: z.array(
      z.object({
        ...flaggedEntry,
        reason: z.string().nullable(),
        expiresAt: z.iso.datetime().nullable(),
        readsAfter: z.number().int().describe('Reads of the case by the user under the grant'),
      }),
    ),
    outsideCaseload: z.array(
      z.object({
        actorId: z.uuid().nullable(),
        actorName: z.string().nullable(),
        day: z.string(),
        records: z.number().int(),
      }),
    ),
    unusualHours: z.array(z.object(flaggedEntry)),
    exports: z.array(z.object({ ...flaggedEntry, purpose: z.string().nullable() })),
    truncated: z.boolean().describe('A list reached its limit of 500 entries; narrow the period'),
  })
  .meta({ id: 'AccessFlags' })
export type AccessFlags = z.infer<typeof accessFlagsSchema>

export const accessReviewInputSchema = z
  .object({ auditEventId: z.number().int().positive(), comment: multiLineText().trim().min(3).max(2000) })
  .strict()
  .meta({ id: 'AccessReviewMark' })
export type AccessReviewInput = z.infer<typeof accessReviewInputSchema>
