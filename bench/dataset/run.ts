import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { Command, InvalidArgumentError, Option } from 'commander'
import { sql } from 'kysely'
import pg from 'pg'
import { type Database, openDatabase, redactUrl } from '../../server/db/database.ts'
import { migrate } from '../../server/db/migrate.ts'
import { type DataScaleName, generateDatabase } from './generate.ts'

/**
 * `npm run bench:data -- --scale district|state …`: a complete database for the benchmarks and the
 * mixed-load bench, that `lotse serve` runs on. See docs/quality.md.
 */

const integer = (value: string) => {
  const parsed = Number(value)
  if (!Number.isSafeInteger(parsed) || parsed < 0) throw new InvalidArgumentError('a whole number')
  return parsed
}
const share = (value: string) => {
  const parsed = Number(value)
  if (!(parsed > 0 && parsed <= 1)) throw new InvalidArgumentError('a number above 0 and at most 1')
  return parsed
}

const program = new Command('bench:data')
  .description('Generate a complete Lotse database (every module) for benchmarks, deterministic by seed')
  .addOption(
    new Option('--scale <scale>', 'tiny (2 districts), district (one Kreis) or state (all 53 of NRW)')
      .choices(['tiny', 'district', 'state'])
      .default('district'),
  )
  .option('--seed <n>', 'seed of every draw and id', integer, 1)
  .option('--fraction <share>', 'generate this share of the persons, cases and contacts (e.g. 0.1)', share, 1)
  .option(
    '--database <url>',
    'PostgreSQL URL of a new database (created if missing; an existing one must be empty)',
  )
  .option('--data-dir <path>', 'a new Lotse data directory for PGlite (LOTSE_DATA_DIR of `lotse serve`)')
  .option('--password <password>', 'the password of every generated user', 'lotse-bench-2026')
  .action(
    async (options: {
      scale: DataScaleName
      seed: number
      fraction: number
      database?: string
      dataDir?: string
      password: string
    }) => {
      if (Boolean(options.database) === Boolean(options.dataDir))
        throw new InvalidArgumentError('give either --database or --data-dir')
      const started = performance.now()
      const database = options.database
        ? await openPostgresTarget(options.database)
        : await openPgliteTarget(path.resolve(options.dataDir as string))
      try {
        const migrated = await migrate(database)
        console.log(`migrated to schema ${migrated.schemaVersion} in ${seconds(started)} s`)
        const existing = await sql<{ n: number }>`SELECT count(*)::int AS n FROM district`.execute(
          database.ownerDb,
        )
        if ((existing.rows[0]?.n ?? 0) > 0)
          throw new Error('the database already holds districts; give a new one')
        console.log(
          `generating scale ${options.scale}${options.fraction < 1 ? ` × ${options.fraction}` : ''}, seed ${options.seed}`,
        )
        const result = await generateDatabase(
          database,
          {
            scale: options.scale,
            seed: options.seed,
            fraction: options.fraction,
            password: options.password,
          },
          (message) => console.log(message),
        )
        console.log('\nsteps (seconds, summed over the districts):')
        for (const [name, time] of result.steps) console.log(`  ${name}: ${time.toFixed(1)}`)
        console.log(`generated in ${result.totalSeconds.toFixed(0)} s, ${seconds(started)} s with migrations`)
        console.log(`foreign-key triggers during the load: ${result.foreignKeyChecks ? 'on' : 'off'}`)
        console.log(
          `machine: ${os.cpus().length} CPU(s), load ${os
            .loadavg()
            .map((l) => l.toFixed(2))
            .join(' ')}`,
        )
        console.log('\nrows:')
        for (const [table, count] of Object.entries(result.counts))
          console.log(`  ${table}: ${count.toLocaleString('en-US')}`)
        console.log(`\nevery user's password: ${options.password}`)
        for (const district of result.districts.slice(0, 5))
          console.log(
            `  ${district.code} ${district.name}: ${district.admin}, ${district.coordinator}, ${district.caseManager}`,
          )
        if (result.districts.length > 5) console.log(`  … and ${result.districts.length - 5} more districts`)
        console.log(
          options.database
            ? `serve it: DATABASE_URL=${redactUrl(options.database)} node bin/lotse.js serve`
            : `serve it: LOTSE_DATA_DIR=${path.resolve(options.dataDir as string)} node bin/lotse.js serve`,
        )
      } finally {
        await database.close()
      }
    },
  )

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(0)

/** The database of the URL, created on its server when it does not exist yet; never dropped here. */
async function openPostgresTarget(url: string): Promise<Database> {
  const target = new URL(url)
  const name = decodeURIComponent(target.pathname.slice(1))
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new InvalidArgumentError('the database name: lower-case letters, digits, _')
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${name}`)
      console.log(`created database ${name} on ${redactUrl(url)}`)
    }
  } finally {
    await client.end()
  }
  return openDatabase({ kind: 'postgresql', url, poolSize: 4 })
}

/** PGlite in `<dir>/pglite`, where `lotse serve` with LOTSE_DATA_DIR=<dir> finds it. */
async function openPgliteTarget(dataDir: string): Promise<Database> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0)
    throw new InvalidArgumentError(`${dataDir} is not empty; give a new data directory`)
  mkdirSync(dataDir, { recursive: true })
  return openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') })
}

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
