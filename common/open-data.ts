import { z } from 'zod'

/**
 * Open data (issue 13 item 7): suppressed monthly aggregates per municipality on a public
 * endpoint, off until the district turns it on. No value about a person, only complete past months.
 */

export const openDataSettingSchema = z
  .object({
    enabled: z.boolean().describe('Whether the public endpoint answers for the district'),
    path: z.string().describe('Where the data are published, under /api'),
  })
  .meta({ id: 'OpenDataSetting' })
export type OpenDataSetting = z.infer<typeof openDataSettingSchema>

export const openDataSettingInputSchema = z.object({ enabled: z.boolean() })

export const openDataParamsSchema = z.object({
  district: z.string().regex(/^[a-z0-9-]{1,80}$/),
})

export const openDataRowSchema = z.object({
  month: z.string().describe('YYYY-MM'),
  municipality: z.string().nullable().describe('null: the whole district'),
  contacts: z.number().int().nullable(),
  personsCounselled: z.number().int().nullable(),
  casesNew: z.number().int().nullable(),
})
export type OpenDataRow = z.infer<typeof openDataRowSchema>

export const openDataSchema = z
  .object({
    district: z.string(),
    from: z.string().describe('First month, YYYY-MM'),
    to: z.string().describe('Last complete month, YYYY-MM'),
    threshold: z
      .number()
      .int()
      .describe('Values below this, and values from which one could be worked out, are null'),
    licence: z.string(),
    rows: z.array(openDataRowSchema),
  })
  .meta({ id: 'OpenData' })
export type OpenData = z.infer<typeof openDataSchema>

/** How many complete months the endpoint publishes. */
export const openDataMonths = 24
