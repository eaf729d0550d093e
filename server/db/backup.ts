import { once } from 'node:events'
import { createReadStream, createWriteStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { PassThrough } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGunzip, createGzip } from 'node:zlib'
import type { Transaction } from 'kysely'
import type { Keyring } from '../platform/encryption.ts'
import {
  describeTables,
  districtIdsByCode,
  insertJsonRows,
  markMatchKeysUnknown,
  readTableRows,
  rebuildKeptFigures,
  resetSequences,
  type TableInfo,
  useUtc,
} from './backup.queries.ts'
import type { Database } from './database.ts'
import { registerKeyIds, selectKeyIdsInUse } from './encryption.queries.ts'
import { currentSchemaVersion } from './migrate.ts'
import type { DB } from './schema.ts'

export const BACKUP_FORMAT = 'lotse-backup'
export const BACKUP_FORMAT_VERSION = 1

type Header = {
  format: typeof BACKUP_FORMAT
  formatVersion: number
  lotseVersion: string
  schemaVersion: number
  createdAt: string
  districts: string[]
  complete: boolean
  /**
   * The ids of the keys its encrypted values are under (decision 0020), never the keys: a restore
   * refuses a key ring that lacks one. Absent in backups written before encryption.
   */
  encryptionKeyIds?: string[]
}
type TableLine = { table: string; rows: unknown[] }
type Footer = { end: true; counts: Record<string, number> }

export class BackupError extends Error {
  override name = 'BackupError'
}

/** Orders tables so that every table comes after the tables its foreign keys point to. */
export function dependencyOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((table) => [table.name, table]))
  const ordered: TableInfo[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (table: TableInfo) => {
    if (state.get(table.name) === 'done') return
    if (state.get(table.name) === 'visiting')
      throw new BackupError(`Foreign keys form a cycle at ${table.name}`)
    state.set(table.name, 'visiting')
    for (const dependency of table.dependsOn) {
      const target = byName.get(dependency)
      if (target) visit(target)
    }
    state.set(table.name, 'done')
    ordered.push(table)
  }
  for (const table of tables) visit(table)
  return ordered
}

/**
 * Writes a logical export (gzip, one JSON document per line) of the given districts, or of the
 * whole installation when no district is named. Tables without a district (shared reference
 * data) are only part of a complete export.
 */
export async function writeBackup(
  database: Database,
  file: string,
  options: { districtCodes?: string[]; lotseVersion: string },
): Promise<Footer> {
  const districts = await districtIdsByCode(database.ownerDb, options.districtCodes)
  if (options.districtCodes && districts.length !== options.districtCodes.length) {
    const found = new Set(districts.map((d) => d.code))
    throw new BackupError(
      `Unknown district code: ${options.districtCodes.filter((c) => !found.has(c)).join(', ')}`,
    )
  }
  const complete = options.districtCodes === undefined
  const tables = dependencyOrder(await describeTables(database.ownerDb)).filter(
    (t) => complete || t.scope !== 'global',
  )
  const districtIds = complete ? undefined : districts.map((d) => d.id)
  const header: Header = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    lotseVersion: options.lotseVersion,
    schemaVersion: await currentSchemaVersion(database),
    createdAt: new Date().toISOString(),
    districts: districts.map((d) => d.code),
    complete,
    encryptionKeyIds: await selectKeyIdsInUse(database.ownerDb),
  }

  const lines = new PassThrough()
  const done = pipeline(lines, createGzip(), createWriteStream(file, { mode: 0o600 }))
  const write = async (value: unknown) => {
    if (!lines.write(`${JSON.stringify(value)}\n`)) await once(lines, 'drain')
  }
  const counts: Record<string, number> = {}
  try {
    await write(header)
    // One repeatable-read transaction: the export is a consistent snapshot.
    await database.ownerDb
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await useUtc(trx)
        for (const table of tables) {
          counts[table.name] = 0
          for await (const batch of readTableRows(trx, table, districtIds)) {
            counts[table.name] = (counts[table.name] ?? 0) + batch.length
            await write({
              table: table.name,
              rows: batch.map((json) => JSON.parse(json)),
            } satisfies TableLine)
          }
        }
      })
    const footer: Footer = { end: true, counts }
    await write(footer)
    lines.end()
    await done
    return footer
  } catch (error) {
    lines.destroy(error as Error)
    await done.catch(() => {})
    throw error
  }
}

