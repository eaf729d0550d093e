import { z } from 'zod'
import { multiLineText, singleLineText } from './text.ts'

/** A person as the subject of a data protection request (access, restriction, rectification). */
export const requestSubjectSchema = z
  .object({
    id: z.uuid(),
    familyName: z.string(),
    givenNames: z.string(),
    birthDate: z.string(),
    city: z.string(),
    processingRestricted: z.boolean(),
  })
  .meta({ id: 'RequestSubject' })
export type RequestSubject = z.infer<typeof requestSubjectSchema>

export const restrictionDecisionSchema = z
  .object({
    restricted: z.boolean(),
    reason: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string(),
  })
  .meta({ id: 'RestrictionDecision' })

export const requestSubjectDetailSchema = z
  .object({ person: requestSubjectSchema, restrictions: z.array(restrictionDecisionSchema) })
  .meta({ id: 'RequestSubjectDetail' })
export type RequestSubjectDetail = z.infer<typeof requestSubjectDetailSchema>

export const subjectSearchSchema = z.object({ q: singleLineText().trim().min(2).max(100).optional() })

/** Set or lift the restriction of processing (Art. 18 GDPR); the reason is kept in the ledger. */
export const restrictionInputSchema = z
  .object({ restricted: z.boolean(), reason: multiLineText().trim().min(3).max(2000) })
  .strict()
  .meta({ id: 'RestrictionInput' })
export type RestrictionInput = z.infer<typeof restrictionInputSchema>
