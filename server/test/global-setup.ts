import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { openDatabase } from '../db/database.ts'
import { migrate } from '../db/migrate.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplateFile: string
    postgresTemplate: { url: string; database: string } | null
  }
}

function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

/**
 * Migrates once per run: a PGlite data directory dumped to a file that every test file loads,
 * and, when DATABASE_URL is set, a PostgreSQL template database that test files copy.
 */
export default async function setup(project: TestProject) {
  const workDir = mkdtempSync(path.join(tmpdir(), 'lotse-test-'))
  const lite = await openDatabase({ kind: 'pglite-memory' })
  await migrate(lite)
  const templateFile = path.join(workDir, 'pglite-template.tar')
  const dump = await (lite.pglite as NonNullable<typeof lite.pglite>).dumpDataDir('none')
  writeFileSync(templateFile, Buffer.from(await dump.arrayBuffer()))
  await lite.close()
  project.provide('pgliteTemplateFile', templateFile)

  const baseUrl = process.env.DATABASE_URL
  let templateName: string | undefined
  if (baseUrl) {
    templateName = `lotse_template_${randomBytes(4).toString('hex')}`
    const admin = new pg.Client({ connectionString: baseUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${templateName}`)
    await admin.end()
    const database = await openDatabase({ kind: 'postgresql', url: withDatabaseName(baseUrl, templateName) })
    await migrate(database)
    await database.close()
    project.provide('postgresTemplate', { url: baseUrl, database: templateName })
  } else {
    project.provide('postgresTemplate', null)
  }

  return async () => {
    rmSync(workDir, { recursive: true, force: true })
    if (baseUrl && templateName) {
      const admin = new pg.Client({ connectionString: baseUrl })
      await admin.connect()
      await admin.query(`DROP DATABASE IF EXISTS ${templateName} WITH (FORCE)`)
      await admin.end()
    }
  }
}
