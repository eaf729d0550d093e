import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { createPgConfig } from '@electric-sql/pglite/node-postgres'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { lockDataDir } from './lock.ts'
import type { DB } from './schema.ts'

// Dates and timestamps stay strings: the API speaks ISO 8601 and a JS Date would shift a
// calendar date by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value)
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (value) => new Date(value).toISOString())
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value))

export const pgliteExtensions = { pg_trgm, unaccent, pgcrypto, fuzzystrmatch }

export type DatabaseKind = 'pglite' | 'postgresql'

export type Database = {
  kind: DatabaseKind
  db: Kysely<DB>
  /** The embedded instance, for tooling that copies whole data directories (tests, benchmarks). */
  pglite?: PGlite
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

async function openPglite(lite: PGlite, release: () => void): Promise<Database> {
  // PGlite has one connection; a pool of one serialises transactions correctly.
  const pool = new pg.Pool(createPgConfig(lite) as unknown as pg.PoolConfig)
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  return {
    kind: 'pglite',
    db,
    pglite: lite,
    async close() {
      await db.destroy()
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
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  return { kind: 'postgresql', db, close: () => db.destroy() }
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  switch (target.kind) {
    case 'postgresql':
      return openPostgres(target.url, target.poolSize ?? 10)
    case 'pglite': {
      // The lock lives beside the PGlite folder so that PostgreSQL's own files stay untouched.
      const release = lockDataDir(path.dirname(target.dataDir))
      try {
        const lite = await PGlite.create(target.dataDir, { extensions: pgliteExtensions })
        return await openPglite(lite, release)
      } catch (error) {
        release()
        throw error
      }
    }
    case 'pglite-memory': {
      const lite = await PGlite.create({ extensions: pgliteExtensions, loadDataDir: target.loadDataDir })
      return openPglite(lite, () => {})
    }
  }
}
