import { z } from 'zod'
import { filterDaySchema } from './dates.ts'
import { pageOf, paginationQuerySchema } from './pagination.ts'
import { singleLineText } from './text.ts'

export const auditOutcomes = ['success', 'failure', 'denied'] as const

export const auditEventSchema = z
  .object({
    id: z.number().int(),
    occurredAt: z.iso.datetime(),
    actorId: z.uuid().nullable(),
    actorName: z.string().nullable(),
    actorRoles: z.array(z.string()),
    action: z.string(),
    outcome: z.enum(auditOutcomes),
    subjectType: z.string().nullable(),
    subjectId: z.string().nullable(),
    purpose: z.string().nullable(),
    requestId: z.string().nullable(),
    clientPseudonym: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' })

export const auditQuerySchema = paginationQuerySchema.extend({
  actorId: z.uuid().optional(),
  action: singleLineText()
    .trim()
    .max(64)
    .optional()
    .describe('Exact action, or a prefix ending in a dot (e.g. "auth.")'),
  subjectType: singleLineText().trim().max(64).optional(),
  subjectId: singleLineText().trim().max(64).optional(),
  outcome: z.enum(auditOutcomes).optional(),
  from: filterDaySchema.optional().describe("First day, inclusive (YYYY-MM-DD, in the district's time zone)"),
  to: filterDaySchema.optional().describe("Last day, inclusive (YYYY-MM-DD, in the district's time zone)"),
})

export const auditPageSchema = pageOf(auditEventSchema).meta({ id: 'AuditEventPage' })

export type AuditEvent = z.infer<typeof auditEventSchema>
export type AuditQuery = z.infer<typeof auditQuerySchema>
