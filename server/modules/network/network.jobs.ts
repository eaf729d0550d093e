import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { type Clock, systemClock } from '../../platform/district-time.ts'
import { applyDueChanges } from './transitions/transition.service.ts'

const oneHour = 60 * 60 * 1000

/**
 * Background work of the network: legal-sphere changes recorded ahead of their day set the
 * person's current sphere once the day has come. Runs at start and every hour; idempotent (each
 * change is marked applied in the transaction that applies it), so a second instance adds nothing.
 */
export function startNetworkJobs(
  db: Kysely<DB>,
  onError: (error: unknown) => void,
  clock: Clock = systemClock,
): () => void {
  const run = () => applyDueChanges(db, clock()).catch(onError)
  void run()
  const timer = setInterval(run, oneHour)
  timer.unref()
  return () => clearInterval(timer)
}
