import { z } from 'zod'
import { indicatorStatuses } from './goals.ts'

const bilingualText = z.object({ de: z.string(), en: z.string() })

/**
 * What an evaluation freezes beside its figures (issue 13, item 4): staffing, steering activity and
 * the goal agreements as they stood when it was made, so that a committee report built from it
 * years later shows exactly what was given. None of it names a person.
 */
export const evaluationContextSchema = z
  .object({
    staffing: z.object({
      asOf: z.string().describe('The day (YYYY-MM-DD) the staffing figures describe: the last day of the period'),
      bausteine: z.array(
        z.object({
          baustein: z.number().int().min(1).max(3),
          positions: z.number().int(),
          fte: z.number(),
          filledFte: z.number(),
          vacantFte: z.number(),
          inRecruitment: z.number().int(),
        }),
      ),
      contractsEnding: z
        .array(z.object({ baustein: z.number().int().min(1).max(3), position: z.string(), fte: z.number(), endsOn: z.string() }))
        .describe('Contracts ending within six months after the period, by position, never by employee'),
      caseloadPerFte: z.number().nullable(),
    }),
    steering: z.object({
      meetings: z.number().int(),
      decisions: z.number().int(),
      bodies: z.array(z.object({ name: z.string(), meetings: z.number().int(), decisions: z.number().int() })),
    }),
    goals: z.array(
      z.object({
        title: z.string(),
        status: z.enum(indicatorStatuses),
        indicators: z.array(
          z.object({
            name: z.string(),
            unit: bilingualText,
            target: z.number().nullable(),
            actual: z.number().nullable(),
            status: z.enum(indicatorStatuses),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'EvaluationContext' })
export type EvaluationContext = z.infer<typeof evaluationContextSchema>
