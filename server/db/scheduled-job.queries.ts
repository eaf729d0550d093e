import type { Kysely } from 'kysely'
import type { DB } from './schema.ts'

/** Makes sure each job has its row; a new job is due at once, an existing one keeps its schedule. */
export async function ensureJobRows(db: Kysely<DB>, names: readonly string[], now: string): Promise<void> {
  if (names.length === 0) return
  await db
    .insertInto('scheduled_job')
    .values(names.map((name) => ({ name, next_run_at: now })))
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute()
}

/**
 * Takes the job's lease when it is due and nobody holds it; answers whether this node won. One
 * UPDATE decides it: a second node's UPDATE of the same row waits for the first and then finds
 * the lease taken.
 */
export async function takeJobLease(
  db: Kysely<DB>,
  lease: { name: string; node: string; now: string; until: string },
): Promise<boolean> {
  const row = await db
    .updateTable('scheduled_job')
    .set((eb) => ({
      lease_until: lease.until,
      last_started_at: lease.now,
      last_node: lease.node,
      runs: eb('runs', '+', 1),
    }))
    .where('name', '=', lease.name)
    .where('next_run_at', '<=', lease.now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', lease.now)]))
    .returning('name')
    .executeTakeFirst()
  return row !== undefined
}

/** Gives the lease back and sets the next run; only the node holding the lease can. */
export async function releaseJobLease(
  db: Kysely<DB>,
  release: { name: string; node: string; finishedAt: string; nextRunAt: string; outcome: 'done' | 'failed' },
): Promise<void> {
  await db
    .updateTable('scheduled_job')
    .set({
      lease_until: null,
      next_run_at: release.nextRunAt,
      last_finished_at: release.finishedAt,
      last_outcome: release.outcome,
    })
    .where('name', '=', release.name)
    .where('last_node', '=', release.node)
    .execute()
}

export function selectJobSchedules(db: Kysely<DB>) {
  return db.selectFrom('scheduled_job').selectAll().orderBy('name').execute()
}
