import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { createPgConfig } from '@electric-sql/pglite/node-postgres'
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely'
import pg from 'pg'
import { currentTenantDistrict } from '../platform/tenant-context.ts'
import { lockDataDir } from './lock.ts'
import type { DB } from './schema.ts'
import { parseTimestamptz } from './timestamps.ts'
import { WriteWatch } from './write-watch.ts'

// Dates and timestamps stay strings: the API speaks ISO 8601 and a JS Date would shift a
// calendar date by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value)
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, parseTimestamptz)
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value))

export const pgliteExtensions = { pg_trgm, unaccent, pgcrypto, fuzzystrmatch }

// The app reads PGlite through node-postgres (above); PGlite's own parsers serve tooling that
// queries it directly, and must read dates the same way (its default is `new Date(text)`).
const pgliteParsers = {
  [pg.types.builtins.DATE]: (value: string) => value,
  [pg.types.builtins.TIMESTAMPTZ]: parseTimestamptz,
}

export type DatabaseKind = 'pglite' | 'postgresql'

export type Database = {
  kind: DatabaseKind
  /** The application's access: role lotse_app, limited by row-level security to the request's district. */
  db: Kysely<DB>
  /** The schema owner's access, for migrations, backup and restore only. */
  ownerDb: Kysely<DB>
  /** The embedded instance, for tooling that copies whole data directories (tests, benchmarks). */
  pglite?: PGlite
  /** Which tables statements through `db` and `ownerDb` may have written since, for in-process caches. */
  writes: WriteWatch
  close(): Promise<void>
}

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory'; loadDataDir?: Blob | File }
  | { kind: 'postgresql'; url: string; poolSize?: number }

export class DatabaseUnavailableError extends Error {
  constructor(
    readonly target: string,
    cause: unknown,
  ) {
    super(`Cannot reach the database at ${target}: ${(cause as Error)?.message ?? String(cause)}`)
    this.name = 'DatabaseUnavailableError'
  }
}

/** The connection URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return 'the configured DATABASE_URL'
  }
}

// DateStyle ISO is what the date parsers read; a server configured otherwise ('German', 'SQL')
// would otherwise hand them text they refuse.
const appRoleSql =
  "SELECT set_config('role', 'lotse_app', false), set_config('lotse.district_id', $1, false), set_config('DateStyle', 'ISO, YMD', false)"
const ownerRoleSql =
  "SELECT set_config('role', 'none', false), set_config('lotse.district_id', '', false), set_config('DateStyle', 'ISO, YMD', false)"

/**
 * Every checkout of a connection states who works on it: the application role with the current
 * request's district (row-level security applies), or the owner. Connections are shared, so each
 * checkout sets both, whatever the previous user left.
 */
// What each physical connection was last set to, so that a repeated checkout for the same
// role and district costs no round trip. Safe because the setting is made outside transactions.
const connectionState = new WeakMap<pg.PoolClient, string>()

function checkoutAs(pool: pg.Pool, as: 'app' | 'owner', end: () => Promise<void>): PostgresPool {
  return {
    async connect() {
      const client = await pool.connect()
      const district = as === 'app' ? (currentTenantDistrict() ?? '') : ''
      const wanted = `${as}:${district}`
      if (connectionState.get(client) === wanted) return client
      try {
        if (as === 'app') await client.query(appRoleSql, [district])
        else await client.query(ownerRoleSql)
        connectionState.set(client, wanted)
      } catch (error) {
        connectionState.delete(client)
        client.release(error as Error)
        throw error
      }
      return client
    },
    end,
  }
}

function kyselyPair(pool: pg.Pool): {
  db: Kysely<DB>
  ownerDb: Kysely<DB>
  writes: WriteWatch
  destroy(): Promise<void>
} {
  let ended: Promise<void> | undefined
  const end = () => {
    ended ??= pool.end()
    return ended
  }
  const writes = new WriteWatch()
  const plugins = [writes.plugin()]
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: checkoutAs(pool, 'app', end) }), plugins })
  const ownerDb = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: checkoutAs(pool, 'owner', end) }),
    plugins,
  })
  return {
    db,
    ownerDb,
    writes,
    async destroy() {
      await db.destroy()
      await ownerDb.destroy()
    },
  }
}

async function openPglite(lite: PGlite, release: () => void): Promise<Database> {
  // PGlite has one connection; a pool of one serialises transactions correctly.
  const pool = new pg.Pool(createPgConfig(lite) as unknown as pg.PoolConfig)
  const { db, ownerDb, writes, destroy } = kyselyPair(pool)
  return {
    kind: 'pglite',
    db,
    ownerDb,
    writes,
    pglite: lite,
    async close() {
      await destroy()
      await lite.close()
      release()
    },
  }
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 })
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  })
  try {
    const client = await pool.connect()
    client.release()
  } catch (error) {
    await pool.end().catch(() => {})
    throw new DatabaseUnavailableError(redactUrl(url), error)
  }
  const { db, ownerDb, writes, destroy } = kyselyPair(pool)
  return { kind: 'postgresql', db, ownerDb, writes, close: destroy }
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  switch (target.kind) {
    case 'postgresql':
      return openPostgres(target.url, target.poolSize ?? 10)
    case 'pglite': {
      // The lock lives beside the PGlite folder so that PostgreSQL's own files stay untouched.
      const release = lockDataDir(path.dirname(target.dataDir))
      try {
        const lite = await PGlite.create(target.dataDir, {
          extensions: pgliteExtensions,
          parsers: pgliteParsers,
        })
        return await openPglite(lite, release)
      } catch (error) {
        release()
        throw error
      }
    }
    case 'pglite-memory': {
      const lite = await PGlite.create({
        extensions: pgliteExtensions,
        parsers: pgliteParsers,
        loadDataDir: target.loadDataDir,
      })
      return openPglite(lite, () => {})
    }
  }
}
