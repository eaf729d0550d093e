import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((value) => value === 'true' || value === '1' || value === 'yes')

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])

/** Every setting Lotse reads. The names are a contract with operators' scripts: keep them. */
const rawConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOTSE_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// connection URL')
    .optional(),
  LOTSE_DATA_DIR: z.string().min(1).default('./data'),
  LOTSE_LOG_LEVEL: logLevel.default('info'),
  LOTSE_SESSION_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  LOTSE_DEMO: booleanFromEnv.default(false),
  LOTSE_DEMO_PASSWORD: z.string().min(12, 'at least 12 characters').optional(),
  LOTSE_UPLOAD_LIMIT_MB: z.coerce.number().positive().max(1024).default(20),
  LOTSE_IMPORT_LIMIT_MB: z.coerce.number().positive().max(1024).default(50),
  LOTSE_BODY_LIMIT_KB: z.coerce
    .number()
    .int()
    .min(1)
    .max(100 * 1024)
    .default(1024),
  LOTSE_TRUST_PROXY: z.string().optional(),
  LOTSE_DEMO_FORCE: booleanFromEnv.default(false),
  LOTSE_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  LOTSE_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(10),
  LOTSE_SESSION_MAX_PER_USER: z.coerce.number().int().min(1).max(100).default(5),
  LOTSE_ENCRYPTION_KEY: z.string().optional(),
  LOTSE_ENCRYPTION_OLD_KEYS: z.string().optional(),
  LOTSE_ENCRYPTION_KEY_FILE: z.string().min(1).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
})

export type Config = {
  port: number
  host: string
  baseUrl: string | undefined
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgresql'; url: string }
  dataDir: string
  logLevel: z.infer<typeof logLevel>
  sessionSecret: string | undefined
  demo: { enabled: boolean; password: string | undefined }
  /** The largest uploaded file; only the upload route reads that much. */
  uploadLimitBytes: number
  /** The largest spreadsheet for an import of case lists (default 50 MB). */
  importLimitBytes: number
  /** The largest request body of every other route (JSON): small, so that nobody can make the server buffer much. */
  bodyLimitBytes: number
  trustProxy: string | undefined
  /** maxPerUser: open sessions a user may have; a new sign-in ends the ones used longest ago. */
  session: { idleMinutes: number; maxHours: number; maxPerUser: number }
  production: boolean
  /**
   * Where the encryption keys come from (decision 0020): the environment (active key and older
   * ones, comma-separated) or a key file; with neither, outside production, a key file in the data
   * folder that is made on first start.
   */
  encryption:
    | { kind: 'environment'; key: string; oldKeys: string[] }
    | { kind: 'file'; file: string; createIfMissing: boolean }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((line) => `  - ${line}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

type Env = Record<string, string | undefined>

/** Values from `lotse.config.json` fill in what the environment leaves unset. */
function readConfigFile(cwd: string): Env {
  const file = path.join(cwd, 'lotse.config.json')
  if (!existsSync(file)) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new ConfigError([`lotse.config.json: not valid JSON (${(error as Error).message})`])
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(['lotse.config.json: expected an object of setting names to values'])
  }
  return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, String(value)]))
}

// Secrets never reach the terminal or the logs, not even when they are wrong.
const secretSettings = new Set([
  'LOTSE_SESSION_SECRET',
  'LOTSE_DEMO_PASSWORD',
  'LOTSE_ENCRYPTION_KEY',
  'LOTSE_ENCRYPTION_OLD_KEYS',
])

function shownValue(name: string, value: string): string {
  if (secretSettings.has(name)) return '***'
  // A password in a connection URL, e.g. mysql://user:password@host/db
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@]*):[^/@]*@/i, '$1:***@')
}

/** Parses the configuration once at start; throws a ConfigError naming each bad variable. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const merged: Env = { ...readConfigFile(cwd) }
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') merged[key] = value
  const result = rawConfigSchema.safeParse(merged)
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.')
        return `${name}=${JSON.stringify(shownValue(name, merged[name] ?? ''))}: ${issue.message}`
      }),
    )
  }
  const raw = result.data
  if (raw.LOTSE_DEMO && raw.NODE_ENV === 'production' && !raw.LOTSE_DEMO_FORCE) {
    throw new ConfigError([
      'LOTSE_DEMO=true: demo mode creates users with known passwords and is refused with NODE_ENV=production; set LOTSE_DEMO_FORCE=true to insist',
    ])
  }
  const dataDir = path.resolve(cwd, raw.LOTSE_DATA_DIR)
  const production = raw.NODE_ENV === 'production'
  if (raw.LOTSE_ENCRYPTION_KEY && raw.LOTSE_ENCRYPTION_KEY_FILE) {
    throw new ConfigError(['LOTSE_ENCRYPTION_KEY and LOTSE_ENCRYPTION_KEY_FILE: set one of them, not both'])
  }
  if (production && !raw.LOTSE_ENCRYPTION_KEY && !raw.LOTSE_ENCRYPTION_KEY_FILE) {
    throw new ConfigError([
      'LOTSE_ENCRYPTION_KEY or LOTSE_ENCRYPTION_KEY_FILE: required with NODE_ENV=production (a key kept apart from the data; `npx lotse keys generate` makes one)',
    ])
  }
  const encryption: Config['encryption'] = raw.LOTSE_ENCRYPTION_KEY
    ? {
        kind: 'environment',
        key: raw.LOTSE_ENCRYPTION_KEY,
        oldKeys: (raw.LOTSE_ENCRYPTION_OLD_KEYS ?? '')
          .split(',')
          .map((key) => key.trim())
          .filter((key) => key !== ''),
      }
    : raw.LOTSE_ENCRYPTION_KEY_FILE
      ? { kind: 'file', file: path.resolve(cwd, raw.LOTSE_ENCRYPTION_KEY_FILE), createIfMissing: false }
      : { kind: 'file', file: path.join(dataDir, 'encryption.key'), createIfMissing: true }
  return {
    port: raw.PORT,
    host: raw.HOST,
    baseUrl: raw.LOTSE_BASE_URL,
    database: raw.DATABASE_URL
      ? { kind: 'postgresql', url: raw.DATABASE_URL }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') },
    dataDir,
    logLevel: raw.LOTSE_LOG_LEVEL,
    sessionSecret: raw.LOTSE_SESSION_SECRET,
    demo: { enabled: raw.LOTSE_DEMO, password: raw.LOTSE_DEMO_PASSWORD },
    uploadLimitBytes: Math.round(raw.LOTSE_UPLOAD_LIMIT_MB * 1024 * 1024),
    importLimitBytes: Math.round(raw.LOTSE_IMPORT_LIMIT_MB * 1024 * 1024),
    bodyLimitBytes: raw.LOTSE_BODY_LIMIT_KB * 1024,
    trustProxy: raw.LOTSE_TRUST_PROXY,
    session: {
      idleMinutes: raw.LOTSE_SESSION_IDLE_MINUTES,
      maxHours: raw.LOTSE_SESSION_MAX_HOURS,
      maxPerUser: raw.LOTSE_SESSION_MAX_PER_USER,
    },
    production,
    encryption,
  }
}
