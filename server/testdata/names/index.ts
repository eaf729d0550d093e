// What measures the matcher (server/modules/casework/matching/), apart from what runs in the
// application: the labelled set, the synthetic persons, the hand-written pairs and the Fuse.js
// baseline (a development dependency) are for tests and benchmarks only; the server never loads them.
export {
  bestThreshold,
  type Evaluation,
  evaluateMatcher,
  type LabelledPair,
  matcherFinds,
  type PairScorer,
  sharesMatchKey,
} from './evaluate.ts'
export { createFuseBaseline, fuseScore, fuseThreshold } from './fuse-baseline.ts'
export { buildLabelledSet, type LabelledSetPair, pairCategories } from './labelled-set.ts'
export { type HandWrittenPair, handWrittenClasses, loadHandWrittenPairs } from './pairs.ts'
export { deriveSyntheticQueries, generateSyntheticPersons, type SyntheticPerson } from './synthetic.ts'
