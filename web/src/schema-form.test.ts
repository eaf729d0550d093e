import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import {
  assessmentEntrySchema,
  contactInputSchema,
  goalInputSchema,
  measureInputSchema,
  phaseChangeSchema,
  residenceStatusInputSchema,
  savedViewInputSchema,
  taskInputSchema,
} from '../../common/casework.ts'
import { maxLengthOf } from './schema-form.ts'

/** Every field whose input the forms cap with `maxLengthOf`. */
const capped: [string, z.ZodObject, string][] = [
  ['contact', contactInputSchema, 'note'],
  ['contact', contactInputSchema, 'otherParticipants'],
  ['goal', goalInputSchema, 'statement'],
  ['goal', goalInputSchema, 'indicator'],
  ['measure', measureInputSchema, 'description'],
  ['residence status', residenceStatusInputSchema, 'legalParagraph'],
  ['task', taskInputSchema, 'title'],
  ['assessment entry', assessmentEntrySchema, 'resources'],
  ['assessment entry', assessmentEntrySchema, 'note'],
  ['phase change', phaseChangeSchema, 'note'],
  ['saved view', savedViewInputSchema, 'name'],
]

describe('the longest text a form field takes', () => {
  it.each(capped)("is the API's own limit (%s %s)", (_, schema, field) => {
    const max = maxLengthOf(schema, field)
    expect(max).toBeGreaterThan(0)
    // Measured against the schema itself: the longest text passes, one character more does not.
    const fieldSchema = schema.shape[field] as z.ZodType
    expect(fieldSchema.safeParse('a'.repeat(max as number)).success).toBe(true)
    expect(fieldSchema.safeParse('a'.repeat((max as number) + 1)).success).toBe(false)
  })

  it('is unknown for a field that is no text', () => {
    expect(maxLengthOf(goalInputSchema, 'targetDate')).toBeUndefined()
    expect(maxLengthOf(goalInputSchema, 'no-such-field')).toBeUndefined()
  })
})
