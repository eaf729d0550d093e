import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { allTables, readServerFile, serverRoot, serverSourceFiles, tablesNamedIn } from './source-files.ts'
import { type Owner, tableOwners } from './table-ownership.ts'

/**
 * House rule: modules talk through their services, never by reaching into another module's
 * tables (ARCHITECTURE.md). Every `*.queries.ts` of a module may name only the tables the map
 * gives that module.
 */

/** The module a queries file belongs to, from its path under server/. */
function ownerOf(file: string): Owner | undefined {
  const moduleName = /^modules\/([^/]+)\//.exec(file)?.[1] ?? (file.startsWith('db/') ? 'db' : undefined)
  return moduleName && moduleName in tableOwners ? (moduleName as Owner) : undefined
}

/** Database infrastructure that works on the schema as a whole, like a migration, each with its reason. */
const schemaWide: Record<string, string> = {
  'db/backup.queries.ts': 'the backup copies every table, which is its purpose',
  'db/draft-case-work.queries.ts':
    "repairs data folders made from 0007's drafts, a migration in all but name",
}

/**
 * What platform/ may read of a module's tables, each with its reason. Platform never imports a
 * module (biome.json), so where it needs a fact before any module is reachable it reads it here.
 */
const platformReads: Record<string, readonly string[]> = {
  // The district's time zone: every module's "today" comes from it (decision 0005).
  'platform/district-time.queries.ts': ['district'],
  // SQL fragments every module's aggregate figures share (district days, calendar buckets): no table.
  'platform/figure-sql.queries.ts': [],
}

const queriesFiles = serverSourceFiles().filter((file) => file.endsWith('.queries.ts'))

describe('table ownership', () => {
  it('lets every module query only its own tables', () => {
    const findings: string[] = []
    for (const file of queriesFiles) {
      if (file in schemaWide) continue
      const granted = platformReads[file]
      if (granted) {
        for (const hit of tablesNamedIn(readServerFile(file)))
          if (!granted.includes(hit.table)) findings.push(`server/${file}:${hit.line} reads ${hit.table}`)
        continue
      }
      const owner = ownerOf(file)
      if (!owner) {
        findings.push(`server/${file}: a module without an entry in table-ownership.ts`)
        continue
      }
      const own = tableOwners[owner] as readonly string[]
      for (const hit of tablesNamedIn(readServerFile(file))) {
        if (!own.includes(hit.table)) findings.push(`server/${file}:${hit.line} reads ${hit.table}`)
      }
    }
    expect(findings, "ask the owning module's service instead (its index.ts)").toEqual([])
  })

  it('gives every table of the migrations exactly one owner', () => {
    const migrations = path.join(serverRoot, 'db', 'migrations')
    const created = readdirSync(migrations)
      .filter((name) => name.endsWith('.sql'))
      .flatMap((name) =>
        [
          ...readFileSync(path.join(migrations, name), 'utf8').matchAll(
            /CREATE TABLE (?:IF NOT EXISTS )?(\w+)/gi,
          ),
        ].map((match) => match[1] as string),
      )
    const missing = created.filter((table) => !allTables.includes(table))
    const twice = allTables.filter((table, index) => allTables.indexOf(table) !== index)
    expect({ missing, twice }).toEqual({ missing: [], twice: [] })
  })

  it('finds a foreign table whether it is named through Kysely or in raw SQL', () => {
    const source = [
      "db.selectFrom('task').innerJoin('app_user', 'app_user.id', 'task.assignee_id')",
      'sql`SELECT t.name FROM team t JOIN user_team ut ON ut.team_id = t.id`',
      "db.selectFrom('organisation as o')",
      '// a comment about municipality names is no finding',
      "const teamId = row.team_id; db.fn('district_of')",
    ].join('\n')
    expect(tablesNamedIn(source)).toEqual([
      { table: 'app_user', line: 1 },
      { table: 'app_user', line: 1 },
      { table: 'task', line: 1 },
      { table: 'task', line: 1 },
      { table: 'team', line: 2 },
      { table: 'user_team', line: 2 },
      { table: 'organisation', line: 3 },
    ])
  })
})
