import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, inject } from 'vitest'
import { type Database, type DatabaseKind, openDatabase } from '../db/database.ts'
import { adminQuery, databaseUrl } from './postgres-admin.ts'

/** The database kinds this run tests against: PGlite always, PostgreSQL when DATABASE_URL is set. */
export const databaseKinds: DatabaseKind[] = inject('postgresTemplate')
  ? ['pglite', 'postgresql']
  : ['pglite']

export type TestDatabase = Database & { url?: string; drop(): Promise<void> }

/** A fresh, migrated, empty database of the given kind, private to the caller. */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const template = new Blob([readFileSync(inject('pgliteTemplateFile'))])
    const database = await openDatabase({ kind: 'pglite-memory', loadDataDir: template })
    return { ...database, drop: () => database.close() }
  }
  const template = inject('postgresTemplate')
  if (!template) throw new Error('PostgreSQL tests need DATABASE_URL')
  const name = `lotse_test_${randomBytes(6).toString('hex')}`
  await adminQuery(template.url, `CREATE DATABASE ${name} TEMPLATE ${template.database}`)
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

/** Opens a fresh database before the tests of a describe block and drops it after them. */
export function useTestDatabase(kind: DatabaseKind): { readonly database: TestDatabase } {
  let database: TestDatabase | undefined
  beforeAll(async () => {
    database = await openTestDatabase(kind)
  })
  afterAll(async () => {
    await database?.drop()
  })
  return {
    get database() {
      if (!database) throw new Error('the test database is opened in beforeAll')
      return database
    },
  }
}
