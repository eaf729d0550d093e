import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { databaseKinds, useTestDatabase } from '../../../test/database.ts'
import { classification, clientTables, personalColumns, type TableClassification } from './classification.ts'

const classified = classification as Record<string, TableClassification>

describe.each(databaseKinds)('classification of personal data (%s)', (kind) => {
  const context = useTestDatabase(kind)

  async function liveColumns(): Promise<Map<string, string[]>> {
    const result = await sql<{ table_name: string; column_name: string }>`
      SELECT c.table_name, c.column_name
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`.execute(context.database.ownerDb)
    const tables = new Map<string, string[]>()
    for (const row of result.rows)
      tables.set(row.table_name, [...(tables.get(row.table_name) ?? []), row.column_name])
    return tables
  }

  it('tags or declares non-personal every column of every table of the live schema', async () => {
    const unclassified: string[] = []
    for (const [table, columns] of await liveColumns()) {
      const entry = classified[table]
      for (const column of columns) {
        const tagged = entry?.personal?.[column] !== undefined
        const declared = entry?.nonPersonal.includes(column) ?? false
        if (!tagged && !declared) unclassified.push(`${table}.${column}`)
      }
    }
    expect(unclassified).toEqual([])
  })

  it('names no column twice and none the schema does not have', async () => {
    const live = await liveColumns()
    const problems: string[] = []
    for (const [table, entry] of Object.entries(classified)) {
      const columns = live.get(table)
      if (!columns) {
        problems.push(`${table} (no such table)`)
        continue
      }
      const named = [...Object.keys(entry.personal ?? {}), ...entry.nonPersonal]
      for (const column of named)
        if (!columns.includes(column)) problems.push(`${table}.${column} (no such column)`)
      for (const column of new Set(named))
        if (named.filter((each) => each === column).length > 1) problems.push(`${table}.${column} (twice)`)
    }
    expect(problems).toEqual([])
  })
})

describe('classification lookups', () => {
  it('finds the identifying and free-text columns of a client table', () => {
    expect(personalColumns('person', { categories: ['identifying'] })).toContain('family_name')
    expect(personalColumns('contact', { categories: ['free-text'] })).toEqual(['other_participants', 'note'])
    expect(personalColumns('residence_status', { subject: 'client', categories: ['special'] })).toContain(
      'status',
    )
    expect(personalColumns('district')).toEqual([])
  })

  it('knows which tables hold client data and which do not', () => {
    const tables = clientTables()
    expect(tables).toEqual(expect.arrayContaining(['person', 'contact', 'referral', 'residence_status']))
    expect(tables).not.toContain('municipality')
    expect(tables).not.toContain('erasure_ledger')
  })
})
