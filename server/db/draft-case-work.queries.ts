import { sql, type Transaction } from 'kysely'
import type { DB } from './schema.ts'

/**
 * What the final 0007_case_work.sql has and its drafts lacked: all of it additive. IF NOT EXISTS
 * because the three drafts lack different parts of it (the last one only name_codes).
 */
export async function addFinalCaseWorkParts(trx: Transaction<DB>): Promise<void> {
  await sql`ALTER TABLE person ADD COLUMN IF NOT EXISTS name_codes text[] NOT NULL DEFAULT '{}'`.execute(trx)
  await sql`CREATE INDEX IF NOT EXISTS person_name_codes_idx ON person USING gin (name_codes)`.execute(trx)
  await sql`ALTER TABLE client_case ADD COLUMN IF NOT EXISTS sort_name text NOT NULL DEFAULT ''`.execute(trx)
  await sql`CREATE INDEX IF NOT EXISTS client_case_sort_name_idx ON client_case (district_id, sort_name)`.execute(
    trx,
  )
  await sql`CREATE INDEX IF NOT EXISTS client_case_team_contact_idx
    ON client_case (district_id, team_id, last_contact_at DESC NULLS LAST, reference DESC)`.execute(trx)
}

/** Each case's sort name as case work keeps it: its first person's name, alphabetically. */
export async function refreshAllCaseSortNames(trx: Transaction<DB>): Promise<number> {
  const result = await sql`UPDATE client_case c SET sort_name = coalesce((
      SELECT min(lower(p.family_name || ' ' || p.given_names))
      FROM case_person cp JOIN person p ON p.id = cp.person_id WHERE cp.case_id = c.id), '')`.execute(trx)
  return Number(result.numAffectedRows ?? 0)
}

export async function recordedChecksum(trx: Transaction<DB>, version: number): Promise<string | undefined> {
  const row = await trx
    .selectFrom('lotse_migration')
    .select('checksum')
    .where('version', '=', version)
    .executeTakeFirst()
  return row?.checksum
}

export async function recordChecksum(trx: Transaction<DB>, version: number, checksum: string): Promise<void> {
  await trx.updateTable('lotse_migration').set({ checksum }).where('version', '=', version).execute()
}

export async function lockMigrations(trx: Transaction<DB>, key: number): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${key})`.execute(trx)
}
