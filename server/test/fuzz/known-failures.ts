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

// Empty since i8-edge and i8-time merged: every finding fails the run.
export const knownFailures: KnownFailure[] = []

export function knownFailureOf(finding: Finding): KnownFailure | undefined {
  return knownFailures.find((known) => known.matches(finding))
}
