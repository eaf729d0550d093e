import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll } from 'vitest'
import { buildApp } from '../app.ts'
import type { DatabaseKind } from '../db/database.ts'
import { loadConfig } from '../platform/config.ts'
import type { Clock } from '../platform/district-time.ts'
import { type DatabaseTemplate, type TestDatabase, useTestDatabase } from './database.ts'

export const testConfig = (overrides: Record<string, string> = {}) =>
  loadConfig({ LOTSE_LOG_LEVEL: 'silent', NODE_ENV: 'test', ...overrides }, process.cwd())

/** The whole app on a fresh database, for in-process requests with `app.inject`. */
export function useTestApp(
  kind: DatabaseKind,
  overrides: Record<string, string> = {},
  options: { clock?: Clock } = {},
): {
  readonly app: FastifyInstance
  readonly database: TestDatabase
  startFrom(template: DatabaseTemplate): boolean
} {
  const holder = useTestDatabase(kind)
  let app: FastifyInstance | undefined
  beforeAll(async () => {
    app = await buildApp(
      {
        config: testConfig(overrides),
        database: holder.database,
        version: '0.0.0-test',
        clock: options.clock,
      },
      { serveWeb: false },
    )
    await app.ready()
  })
  afterAll(async () => {
    await app?.close()
  })
  return {
    get app() {
      if (!app) throw new Error('the app is built in beforeAll')
      return app
    },
    get database() {
      return holder.database
    },
    startFrom: (template) => holder.startFrom(template),
  }
}

/** A clock for the app that a test sets: `clock.set('2025-03-29T23:00:00Z')`; the system time until then. */
export function testClock(): { clock: Clock; set(instant: string | null): void } {
  let fixed: Date | null = null
  return {
    clock: () => fixed ?? new Date(),
    set(instant) {
      fixed = instant === null ? null : new Date(instant)
    },
  }
}

/** A second app on the same database that logs at debug level into `write`, for tests of what the log holds. */
export async function openLoggedApp(
  database: TestDatabase,
  write: (line: string) => void,
): Promise<FastifyInstance> {
  const app = await buildApp(
    { config: testConfig({ LOTSE_LOG_LEVEL: 'debug' }), database, version: '0.0.0-test' },
    { serveWeb: false, logOutput: 'json', logWrite: write },
  )
  await app.ready()
  return app
}