async function* readLines(file: string): AsyncGenerator<unknown> {
  const source = createReadStream(file)
  const input = source.pipe(createGunzip())
  // pipe() does not pass on the source's errors: a missing file would crash the process.
  source.on('error', (error) => input.destroy(error))
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })
  try {
    for await (const line of reader) if (line.length > 0) yield JSON.parse(line)
  } catch (error) {
    throw new BackupError(`${file} is not a readable Lotse backup (${(error as Error).message})`)
  }
}

/**
 * Restores a backup into a migrated database of either kind, in one transaction: all or
 * nothing. The database must be at the backup's schema version and must not hold its districts.
 */
export async function restoreBackup(
  database: Database,
  file: string,
  options: {
    /**
     * Runs last, inside the restore's transaction, with the restored districts' ids: the privacy
     * module replays its erasure ledger here (db/ imports no module; the CLI passes it in).
     */
    afterRestore?: (trx: Transaction<DB>, districtIds: string[]) => Promise<void>
    /** The running key ring: the backup's key ids must all be in it. */
    keyring?: Keyring
  } = {},
): Promise<Footer> {
  const tables = new Map((await describeTables(database.ownerDb)).map((table) => [table.name, table]))
  const schemaVersion = await currentSchemaVersion(database)
  return database.ownerDb.transaction().execute(async (trx) => {
    await useUtc(trx)
    let header: Header | undefined
    let footer: Footer | undefined
    const counts: Record<string, number> = {}
    const touched: TableInfo[] = []
    for await (const value of readLines(file)) {
      if (!header) {
        header = value as Header
        if (header.format !== BACKUP_FORMAT || header.formatVersion !== BACKUP_FORMAT_VERSION) {
          throw new BackupError(`${file} is not a Lotse backup of format version ${BACKUP_FORMAT_VERSION}`)
        }
        if (header.schemaVersion !== schemaVersion) {
          throw new BackupError(
            `The backup has schema version ${header.schemaVersion}, this database ${schemaVersion}; ` +
              'restore with the Lotse version that wrote it, then update.',
          )
        }
        const keyIds = header.encryptionKeyIds ?? []
        const missing = options.keyring ? keyIds.filter((id) => !options.keyring?.keys.has(id)) : []
        if (missing.length > 0) {
          throw new BackupError(
            `The backup's encrypted values are under key ${missing.join(', ')}, which the key ring ` +
              `(${options.keyring?.source}) does not hold: a wrong key. Configure that key (as the key or as ` +
              'an old key, docs/encryption.md) and restore again; nothing was restored.',
          )
        }
        await registerKeyIds(trx, keyIds)
        const existing = await districtIdsByCode(trx, header.districts)
        if (existing.length > 0) {
          throw new BackupError(
            `The database already holds district ${existing.map((d) => d.code).join(', ')}; restore into an empty database.`,
          )
        }
        continue
      }
      if ((value as Footer).end === true) {
        footer = value as Footer
        continue
      }
      const line = value as TableLine
      const table = tables.get(line.table)
      if (!table)
        throw new BackupError(`The backup holds table ${line.table}, which this database does not have`)
      if (!touched.includes(table)) touched.push(table)
      await insertJsonRows(trx, table, line.rows)
      counts[line.table] = (counts[line.table] ?? 0) + line.rows.length
    }
    if (!header) throw new BackupError(`${file} is empty`)
    if (!footer) throw new BackupError(`${file} is truncated: its end marker is missing`)
    for (const [table, count] of Object.entries(footer.counts)) {
      if ((counts[table] ?? 0) !== count) {
        throw new BackupError(
          `${file} is damaged: ${table} should hold ${count} rows, found ${counts[table] ?? 0}`,
        )
      }
    }
    for (const table of touched) await resetSequences(trx, table)
    await markMatchKeysUnknown(trx)
    const restored = (await districtIdsByCode(trx, header.districts)).map((district) => district.id)
    await rebuildKeptFigures(trx, restored)
    if (options.afterRestore) await options.afterRestore(trx, restored)
    return footer
  })
}
