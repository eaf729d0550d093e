import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readMigrations } from './db/migrate.ts'

const root = path.resolve(import.meta.dirname, '..')
const stackFrame = '    at '

const tempDirs: string[] = []
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
})

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lotse-cli-'))
  tempDirs.push(dir)
  return dir
}

/** The child's environment: nothing of ours inherited, a private data directory, a quiet log. */
function cliEnv(dataDir: string, overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('LOTSE_') && !['DATABASE_URL', 'PORT', 'HOST', 'NODE_ENV'].includes(name),
    ),
  )
  return {
    ...inherited,
    LOTSE_DATA_DIR: dataDir,
    LOTSE_LOG_LEVEL: 'warn',
    PORT: '0',
    HOST: '127.0.0.1',
    ...overrides,
  }
}

type Cli = ChildProcess & {
  output: { stdout: string; stderr: string }
  /** Settles once the process has exited and its output has been read to the end. */
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

function start(args: string[], env: NodeJS.ProcessEnv): Cli {
  const child = spawn(process.execPath, ['bin/lotse.js', ...args], { cwd: root, env, stdio: 'pipe' })
  const output = { stdout: '', stderr: '' }
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output.stdout += chunk
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output.stderr += chunk
  })
  const closed = once(child, 'close').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }))
  return Object.assign(child, { output, closed })
}

/** Runs `lotse …` to its end. */
async function lotse(args: string[], env: NodeJS.ProcessEnv) {
  const child = start(args, env)
  const { code, signal } = await child.closed
  return { code, signal, ...child.output }
}

/** What to show when a run ends otherwise than expected. */
const explain = (result: { signal: string | null; stderr: string }) =>
  `${result.signal ? `killed by ${result.signal}; ` : ''}stderr: ${result.stderr}`

describe('lotse refuses to start', () => {
  it('exits 2 on an invalid setting, naming it, without a stack trace', async () => {
    const result = await lotse(['migrate'], cliEnv(tempDir(), { PORT: 'abc' }))
    expect(result.code, explain(result)).toBe(2)
    expect(result.stderr).toContain('PORT')
    expect(result.stderr).not.toContain(stackFrame)
  })

  it('exits 3 when the database server cannot be reached, without a stack trace', async () => {
    const url = 'postgresql://nobody@127.0.0.1:1/x'
    const result = await lotse(['migrate'], cliEnv(tempDir(), { DATABASE_URL: url }))
    expect(result.code, explain(result)).toBe(3)
    expect(result.stderr).toContain(`Cannot reach the database at ${url}`)
    expect(result.stderr).not.toContain(stackFrame)
  })
})

describe('lotse serve', () => {
  const dataDir = tempDir()
  const lockFile = path.join(dataDir, 'lotse.lock')
  let server: Cli
  let url: string

  beforeAll(async () => {
    server = start(['serve'], cliEnv(dataDir))
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`serve did not start:\n${server.output.stderr}`)),
        30_000,
      )
      server.stdout?.on('data', () => {
        const match = /is running: (http:\/\/\S+)/.exec(server.output.stdout)
        if (match?.[1]) {
          clearTimeout(timer)
          resolve(match[1])
        }
      })
      server.on('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`serve exited with ${code}:\n${server.output.stderr}`))
      })
    })
  })
  afterAll(async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL')
    await server.closed
  })

  it('prints its URL, which answers /api/health with 200', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const response = await fetch(`${url}/api/health`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ status: 'ok', database: 'pglite' })
  })

  it('holds the data directory lock with its pid', () => {
    expect(readFileSync(lockFile, 'utf8')).toBe(String(server.pid))
  })

  it('refuses a second serve on the same data directory with exit 3, leaving the first running', async () => {
    const second = await lotse(['serve'], cliEnv(dataDir))
    expect(second.code, explain(second)).toBe(3)
    expect(second.stderr).toContain(
      `The data directory ${dataDir} is in use by another Lotse process (pid ${server.pid})`,
    )
    expect(second.stderr).not.toContain(stackFrame)
    expect(readFileSync(lockFile, 'utf8')).toBe(String(server.pid))
    expect((await fetch(`${url}/api/health`)).status).toBe(200)
  })

  it('exits 0 on SIGTERM and removes its lock', async () => {
    server.kill('SIGTERM')
    const { code, signal } = await server.closed
    expect({ code, signal }).toEqual({ code: 0, signal: null })
    expect(existsSync(lockFile)).toBe(false)
  })
})

