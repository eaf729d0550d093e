import type { Finding } from './harness.ts'

/**
 * Failures the fuzzer finds on main that other branches are fixing right now (issue 8). Each
 * entry names the branch and the item of the issue, and matches only its own class: the status,
 * the error the server logged for it (class and database error code) and the hostile value that
 * was sent. Remove an entry when its branch has merged; the CI pass then holds the fix on every
 * route. A finding that matches no entry fails the run.
 */
export type KnownFailure = {
  id: string
  branch: 'i8-edge' | 'i8-time'
  /** The item in issue 8. */
  item: number
  why: string
  matches(finding: Finding): boolean
}

const serverError = (finding: Finding) => finding.response.status >= 500
/** Everything that was sent, as JSON text: a NUL shows as \u0000, in the URL as %00. */
const sent = (finding: Finding) => JSON.stringify(finding.input)
const logged = (finding: Finding, test: (text: string) => boolean) =>
  finding.errors.some((error) => test(`${error.type ?? ''} ${error.code ?? ''} ${error.stack ?? ''}`))

export const knownFailures: KnownFailure[] = [
  {
    id: 'nul-in-text',
    branch: 'i8-edge',
    item: 1,
    why: 'PostgreSQL refuses U+0000 in text (22021); texts outside person names reach the database unchecked',
    matches: (finding) =>
      serverError(finding) &&
      /\\u0000|%00/.test(sent(finding)) &&
      finding.errors.some((error) => error.code === '22021'),
  },
  {
    id: 'if-match-beyond-int32',
    branch: 'i8-edge',
    item: 2,
    why: 'an If-Match version beyond the integer range reaches the database as a version (22003)',
    matches: (finding) =>
      serverError(finding) &&
      finding.input.ifMatch.kind === 'raw' &&
      finding.errors.some((error) => error.code === '22003'),
  },
  {
    id: 'malformed-multipart',
    branch: 'i8-edge',
    item: 3,
    why: 'a truncated or garbled multipart body throws from the multipart parser',
    matches: (finding) =>
      serverError(finding) &&
      finding.input.body.kind === 'multipart' &&
      finding.input.body.variant !== 'valid' &&
      logged(finding, (text) => /multipart|busboy|dicer/i.test(text)),
  },
  {
    id: 'timestamp-years',
    branch: 'i8-time',
    item: 4,
    why: 'years below 100 or beyond 9999 break the timestamp parser or the database date range (22008, Invalid time value)',
    matches: (finding) =>
      serverError(finding) &&
      /\b(0\d{3}|9999|\d{5,})-\d\d-\d\d/.test(sent(finding)) &&
      logged(finding, (text) => /\b2200[78]\b|Invalid time value/.test(text)),
  },
]

export function knownFailureOf(finding: Finding): KnownFailure | undefined {
  return knownFailures.find((known) => known.matches(finding))
}
