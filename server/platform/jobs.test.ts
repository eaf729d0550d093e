import { describe, expect, it } from 'vitest'
import { selectJobSchedules, takeJobLease } from '../db/scheduled-job.queries.ts'
import { databaseKinds, useTestDatabase } from '../test/database.ts'
import { runDueJobs, type ScheduledJob } from './jobs.ts'

const minute = 60 * 1000
const at = (text: string) => new Date(text)

function countingJob(name: string, everyMs: number, fail = false) {
  const runs: string[] = []
  const job: ScheduledJob = {
    name,
    everyMs,
    run: async (_db, now) => {
      runs.push(now.toISOString())
      if (fail) throw new Error('job failed')
    },
  }
  return { job, runs }
}

describe.each(databaseKinds)('scheduled jobs across nodes on %s', (kind) => {
  const holder = useTestDatabase(kind)

  it('runs a due job on one node only, and again when its interval has passed', async () => {
    const { job, runs } = countingJob('test.hourly', 60 * minute)
    const start = at('2026-12-07T10:00:00Z')
    const [first, second] = await Promise.all([
      runDueJobs(holder.database.db, [job], start, { node: 'a' }),
      runDueJobs(holder.database.db, [job], start, { node: 'b' }),
    ])
    expect([...first, ...second]).toEqual(['test.hourly'])
    expect(await runDueJobs(holder.database.db, [job], at('2026-12-07T10:59:00Z'), { node: 'b' })).toEqual([])
    expect(await runDueJobs(holder.database.db, [job], at('2026-12-07T11:00:00Z'), { node: 'b' })).toEqual([
      'test.hourly',
    ])
    expect(runs).toEqual(['2026-12-07T10:00:00.000Z', '2026-12-07T11:00:00.000Z'])
    const schedule = (await selectJobSchedules(holder.database.db)).find((row) => row.name === 'test.hourly')
    expect(schedule).toMatchObject({ last_node: 'b', last_outcome: 'done', runs: 2, lease_until: null })
  })

  it('lets another node take over a job whose node died holding the lease', async () => {
    const { job, runs } = countingJob('test.orphaned', 60 * minute)
    const start = at('2026-12-07T10:00:00Z')
    await runDueJobs(holder.database.db, [], start)
    expect(await runDueJobs(holder.database.db, [job], start, { node: 'a' })).toEqual(['test.orphaned'])
    // Node a takes the next run's lease and dies before finishing it.
    const next = at('2026-12-07T11:00:00Z')
    expect(
      await takeJobLease(holder.database.db, {
        name: 'test.orphaned',
        node: 'a',
        now: next.toISOString(),
        until: at('2026-12-07T11:15:00Z').toISOString(),
      }),
    ).toBe(true)
    expect(await runDueJobs(holder.database.db, [job], at('2026-12-07T11:10:00Z'), { node: 'b' })).toEqual([])
    expect(await runDueJobs(holder.database.db, [job], at('2026-12-07T11:15:00Z'), { node: 'b' })).toEqual([
      'test.orphaned',
    ])
    expect(runs).toHaveLength(2)
  })

  it('tries a failed run again after five minutes, not after its whole interval', async () => {
    const { job, runs } = countingJob('test.failing', 6 * 60 * minute, true)
    const errors: string[] = []
    const onError = (name: string) => errors.push(name)
    await runDueJobs(holder.database.db, [job], at('2026-12-07T10:00:00Z'), { node: 'a', onError })
    await runDueJobs(holder.database.db, [job], at('2026-12-07T10:04:00Z'), { node: 'a', onError })
    await runDueJobs(holder.database.db, [job], at('2026-12-07T10:05:00Z'), { node: 'b', onError })
    expect(runs).toEqual(['2026-12-07T10:00:00.000Z', '2026-12-07T10:05:00.000Z'])
    expect(errors).toEqual(['test.failing', 'test.failing'])
    const schedule = (await selectJobSchedules(holder.database.db)).find((row) => row.name === 'test.failing')
    expect(schedule?.last_outcome).toBe('failed')
  })
})
