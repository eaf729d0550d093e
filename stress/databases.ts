import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { type Database, openDatabase } from '../server/db/database.ts'

/** Where the stress suites create their PostgreSQL databases: STRESS_DATABASE_URL, else DATABASE_URL. */
export function postgresAdminUrl(): string | undefined {
  return process.env.STRESS_DATABASE_URL ?? process.env.DATABASE_URL
}

function withDatabase(base: string, name: string): string {
  const url = new URL(base)
  url.pathname = `/${name}`
  return url.toString()
}

async function admin(base: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: base })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

/** A fresh, empty PostgreSQL database on the server of `base`; `lotse serve` migrates it. */
export async function createPostgresDatabase(base: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `lotse_stress_${randomBytes(6).toString('hex')}`
  await admin(base, `CREATE DATABASE ${name}`)
  return {
    url: withDatabase(base, name),
    drop: () => admin(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  }
}

/** Opens the database a stopped (or killed) server used, for checks from outside the server. */
export function openForChecks(
  target: { kind: 'pglite'; dataDir: string } | { kind: 'postgresql'; url: string },
) {
  return target.kind === 'pglite'
    ? openDatabase({ kind: 'pglite', dataDir: `${target.dataDir}/pglite` })
    : openDatabase({ kind: 'postgresql', url: target.url, poolSize: 2 })
}

export type { Database }
