import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.ts'
import { districtTodays } from '../../../platform/district-time.ts'
import type { ScheduledJob } from '../../../platform/jobs.ts'
import { ensureRunRows, leaseDistrictRun, markDistrictRun } from './retention.queries.ts'
import { runRetention } from './retention.service.ts'

/**
 * Runs retention for every district whose day has not been done yet. Each district is worked on
 * in one transaction that holds its run row (FOR UPDATE SKIP LOCKED): a second node skips the
 * district instead of waiting, and the row's day says it is done. Anonymised and deleted records
 * are never selected again, so a repeated run changes nothing.
 */
export async function runDueRetention(
  db: Kysely<DB>,
  now: Date,
): Promise<Record<string, Record<string, number>>> {
  const days = await districtTodays(db, null, now)
  await ensureRunRows(
    db,
    days.map((day) => day.districtId),
  )
  const done: Record<string, Record<string, number>> = {}
  for (const { districtId, today } of days) {
    await db.transaction().execute(async (trx) => {
      const lease = await leaseDistrictRun(trx, districtId, today)
      if (!lease) return
      const counts = await runRetention(trx, districtId, today, now.toISOString())
      await markDistrictRun(trx, districtId, today, now.toISOString(), counts)
      done[districtId] = counts
    })
  }
  return done
}

/** The daily retention run: checked every hour, done once per district day. */
export const privacyJobs: readonly ScheduledJob[] = [
  { name: 'privacy.retention', everyMs: 60 * 60 * 1000, run: runDueRetention },
]
