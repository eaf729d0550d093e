import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { type Clock, systemClock } from '../../platform/district-time.ts'
import { refreshReferralFollowUps } from './referrals/referral.service.ts'
import { applyDueChanges } from './transitions/transition.service.ts'

const oneHour = 60 * 60 * 1000

/**
 * Background work of the network: a task for the case manager for every referral left unanswered
 * past its due day or not completed by the partner's day, and legal-sphere changes recorded ahead
 * of their day setting the person's current sphere once the day has come. At start and every
 * hour (a change should apply early on its day); both are idempotent, so a restart or a second
 * instance adds nothing twice.
 */
export function startNetworkJobs(
  db: Kysely<DB>,
  onError: (error: unknown) => void,
  clock: Clock = systemClock,
): () => void {
  const run = () =>
    Promise.all([refreshReferralFollowUps(db, clock()), applyDueChanges(db, clock())]).catch(onError)
  void run()
  const timer = setInterval(run, oneHour)
  timer.unref()
  return () => clearInterval(timer)
}
