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
const MIGRATION_LOCK_KEY = 4_711_2020

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
          throw new MigrationError(
            `Migration ${migration.version} (${migration.name}) was changed after it was applied. ` +
              'Landed migrations must never be edited; add a new migration instead.',
          )
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
