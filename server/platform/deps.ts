import type { Database } from '../db/database.ts'
import type { Config } from './config.ts'

/** What the app is built from; passed in, never read from globals. */
export type AppDeps = {
  config: Config
  database: Database
  version: string
}
