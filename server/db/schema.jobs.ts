import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<string, string | undefined, string>

/** One background job's schedule and lease across all nodes (migration 0039). */
export interface ScheduledJobTable {
  name: string
  next_run_at: Timestamp
  lease_until: Timestamp | null
  last_started_at: Timestamp | null
  last_finished_at: Timestamp | null
  last_node: string | null
  last_outcome: 'done' | 'failed' | null
  runs: Generated<number>
}

export interface JobTables {
  scheduled_job: ScheduledJobTable
}
