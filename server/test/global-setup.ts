import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { type Database, openDatabase } from '../db/database.ts'
import { migrate } from '../db/migrate.ts'
import { seedDemo } from '../db/seed/demo.ts'
import { testPassword } from './auth.ts'
import { installTestKeyring } from './encryption-key.ts'

/** What a test database starts with: migrated and empty, or with the demo data seeded as `useDemoData` does. */
export type DatabaseTemplate = 'empty' | 'demo' | 'demo-casework'

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplateFiles: Record<DatabaseTemplate, string>
    /** `database` is the empty template; `templates` names one database per template. */
    postgresTemplate: { url: string; database: string; templates: Record<DatabaseTemplate, string> } | null
  }
}

/**
 * Seeds the demo data once per run instead of once per describe block: about 80 blocks on each
 * database asked for it, and seeding (the case work above all) took longer than opening a copy.
 * `useDemoData` seeds with the same options, so a copy holds what seeding in the file would have
 * made; the demo's dates count from the run's start, which a run spanning Berlin midnight shifts
 * by a day (as it already did for files that seeded before midnight).
 */
async function seedTemplate(database: Database, template: DatabaseTemplate): Promise<void> {
  if (template === 'empty') return
  await seedDemo(database, { password: testPassword, caseWork: template === 'demo-casework' })
}

const templates: DatabaseTemplate[] = ['empty', 'demo', 'demo-casework']

function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

async function preparePgliteTemplates(workDir: string): Promise<Record<DatabaseTemplate, string>> {
  const lite = await openDatabase({ kind: 'pglite-memory' })
  await migrate(lite)
  const emptyDump = await (lite.pglite as NonNullable<typeof lite.pglite>).dumpDataDir('none')
  await lite.close()
  const files = {} as Record<DatabaseTemplate, string>
  for (const template of templates) {
    const file = path.join(workDir, `pglite-${template}.tar`)
    if (template === 'empty') {
      writeFileSync(file, Buffer.from(await emptyDump.arrayBuffer()))
    } else {
      const seeded = await openDatabase({ kind: 'pglite-memory', loadDataDir: emptyDump })
      await seedTemplate(seeded, template)
      const dump = await (seeded.pglite as NonNullable<typeof seeded.pglite>).dumpDataDir('none')
      writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
      await seeded.close()
    }
    files[template] = file
  }
  return files
}

function postgresTemplateNames(): Record<DatabaseTemplate, string> {
  const suffix = randomBytes(4).toString('hex')
  return Object.fromEntries(
    templates.map((template) => [template, `lotse_template_${template.replace('-', '_')}_${suffix}`]),
  ) as Record<DatabaseTemplate, string>
}

async function preparePostgresTemplates(
  baseUrl: string,
  names: Record<DatabaseTemplate, string>,
): Promise<void> {
  const admin = new pg.Client({ connectionString: baseUrl })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${names.empty}`)
    const empty = await openDatabase({ kind: 'postgresql', url: withDatabaseName(baseUrl, names.empty) })
    await migrate(empty)
    await empty.close()
    for (const template of templates.filter((each) => each !== 'empty')) {
      await admin.query(`CREATE DATABASE ${names[template]} TEMPLATE ${names.empty}`)
      const seeded = await openDatabase({
        kind: 'postgresql',
        url: withDatabaseName(baseUrl, names[template]),
      })
      await seedTemplate(seeded, template)
      await seeded.close()
    }
  } finally {
    await admin.end()
  }
}

/**
 * Migrates once per run: PGlite data directories dumped to files that test files load, and, when
 * DATABASE_URL is set, PostgreSQL template databases that test files copy; one of each template.
 */
export default async function setup(project: TestProject) {
  // Seeding encrypts some columns with the test key, as the test files' setup installs it.
  installTestKeyring()
  const workDir = mkdtempSync(path.join(tmpdir(), 'lotse-test-'))
  const baseUrl = process.env.DATABASE_URL
  const names = postgresTemplateNames()
  // PostgreSQL seeds in its own server process, PGlite in this one: side by side they take
  // about as long as the slower of the two.
  const [files] = await Promise.all([
    preparePgliteTemplates(workDir),
    baseUrl ? preparePostgresTemplates(baseUrl, names) : Promise.resolve(),
  ])
  project.provide('pgliteTemplateFiles', files)
  project.provide(
    'postgresTemplate',
    baseUrl ? { url: baseUrl, database: names.empty, templates: names } : null,
  )

  return async () => {
    rmSync(workDir, { recursive: true, force: true })
    if (baseUrl) {
      const admin = new pg.Client({ connectionString: baseUrl })
      await admin.connect()
      for (const name of Object.values(names))
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.end()
    }
  }
}
