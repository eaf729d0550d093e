import type { ScheduledJob } from '../../platform/jobs.ts'
import { refreshWarningTasks } from './warnings/warning-tasks.ts'

/**
 * Background work of staffing: the early warnings as reminders for the coordination, every six
 * hours (a warning moves by days, not hours).
 */
export const staffingJobs: readonly ScheduledJob[] = [
  {
    name: 'staffing.warning-tasks',
    everyMs: 6 * 60 * 60 * 1000,
    run: (db, now) => refreshWarningTasks(db, null, now),
  },
]
