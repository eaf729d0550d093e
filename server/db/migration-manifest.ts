import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { type Migration, migrationsDir, readMigrations } from './migrate.ts'

/**
 * The committed record of every landed migration: file name → sha256 of its text. A migration
 * that changes after it landed breaks every database it was applied to (the start refuses it), so
 * the manifest makes such a change fail in CI long before it reaches a data folder.
 */
export type MigrationManifest = Record<string, string>

export class ManifestError extends Error {
  override name = 'ManifestError'
}

export const manifestFile = (dir = migrationsDir) => path.join(dir, 'manifest.json')

export function readManifest(dir = migrationsDir): MigrationManifest {
  const file = manifestFile(dir)
  if (!existsSync(file)) return {}
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ManifestError(`${file} must be an object of file name → sha256`)
  }
  for (const [name, checksum] of Object.entries(parsed)) {
    if (typeof checksum !== 'string' || !/^[0-9a-f]{64}$/.test(checksum)) {
      throw new ManifestError(`${file}: the entry for ${name} is not a sha256 in hex`)
    }
  }
  return parsed as MigrationManifest
}

export type ManifestProblem = {
  kind: 'unlisted' | 'changed' | 'missing'
  file: string
  message: string
}

/** Every way the migrations differ from the manifest, one sentence each; empty when they agree. */
export function manifestProblems(migrations: Migration[], manifest: MigrationManifest): ManifestProblem[] {
  const problems: ManifestProblem[] = []
  const files = new Set(migrations.map((migration) => migration.file))
  for (const migration of migrations) {
    const { file } = migration
    const recorded = manifest[file]
    if (recorded === undefined) {
      problems.push({
        kind: 'unlisted',
        file,
        message: `${file} is not in the manifest; run npm run migrations:manifest`,
      })
    } else if (recorded !== migration.checksum) {
      problems.push({
        kind: 'changed',
        file,
        message:
          `${file} differs from its manifest entry (sha256 ${migration.checksum}, manifest ${recorded}); ` +
          'a landed migration is never edited: restore it and put the change into a new migration',
      })
    }
  }
  for (const file of Object.keys(manifest)) {
    if (!files.has(file)) {
      problems.push({ kind: 'missing', file, message: `${file} is in the manifest but its file is missing` })
    }
  }
  return problems
}

/**
 * The manifest with entries added for migrations it does not know yet. Refuses, and changes
 * nothing, when a known migration no longer matches its entry or a known file is gone: the
 * manifest is there to stop exactly that, so it must never be "updated" to fit.
 */
export function extendManifest(
  migrations: Migration[],
  manifest: MigrationManifest,
): { manifest: MigrationManifest; added: string[] } {
  const problems = manifestProblems(migrations, manifest)
  const refusals = problems.filter((problem) => problem.kind !== 'unlisted')
  if (refusals.length > 0) {
    throw new ManifestError(
      `The manifest is not changed:\n- ${refusals.map((problem) => problem.message).join('\n- ')}`,
    )
  }
  const added = problems.map((problem) => problem.file)
  const extended: MigrationManifest = { ...manifest }
  for (const migration of migrations) extended[migration.file] = migration.checksum
  const sorted = Object.fromEntries(Object.entries(extended).sort(([a], [b]) => a.localeCompare(b)))
  return { manifest: sorted, added }
}

/** Adds the new migrations of a folder to its manifest.json; returns the file names added. */
export function updateManifestFile(dir = migrationsDir): string[] {
  const { manifest, added } = extendManifest(readMigrations(dir), readManifest(dir))
  if (added.length > 0) writeFileSync(manifestFile(dir), `${JSON.stringify(manifest, null, 2)}\n`)
  return added
}
