import { z } from 'zod'
import { dueDaySchema } from './dates.ts'
import { goalAgreementCountsSchema } from './goals.ts'
import { organisationKinds } from './identity.ts'
import { obstacleStatuses } from './obstacle-values.ts'
import { pageOf, paginationQuerySchema } from './pagination.ts'
import { multiLineText, singleLineText } from './text.ts'

/**
 * The API contract of steering (Baustein 1): bodies (Gremien) with seats and members, meetings
 * with agenda (TOP), attendance and quorum, minutes that are approved and then frozen, numbered
 * decisions with a searchable register, and action items that become case work's tasks.
 */

export const bodyKinds = [
  'steering_group',
  'working_group',
  'councils_circle',
  'committee',
  'planning_conference',
] as const
export type BodyKind = (typeof bodyKinds)[number]

export const membershipRoles = ['chair', 'member', 'guest'] as const
export type MembershipRole = (typeof membershipRoles)[number]
/** Who counts for the quorum: the chair and the members, not guests. */
export const votingRoles: readonly MembershipRole[] = ['chair', 'member']

export const attendanceStatuses = ['present', 'excused', 'absent'] as const
export type AttendanceStatus = (typeof attendanceStatuses)[number]

const text = (max: number) => singleLineText().trim().max(max)
const optionalText = (max: number) => text(max).default('')
const optionalNote = (max: number) => multiLineText().trim().max(max).default('')
const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time-invalid')
  .describe('Wall-clock time in the district, HH:MM')
const videoUrl = z
  .string()
  .trim()
  .max(500)
  .refine((value) => value === '' || /^https:\/\/[^\s]+$/.test(value), 'video-url-invalid')
  .default('')

export const seatInputSchema = z
  .object({
    label: text(200).min(1),
    organisationKind: z.enum(organisationKinds).nullable().default(null),
  })
  .strict()

const periodRule = (value: { startsOn?: string | null; endsOn?: string | null }) =>
  !value.startsOn || !value.endsOn || value.startsOn <= value.endsOn

export const bodyInputSchema = z
  .object({
    kind: z.enum(bodyKinds),
    name: text(200).min(1),
    topic: optionalText(300),
    mandate: optionalNote(5000),
    startsOn: dueDaySchema.nullable().default(null),
    endsOn: dueDaySchema.nullable().default(null),
    parentBodyId: z.uuid().nullable().default(null),
    quorum: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .nullable()
      .default(null)
      .describe('Voting members needed; null: more than half'),
    seats: z.array(seatInputSchema).max(100).default([]),
  })
  .strict()
  .refine(periodRule, { message: 'period-ends-before-start', path: ['endsOn'] })

export const bodyUpdateSchema = z
  .object({
    name: text(200).min(1),
    topic: optionalText(300),
    mandate: optionalNote(5000),
    startsOn: dueDaySchema.nullable().default(null),
    endsOn: dueDaySchema.nullable().default(null),
    parentBodyId: z.uuid().nullable().default(null),
    quorum: z.number().int().min(1).max(1000).nullable().default(null),
  })
  .strict()
  .refine(periodRule, { message: 'period-ends-before-start', path: ['endsOn'] })

export const bodySchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(bodyKinds),
    name: z.string(),
    topic: z.string(),
    mandate: z.string(),
    startsOn: z.string().nullable(),
    endsOn: z.string().nullable(),
    parentBodyId: z.uuid().nullable(),
    parentBodyName: z.string().nullable(),
    quorum: z.number().int().nullable(),
    seatCount: z.number().int(),
    filledSeatCount: z.number().int(),
    memberCount: z.number().int(),
    nextMeetingAt: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Body' })
export type Body = z.infer<typeof bodySchema>
export const bodyListSchema = z.object({ items: z.array(bodySchema) }).meta({ id: 'BodyList' })

