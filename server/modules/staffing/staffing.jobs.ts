import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { type Clock, systemClock } from '../../platform/district-time.ts'
import { refreshWarningTasks } from './warnings/warning-tasks.ts'

const sixHours = 6 * 60 * 60 * 1000

/**
 * Background work of staffing: the early warnings as reminders for the coordination. At start and
 * every six hours (a warning moves by days, not hours); idempotent, so a restart or a second
 * instance adds nothing twice.
 */
export function startStaffingJobs(
  db: Kysely<DB>,
  onError: (error: unknown) => void,
  clock: Clock = systemClock,
): () => void {
  const run = () => refreshWarningTasks(db, null, clock()).catch(onError)
  void run()
  const timer = setInterval(run, sixHours)
  timer.unref()
  return () => clearInterval(timer)
}
