import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { e2eDemoPassword } from './demo.ts'

const projectRoot = path.resolve(import.meta.dirname, '..')
const startTimeoutMs = 120_000

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs)
  }
  return newest
}

/** Builds the web app once when dist/web is missing or older than web/ or common/. */
function ensureWebBuilt(): void {
  const index = path.join(projectRoot, 'dist/web/index.html')
  if (existsSync(index)) {
    const sources = Math.max(
      newestMtime(path.join(projectRoot, 'web')),
      newestMtime(path.join(projectRoot, 'common')),
    )
    if (sources <= statSync(index).mtimeMs) return
  }
  console.log('[e2e] building the web app (npx vite build) …')
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: projectRoot,
    stdio: 'inherit',
  })
  if (result.status !== 0) throw new Error(`vite build failed with exit code ${result.status}`)
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}

/** Resolves once the server prints its ready line; rejects with its output if it dies first. */
function waitUntilRunning(child: ChildProcess, output: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup()
      reject(new Error(`Lotse did not start within ${startTimeoutMs} ms:\n${output()}`))
    }, startTimeoutMs)
    const onData = () => {
      if (/is running: http/.test(output())) {
        cleanup()
        resolve()
      }
    }
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      cleanup()
      reject(new Error(`Lotse exited before it was ready (code ${code}, signal ${signal}):\n${output()}`))
    }
    const cleanup = () => {
      clearTimeout(timer)
      child.stdout?.off('data', onData)
      child.off('exit', onExit)
    }
    child.stdout?.on('data', onData)
    child.once('exit', onExit)
  })
}

/**
 * Starts `lotse serve --demo` on a fresh, temporary PGlite data directory and the port chosen in
 * playwright.config.ts. DATABASE_URL is never passed on: e2e always runs on its own empty database.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const port = process.env.LOTSE_E2E_PORT
  if (!port) throw new Error('LOTSE_E2E_PORT is not set (playwright.config.ts sets it)')
  ensureWebBuilt()

  const dataDir = mkdtempSync(path.join(tmpdir(), 'lotse-e2e-'))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOTSE_DATA_DIR: dataDir,
    PORT: port,
    HOST: '127.0.0.1',
    LOTSE_LOG_LEVEL: 'warn',
    LOTSE_BASE_URL: `http://127.0.0.1:${port}`,
    // A fixed demo password, so that tests can sign in as the demo users.
    LOTSE_DEMO_PASSWORD: e2eDemoPassword,
  }
  delete env.DATABASE_URL
  // Demo mode (needed for the demo districts) is refused with NODE_ENV=production.
  delete env.NODE_ENV
  delete env.LOTSE_E2E_PORT

  let output = ''
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin/lotse.js'), 'serve', '--demo'], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.setEncoding('utf8')
  child.stderr?.setEncoding('utf8')
  child.stdout?.on('data', (chunk: string) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk: string) => {
    output += chunk
    process.stderr.write(`[lotse] ${chunk}`)
  })

  let stopping = false
  child.once('exit', (code, signal) => {
    if (!stopping)
      console.error(`[e2e] the Lotse server exited unexpectedly (code ${code}, signal ${signal})`)
  })

  const teardown = async () => {
    stopping = true
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      if (!(await waitForExit(child, 15_000))) {
        child.kill('SIGKILL')
        await waitForExit(child, 5_000)
      }
    }
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
  }

  try {
    await waitUntilRunning(child, () => output)
    const health = await fetch(`http://127.0.0.1:${port}/api/health`)
    if (!health.ok) throw new Error(`/api/health answered ${health.status}`)
  } catch (error) {
    await teardown()
    throw error
  }
  return teardown
}
