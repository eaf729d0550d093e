import { readFileSync } from 'node:fs'
import { Command, Option } from 'commander'
import { BackupError, restoreBackup, writeBackup } from './db/backup.ts'
import { DatabaseUnavailableError } from './db/database.ts'
import { finishDraftCaseWork } from './db/draft-case-work.ts'
import { checkRotation, rotateValues, sealPlainValues } from './db/encryption.ts'
import { DataDirLockedError } from './db/lock.ts'
import { MigrationError, migrate } from './db/migrate.ts'
import { seedDemo } from './db/seed/demo.ts'
import { verifyAuditTrail } from './modules/audit/index.ts'
import { exportLedger, LedgerFileError, replayAfterRestore } from './modules/privacy/index.ts'
import { ConfigError, loadConfig } from './platform/config.ts'
import {
  EncryptionKeyError,
  generateKeyText,
  installKeyring,
  type Keyring,
  keyringOf,
  parseKey,
  parseKeyFile,
} from './platform/encryption.ts'
import { addActiveKeyToFile, loadKeyring } from './platform/encryption-keys.ts'
import { lotseVersion } from './platform/version.ts'
import { openConfiguredDatabase, prepareEncryption, startServer } from './serve.ts'
import { startBanner } from './start-banner.ts'
import { ensureWebBuilt } from './web-build.ts'

/** Failures an operator can fix get a one-paragraph message and an exit code, not a stack trace. */
function exitCodeFor(error: unknown): number | undefined {
  if (error instanceof ConfigError) return 2
  if (error instanceof DatabaseUnavailableError || error instanceof DataDirLockedError) return 3
  if (error instanceof MigrationError) return 4
  if (error instanceof BackupError || error instanceof LedgerFileError) return 5
  if (error instanceof EncryptionKeyError) return 7
  return undefined
}

function fail(error: unknown): never {
  const exitCode = exitCodeFor(error)
  if (exitCode !== undefined) {
    console.error(`lotse: ${(error as Error).message}`)
    process.exit(exitCode)
  }
  console.error('lotse: unexpected error', error)
  process.exit(1)
}

function config(overrides: Record<string, string> = {}) {
  return loadConfig({ ...process.env, ...overrides })
}

async function withDatabase<T>(
  action: (database: Awaited<ReturnType<typeof openConfiguredDatabase>>, keyring: Keyring) => Promise<T>,
  options: { migrateFirst: boolean; checkKeys?: boolean } = { migrateFirst: true },
) {
  const settings = config()
  // The key ring is read before the database opens: a bad key file fails without touching anything.
  const keyring = loadKeyring(settings)
  installKeyring(keyring)
  const database = await openConfiguredDatabase(settings)
  try {
    if (options.migrateFirst) await migrate(database)
    if (options.migrateFirst && options.checkKeys !== false) await prepareEncryption(database, settings)
    return await action(database, keyring)
  } finally {
    await database.close()
  }
}

const program = new Command('lotse')
  .description('Lotse: Kommunales Integrationsmanagement')
  .version(lotseVersion)

program
  .command('serve')
  .description('migrate the database and serve the API and the web app')
  .addOption(new Option('--demo', 'seed the demo districts and enable demo users (same as LOTSE_DEMO=true)'))
  .addOption(new Option('--build-web', 'build the web app first if it is missing or older than its sources'))
  .action(async (options: { demo?: boolean; buildWeb?: boolean }) => {
    const settings = config(options.demo ? { LOTSE_DEMO: 'true' } : {})
    if (options.buildWeb) await ensureWebBuilt()
    // On a terminal the log is short lines a person can read; for collectors it stays JSON.
    const terminal = process.stdout.isTTY === true
    const server = await startServer(settings, { logOutput: terminal ? 'human' : 'json' })
    const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT']
    for (const signal of signals) {
      process.once(signal, () => {
        server.app.log.info({ signal }, 'shutting down')
        server.stop().then(
          () => process.exit(0),
          (error) => fail(error),
        )
      })
    }
    const database =
      settings.database.kind === 'pglite' ? `PGlite (${settings.database.dataDir})` : 'PostgreSQL'
    const identities = server.seeded?.identities
    console.log(
      startBanner(
        {
          version: lotseVersion,
          url: server.url,
          database,
          ...(identities
            ? {
                demo: {
                  password: identities.password,
                  generated: identities.generated,
                  usernames: identities.usernames,
                },
              }
            : {}),
        },
        terminal,
      ),
    )
  })

