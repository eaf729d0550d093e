import { describe, expect, it } from 'vitest'
import { databaseKinds } from '../server/test/database.ts'
import { runCrashCycles } from './crash.ts'
import { postgresAdminUrl } from './databases.ts'

// The short version of `npm run stress`: a few kill -9 cycles per database. PGlite's first start
// seeds the demo data and each restart loads the WASM engine, so it gets fewer cycles.
const shortCycles = { pglite: 2, postgresql: 4 } as const

describe.each(databaseKinds)('kill -9 while writing (%s)', (kind) => {
  it('loses no acknowledged write, shows nothing half-written, and the audit chains verify', async () => {
    const result = await runCrashCycles({ kind, cycles: shortCycles[kind], adminUrl: postgresAdminUrl() })
    expect(result.restartFailures).toEqual([])
    expect(result.acknowledged).toBeGreaterThan(0)
    // The killed server's lock stays behind; every restart must have taken it over.
    if (kind === 'pglite') expect(result.staleLocks).toBe(shortCycles.pglite)
    expect(result.lost).toEqual([])
    for (const check of result.invariants) expect(check.problems, check.name).toEqual([])
  }, 240_000)
})
