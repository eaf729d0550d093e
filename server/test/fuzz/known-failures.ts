import type { Finding } from './harness.ts'

/**
 * Failures the fuzzer finds on main that other branches are fixing right now. Each entry names
 * the branch and the item of issue 8; remove it when that branch has merged (the CI pass then
 * proves the fix for every route). A finding that matches no entry fails the run.
 */
export type KnownFailure = {
  id: string
  branch: 'i8-edge' | 'i8-time'
  /** The item in issue 8. */
  item: number
  why: string
  matches(finding: Finding): boolean
}

export const knownFailures: KnownFailure[] = []

export function knownFailureOf(finding: Finding): KnownFailure | undefined {
  return knownFailures.find((known) => known.matches(finding))
}