export const seatSchema = z
  .object({
    id: z.uuid(),
    position: z.number().int(),
    label: z.string(),
    organisationKind: z.enum(organisationKinds).nullable(),
    filled: z.boolean(),
    holders: z.array(
      z.object({
        membershipId: z.uuid(),
        representative: z.string(),
        organisationName: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'Seat' })
export type Seat = z.infer<typeof seatSchema>
export const seatListSchema = z.object({ items: z.array(seatSchema) }).meta({ id: 'SeatList' })

export const membershipInputSchema = z
  .object({
    seatId: z.uuid().nullable().default(null),
    organisationId: z.uuid().nullable().default(null),
    representative: text(200).min(1),
    deputy: optionalText(200),
    role: z.enum(membershipRoles),
    fromOn: dueDaySchema,
    untilOn: dueDaySchema.nullable().default(null),
  })
  .strict()
  .refine((value) => !value.untilOn || value.fromOn <= value.untilOn, {
    message: 'period-ends-before-start',
    path: ['untilOn'],
  })

export const membershipSchema = z
  .object({
    id: z.uuid(),
    seatId: z.uuid().nullable(),
    seatLabel: z.string().nullable(),
    organisationId: z.uuid().nullable(),
    organisationName: z.string().nullable(),
    representative: z.string(),
    deputy: z.string(),
    role: z.enum(membershipRoles),
    fromOn: z.string(),
    untilOn: z.string().nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'Membership' })
export type Membership = z.infer<typeof membershipSchema>

export const bodyDetailSchema = bodySchema
  .extend({ seats: z.array(seatSchema), members: z.array(membershipSchema) })
  .meta({ id: 'BodyDetail' })
export type BodyDetail = z.infer<typeof bodyDetailSchema>

const meetingShape = {
  title: text(200).min(1),
  date: dueDaySchema.describe('The day in the district, YYYY-MM-DD'),
  startTime: timeOfDay,
  endTime: timeOfDay,
  place: optionalText(300),
  videoUrl,
}
const meetingRule = (value: { startTime: string; endTime: string; place: string; videoUrl: string }) =>
  value.startTime < value.endTime
export const meetingInputSchema = z
  .object({ bodyId: z.uuid(), ...meetingShape })
  .strict()
  .refine(meetingRule, { message: 'meeting-ends-before-start', path: ['endTime'] })
  .refine((value) => value.place !== '' || value.videoUrl !== '', {
    message: 'meeting-place-required',
    path: ['place'],
  })
export const meetingUpdateSchema = z
  .object(meetingShape)
  .strict()
  .refine(meetingRule, { message: 'meeting-ends-before-start', path: ['endTime'] })
  .refine((value) => value.place !== '' || value.videoUrl !== '', {
    message: 'meeting-place-required',
    path: ['place'],
  })

export const meetingSchema = z
  .object({
    id: z.uuid(),
    bodyId: z.uuid(),
    bodyName: z.string(),
    bodyKind: z.enum(bodyKinds),
    title: z.string(),
    startsAt: z.string().describe('ISO instant'),
    endsAt: z.string(),
    date: z.string().describe('The day in the district'),
    startTime: z.string().describe('HH:MM in the district'),
    endTime: z.string(),
    timeZone: z.string(),
    place: z.string(),
    videoUrl: z.string(),
    approvedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Meeting' })
export type Meeting = z.infer<typeof meetingSchema>
export const meetingListQuerySchema = paginationQuerySchema.extend({
  bodyId: z.uuid().optional(),
  upcoming: z.enum(['true', 'false']).optional().describe('Only meetings that have not ended'),
})
export const meetingPageSchema = pageOf(meetingSchema).meta({ id: 'MeetingPage' })

export const agendaItemInputSchema = z
  .object({ title: text(300).min(1), description: optionalNote(5000) })
  .strict()
/** A document attached to an agenda item (Vorlage): a PDF, an Office file or an image. */
export const agendaDocumentSchema = z
  .object({
    id: z.uuid(),
    fileName: z.string(),
    mediaType: z.string(),
    sizeBytes: z.number().int(),
    uploadedAt: z.string(),
    uploadedByName: z.string(),
  })
  .meta({ id: 'AgendaDocument' })
export type AgendaDocument = z.infer<typeof agendaDocumentSchema>
export const agendaItemSchema = z.object({
  id: z.uuid(),
  position: z.number().int(),
  title: z.string(),
  description: z.string(),
  obstacleId: z.uuid().nullable().describe('The structural obstacle the item is about, if any'),
  documents: z.array(agendaDocumentSchema),
})
/** The meeting's agenda items in their new order: every item once. */
export const agendaOrderInputSchema = z.object({ agendaItemIds: z.array(z.uuid()).min(1).max(200) }).strict()

export const attendanceInputSchema = z
  .object({
    entries: z
      .array(z.object({ membershipId: z.uuid(), status: z.enum(attendanceStatuses) }).strict())
      .min(1)
      .max(200),
  })
  .strict()
export const attendanceSchema = z.object({
  membershipId: z.uuid(),
  representative: z.string(),
  organisationName: z.string().nullable(),
  seatLabel: z
    .string()
    .nullable()
    .describe('The seat held (e.g. "Kommune 1"), shown where no organisation is named'),
  role: z.enum(membershipRoles),
  status: z.enum(attendanceStatuses).nullable(),
})

export const quorumSchema = z.object({
  votingMembers: z.number().int(),
  required: z.number().int(),
  present: z.number().int(),
  reached: z.boolean(),
})

export const minutesInputSchema = z.object({ minutes: optionalNote(50_000) }).strict()

export const decisionNumberSchema = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ./-]{0,29}$/u, 'decision-number-invalid')
export const decisionInputSchema = z
  .object({
    number: decisionNumberSchema.optional().describe('Given by the body; the next free YYYY/N if left out'),
    text: multiLineText().trim().min(1).max(5000),
    agendaItemId: z.uuid().nullable().default(null),
    votesFor: z.number().int().min(0).max(1000).nullable().default(null),
    votesAgainst: z.number().int().min(0).max(1000).nullable().default(null),
    abstentions: z.number().int().min(0).max(1000).nullable().default(null),
  })
  .strict()
export const decisionSchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    text: z.string(),
    agendaItemId: z.uuid().nullable(),
    votesFor: z.number().int().nullable(),
    votesAgainst: z.number().int().nullable(),
    abstentions: z.number().int().nullable(),
  })
  .meta({ id: 'Decision' })

export const actionItemInputSchema = z
  .object({
    title: text(300).min(1),
    ownerId: z.uuid().describe('The user who gets the task'),
    organisationId: z.uuid().nullable().default(null),
    dueOn: dueDaySchema,
    decisionId: z.uuid().nullable().default(null),
  })
  .strict()
export const actionItemSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    ownerId: z.uuid(),
    ownerName: z.string(),
    organisationId: z.uuid().nullable(),
    organisationName: z.string().nullable(),
    dueOn: z.string(),
    decisionId: z.uuid().nullable(),
    taskId: z.uuid().nullable(),
    done: z.boolean(),
  })
  .meta({ id: 'ActionItem' })

