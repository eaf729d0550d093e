import { readFileSync } from 'node:fs'
import { z } from 'zod'
import type { LabelledPair } from './evaluate.ts'

/** The classes of the hand-written pairs (README.md says where their spellings come from). */
export const handWrittenClasses = [
  'south-slavic',
  'albanian-slavic',
  'somali',
  'ukrainian-russian',
  'single-letter',
  'sibling',
  'common-surname',
] as const

const personSchema = z.object({
  familyName: z.string().min(1),
  givenNames: z.string().min(1),
  birthDate: z.string().nullable(),
})
const fileSchema = z.object({
  description: z.string(),
  pairs: z.array(
    z.object({
      id: z.string(),
      class: z.enum(handWrittenClasses),
      same: z.boolean(),
      query: personSchema,
      candidate: personSchema,
    }),
  ),
})

export type HandWrittenPair = LabelledPair & { id: string; class: (typeof handWrittenClasses)[number] }

/**
 * The hand-written pairs of pairs/dev.json, pairs/held-out.json or pairs/fresh.json. The held-out
 * and fresh pairs are for aggregate figures only: nothing that tunes the matcher may look at them
 * one by one.
 */
export function loadHandWrittenPairs(split: 'dev' | 'held-out' | 'fresh'): HandWrittenPair[] {
  const file = new URL(`./pairs/${split}.json`, import.meta.url)
  return fileSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).pairs
}
