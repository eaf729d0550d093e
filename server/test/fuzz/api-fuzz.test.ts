import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds, openTestDatabase, type TestDatabase } from '../database.ts'
import { actorNames } from './arbitraries.ts'
import { createFuzzTarget, type FuzzTarget } from './harness.ts'
import { figuresTable, fuzzEnvironment, fuzzPass, type PassResult } from './pass.ts'

/**
 * The short pass of the API fuzzer in every test run: generated requests against every route
 * of /api/openapi.json, as every role of two districts and anonymously. After each request: no
 * 5xx, every 4xx is problem+json, a refused request changed no row, /api/health still answers.
 * The seed is random and printed; LOTSE_FUZZ_SEED (and LOTSE_FUZZ_PATH) replay a failure, and
 * LOTSE_FUZZ_RUNS sets the number of inputs. The long pass is `npm run fuzz`.
 */
const { runs, seed, path } = fuzzEnvironment(5_000)

describe.each(databaseKinds)('API fuzzing on %s', (kind) => {
  let database: TestDatabase | undefined
  let target: FuzzTarget | undefined
  let result: PassResult | undefined

  beforeAll(async () => {
    database = await openTestDatabase(kind)
    target = await createFuzzTarget(database)
  })
  afterAll(async () => {
    await target?.close()
    await database?.drop()
  })

  it(`keeps every invariant over ${runs} generated requests (seed ${seed})`, async () => {
    result = await fuzzPass(target as FuzzTarget, {
      runs,
      seed,
      ...(path ? { path } : {}),
      stopOnFinding: true,
    })
    console.info(
      `API fuzzing on ${kind}: ${result.runs} inputs, seed ${seed}, ${Math.round(result.durationMs / 1000)} s`,
    )
    expect(result.failure, result.failure).toBeUndefined()
  }, 900_000)

  // Routes are drawn at random: below about 2,000 inputs a route can go unvisited by chance
  // (at 5,000, each of some 210 routes expects about 24 visits), so a short local run skips the
  // coverage check.
  it.skipIf(path !== undefined || runs < 2_000)(
    'reaches every route, every actor and a deep answer on most routes',
    () => {
      const figures = (target as FuzzTarget).figures
      const operations = (target as FuzzTarget).operations
      expect(operations.length).toBeGreaterThan(70)
      expect([...figures.keys()].sort()).toEqual(operations.map((operation) => operation.key).sort())
      // Not every route can succeed for generated input (sign-ins use unknown usernames, nobody
      // knows a password or a TOTP code), but at 5,000 inputs at least 40 % of the routes must.
      // It was half with 76 routes; most routes added since (steering, staffing, reporting) act on a
      // record whose id the generator only guesses, so they answer 404/422 — still checked for
      // every invariant above. Measured with 209 routes: 48 % at 5,000 inputs, 50 % at 10,000.
      const succeeded = [...figures.values()].filter((each) => (each.byClass['2xx'] ?? 0) > 0).length
      console.info(`API fuzzing: ${succeeded} of ${operations.length} routes answered 2xx at least once`)
      if (runs >= 5_000) {
        expect(succeeded, figuresTable(target as FuzzTarget)).toBeGreaterThanOrEqual(operations.length * 0.4)
      }
      // Every actor, anonymous included, sent requests, and every signed-in one had some succeed.
      const actors = (target as FuzzTarget).actorFigures
      expect([...actors.keys()].sort()).toEqual([...actorNames].sort())
      for (const actor of actorNames.filter((name) => name !== 'anonymous'))
        expect(actors.get(actor)?.succeeded, actor).toBeGreaterThan(0)
    },
  )
})
