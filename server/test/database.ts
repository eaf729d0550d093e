import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, inject } from 'vitest'
import { type Database, type DatabaseKind, openDatabase } from '../db/database.ts'
import type { DatabaseTemplate } from './global-setup.ts'
import { adminQuery, databaseUrl } from './postgres-admin.ts'

export type { DatabaseTemplate }

/** The database kinds this run tests against: PGlite always, PostgreSQL when DATABASE_URL is set. */
export const databaseKinds: DatabaseKind[] = inject('postgresTemplate')
  ? ['pglite', 'postgresql']
  : ['pglite']

export type TestDatabase = Database & { url?: string; drop(): Promise<void> }

/**
 * A fresh, migrated database of the given kind, private to the caller: empty, or a copy of one
 * made once per run with the demo data (see global-setup.ts).
 */
export async function openTestDatabase(
  kind: DatabaseKind,
  from: DatabaseTemplate = 'empty',
): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const template = new Blob([readFileSync(inject('pgliteTemplateFiles')[from])])
    const database = await openDatabase({ kind: 'pglite-memory', loadDataDir: template })
    return { ...database, drop: () => database.close() }
  }
  const template = inject('postgresTemplate')
  if (!template) throw new Error('PostgreSQL tests need DATABASE_URL')
  const name = `lotse_test_${randomBytes(6).toString('hex')}`
  await adminQuery(template.url, `CREATE DATABASE ${name} TEMPLATE ${template.templates[from]}`)
  const url = databaseUrl(template.url, name)
  const database = await openDatabase({ kind: 'postgresql', url, poolSize: 5 })
  let dropped = false
  return {
    ...database,
    url,
    async drop() {
      if (dropped) return
      dropped = true
      await database.close()
      await adminQuery(template.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    },
  }
}

/** A database a describe block opens in beforeAll; `startFrom` picks its template before then. */
export type TestDatabaseHolder = {
  readonly database: TestDatabase
  /** Asks for a template other than the empty one; false once the database is open (too late). */
  startFrom(template: DatabaseTemplate): boolean
}

/** Opens a fresh database before the tests of a describe block and drops it after them. */
export function useTestDatabase(kind: DatabaseKind): TestDatabaseHolder {
  let database: TestDatabase | undefined
  let template: DatabaseTemplate = 'empty'
  let opening = false
  beforeAll(async () => {
    opening = true
    database = await openTestDatabase(kind, template)
  })
  afterAll(async () => {
    await database?.drop()
  })
  return {
    get database() {
      if (!database) throw new Error('the test database is opened in beforeAll')
      return database
    },
    startFrom(wanted) {
      if (opening) return false
      template = wanted
      return true
    },
  }
}
