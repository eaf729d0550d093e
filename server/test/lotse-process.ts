import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

export const projectRoot = path.resolve(import.meta.dirname, '../..')
const lotseBin = path.join(projectRoot, 'bin/lotse.js')

/** Every server child started here; killed if the parent process ends first. */
const running = new Set<ChildProcess>()
process.once('exit', killRunningServers)

export function killRunningServers(): void {
  for (const child of running) child.kill('SIGKILL')
}

export type ServerProcess = {
  child: ChildProcess
  /** Base URL the server printed, e.g. http://127.0.0.1:40123 */
  url: string
  output: () => string
  /** Set once stopServer sent its signal; an exit before that is reported as unexpected. */
  stopping: boolean
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `lotse-${prefix}-`))
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 })
}

/**
 * Spawns a server and resolves once it printed `is running: <url>` (Lotse) or `listening <url>`
 * (the bare baseline). Rejects with the server's output if it exits first or takes too long.
 */
export function spawnServer(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
  running.add(child)
  let output = ''
  let server: ServerProcess | undefined
  child.once('exit', (code, signal) => {
    running.delete(child)
    if (server && !server.stopping) {
      console.error(
        `[lotse] server pid ${child.pid} (${server.url}) exited unexpectedly: code ${code}, signal ${signal}\n${output.slice(-2000)}`,
      )
    }
  })
  child.stdout?.setEncoding('utf8')
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => {
    output += chunk
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`server did not start within ${timeoutMs} ms:\n${output}`))
    }, timeoutMs)
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer)
      reject(new Error(`server exited before it was ready (code ${code}, signal ${signal}):\n${output}`))
    }
    child.once('exit', onExit)
    child.stdout?.on('data', (chunk: string) => {
      output += chunk
      const match = /(?:is running:|listening) (http:\/\/\S+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        child.off('exit', onExit)
        // Keep draining stdout so the child never blocks on a full pipe.
        child.stdout?.removeAllListeners('data')
        child.stdout?.resume()
        server = {
          child,
          url: (match[1] as string).replace(/\/$/, ''),
          output: () => output,
          stopping: false,
        }
        resolve(server)
      }
    })
  })
}

/**
 * The environment for a Lotse child on its own PGlite data dir: DATABASE_URL is never passed on,
 * and NODE_ENV is dropped because `serve --demo` is refused in production.
 */
export function lotseEnv(dataDir: string, overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  delete env.NODE_ENV
  delete env.DATABASE_URL
  delete env.LOTSE_BASE_URL
  return {
    ...env,
    LOTSE_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOTSE_LOG_LEVEL: 'warn',
    ...overrides,
  }
}

/** Starts `lotse serve` with the given flags and resolves once it printed its URL. */
export function spawnLotse(
  dataDir: string,
  options: { args?: string[]; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<ServerProcess> {
  return spawnServer(
    [lotseBin, 'serve', ...(options.args ?? [])],
    lotseEnv(dataDir, options.env),
    options.timeoutMs,
  )
}

/**
 * The baseline server: bare Fastify (no plugins, no logger) in its own `node -e` process, answering
 * GET /api/health with the given body. Prints `listening <url>` once it accepts connections.
 */
export function spawnBareFastify(body: string): Promise<ServerProcess> {
  const script = `
const fastify = require('fastify')({ logger: false })
const body = process.env.BENCH_BODY
fastify.get('/api/health', (request, reply) => {
  reply.type('application/json; charset=utf-8').send(body)
})
fastify.listen({ port: 0, host: '127.0.0.1' }).then(() => {
  console.log('listening http://127.0.0.1:' + fastify.server.address().port)
})
process.on('SIGTERM', () => fastify.close().then(() => process.exit(0)))
`
  return spawnServer(['-e', script], { ...process.env, BENCH_BODY: body })
}

/** GETs url until it answers 200 (retrying refused connections); returns the body. */
export async function waitForOk(url: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs
  let lastProblem = ''
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url)
      const text = await response.text()
      if (response.status === 200) return text
      lastProblem = `status ${response.status}: ${text}`
    } catch (error) {
      lastProblem = String(error)
    }
    await sleep(5)
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms (${lastProblem})`)
}

/** SIGTERM, wait for the exit, SIGKILL if it does not come. */
export async function stopServer(server: ServerProcess | undefined, timeoutMs = 15_000): Promise<void> {
  if (!server) return
  server.stopping = true
  const child = server.child
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  await exited
  clearTimeout(timer)
}
