import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import {
  addressSchema,
  assessmentEntrySchema,
  caseCreateSchema,
  caseUpdateSchema,
  contactInputSchema,
  goalInputSchema,
  measureInputSchema,
  personWriteSchema,
  phaseChangeSchema,
  residenceStatusInputSchema,
  savedViewInputSchema,
  taskInputSchema,
} from '../../common/casework.ts'
import { maxItemsOf, maxLengthOf } from './schema-form.ts'

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
  ['address', addressSchema, 'street'],
  ['address', addressSchema, 'city'],
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

  it('is the length of a pattern-bound field (a postcode has five digits)', () => {
    expect(maxLengthOf(addressSchema, 'postcode')).toBe(5)
    expect(addressSchema.shape.postcode.safeParse('53721').success).toBe(true)
    expect(addressSchema.shape.postcode.safeParse('537210').success).toBe(false)
  })

  it('is unknown for a field that is no text', () => {
    expect(maxLengthOf(goalInputSchema, 'targetDate')).toBeUndefined()
    expect(maxLengthOf(goalInputSchema, 'no-such-field')).toBeUndefined()
  })
})

/** Every list whose select the forms cap with `maxItemsOf`, with an entry the schema takes. */
const listed: [string, z.ZodObject, string, unknown][] = [
  ['person', personWriteSchema, 'otherSpellings', 'Kowalenko'],
  ['person', personWriteSchema, 'nationalities', 'UA'],
  ['person', personWriteSchema, 'languages', { code: 'uk', interpreterNeeded: false }],
  ['new case', caseCreateSchema, 'managerIds', '6f1c2b0e-8a51-4f0e-9d55-0b3c9a1e2f40'],
  ['case assignment', caseUpdateSchema, 'managerIds', '6f1c2b0e-8a51-4f0e-9d55-0b3c9a1e2f40'],
]

describe('the most entries a list field takes', () => {
  it.each(listed)("is the API's own limit (%s %s)", (_, schema, field, entry) => {
    const max = maxItemsOf(schema, field)
    expect(max).toBeGreaterThan(0)
    const fieldSchema = schema.shape[field] as z.ZodType
    expect(fieldSchema.safeParse(Array.from({ length: max as number }, () => entry)).success).toBe(true)
    expect(fieldSchema.safeParse(Array.from({ length: (max as number) + 1 }, () => entry)).success).toBe(
      false,
    )
  })

  it('is unknown for a field that is no list', () => {
    expect(maxItemsOf(personWriteSchema, 'familyName')).toBeUndefined()
    expect(maxItemsOf(personWriteSchema, 'no-such-field')).toBeUndefined()
  })
})
