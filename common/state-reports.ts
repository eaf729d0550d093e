import { z } from 'zod'

/**
 * Reports to the state (KIM Landesmonitoring, annual Sachbericht per Baustein): one calendar year
 * of complete months, its quarters and the year, aggregates only, every small cell withheld.
 */

export const stateReportParamsSchema = z.object({
  year: z.coerce.number().int().min(1990).max(2999),
})

const cellSchema = z.object({ value: z.number().nullable(), suppressed: z.literal(true).optional() })
export type StateReportCell = z.infer<typeof cellSchema>

export const stateReportPeriodKinds = ['month', 'quarter', 'year'] as const

export const stateReportSchema = z
  .object({
    year: z.number().int(),
    from: z.string(),
    to: z.string().describe('The last day of the last complete month of the year'),
    threshold: z.number().int(),
    periods: z.array(
      z.object({
        key: z.string(),
        kind: z.enum(stateReportPeriodKinds),
        from: z.string(),
        to: z.string(),
      }),
    ),
    /** Per Baustein (1 coordination, 2 case management, 3 immigration office), one value per period. */
    fte: z.array(
      z.object({
        baustein: z.union([z.literal(1), z.literal(2), z.literal(3)]),
        planned: z.array(z.number()),
        filled: z.array(z.number()),
      }),
    ),
    casesNew: z.array(cellSchema),
    casesClosed: z.array(cellSchema),
    casesActiveAtEnd: z.array(cellSchema),
    contacts: z.array(cellSchema),
    personsCounselled: z.array(cellSchema),
  })
  .meta({ id: 'StateReport' })
export type StateReport = z.infer<typeof stateReportSchema>

export const stateReportErrorCodes = { noCompleteMonth: 'no-complete-month' } as const
