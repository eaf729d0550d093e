import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Database, openDatabase } from './database.ts'
import { DataDirLockedError, lockDataDir } from './lock.ts'

let dataDir: string
const cleanups: (() => Promise<void> | void)[] = []
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'lotse-lock-'))
})
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  rmSync(dataDir, { recursive: true, force: true })
})

const lockFile = () => path.join(dataDir, 'lotse.lock')

/** A live process other than ours, killed after the test. */
function liveProcess(): ChildProcess & { pid: number } {
  const child = spawn('sleep', ['30'], { stdio: 'ignore' })
  cleanups.push(() => {
    child.kill('SIGKILL')
  })
  if (child.pid === undefined) throw new Error('could not start sleep')
  return child as ChildProcess & { pid: number }
}

/** The pid of a process that has exited and been reaped. */
function deadPid(): number {
  const result = spawnSync('true')
  expect(() => process.kill(result.pid, 0)).toThrow()
  return result.pid
}

function take(dir = dataDir): () => void {
  const release = lockDataDir(dir)
  cleanups.push(release)
  return release
}

describe('lockDataDir', () => {
  it('writes our pid into the lock file', () => {
    take()
    expect(readFileSync(lockFile(), 'utf8')).toBe(String(process.pid))
  })

  it('refuses while a live process holds the lock, naming its pid', () => {
    const holder = liveProcess()
    writeFileSync(lockFile(), String(holder.pid))
    let refusal: unknown
    try {
      take()
    } catch (error) {
      refusal = error
    }
    expect(refusal).toBeInstanceOf(DataDirLockedError)
    expect(refusal).toMatchObject({ holderPid: holder.pid, dataDir })
    expect((refusal as Error).message).toContain(`pid ${holder.pid}`)
    expect(readFileSync(lockFile(), 'utf8')).toBe(String(holder.pid))
  })

  it('takes over a lock whose process has died', () => {
    writeFileSync(lockFile(), String(deadPid()))
    take()
    expect(readFileSync(lockFile(), 'utf8')).toBe(String(process.pid))
  })

  it('takes over a lock file without a pid in it', () => {
    writeFileSync(lockFile(), '')
    take()
    expect(readFileSync(lockFile(), 'utf8')).toBe(String(process.pid))
  })

  // In a container Lotse often runs as pid 1 each time, so a crashed run leaves our own pid behind.
  it('takes over a lock naming our own pid that this process does not hold', () => {
    writeFileSync(lockFile(), String(process.pid))
    take()
    expect(readFileSync(lockFile(), 'utf8')).toBe(String(process.pid))
  })

  it('refuses a second lock on the same directory within this process', () => {
    take()
    expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError)
    expect(existsSync(lockFile())).toBe(true)
  })

  it('removes the lock file on release, after which the directory can be locked again', () => {
    const release = take()
    release()
    expect(existsSync(lockFile())).toBe(false)
    take()
    expect(existsSync(lockFile())).toBe(true)
  })

  it('leaves a lock taken after release alone when released a second time', () => {
    const release = take()
    release()
    take()
    release()
    expect(readFileSync(lockFile(), 'utf8')).toBe(String(process.pid))
    expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError)
  })
})

describe('openDatabase on a PGlite directory', () => {
  const open = async (): Promise<Database> => {
    const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') })
    // Closed by the test or, if it failed first, afterwards; but only once.
    let closing: Promise<void> | undefined
    const once = { ...database, close: () => (closing ??= database.close()) }
    cleanups.push(() => once.close())
    return once
  }

  it('locks the data directory while open and unlocks it on close', async () => {
    const database = await open()
    expect(readFileSync(lockFile(), 'utf8')).toBe(String(process.pid))
    await database.close()
    expect(existsSync(lockFile())).toBe(false)
  })

  it('refuses to open the same directory twice while the first is open', async () => {
    const first = await open()
    await expect(open()).rejects.toThrow(DataDirLockedError)
    // The refused attempt must not have taken the first one's lock away.
    expect(existsSync(lockFile())).toBe(true)
    expect((await first.pglite?.query('SELECT 1 AS one'))?.rows).toEqual([{ one: 1 }])
  })

  it('opens the directory again after the first is closed, with its data', async () => {
    const first = await open()
    await first.pglite?.exec('CREATE TABLE kept (id integer); INSERT INTO kept VALUES (7);')
    await first.close()
    const second = await open()
    const result = await second.pglite?.query<{ id: number }>('SELECT id FROM kept')
    expect(result?.rows).toEqual([{ id: 7 }])
  })
})
