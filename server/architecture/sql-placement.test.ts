import { describe, expect, it } from 'vitest'
import { queriesBuiltIn, readServerFile, serverSourceFiles } from './source-files.ts'

/**
 * House rule: SQL lives only in `*.queries.ts` (STYLE.md, "What we do" 7). Services map rows to
 * domain types, routes present them; neither builds a query. This check reads every file under
 * server/ and fails on a query built anywhere else.
 */

/** Where SQL may be written besides `*.queries.ts`, each with its reason. */
const allowed: { pattern: RegExp; reason: string }[] = [
  { pattern: /\.queries\.ts$/, reason: 'the home of SQL' },
  { pattern: /^db\//, reason: 'database infrastructure: connection, migrations, backup, seed plumbing' },
  { pattern: /^test\//, reason: 'test harness' },
  { pattern: /\.test\.ts$/, reason: 'tests read the database to check what was stored' },
  { pattern: /\.test-helpers\.ts$/, reason: 'test factories and counters' },
  {
    // The other seeds write through their feature's queries (case work: casework.seed.queries.ts).
    pattern: /^modules\/network\/network-cases\.seed\.ts$/,
    reason: 'demo consents and referrals, run by the CLI before the app serves; not yet moved',
  },
]

describe('SQL placement', () => {
  it('builds queries only in *.queries.ts (and the named infrastructure, tests and seeds)', () => {
    const findings = serverSourceFiles()
      .filter((file) => !allowed.some(({ pattern }) => pattern.test(file)))
      .flatMap((file) =>
        queriesBuiltIn(readServerFile(file)).map((hit) => `server/${file}:${hit.line} ${hit.text}`),
      )
    expect(findings, 'move these statements into the feature’s *.queries.ts').toEqual([])
  })

  it('sees every form of query building it guards against', () => {
    const service = [
      "await db.selectFrom('person').selectAll().execute()",
      "await trx\n  .insertInto('task')",
      "db.updateTable('goal')",
      "db.deleteFrom('saved_case_view')",
      'await sql`SELECT 1`.execute(db)',
      'sql<SqlBool>`c.id = id`',
      "sql.raw('now()')",
      "client.query('SELECT * FROM person')",
    ].join('\n')
    expect(queriesBuiltIn(service).map((hit) => hit.line)).toEqual([1, 3, 4, 5, 6, 7, 8, 9])
  })

  it('ignores queries that are only mentioned in comments', () => {
    const source = "// db.selectFrom('person') would be wrong here\n/* sql`SELECT 1` */\nconst a = 1"
    expect(queriesBuiltIn(source)).toEqual([])
  })
})
