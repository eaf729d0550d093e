import Fuse, { type IFuseOptions } from 'fuse.js'
import type { MatchCandidate, MatchQuery } from '../../modules/casework/matching/index.ts'

/**
 * The baseline the matcher is measured against: a plain in-memory fuzzy search with Fuse.js over
 * "givenNames familyName" strings, as a team without a matcher would build it. Fuse's defaults
 * (Bitap, location 0, distance 100, field-length norm) plus `ignoreDiacritics`, so Öztürk finds
 * Ozturk. Fuse's own cut-off is opened fully (threshold 1) and the cut-off is applied to the
 * score afterwards, so it can be tuned per data set like the matcher's threshold; birth dates
 * must be equal when both are present.
 */
export const fuseOptions: IFuseOptions<string> = {
  includeScore: true,
  ignoreDiacritics: true,
  threshold: 1,
}

/**
 * Fuse's default threshold (0.6 on its 0 = perfect scale) as a cut-off for `fuseScore`. The test
 * also reports the cut-off with the best F1 on the labelled set.
 */
export const fuseThreshold = 0.4

const fullName = (name: { familyName: string; givenNames: string }) => `${name.givenNames} ${name.familyName}`

const datesAgree = (a: string | null, b: string | null) => a === null || b === null || a === b

/** 1 − the Fuse score of the candidate's name for the query's name, 0 when the birth dates differ. */
export function fuseScore(query: MatchQuery, candidate: MatchCandidate): number {
  if (!datesAgree(query.birthDate, candidate.birthDate)) return 0
  const [result] = new Fuse([fullName(candidate)], fuseOptions).search(fullName(query))
  return result?.score === undefined ? 0 : 1 - result.score
}

/** Fuse over a whole population, for comparing search speed and results at scale. */
export function createFuseBaseline(persons: readonly MatchCandidate[]) {
  const fuse = new Fuse(persons.map(fullName), fuseOptions)
  return {
    /** Persons scoring at least `threshold`, best first, at most `limit`. */
    search(query: MatchQuery, threshold = fuseThreshold, limit = 10): { index: number; score: number }[] {
      const out: { index: number; score: number }[] = []
      for (const result of fuse.search(fullName(query))) {
        const score = 1 - (result.score ?? 1)
        if (score < threshold) break
        if (!datesAgree(query.birthDate, persons[result.refIndex]?.birthDate ?? null)) continue
        out.push({ index: result.refIndex, score })
        if (out.length === limit) break
      }
      return out
    },
  }
}
