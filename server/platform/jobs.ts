import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { Kysely } from 'kysely'
import { ensureJobRows, releaseJobLease, takeJobLease } from '../db/scheduled-job.queries.ts'
import type { DB } from '../db/schema.ts'
import { type Clock, systemClock } from './district-time.ts'

/** A background job of a module: what it does, and how often it is due across all nodes. */
export interface ScheduledJob {
  /** Unique and stable: the schedule is kept under this name. */
  readonly name: string
  readonly everyMs: number
  run(db: Kysely<DB>, now: Date): Promise<unknown>
}

const minute = 60 * 1000
/** Longer than any job takes; a node that dies mid-run holds the job no longer than this. */
const leaseMs = 15 * minute
/** A failed run is tried again sooner than its interval, but not in a tight loop. */
const retryMs = 5 * minute

/** This process among the nodes; shown in the schedule so an operator sees who ran what. */
export const nodeName = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`

/**
 * Runs every job that is due and whose lease this node wins; answers the names it ran. Each job
 * is idempotent anyway, so the lease saves work and duplicate reminders' races, not correctness.
 */
export async function runDueJobs(
  db: Kysely<DB>,
  jobs: readonly ScheduledJob[],
  now: Date,
  options: { node?: string; onError?: (job: string, error: unknown) => void } = {},
): Promise<string[]> {
  const node = options.node ?? nodeName
  await ensureJobRows(
    db,
    jobs.map((job) => job.name),
    now.toISOString(),
  )
  const ran: string[] = []
  for (const job of jobs) {
    const until = new Date(now.getTime() + leaseMs).toISOString()
    if (!(await takeJobLease(db, { name: job.name, node, now: now.toISOString(), until }))) continue
    let outcome: 'done' | 'failed' = 'done'
    try {
      await job.run(db, now)
    } catch (error) {
      outcome = 'failed'
      options.onError?.(job.name, error)
    }
    const delay = outcome === 'done' ? job.everyMs : Math.min(job.everyMs, retryMs)
    await releaseJobLease(db, {
      name: job.name,
      node,
      finishedAt: new Date().toISOString(),
      nextRunAt: new Date(now.getTime() + delay).toISOString(),
      outcome,
    })
    ran.push(job.name)
  }
  return ran
}

/** Checks for due jobs at start and every minute until stopped. */
export function startScheduledJobs(
  db: Kysely<DB>,
  jobs: readonly ScheduledJob[],
  onError: (job: string, error: unknown) => void,
  clock: Clock = systemClock,
): () => void {
  let busy = false
  const tick = () => {
    // One pass at a time: a slow job must not let the next tick start a second pass beside it.
    if (busy) return
    busy = true
    runDueJobs(db, jobs, clock(), { onError })
      .catch((error) => onError('scheduler', error))
      .finally(() => {
        busy = false
      })
  }
  tick()
  const timer = setInterval(tick, minute)
  timer.unref()
  return () => clearInterval(timer)
}
