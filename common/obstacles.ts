import { z } from 'zod'
import { lifeDomains } from './casework-values.ts'
import {
  type ObstacleStatus,
  obstacleStatuses,
  obstacleTransitions,
  openObstacleStatuses,
} from './obstacle-values.ts'
import { multiLineText, singleLineText } from './text.ts'

const lifeDomainSchema = z.enum(lifeDomains)

/**
 * The API contract of structural obstacles (Systemrückmeldung, issue 11 part 4): what case work
 * finds again and again in its cases and what steering has to solve, without personal data.
 */

export { type ObstacleStatus, obstacleStatuses, obstacleTransitions, openObstacleStatuses }

const note = (max: number) => multiLineText().trim().max(max)

export const obstacleInputSchema = z
  .object({
    caseId: z
      .uuid()
      .nullable()
      .default(null)
      .describe('The case it was seen in; coordination may leave it out'),
    domain: lifeDomainSchema,
    organisationIds: z
      .array(z.uuid())
      .max(20)
      .default([])
      .describe('Organisations of the district concerned'),
    title: singleLineText().trim().min(1).max(200),
    description: note(5000).min(1),
  })
  .strict()
  .refine((value) => new Set(value.organisationIds).size === value.organisationIds.length, {
    message: 'duplicate-entries',
    path: ['organisationIds'],
  })

export const evidenceInputSchema = z.object({ caseId: z.uuid() }).strict()

export const statusChangeInputSchema = z
  .object({
    status: z.enum(obstacleStatuses),
    note: note(2000).min(1).describe('The decision or reason, kept in the history'),
    workingGroupId: z.uuid().nullable().default(null).describe('Needed for assigned'),
  })
  .strict()
  .refine((value) => value.status !== 'assigned' || value.workingGroupId !== null, {
    message: 'working-group-required',
    path: ['workingGroupId'],
  })

export const goalLinkInputSchema = z.object({ goalAgreementId: z.uuid() }).strict()

export const agendaPullInputSchema = z.object({ meetingId: z.uuid() }).strict()

export const obstacleListQuerySchema = z.object({
  status: z.enum(obstacleStatuses).optional(),
  domain: lifeDomainSchema.optional(),
  organisationId: z.uuid().optional(),
  caseId: z.uuid().optional().describe('Only obstacles seen in this case (needs the right to read it)'),
})

export const obstacleSchema = z
  .object({
    id: z.uuid(),
    domain: lifeDomainSchema,
    title: z.string(),
    description: z.string(),
    status: z.enum(obstacleStatuses),
    workingGroupId: z.uuid().nullable(),
    workingGroupName: z.string().nullable(),
    organisations: z.array(z.object({ id: z.uuid(), name: z.string() })),
    evidenceCount: z.number().int().describe('Cases it was seen in, readable or not'),
    cases: z
      .array(z.object({ caseId: z.uuid(), reference: z.string(), raised: z.boolean() }))
      .describe('Only the cases the reader may read'),
    agendaItems: z.array(
      z.object({
        agendaItemId: z.uuid(),
        meetingId: z.uuid(),
        meetingTitle: z.string(),
        startsAt: z.string(),
        approved: z.boolean(),
      }),
    ),
    goalAgreements: z
      .array(z.object({ id: z.uuid(), title: z.string(), startsOn: z.string(), endsOn: z.string() }))
      .describe('The goal agreements that take the obstacle up'),
    raisedByName: z.string(),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Obstacle' })
export type Obstacle = z.infer<typeof obstacleSchema>

export const obstacleListSchema = z
  .object({
    items: z.array(obstacleSchema),
    counts: z
      .record(z.enum(obstacleStatuses), z.number().int())
      .describe('Of the listed obstacles, by status'),
  })
  .meta({ id: 'ObstacleList' })
export type ObstacleList = z.infer<typeof obstacleListSchema>

export const obstacleDetailSchema = obstacleSchema
  .extend({
    history: z.array(
      z.object({
        fromStatus: z.enum(obstacleStatuses).nullable(),
        toStatus: z.enum(obstacleStatuses),
        note: z.string(),
        workingGroupName: z.string().nullable(),
        changedByName: z.string(),
        changedAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'ObstacleDetail' })
export type ObstacleDetail = z.infer<typeof obstacleDetailSchema>
