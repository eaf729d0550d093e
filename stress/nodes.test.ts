import { describe, expect, it } from 'vitest'
import { databaseKinds } from '../server/test/database.ts'
import { postgresAdminUrl } from './databases.ts'
import { runNodeChecks } from './nodes.ts'

// Several API nodes need PostgreSQL (PGlite allows one process); runs when DATABASE_URL is set.
describe.runIf(databaseKinds.includes('postgresql'))('two lotse serve nodes on one PostgreSQL', () => {
  it('keeps sessions, the login throttle, version checks and the audit chains correct', async () => {
    const result = await runNodeChecks({ adminUrl: postgresAdminUrl() as string, nodeCount: 2 })
    for (const check of [...result.checks, ...result.invariants])
      expect(check.problems, check.name).toEqual([])
  }, 240_000)
})
