import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  removeDir,
  type ServerProcess,
  spawnLotse,
  stopServer,
  tempDir,
  waitForOk,
} from '../server/test/lotse-process.ts'
import { callOk, contactBody, firstCaseId, type Session, signIn, stressDemoPassword } from './client.ts'
import { createPostgresDatabase, openForChecks } from './databases.ts'
import { checkInvariants, type InvariantCheck, missingContacts } from './invariants.ts'

export type CrashOptions = {
  kind: 'pglite' | 'postgresql'
  cycles: number
  /** PostgreSQL server to create the run's database on (kind postgresql). */
  adminUrl?: string
  /** Concurrent writers per cycle. */
  writers?: number
  /** The kill comes at a random moment between these milliseconds after the writers started. */
  killAfterMs?: [number, number]
  log?: (line: string) => void
}

export type CrashResult = {
  kind: 'pglite' | 'postgresql'
  cycles: number
  acknowledged: number
  /** Acknowledged ids missing after a restart (must be 0). */
  lost: string[]
  /** Requests that were sent but not acknowledged (killed mid-flight); they may or may not be stored. */
  unacknowledged: number
  /** PGlite: kills that left the data folder's lock file naming the dead pid, which the restart took over. */
  staleLocks: number
  /** Cycles in which the restart failed (e.g. the data folder stayed locked). */
  restartFailures: string[]
  invariants: InvariantCheck[]
  milliseconds: number
}

/** The server's answer to a kill: one acknowledged id set per cycle, checked after the restart. */
async function writeUntilKilled(
  session: Session,
  caseId: string,
  writers: number,
  cycle: number,
  acknowledged: string[],
): Promise<{ unacknowledged: number }> {
  let unacknowledged = 0
  let sequence = 0
  const writer = async (writerIndex: number) => {
    for (;;) {
      const marker = `c${cycle}w${writerIndex}n${sequence++}`
      try {
        const contacts = await callOk<{ id: string; note: string }[]>(
          session,
          'POST',
          `/cases/${caseId}/contacts`,
          contactBody(marker),
        )
        // Recorded only now, after the 2xx: the commit is acknowledged.
        const mine = contacts.find((contact) => contact.note === `stress ${marker}`)
        if (!mine) throw new Error(`the answer to ${marker} does not list the new contact`)
        acknowledged.push(mine.id)
      } catch (error) {
        if (error instanceof Error && /does not list/.test(error.message)) throw error
        unacknowledged++
        return
      }
    }
  }
  await Promise.all(Array.from({ length: writers }, (_, index) => writer(index)))
  return { unacknowledged }
}

function kill(server: ServerProcess): Promise<void> {
  server.stopping = true
  const exited = new Promise<void>((resolve) => server.child.once('exit', () => resolve()))
  server.child.kill('SIGKILL')
  return exited
}

/**
 * Kill -9 at random moments while writers create contacts; after each restart on the same data,
 * every acknowledged id must be there. After the last cycle the data is checked from outside the
 * server: no acknowledged id lost, no contact without its audit event, audit chains verify.
 */
export async function runCrashCycles(options: CrashOptions): Promise<CrashResult> {
  const log = options.log ?? (() => {})
  const writers = options.writers ?? 3
  const [minKill, maxKill] = options.killAfterMs ?? [150, 1500]
  const started = Date.now()
  const dataDir = tempDir(`stress-crash-${options.kind}`)
  let postgres: { url: string; drop(): Promise<void> } | undefined
  if (options.kind === 'postgresql') {
    if (!options.adminUrl) throw new Error('the PostgreSQL crash run needs a database server URL')
    postgres = await createPostgresDatabase(options.adminUrl)
  }
  const env = {
    LOTSE_DEMO_PASSWORD: stressDemoPassword,
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
  }
  const start = async () => {
    const server = await spawnLotse(dataDir, { args: ['--demo'], env, timeoutMs: 180_000 })
    await waitForOk(`${server.url}/api/health`)
    return server
  }
  const acknowledged: string[] = []
  const lost: string[] = []
  const restartFailures: string[] = []
  let unacknowledged = 0
  let staleLocks = 0
  let caseId: string | undefined
  let writingSince: Date | undefined
  let server: ServerProcess | undefined
  try {
    for (let cycle = 1; cycle <= options.cycles; cycle++) {
      const startedAt = Date.now()
      try {
        server = await start()
        log(`${options.kind} cycle ${cycle}: server up in ${Date.now() - startedAt} ms`)
      } catch (error) {
        restartFailures.push(`cycle ${cycle}: ${String(error).slice(0, 300)}`)
        break
      }
      const session = await signIn(server.url)
      caseId ??= await firstCaseId(session)
      // What earlier cycles acknowledged must have survived their kill.
      const listed = new Set(
        (await callOk<{ id: string }[]>(session, 'GET', `/cases/${caseId}/contacts`)).map(
          (contact) => contact.id,
        ),
      )
      const missing = acknowledged.filter((id) => !listed.has(id) && !lost.includes(id))
      lost.push(...missing)
      const before = acknowledged.length
      writingSince ??= new Date()
      const writing = writeUntilKilled(session, caseId, writers, cycle, acknowledged)
      await sleep(minKill + Math.random() * (maxKill - minKill))
      const killedPid = server.child.pid
      await kill(server)
      server = undefined
      const lockFile = path.join(dataDir, 'lotse.lock')
      if (
        options.kind === 'pglite' &&
        existsSync(lockFile) &&
        Number(readFileSync(lockFile, 'utf8')) === killedPid
      )
        staleLocks++
      unacknowledged += (await writing).unacknowledged
      log(
        `${options.kind} cycle ${cycle}/${options.cycles}: ${acknowledged.length - before} acknowledged, ` +
          `${acknowledged.length} in all, ${missing.length} lost since the last kill`,
      )
    }
    // The final restart proves the last kill left a usable database, then a clean stop for the checks.
    if (restartFailures.length === 0) {
      try {
        server = await start()
      } catch (error) {
        restartFailures.push(`final restart: ${String(error).slice(0, 300)}`)
      }
      await stopServer(server)
      server = undefined
    }
    const database = await openForChecks(
      postgres ? { kind: 'postgresql', url: postgres.url } : { kind: 'pglite', dataDir },
    )
    try {
      for (const id of await missingContacts(database, acknowledged)) if (!lost.includes(id)) lost.push(id)
      const checks = await checkInvariants(database, { since: writingSince ?? new Date() })
      return {
        kind: options.kind,
        cycles: options.cycles,
        acknowledged: acknowledged.length,
        lost,
        unacknowledged,
        staleLocks,
        restartFailures,
        invariants: checks,
        milliseconds: Date.now() - started,
      }
    } finally {
      await database.close()
    }
  } finally {
    if (server) await kill(server)
    await postgres?.drop()
    removeDir(dataDir)
  }
}