/** The start page's next meetings of the district, soonest first. */
export const overviewMeetingsSchema = z.array(
  z.object({
    id: z.uuid(),
    title: z.string(),
    bodyId: z.uuid(),
    bodyName: z.string(),
    date: z.string(),
    startTime: z.string(),
    endTime: z.string(),
    place: z.string(),
    videoUrl: z.string(),
  }),
)
/** The start page's bodies with seats nobody fills today, with those seats. */
export const overviewSeatsSchema = z.object({
  total: z.number().int(),
  bodies: z.array(
    z.object({
      bodyId: z.uuid(),
      bodyName: z.string(),
      seatCount: z.number().int(),
      unfilled: z.array(z.object({ id: z.uuid(), label: z.string() })),
    }),
  ),
})

/** The coordinator's start page: the district's open action items, soonest due first. */
export const steeringOverviewSchema = z
  .object({
    today: z.string().describe("The district's today, YYYY-MM-DD"),
    openActionItems: z.object({
      total: z.number().int(),
      overdue: z.number().int(),
      items: z.array(
        z.object({
          id: z.uuid(),
          title: z.string(),
          ownerName: z.string(),
          dueOn: z.string(),
          overdue: z.boolean(),
          meetingId: z.uuid(),
          meetingTitle: z.string(),
        }),
      ),
    }),
    goalAgreements: goalAgreementCountsSchema.describe(
      'How many goal agreements stand where (worst indicator)',
    ),
    obstacles: z
      .record(z.enum(obstacleStatuses), z.number().int())
      .describe("The obstacle board's counts by status"),
    upcomingMeetings: overviewMeetingsSchema,
    unfilledSeats: overviewSeatsSchema,
  })
  .meta({ id: 'SteeringOverview' })
export type SteeringOverview = z.infer<typeof steeringOverviewSchema>

export const amendmentInputSchema = z.object({ text: multiLineText().trim().min(1).max(5000) }).strict()
export const amendmentSchema = z.object({
  id: z.uuid(),
  text: z.string(),
  createdAt: z.string(),
  createdByName: z.string(),
})

export const meetingDetailSchema = meetingSchema
  .extend({
    minutes: z.string(),
    approvedByName: z.string().nullable(),
    agenda: z.array(agendaItemSchema),
    attendance: z.array(attendanceSchema),
    quorum: quorumSchema,
    decisions: z.array(decisionSchema),
    actionItems: z.array(actionItemSchema),
    amendments: z.array(amendmentSchema),
  })
  .meta({ id: 'MeetingDetail' })
export type MeetingDetail = z.infer<typeof meetingDetailSchema>

export const decisionRegisterQuerySchema = paginationQuerySchema.extend({
  q: text(200).optional().describe('Words in the number, the text or the body'),
  bodyId: z.uuid().optional(),
})
export const registerEntrySchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    text: z.string(),
    bodyId: z.uuid(),
    bodyName: z.string(),
    meetingId: z.uuid(),
    meetingTitle: z.string(),
    decidedOn: z.string(),
    agendaItemTitle: z.string().nullable(),
  })
  .meta({ id: 'RegisterEntry' })
export type RegisterEntry = z.infer<typeof registerEntrySchema>
export const decisionRegisterSchema = pageOf(registerEntrySchema).meta({ id: 'DecisionRegister' })

/** Whether I have a calendar feed token for a body; the token itself is shown only when made. */
export const feedTokenStateSchema = z
  .object({ exists: z.boolean(), createdAt: z.string().nullable(), lastUsedAt: z.string().nullable() })
  .meta({ id: 'FeedTokenState' })
export type FeedTokenState = z.infer<typeof feedTokenStateSchema>
export const feedTokenCreatedSchema = z
  .object({
    token: z.string(),
    path: z
      .string()
      .describe('The feed to subscribe to, relative to the server: /api/bodies/…/feed.ics?token=…'),
    createdAt: z.string(),
  })
  .meta({ id: 'FeedTokenCreated' })
export type FeedTokenCreated = z.infer<typeof feedTokenCreatedSchema>
/** The language of the calendar's headings (Tagesordnung/Agenda); the content stays as written. */
export const calendarLanguageSchema = z.enum(['de', 'en']).default('de')
