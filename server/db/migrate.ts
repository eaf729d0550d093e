import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import type { Database } from './database.ts'

export const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

export type Migration = { file: string; version: number; name: string; sql: string; checksum: string }

export class MigrationError extends Error {
  override name = 'MigrationError'
}

/**
 * Checksums that 0007_case_work.sql had while it was still being written (25 November 2026):
 * it was edited three times after it landed. A data folder made in between records one of
 * these, and the final text can never run on it, so its operator gets told exactly that.
 */
const draftChecksums: Readonly<Record<number, Readonly<Record<string, string>>>> = {
  7: {
    bc488828a48b894169557958e5a856f14fa7625bc24926cf7b12ecfe32eff814: '67945f5',
    ce3f365bbe5cb40a97ebec53c0e9aa8c053da4498a13cf917a3667151999c1f5: 'cbdacca',
    '17e3368a7c3bf30ab24f8e76f3dbd7b44c1475c5acade917a6b1df7d5619f012': 'd15b8d0',
  },
  // Never landed: main carried these texts for a few hours before the landed ones were restored.
  12: { d67edaee55677c04108002f3321f17ae8cc456ab056277a249281a6154859514: '8529d71' },
  22: { '40546ff0f8ac2db50512ea06cd7c56ebac802258e3699d49f573ca0305a9ae2a': '38eb85b' },
}

/** The commit whose unfinished text of a migration left this checksum, when it is a known draft. */
export function draftCommitOf(version: number, checksum: string): string | undefined {
  return draftChecksums[version]?.[checksum]
}

/** A landed migration whose recorded checksum differs from its file; the start stops on it. */
export class ChangedMigrationError extends MigrationError {
  override name = 'ChangedMigrationError'
  constructor(
    readonly migration: Pick<Migration, 'version' | 'name' | 'checksum'>,
    readonly recordedChecksum: string,
  ) {
    super(changedMigrationMessage(migration, recordedChecksum))
  }

  /** The commit whose unfinished migration made this database, when it is a known one. */
  get draftCommit(): string | undefined {
    return draftCommitOf(this.migration.version, this.recordedChecksum)
  }
}

function changedMigrationMessage(
  migration: Pick<Migration, 'version' | 'name' | 'checksum'>,
  recordedChecksum: string,
): string {
  const label = `${migration.version} (${migration.name})`
  const draftCommit = draftCommitOf(migration.version, recordedChecksum)
  const checksums = `${recordedChecksum.slice(0, 12)} ≠ ${migration.checksum.slice(0, 12)}`
  if (draftCommit) {
    return [
      `Dieser Datenbestand wurde mit einem Entwicklungsstand von Lotse angelegt (${draftCommit}, 25.11.2026), ` +
        `in dem Migration ${label} noch nicht fertig war. Die endgültige Migration passt nicht zu ihm; ` +
        'Lotse startet deshalb nicht, statt ihn halb umzustellen. Nach einer Sicherung bringt ' +
        '`npx lotse migrate --finish-draft-case-work` ihn auf die endgültige Fassung; mehr in ' +
        'docs/operations.md, Abschnitt „Datenbestand aus der Entwicklung der Fallarbeit“.',
      `This data was made by a development version of Lotse (${draftCommit}, 25 November 2026) ` +
        `while migration ${label} was not yet final, so migration ${label} was changed after it was applied ` +
        `here (checksum ${checksums}). Lotse does not start on it rather than convert it halfway. ` +
        'After a backup, `npx lotse migrate --finish-draft-case-work` brings it to the final form; more in ' +
        'docs/operations.md, section “Datenbestand aus der Entwicklung der Fallarbeit”.',
    ].join('\n')
  }
  return [
    `Migration ${label} wurde verändert, nachdem sie auf diese Datenbank angewandt wurde ` +
      `(Prüfsumme ${checksums}). Lotse startet deshalb nicht. Eine Migration, die ausgeliefert ist, ` +
      'wird nie mehr geändert; siehe docs/operations.md, Abschnitt „Migrationen“.',
    `Migration ${label} was changed after it was applied to this database (checksum ${checksums}), ` +
      'so Lotse does not start. Landed migrations must never be edited; add a new migration instead. ' +
      'See docs/operations.md, section “Migrationen”.',
  ].join('\n')
}

/** The committed migrations in order. File names are `NNNN_description.sql`. */
export function readMigrations(dir = migrationsDir): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => {
      const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file)
      if (!match) throw new MigrationError(`Migration file name ${file} does not match NNNN_name.sql`)
      const text = readFileSync(path.join(dir, file), 'utf8')
      return {
        file,
        version: Number(match[1]),
        name: match[2] as string,
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      }
    })
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new MigrationError(
        `Migrations must be numbered without gaps; expected ${index + 1}, found ${migration.version}`,
      )
    }
  })
  return migrations
}

// Any constant shared by all nodes; serialises concurrent migrators on one PostgreSQL.
export const MIGRATION_LOCK_KEY = 4_711_2020

async function ensureMigrationTable(database: Database): Promise<void> {
  // Under the lock too: concurrent CREATE TABLE IF NOT EXISTS on a fresh database fails with a
  // unique violation in pg_type for all but one of the migrators.
  await database.ownerDb.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx)
    await sql`CREATE TABLE IF NOT EXISTS lotse_migration (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`.execute(trx)
  })
}

/**
 * Applies pending migrations, each in its own transaction. Refuses to run when a migration
 * that has landed was edited afterwards, or when the database is newer than this code.
 */
export async function migrate(
  database: Database,
  migrations = readMigrations(),
): Promise<{ applied: number[]; schemaVersion: number }> {
  await ensureMigrationTable(database)
  const applied: number[] = []
  for (const migration of migrations) {
    const didApply = await database.ownerDb.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx)
      const existing = await trx
        .selectFrom('lotse_migration')
        .select(['checksum', 'name'])
        .where('version', '=', migration.version)
        .executeTakeFirst()
      if (existing) {
        if (existing.checksum !== migration.checksum) {
          throw new ChangedMigrationError(migration, existing.checksum)
        }
        return false
      }
      try {
        await sql.raw(migration.sql).execute(trx)
      } catch (error) {
        throw new MigrationError(
          `Migration ${migration.version} (${migration.name}) failed and was rolled back: ${(error as Error).message}`,
          { cause: error },
        )
      }
      await trx
        .insertInto('lotse_migration')
        .values({ version: migration.version, name: migration.name, checksum: migration.checksum })
        .execute()
      return true
    })
    if (didApply) applied.push(migration.version)
  }
  const schemaVersion = await currentSchemaVersion(database)
  if (schemaVersion > migrations.length) {
    throw new MigrationError(
      `The database has schema version ${schemaVersion}, newer than this Lotse (${migrations.length}). Update Lotse first.`,
    )
  }
  return { applied, schemaVersion }
}

export async function currentSchemaVersion(database: Database): Promise<number> {
  const row = await sql<{
    version: number | null
  }>`SELECT max(version)::int AS version FROM lotse_migration`.execute(database.ownerDb)
  return row.rows[0]?.version ?? 0
}
