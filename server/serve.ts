import type { FastifyInstance } from 'fastify'
import { buildApp } from './app.ts'
import { type Database, openDatabase } from './db/database.ts'
import { migrate } from './db/migrate.ts'
import { type DemoSeedResult, seedDemo } from './db/seed/demo.ts'
import { caseWorkJobs, refreshStaleMatchKeys } from './modules/casework/index.ts'
import { networkJobs } from './modules/network/index.ts'
import { privacyJobs } from './modules/privacy/index.ts'
import { staffingJobs } from './modules/staffing/index.ts'
import type { Config } from './platform/config.ts'
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
    // Keys stored under older matcher rules are recomputed before any request can search them.
    await refreshStaleMatchKeys(database.ownerDb)
    const seeded = config.demo.enabled
      ? await seedDemo(database, { password: config.demo.password })
      : undefined
    const app = await buildApp({ config, database, version: lotseVersion }, { logOutput: options.logOutput })
    await app.listen({ port: config.port, host: config.host })
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : config.port
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
    const url = config.baseUrl ?? `http://${host}:${port}`
    const stopJobs = startScheduledJobs(
      database.db,
      [...caseWorkJobs, ...networkJobs, ...staffingJobs, ...privacyJobs],
      (job, error) => app.log.error({ job, err: { type: (error as Error).name } }, 'scheduled job failed'),
    )
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
