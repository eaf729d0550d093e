import { z } from 'zod'

/** RFC 9457 problem details, with the message in German and English. */
export const problemSchema = z
  .object({
    type: z.string().describe('Stable identifier of the kind of problem, e.g. urn:lotse:problem:not-found'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().describe('Stable machine-readable code'),
    messages: z.object({ de: z.string(), en: z.string() }),
    requestId: z.string().optional(),
    fields: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe('Which input fields were wrong, for forms'),
  })
  .meta({ id: 'Problem' })

export type Problem = z.infer<typeof problemSchema>
