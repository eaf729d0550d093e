import { z } from 'zod'

export const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: z.enum(['pglite', 'postgresql']),
    schemaVersion: z.number().int(),
    version: z.string(),
  })
  .meta({ id: 'Health' })

export type Health = z.infer<typeof healthSchema>
