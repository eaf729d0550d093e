import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { refreshStaleMatchKeys } from '../modules/casework/index.ts'
import { databaseKinds, useTestDatabase } from '../test/database.ts'
import type { Database } from './database.ts'
import { finishDraftCaseWork } from './draft-case-work.ts'
import { ChangedMigrationError, MigrationError, migrate, readMigrations } from './migrate.ts'
import { seedDemo } from './seed/demo.ts'

// The checksum 0007_case_work.sql had in commit 67945f5, its first and least complete draft.
const firstDraft = 'bc488828a48b894169557958e5a856f14fa7625bc24926cf7b12ecfe32eff814'

async function derivedData(database: Database) {
  const persons = await sql<{ id: string; name_codes: string[] }>`
    SELECT id, name_codes FROM person ORDER BY id`.execute(database.ownerDb)
  const cases = await sql<{ id: string; sort_name: string }>`
    SELECT id, sort_name FROM client_case ORDER BY id`.execute(database.ownerDb)
  const keys = await sql<{ person_id: string; key: string }>`
    SELECT person_id, key FROM person_match_key ORDER BY person_id, key`.execute(database.ownerDb)
  return { persons: persons.rows, cases: cases.rows, keys: keys.rows }
}

async function indexNames(database: Database): Promise<string[]> {
  const result = await sql<{ indexname: string }>`
    SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`.execute(database.ownerDb)
  return result.rows.map((row) => row.indexname)
}

/** Turns a final database back into what the first draft of 0007 made: without its later additions. */
async function makeFirstDraft(database: Database): Promise<void> {
  for (const statement of [
    sql`DROP INDEX person_name_codes_idx`,
    sql`DROP INDEX client_case_sort_name_idx`,
    sql`DROP INDEX client_case_team_contact_idx`,
    sql`ALTER TABLE person DROP COLUMN name_codes`,
    sql`ALTER TABLE client_case DROP COLUMN sort_name`,
    // Keys of the draft's matcher, which the final matcher would not look up.
    sql`DELETE FROM person_match_key`,
    sql`INSERT INTO person_match_key (district_id, key, person_id) SELECT district_id, 'draft-key', id FROM person`,
    sql`UPDATE lotse_migration SET checksum = ${firstDraft} WHERE version = 7`,
    // What 0009 records when it runs, as it does right after the repair on a real draft database.
    sql`UPDATE matching_key_version SET version = 0, refreshed_at = NULL`,
  ]) {
    await statement.execute(database.ownerDb)
  }
}

describe.each(databaseKinds)('finishDraftCaseWork on %s', (kind) => {
  const ctx = useTestDatabase(kind)

  // Demo data (persons with names in many scripts, cases, match keys) is what a draft held, too.
  beforeAll(async () => {
    await seedDemo(ctx.database)
  })

  it('brings data made by the first draft of 0007 to the final schema, derived data and all', async () => {
    const final = await derivedData(ctx.database)
    const finalIndexes = await indexNames(ctx.database)
    expect(final.persons.length).toBeGreaterThan(0)
    expect(final.cases.length).toBeGreaterThan(0)

    await makeFirstDraft(ctx.database)
    await expect(migrate(ctx.database)).rejects.toThrow(ChangedMigrationError)

    const finished = await finishDraftCaseWork(ctx.database)
    expect(finished).toEqual({ draftCommit: '67945f5', cases: final.cases.length })
    expect(await migrate(ctx.database)).toEqual({ applied: [], schemaVersion: readMigrations().length })
    // The start computes the name codes and match keys anew, as after any change of the matcher.
    expect(await refreshStaleMatchKeys(ctx.database.ownerDb)).toBe(final.persons.length)
    expect(await derivedData(ctx.database)).toEqual(final)
    expect(await indexNames(ctx.database)).toEqual(finalIndexes)
  }, 180_000)

  it('refuses, and changes nothing, when 0007 is already final or was changed in an unknown way', async () => {
    await expect(finishDraftCaseWork(ctx.database)).rejects.toThrow(/already applied in its final form/)
    await sql`UPDATE lotse_migration SET checksum = ${'0'.repeat(64)} WHERE version = 7`.execute(
      ctx.database.ownerDb,
    )
    const run = finishDraftCaseWork(ctx.database)
    await expect(run).rejects.toThrow(MigrationError)
    await expect(run).rejects.toThrow(/does not come from a known draft of migration 7; it is left unchanged/)
    const recorded = await sql<{ checksum: string }>`
      SELECT checksum FROM lotse_migration WHERE version = 7`.execute(ctx.database.ownerDb)
    expect(recorded.rows[0]?.checksum).toBe('0'.repeat(64))
  })
})
