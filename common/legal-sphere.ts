import { z } from 'zod'
import { legalSpheres } from './casework.ts'
import { dueDaySchema, pastRecordDaySchema } from './dates.ts'
import { multiLineText } from './text.ts'

/**
 * Legal-sphere changes (Rechtskreiswechsel): a person moves from one benefit system to another,
 * e.g. AsylbLG → SGB II after recognition. The hand-over checklist turns each step into a task.
 */

export const legalSphereChangeReasons = [
  'recognition',
  'employment-start',
  'employment-end',
  'incapacity-or-age',
  'residence-change',
  'other',
] as const
export type LegalSphereChangeReason = (typeof legalSphereChangeReasons)[number]

/** The steps of a hand-over, in the order they are usually taken. */
export const handoverSteps = [
  'jobcenter-appointment',
  'benefit-application',
  'health-insurance',
  'housing',
  'language-course',
] as const
export type HandoverStep = (typeof handoverSteps)[number]

export const legalSphereChangeInputSchema = z
  .object({
    fromSphere: z.enum(legalSpheres),
    toSphere: z.enum(legalSpheres),
    effectiveOn: dueDaySchema.describe('The day the new legal sphere applies; may lie ahead'),
    reason: z.enum(legalSphereChangeReasons),
    note: multiLineText().trim().max(2000).default(''),
    caseId: z.uuid().nullable().default(null).describe('The case the hand-over tasks belong to'),
    steps: z
      .array(z.object({ step: z.enum(handoverSteps), dueOn: dueDaySchema }).strict())
      .max(handoverSteps.length)
      .default([])
      .refine((steps) => new Set(steps.map((each) => each.step)).size === steps.length, 'duplicate-step')
      .describe('Checklist steps to take; each becomes a task for the recording case manager'),
  })
  .strict()
  .refine((input) => input.fromSphere !== input.toSphere, {
    message: 'same-legal-sphere',
    path: ['toSphere'],
  })
  .meta({ id: 'LegalSphereChangeWrite' })

export const handoverStepUpdateSchema = z
  .object({
    doneOn: pastRecordDaySchema
      .nullable()
      .describe('The day the step happened (the Jobcenter appointment: its day); null reopens it'),
  })
  .strict()
  .meta({ id: 'HandoverStepUpdate' })

export const handoverStepSchema = z
  .object({
    id: z.uuid(),
    step: z.enum(handoverSteps),
    dueOn: z.string(),
    doneOn: z.string().nullable(),
    taskId: z.uuid().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'HandoverStep' })
export type HandoverStepState = z.infer<typeof handoverStepSchema>

export const legalSphereChangeSchema = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    caseId: z.uuid().nullable(),
    fromSphere: z.enum(legalSpheres),
    toSphere: z.enum(legalSpheres),
    effectiveOn: z.string(),
    reason: z.enum(legalSphereChangeReasons),
    note: z.string(),
    applied: z.boolean().describe("Whether the person's current legal sphere was set to toSphere"),
    recordedBy: z.string(),
    recordedAt: z.string(),
    steps: z.array(handoverStepSchema),
    firstJobcenterContactOn: z
      .string()
      .nullable()
      .describe('Day of the first Jobcenter contact on or after the change (see the figure)'),
  })
  .meta({ id: 'LegalSphereChange' })
export type LegalSphereChange = z.infer<typeof legalSphereChangeSchema>

/** A row of the district's list: the change and, for who may read the person, their name. */
export const legalSphereChangeListItemSchema = legalSphereChangeSchema
  .extend({
    person: z.object({ familyName: z.string(), givenNames: z.string() }),
    caseReference: z.string().nullable(),
    upcoming: z.boolean(),
  })
  .meta({ id: 'LegalSphereChangeListItem' })
export type LegalSphereChangeListItem = z.infer<typeof legalSphereChangeListItemSchema>

/**
 * Days from a change into SGB II to the first Jobcenter contact, over the changes of the last
 * 365 days that have taken effect. Median and mean only from at least `minimumCount` changes
 * with a contact, so that no single person's hand-over can be read off the figure.
 */
export const jobcenterContactFigureSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    changes: z.number().int().describe('Changes into SGB II that took effect in the period'),
    withContact: z.number().int(),
    withoutContact: z.number().int(),
    medianDays: z.number().nullable(),
    meanDays: z.number().nullable(),
    withinFourteenDays: z.number().int().nullable(),
    minimumCount: z.number().int(),
  })
  .meta({ id: 'JobcenterContactFigure' })
export type JobcenterContactFigure = z.infer<typeof jobcenterContactFigureSchema>

/** Upcoming changes (from tomorrow on) and recent ones (the last 90 days), of persons the reader may read. */
export const legalSphereChangeListSchema = z
  .object({
    today: z.string(),
    upcoming: z.array(legalSphereChangeListItemSchema),
    recent: z.array(legalSphereChangeListItemSchema),
  })
  .meta({ id: 'LegalSphereChangeList' })
export type LegalSphereChangeList = z.infer<typeof legalSphereChangeListSchema>

/** Days looked back for the recent changes of the list. */
export const recentChangeDays = 90
/** Days looked back for the figure. */
export const figurePeriodDays = 365
