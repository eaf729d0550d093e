import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `The data directory ${dataDir} is in use by another Lotse process (pid ${holderPid}). ` +
        'PGlite allows one process at a time; stop the other process first.',
    )
    this.name = 'DataDirLockedError'
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

// Lock files this process holds. A lock naming our own pid is stale (left by an earlier process
// that had the same pid, as pid 1 in a container) only when we do not hold it ourselves.
const heldLocks = new Set<string>()

/**
 * Takes an exclusive lock on a PGlite data directory. Two processes on one directory corrupt
 * it, so a live holder refuses us; a lock left by a crashed process (dead pid) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true })
  const lockFile = path.resolve(dataDir, 'lotse.lock')
  if (heldLocks.has(lockFile)) throw new DataDirLockedError(dataDir, process.pid)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' })
      heldLocks.add(lockFile)
      let released = false
      return () => {
        if (released) return
        released = true
        heldLocks.delete(lockFile)
        rmSync(lockFile, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number.parseInt(readFileSync(lockFile, 'utf8'), 10)
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new DataDirLockedError(dataDir, holder)
      }
      rmSync(lockFile, { force: true })
    }
  }
  throw new Error(`Could not lock ${dataDir}`)
}
