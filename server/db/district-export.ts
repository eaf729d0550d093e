import { PassThrough, type Readable } from 'node:stream'
import { describeTables, readTableRows, type TableInfo, useUtc } from './backup.queries.ts'
import { dependencyOrder } from './backup.ts'
import type { Database } from './database.ts'
import { currentSchemaVersion } from './migrate.ts'

/**
 * The complete export of one district, for moving it to another installation (issue 15, item 4;
 * decision 0023). One JSON document, streamed table by table through cursors inside one
 * repeatable-read transaction, so the file is consistent and memory stays bounded:
 *
 *   { "format": "lotse-district-export", "formatVersion": 1, "schemaVersion": 37, "lotseVersion": …,
 *     "createdAt": …, "district": { "id", "code", "name" }, "tables": { "<table>": [rows…], … },
 *     "counts": { "<table>": n } }
 *
 * Tables come in the order of their foreign keys, so an import can insert them as they come. A
 * reader must check `schemaVersion` against its own migrations before reading rows.
 * Credentials never leave: password hashes, second-factor secrets, token hashes, webhook secrets
 * and single-use links are left out (people set a new password on the new installation), and so
 * are the outbox and the delivery log, which describe this installation's sending only.
 */
export const DISTRICT_EXPORT_FORMAT = 'lotse-district-export'
export const DISTRICT_EXPORT_FORMAT_VERSION = 1

const tablesNotExported = new Set([
  'recovery_code',
  'password_reset',
  'sso_login',
  'body_feed_token',
  'api_token',
  'webhook_event',
  'webhook_delivery',
  'webhook_attempt',
])
const columnsNotExported = new Set([
  'password_hash',
  'totp_secret',
  'totp_last_step',
  'token_hash',
  'secret',
  'client_secret',
  'csrf_token',
])

/** The tables and columns the export writes, in dependency order. */
export async function districtExportTables(database: Database): Promise<TableInfo[]> {
  return dependencyOrder(await describeTables(database.ownerDb))
    .filter((table) => table.scope !== 'global' && !tablesNotExported.has(table.name))
    .map((table) => ({
      ...table,
      columns: table.columns.filter((column) => !columnsNotExported.has(column)),
    }))
}

function withoutSecrets(json: string, table: TableInfo): string {
  const row = JSON.parse(json) as Record<string, unknown>
  const kept: Record<string, unknown> = {}
  for (const column of table.columns) kept[column] = row[column]
  return JSON.stringify(kept)
}

/**
 * Streams the district's export. Runs on the app's connection (`database.db`), so row-level
 * security adds its own limit to the district of the request besides the filter here.
 */
export async function districtExportStream(
  database: Database,
  district: { id: string; code: string; name: string },
  lotseVersion: string,
  onError: (error: unknown) => void,
): Promise<Readable> {
  const tables = await districtExportTables(database)
  const schemaVersion = await currentSchemaVersion(database)
  const out = new PassThrough()
  const write = async (text: string) => {
    if (!out.write(text)) await new Promise((resolve) => out.once('drain', resolve))
  }
  const produce = database.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      await useUtc(trx)
      const header = {
        format: DISTRICT_EXPORT_FORMAT,
        formatVersion: DISTRICT_EXPORT_FORMAT_VERSION,
        schemaVersion,
        lotseVersion,
        createdAt: new Date().toISOString(),
        district,
      }
      await write(`${JSON.stringify(header).slice(0, -1)},"tables":{`)
      const counts: Record<string, number> = {}
      for (const [index, table] of tables.entries()) {
        await write(`${index > 0 ? ',' : ''}${JSON.stringify(table.name)}:[`)
        let count = 0
        for await (const batch of readTableRows(trx, table, [district.id])) {
          for (const json of batch) {
            await write(`${count > 0 ? ',' : ''}${withoutSecrets(json, table)}`)
            count += 1
          }
        }
        counts[table.name] = count
        await write(']')
      }
      await write(`},"counts":${JSON.stringify(counts)}}`)
    })
  produce.then(
    () => out.end(),
    (error: unknown) => {
      onError(error)
      out.destroy(error instanceof Error ? error : new Error('district export failed'))
    },
  )
  return out
}
