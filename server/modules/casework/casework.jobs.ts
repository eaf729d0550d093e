import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { type Clock, systemClock } from '../../platform/district-time.ts'
import { refreshResidenceExpiryTasks } from './tasks/task.service.ts'

const sixHours = 6 * 60 * 60 * 1000

/**
 * Background work of case work: reminders before residence titles run out. Runs at start and
 * every six hours; it is idempotent, so a restart or a second instance adds nothing twice.
 */
export function startCaseWorkJobs(
  db: Kysely<DB>,
  onError: (error: unknown) => void,
  clock: Clock = systemClock,
): () => void {
  const run = () => refreshResidenceExpiryTasks(db, null, { now: clock() }).catch(onError)
  void run()
  const timer = setInterval(run, sixHours)
  timer.unref()
  return () => clearInterval(timer)
}
