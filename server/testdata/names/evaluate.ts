import {
  duplicateThreshold,
  type MatchCandidate,
  type MatchQuery,
  matchKeys,
  scoreMatch,
} from '../../modules/casework/matching/index.ts'

/** A query and a stored person, labelled with whether they are the same person. */
export type LabelledPair = { query: MatchQuery; candidate: MatchCandidate; same: boolean }

/** Whether two persons share a match key: only then does the database fetch one as the other's candidate. */
export function sharesMatchKey(a: MatchCandidate, b: MatchCandidate): boolean {
  const keys = new Set(matchKeys(a))
  return matchKeys(b).some((key) => keys.has(key))
}

/**
 * The matcher end to end, as the application judges a pair: the candidate shares a key (so the
 * database fetches it) and scores at the duplicate threshold.
 */
export const matcherFinds = (query: MatchQuery, candidate: MatchCandidate): boolean =>
  sharesMatchKey(query, candidate) && scoreMatch(query, candidate).score >= duplicateThreshold

/** Any matcher reduced to a score for a pair: higher means more likely the same person. */
export type PairScorer = (query: MatchQuery, candidate: MatchCandidate) => number

export type Evaluation = {
  precision: number
  recall: number
  f1: number
  truePositives: number
  falsePositives: number
  falseNegatives: number
  trueNegatives: number
}

function summarise(scores: readonly number[], labels: readonly boolean[], threshold: number): Evaluation {
  let truePositives = 0
  let falsePositives = 0
  let falseNegatives = 0
  let trueNegatives = 0
  for (const [index, score] of scores.entries()) {
    const predicted = score >= threshold
    if (labels[index]) {
      if (predicted) truePositives++
      else falseNegatives++
    } else if (predicted) falsePositives++
    else trueNegatives++
  }
  // With no predicted duplicates nothing was wrongly merged: precision 1 by convention.
  const precision =
    truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives)
  const recall = truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives)
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return { precision, recall, f1, truePositives, falsePositives, falseNegatives, trueNegatives }
}

/** Precision and recall of a scorer on labelled pairs, counting score ≥ threshold as "same person". */
export function evaluateMatcher(
  pairs: readonly LabelledPair[],
  scorer: PairScorer,
  threshold: number,
): Evaluation {
  const scores = pairs.map((pair) => scorer(pair.query, pair.candidate))
  return summarise(
    scores,
    pairs.map((pair) => pair.same),
    threshold,
  )
}

/**
 * The threshold with the best F1 on the pairs, trying every distinct positive score as a
 * cut-off (0 would call every pair a duplicate): the fairest setting for a baseline, since it is
 * tuned on the very pairs it is measured on.
 */
export function bestThreshold(
  pairs: readonly LabelledPair[],
  scorer: PairScorer,
): { threshold: number; evaluation: Evaluation } {
  const scores = pairs.map((pair) => scorer(pair.query, pair.candidate))
  const labels = pairs.map((pair) => pair.same)
  let best = {
    threshold: Number.POSITIVE_INFINITY,
    evaluation: summarise(scores, labels, Number.POSITIVE_INFINITY),
  }
  for (const threshold of new Set(scores)) {
    if (threshold <= 0) continue
    const evaluation = summarise(scores, labels, threshold)
    if (evaluation.f1 > best.evaluation.f1) best = { threshold, evaluation }
  }
  return best
}
