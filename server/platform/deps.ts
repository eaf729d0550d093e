import type { Database } from '../db/database.ts'
import type { Config } from './config.ts'
import type { Clock } from './district-time.ts'

/** What the app is built from; passed in, never read from globals. */
export type AppDeps = {
  config: Config
  database: Database
  version: string
  /** Where "now" comes from; the system clock unless a test sets the time. */
  clock?: Clock
}
