import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readMigrations } from './migrate.ts'
import {
  extendManifest,
  ManifestError,
  manifestFile,
  manifestProblems,
  readManifest,
  updateManifestFile,
} from './migration-manifest.ts'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lotse-manifest-'))
  dirs.push(dir)
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text)
  return dir
}

describe('the committed migrations', () => {
  it('match their manifest entries, and every migration has one', () => {
    const problems = manifestProblems(readMigrations(), readManifest())
    expect(problems.map((problem) => problem.message)).toEqual([])
  })

  it('include every migration that landed before the manifest existed', () => {
    // 0007 was edited after it landed; its final text is the one the manifest keeps.
    expect(readManifest()['0007_case_work.sql']).toBe(
      '316796c1e67fa3b3dbf5872eed28bfd7e1e78ccc156e1e704d6801b17e25c1fe',
    )
  })
})

describe('manifestProblems', () => {
  const files = { '0001_first.sql': 'SELECT 1;\n', '0002_second.sql': 'SELECT 2;\n' }

  it('names a migration whose text changed after it was listed', () => {
    const dir = migrationsDir(files)
    const manifest = extendManifest(readMigrations(dir), {}).manifest
    writeFileSync(path.join(dir, '0002_second.sql'), 'SELECT 22;\n')
    const problems = manifestProblems(readMigrations(dir), manifest)
    expect(problems).toMatchObject([{ kind: 'changed', file: '0002_second.sql' }])
    expect(problems[0]?.message).toMatch(/0002_second\.sql differs from its manifest entry/)
  })

  it('names a migration the manifest does not list', () => {
    const dir = migrationsDir(files)
    const manifest = extendManifest(readMigrations(dir), {}).manifest
    writeFileSync(path.join(dir, '0003_third.sql'), 'SELECT 3;\n')
    expect(manifestProblems(readMigrations(dir), manifest)).toMatchObject([
      { kind: 'unlisted', file: '0003_third.sql' },
    ])
  })

  it('names a listed migration whose file is gone', () => {
    const dir = migrationsDir({ '0001_first.sql': files['0001_first.sql'] })
    const manifest = {
      ...extendManifest(readMigrations(dir), {}).manifest,
      '0002_second.sql': 'a'.repeat(64),
    }
    expect(manifestProblems(readMigrations(dir), manifest)).toMatchObject([
      { kind: 'missing', file: '0002_second.sql' },
    ])
  })

  it('sees a change of a single byte, such as a line ending', () => {
    const dir = migrationsDir(files)
    const manifest = extendManifest(readMigrations(dir), {}).manifest
    writeFileSync(path.join(dir, '0001_first.sql'), 'SELECT 1;\r\n')
    expect(manifestProblems(readMigrations(dir), manifest)).toMatchObject([{ kind: 'changed' }])
  })
})

describe('updateManifestFile (npm run migrations:manifest)', () => {
  it('adds entries for new migrations in file order and keeps the existing ones', () => {
    const dir = migrationsDir({ '0001_first.sql': 'SELECT 1;\n' })
    expect(updateManifestFile(dir)).toEqual(['0001_first.sql'])
    const first = readManifest(dir)['0001_first.sql']
    writeFileSync(path.join(dir, '0002_second.sql'), 'SELECT 2;\n')
    expect(updateManifestFile(dir)).toEqual(['0002_second.sql'])
    const manifest = readManifest(dir)
    expect(Object.keys(manifest)).toEqual(['0001_first.sql', '0002_second.sql'])
    expect(manifest['0001_first.sql']).toBe(first)
    expect(manifestProblems(readMigrations(dir), manifest)).toEqual([])
  })

  it('writes nothing when the manifest is up to date', () => {
    const dir = migrationsDir({ '0001_first.sql': 'SELECT 1;\n' })
    updateManifestFile(dir)
    const before = readFileSync(manifestFile(dir), 'utf8')
    expect(updateManifestFile(dir)).toEqual([])
    expect(readFileSync(manifestFile(dir), 'utf8')).toBe(before)
  })

  it('refuses to change the entry of an edited migration, and adds nothing while it refuses', () => {
    const dir = migrationsDir({ '0001_first.sql': 'SELECT 1;\n' })
    updateManifestFile(dir)
    const before = readFileSync(manifestFile(dir), 'utf8')
    writeFileSync(path.join(dir, '0001_first.sql'), 'SELECT 11;\n')
    writeFileSync(path.join(dir, '0002_second.sql'), 'SELECT 2;\n')
    expect(() => updateManifestFile(dir)).toThrow(ManifestError)
    expect(() => updateManifestFile(dir)).toThrow(/0001_first\.sql differs from its manifest entry/)
    expect(readFileSync(manifestFile(dir), 'utf8')).toBe(before)
  })

  it('refuses to drop the entry of a migration whose file was removed', () => {
    const dir = migrationsDir({ '0001_first.sql': 'SELECT 1;\n', '0002_second.sql': 'SELECT 2;\n' })
    updateManifestFile(dir)
    rmSync(path.join(dir, '0002_second.sql'))
    expect(() => updateManifestFile(dir)).toThrow(
      /0002_second\.sql is in the manifest but its file is missing/,
    )
  })

  it('refuses a manifest whose entries are not sha256 checksums', () => {
    const dir = migrationsDir({ '0001_first.sql': 'SELECT 1;\n' })
    writeFileSync(manifestFile(dir), JSON.stringify({ '0001_first.sql': 'abc' }))
    expect(() => readManifest(dir)).toThrow(/0001_first\.sql is not a sha256/)
  })
})