program
  .command('migrate')
  .description('apply pending database migrations')
  .addOption(
    new Option(
      '--finish-draft-case-work',
      'first bring data made while migration 7 was a draft (25 Nov 2026) to its final form (docs/operations.md)',
    ),
  )
  .action(async (options: { finishDraftCaseWork?: boolean }) => {
    // Not migrated beforehand, or the result would always report nothing applied.
    const result = await withDatabase(
      async (database) => {
        if (options.finishDraftCaseWork) {
          const finished = await finishDraftCaseWork(database)
          console.log(
            `Migration 7 (case_work) vom Stand ${finished.draftCommit} auf die endgültige Fassung gebracht / ` +
              `brought from draft ${finished.draftCommit} to its final form: ` +
              `${finished.cases} cases; name codes and match keys are computed anew at the next start`,
          )
        }
        return migrate(database)
      },
      { migrateFirst: false },
    )
    console.log(`schema version ${result.schemaVersion}; applied: ${result.applied.join(', ') || 'none'}`)
  })

program
  .command('seed')
  .description('seed data into the database')
  .requiredOption('--demo', 'the demo districts (idempotent)')
  .action(async () => {
    const result = await withDatabase(async (database, keyring) => {
      const seeded = await seedDemo(database, { password: config().demo.password })
      await sealPlainValues(database, keyring)
      return seeded
    })
    console.log(
      `demo data: ${result.districtsCreated} district(s) created, ${result.identities.created} user(s) created`,
    )
    console.log(
      `demo logins: ${result.identities.usernames.join(', ')} (password: ${result.identities.password})`,
    )
  })

program
  .command('backup <file>')
  .description('write a logical export (gzip JSON lines) of all districts or of the named ones')
  .option('--district <code...>', 'district codes (Amtlicher Gemeindeschlüssel, 5 digits)')
  .action(async (file: string, options: { district?: string[] }) => {
    const footer = await withDatabase((database) =>
      writeBackup(database, file, { districtCodes: options.district, lotseVersion }),
    )
    const rows = Object.values(footer.counts).reduce((sum, n) => sum + n, 0)
    console.log(`backup written to ${file}: ${rows} rows in ${Object.keys(footer.counts).length} tables`)
  })

program
  .command('restore <file>')
  .description(
    'restore a backup into a database that does not yet hold its districts; the erasure ledger is replayed afterwards',
  )
  .option('--erasure-ledger <file>', 'a ledger file written by `erasure-ledger export` (for a new database)')
  .action(async (file: string, options: { erasureLedger?: string }) => {
    let replayed = { casesAnonymised: 0, personsAnonymised: 0, personsDeleted: 0 }
    const footer = await withDatabase(async (database, keyring) => {
      const restored = await restoreBackup(database, file, {
        keyring,
        afterRestore: async (trx, districtIds) => {
          replayed = await replayAfterRestore(trx, districtIds, {
            ledgerFile: options.erasureLedger,
            now: new Date(),
          })
        },
      })
      // A backup from before encryption brings plain text: it is encrypted now.
      await sealPlainValues(database, keyring)
      return restored
    })
    const rows = Object.values(footer.counts).reduce((sum, n) => sum + n, 0)
    console.log(`restored ${rows} rows from ${file}`)
    console.log(
      `erasure ledger replayed: ${replayed.casesAnonymised} case(s) and ${replayed.personsAnonymised} person(s) anonymised, ${replayed.personsDeleted} person(s) deleted again`,
    )
  })

