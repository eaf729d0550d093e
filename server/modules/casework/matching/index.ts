export { type BirthDateAgreement, compareBirthDates } from './birth-date.ts'
export {
  bestThreshold,
  type Evaluation,
  evaluateMatcher,
  type LabelledPair,
  type PairScorer,
} from './evaluate.ts'
export { createFuseBaseline, fuseOptions, fuseScore, fuseThreshold } from './fuseBaseline.ts'
export { matchKeys } from './keys.ts'
export { buildLabelledSet, type LabelledSetPair, type PairCategory, pairCategories } from './labelled-set.ts'
export { foldName, type NameField, type NameToken, nameField, spellingKey } from './normalise.ts'
export { phoneticCodes, soundOf, soundSimilarity, type TokenSound } from './phonetic.ts'
export {
  duplicateThreshold,
  type MatchCandidate,
  type MatchQuery,
  type MatchReason,
  matchReasons,
  scoreMatch,
} from './score.ts'
export {
  deriveSyntheticQueries,
  generateSyntheticPersons,
  type Origin,
  origins,
  type QueryVariant,
  queryVariants,
  type SyntheticPerson,
  type SyntheticQuery,
} from './synthetic.ts'
