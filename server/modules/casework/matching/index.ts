// Provisional: the matcher is being finished in server/modules/persons/matching and moves here.
export { matchKeys } from '../../persons/matching/keys.ts'
export { duplicateThreshold, scoreMatch } from '../../persons/matching/score.ts'