const ledger = program.command('erasure-ledger').description('the erasure ledger (no personal data)')
ledger
  .command('export <file>')
  .description('write the erasure ledger as JSON lines, to keep beside the backups')
  .action(async (file: string) => {
    const count = await withDatabase((database) => exportLedger(database.ownerDb, file))
    console.log(`erasure ledger written to ${file}: ${count} entries`)
  })

const keys = program.command('keys').description('the encryption keys (decision 0020, docs/encryption.md)')
keys
  .command('generate')
  .description('print a new random key (for LOTSE_ENCRYPTION_KEY or a key file); changes nothing')
  .action(() => {
    console.log(generateKeyText())
  })
keys
  .command('rotate')
  .description(
    're-encrypt every encrypted value under a new key; the configured key ring must hold the keys the data is under',
  )
  .option(
    '--new-key-file <file>',
    'the new key (one line); required when the keys come from the environment. With a key file and no ' +
      'new key given, a new key is generated and written first into the key file, the old ones kept',
  )
  .action(async (options: { newKeyFile?: string }) => {
    const settings = config()
    const oldKeyring = loadKeyring(settings)
    if (settings.encryption.kind === 'environment' && !options.newKeyFile) {
      throw new EncryptionKeyError(
        'The keys come from LOTSE_ENCRYPTION_KEY: give the new key with --new-key-file (made with `npx lotse keys generate`); nothing was changed',
      )
    }
    const newKey = options.newKeyFile
      ? parseKeyFile(readFileSync(options.newKeyFile, 'utf8'), options.newKeyFile)[0]
      : parseKey(generateKeyText(), 'new key')
    if (!newKey) throw new EncryptionKeyError(`${options.newKeyFile}: holds no key; nothing was changed`)
    if (newKey.id === oldKeyring.active.id)
      throw new EncryptionKeyError('The new key is the active key already; nothing was changed')
    const counts = await withDatabase(
      async (database) => {
        installKeyring(oldKeyring)
        // A wrong old key is refused here, before the key file or any value changes.
        await checkRotation(database, oldKeyring)
        // The new key is stored before the first value is encrypted under it.
        const newKeyring =
          settings.encryption.kind === 'file'
            ? addActiveKeyToFile(settings.encryption.file, newKey.key.toString('base64'))
            : keyringOf(
                [newKey, ...oldKeyring.keys.values()],
                `${options.newKeyFile} and LOTSE_ENCRYPTION_KEY`,
              )
        installKeyring(newKeyring)
        return rotateValues(database, newKeyring)
      },
      { migrateFirst: true, checkKeys: false },
    )
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0)
    console.log(`${total} values re-encrypted under key ${newKey.id}; older keys retired`)
    if (settings.encryption.kind === 'environment') {
      console.log(
        'Now set LOTSE_ENCRYPTION_KEY to the new key and keep the old one in LOTSE_ENCRYPTION_OLD_KEYS for older backups.',
      )
    } else {
      console.log(`${settings.encryption.file}: the new key is first; the older keys stay for older backups.`)
    }
  })

const audit = program.command('audit').description('the audit trail')
audit
  .command('verify')
  .description('check every hash chain of the audit trail; exit 6 at the first broken link')
  .action(async () => {
    const results = await withDatabase((database) => verifyAuditTrail(database.db))
    for (const result of results) {
      const state = result.ok ? 'ok' : `BROKEN at event ${result.firstBrokenId} (${result.reason})`
      console.log(`chain ${result.chain}: ${result.events} events, ${state}`)
    }
    if (results.some((result) => !result.ok)) process.exit(6)
    console.log('audit trail intact')
  })

export async function runCli(argv: string[]): Promise<void> {
  try {
    await program.parseAsync(argv)
  } catch (error) {
    fail(error)
  }
}
