import type { FastifyInstance } from 'fastify'
import { buildApp } from './app.ts'
import { type Database, openDatabase } from './db/database.ts'
import { checkKeyring, sealPlainValues } from './db/encryption.ts'
import { migrate } from './db/migrate.ts'
import { type DemoSeedResult, seedDemo } from './db/seed/demo.ts'
import { caseWorkJobs, refreshStaleMatchKeys } from './modules/casework/index.ts'
import { startIntegrationJobs } from './modules/integration/index.ts'
import { networkJobs } from './modules/network/index.ts'
import { privacyJobs } from './modules/privacy/index.ts'
import { staffingJobs } from './modules/staffing/index.ts'
import type { Config } from './platform/config.ts'
import { installKeyring, type Keyring } from './platform/encryption.ts'
import { loadKeyring } from './platform/encryption-keys.ts'
import { startScheduledJobs } from './platform/jobs.ts'
import type { LogOutput } from './platform/logging.ts'
import { lotseVersion } from './platform/version.ts'

export type RunningServer = {
  app: FastifyInstance
  database: Database
  url: string
  seeded: DemoSeedResult | undefined
  /** Stops accepting connections, lets in-flight requests finish, then closes the database. */
  stop(): Promise<void>
}

/**
 * Installs the configured key ring (decision 0020), refuses a ring that lacks a key the database
 * uses, and records the active key as in use. Run after the migrations.
 */
export async function prepareEncryption(database: Database, config: Config): Promise<Keyring> {
  const keyring = loadKeyring(config)
  installKeyring(keyring)
  await checkKeyring(database, keyring)
  return keyring
}

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return config.database.kind === 'postgresql'
    ? openDatabase({ kind: 'postgresql', url: config.database.url })
    : openDatabase({ kind: 'pglite', dataDir: config.database.dataDir })
}

export async function startServer(
  config: Config,
  options: { logOutput?: LogOutput } = {},
): Promise<RunningServer> {
  const database = await openConfiguredDatabase(config)
  try {
    await migrate(database)
    const keyring = await prepareEncryption(database, config)
    // Keys stored under older matcher rules are recomputed before any request can search them.
    await refreshStaleMatchKeys(database.ownerDb)
    const seeded = config.demo.enabled
      ? await seedDemo(database, { password: config.demo.password })
      : undefined
    // Values written in plain text before encryption existed (or by the demo seed's direct inserts).
    await sealPlainValues(database, keyring)
    const app = await buildApp({ config, database, version: lotseVersion }, { logOutput: options.logOutput })
    await app.listen({ port: config.port, host: config.host })
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : config.port
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
    const url = config.baseUrl ?? `http://${host}:${port}`
    const stopScheduledJobs = startScheduledJobs(
      database.db,
      [...caseWorkJobs, ...networkJobs, ...staffingJobs, ...privacyJobs],
      (job, error) => app.log.error({ job, err: { type: (error as Error).name } }, 'scheduled job failed'),
    )
    // Webhook deliveries are a queue, not a sweep: every node polls every ten seconds and takes
    // deliveries with FOR UPDATE SKIP LOCKED and a lease, so each is sent by one node.
    const stopIntegrationJobs = startIntegrationJobs(database.db, (error) =>
      app.log.error({ err: { type: (error as Error).name } }, 'webhook delivery job failed'),
    )
    const stopJobs = () => {
      stopIntegrationJobs()
      stopScheduledJobs()
    }
    let stopping: Promise<void> | undefined
    return {
      app,
      database,
      url,
      seeded,
      stop() {
        stopping ??= (async () => {
          stopJobs()
          await app.close()
          await database.close()
        })()
        return stopping
      },
    }
  } catch (error) {
    await database.close().catch(() => {})
    throw error
  }
}
