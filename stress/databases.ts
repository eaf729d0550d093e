import { randomBytes } from 'node:crypto'
import { type Database, openDatabase } from '../server/db/database.ts'
import { adminQuery, databaseUrl } from '../server/test/postgres-admin.ts'

/** Where the stress suites create their PostgreSQL databases: STRESS_DATABASE_URL, else DATABASE_URL. */
export function postgresAdminUrl(): string | undefined {
  return process.env.STRESS_DATABASE_URL ?? process.env.DATABASE_URL
}

/** A fresh, empty PostgreSQL database on the server of `base`; `lotse serve` migrates it. */
export async function createPostgresDatabase(base: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `lotse_stress_${randomBytes(6).toString('hex')}`
  await adminQuery(base, `CREATE DATABASE ${name}`)
  return {
    url: databaseUrl(base, name),
    drop: () => adminQuery(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
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