describe('lotse operations on a data directory', () => {
  const dataDir = tempDir()
  const restoredDir = tempDir()
  const backupFile = path.join(tempDir(), 'lotse.backup.gz')
  const env = cliEnv(dataDir)
  let backupRows = 0

  it('migrate applies every committed migration and reports them', async () => {
    const versions = readMigrations().map((migration) => migration.version)
    const result = await lotse(['migrate'], env)
    expect(result.code, explain(result)).toBe(0)
    expect(result.stdout.trim()).toBe(`schema version ${versions.length}; applied: ${versions.join(', ')}`)
  })

  it('seed --demo creates the two demo districts', async () => {
    const result = await lotse(['seed', '--demo'], env)
    expect(result.code, explain(result)).toBe(0)
    expect(result.stdout).toMatch(/^demo data: 2 district\(s\) created\b/)
  })

  it('seed --demo a second time creates nothing', async () => {
    const result = await lotse(['seed', '--demo'], env)
    expect(result.code, explain(result)).toBe(0)
    expect(result.stdout).toMatch(/^demo data: 0 district\(s\) created\b/)
    expect(result.stdout).not.toMatch(/[1-9]\d* \w+\(s\) created/)
  })

  it('backup writes the demo data to the file', async () => {
    const result = await lotse(['backup', backupFile], env)
    expect(result.code, explain(result)).toBe(0)
    const match = /^backup written to (.+): (\d+) rows in (\d+) tables$/.exec(result.stdout.trim())
    expect(match?.[1]).toBe(backupFile)
    // At least the 2 districts and their 24 municipalities.
    backupRows = Number(match?.[2])
    expect(backupRows).toBeGreaterThanOrEqual(26)
    expect(existsSync(backupFile)).toBe(true)
  })

  // The restored installation reads the values of the backup with the key they were written under.
  const restoredEnv = () =>
    cliEnv(restoredDir, { LOTSE_ENCRYPTION_KEY_FILE: path.join(dataDir, 'encryption.key') })

  it("restore refuses a key ring without the backup's key with exit 5, restoring nothing", async () => {
    const otherDir = tempDir()
    const result = await lotse(['restore', backupFile], cliEnv(otherDir))
    expect(result.code, explain(result)).toBe(5)
    expect(result.stderr).toMatch(
      /The backup's encrypted values are under key [0-9a-f]{16}, which the key ring/,
    )
    expect(result.stderr).toContain('nothing was restored')
    expect(result.stderr).not.toContain(stackFrame)
  })

  it('restore brings every row of the backup into an empty data directory', async () => {
    const result = await lotse(['restore', backupFile], restoredEnv())
    expect(result.code, explain(result)).toBe(0)
    expect(result.stdout.trim().split('\n')).toEqual([
      `restored ${backupRows} rows from ${backupFile}`,
      // A fresh installation has erased nothing: the ledger's replay finds nothing to do.
      'erasure ledger replayed: 0 case(s) and 0 person(s) anonymised, 0 person(s) deleted again',
    ])
  })

  it('restore a second time is refused with exit 5, as the districts exist', async () => {
    const result = await lotse(['restore', backupFile], restoredEnv())
    expect(result.code, explain(result)).toBe(5)
    expect(result.stderr).toContain('already holds district 05382, 99101')
    expect(result.stderr).not.toContain(stackFrame)
  })

  it('restore of a file that does not exist exits 5, without a stack trace', async () => {
    const missing = path.join(restoredDir, 'missing.lotse.gz')
    const result = await lotse(['restore', missing], restoredEnv())
    expect(result.code, explain(result)).toBe(5)
    expect(result.stderr).toContain(`${missing} is not a readable Lotse backup`)
    expect(result.stderr).not.toContain(stackFrame)
  })

  it('keys rotate with a wrong old key exits 7 and changes nothing', async () => {
    const keyFile = path.join(dataDir, 'encryption.key')
    const before = readFileSync(keyFile, 'utf8')
    const wrong = Buffer.alloc(32, 5).toString('base64')
    const result = await lotse(
      ['keys', 'rotate', '--new-key-file', keyFile],
      cliEnv(dataDir, { LOTSE_ENCRYPTION_KEY: wrong }),
    )
    expect(result.code, explain(result)).toBe(7)
    expect(result.stderr).toContain('a wrong or missing encryption key')
    expect(result.stderr).toContain('Nothing was changed')
    expect(result.stderr).not.toContain(stackFrame)
    expect(readFileSync(keyFile, 'utf8')).toBe(before)
  })

  it('keys rotate puts a new key first in the key file and re-encrypts every value under it', async () => {
    const keyFile = path.join(dataDir, 'encryption.key')
    const keysIn = () =>
      readFileSync(keyFile, 'utf8')
        .split('\n')
        .filter((line) => line !== '' && !line.startsWith('#'))
    const [oldKey] = keysIn()
    const result = await lotse(['keys', 'rotate'], env)
    expect(result.code, explain(result)).toBe(0)
    expect(result.stdout).toMatch(/^\d+ values re-encrypted under key [0-9a-f]{16}; older keys retired/)
    expect(keysIn()).toHaveLength(2)
    expect(keysIn()[1]).toBe(oldKey)
    // The server-side check at the next command finds every key it needs.
    const again = await lotse(['backup', path.join(tempDir(), 'after-rotation.lotse.gz')], env)
    expect(again.code, explain(again)).toBe(0)
  })
})
