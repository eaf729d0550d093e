import type { ScheduledJob } from '../../platform/jobs.ts'
import { refreshResidenceExpiryTasks } from './tasks/task.service.ts'

/** Background work of case work: reminders before residence titles run out, every six hours. */
export const caseWorkJobs: readonly ScheduledJob[] = [
  {
    name: 'casework.residence-expiry-tasks',
    everyMs: 6 * 60 * 60 * 1000,
    run: (db, now) => refreshResidenceExpiryTasks(db, null, { now }),
  },
]
