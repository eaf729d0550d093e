export { type BirthDateAgreement, compareBirthDates } from './birth-date.ts'
export { matchKeys, matchKeyVersion, nameCodes, wordCodes } from './keys.ts'
export { foldName, type NameField, type NameToken, nameField, spellingKey } from './normalise.ts'
export { phoneticCodes, soundOf, soundSimilarity, type TokenSound } from './phonetic.ts'
export {
  duplicateThreshold,
  type MatchCandidate,
  type MatchQuery,
  type MatchReason,
  matchReasons,
  mayReachScore,
  scoreMatch,
} from './score.ts'
