import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { type Clock, systemClock } from '../../platform/district-time.ts'
import { refreshReferralFollowUps } from './referrals/referral.service.ts'

const sixHours = 6 * 60 * 60 * 1000

/**
 * Background work of the network: a task for the case manager for every referral left unanswered
 * past its due day or not completed by the partner's day. At start and every six hours; idempotent,
 * so a restart or a second instance adds nothing twice.
 */
export function startNetworkJobs(
  db: Kysely<DB>,
  onError: (error: unknown) => void,
  clock: Clock = systemClock,
): () => void {
  const run = () => refreshReferralFollowUps(db, clock()).catch(onError)
  void run()
  const timer = setInterval(run, sixHours)
  timer.unref()
  return () => clearInterval(timer)
}
