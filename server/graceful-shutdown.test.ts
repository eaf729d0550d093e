import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from './db/database.ts'
import { verifyAuditTrail } from './modules/audit/index.ts'
import { spawnLotse } from './test/lotse-process.ts'

const password = 'graceful shutdown test 2026'

async function signIn(url: string) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  })
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const { csrfToken } = (await response.json()) as { csrfToken: string }
  return { cookie, csrfToken }
}

describe('graceful shutdown', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lotse-shutdown-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('loses no acknowledged write when SIGTERM arrives during a stream of writes', async () => {
    const server = await spawnLotse(dataDir, {
      args: ['--demo'],
      env: { LOTSE_DEMO_PASSWORD: password },
    })
    const { child, url } = server
    const session = await signIn(url)
    const acknowledged: string[] = []
    let stop = false
    const writer = async (worker: number) => {
      for (let i = 0; !stop && i < 500; i++) {
        try {
          const response = await fetch(`${url}/api/users`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              cookie: session.cookie,
              'x-csrf-token': session.csrfToken,
            },
            body: JSON.stringify({
              username: `load-${worker}-${i}`,
              displayName: `Last ${worker}-${i}`,
              roles: ['case_manager'],
              password: 'a long enough passphrase for tests',
            }),
          })
          // Anything but 201 (503 while closing, refused connections) was not acknowledged.
          if (response.status === 201) acknowledged.push(((await response.json()) as { id: string }).id)
        } catch {
          // The server went away mid-request: not acknowledged, nothing to check.
        }
      }
    }
    const writers = [1, 2, 3, 4].map(writer)
    while (acknowledged.length < 20) await new Promise((resolve) => setTimeout(resolve, 20))
    const exited = once(child, 'exit')
    // Sent by the test itself: the helper must not report the exit as unexpected.
    server.stopping = true
    child.kill('SIGTERM')
    const [exitCode] = await exited
    stop = true
    await Promise.all(writers)

    expect(exitCode).toBe(0)
    expect(acknowledged.length).toBeGreaterThanOrEqual(20)
    const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') })
    try {
      const stored = await database.db
        .selectFrom('app_user')
        .select('id')
        .where('id', 'in', acknowledged)
        .execute()
      expect(stored.length).toBe(acknowledged.length)
      const chains = await verifyAuditTrail(database.db)
      expect(chains.every((chain) => chain.ok)).toBe(true)
    } finally {
      await database.close()
    }
  }, 120_000)
})
