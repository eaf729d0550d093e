import { removeDir, spawnLotse, stopServer, tempDir, waitForOk } from '../server/test/lotse-process.ts'
import { ensureWebBuilt } from '../server/web-build.ts'
import { e2eDemoPassword } from './demo.ts'

/**
 * Starts `lotse serve --demo` on a fresh, temporary PGlite data directory and the port chosen in
 * playwright.config.ts. DATABASE_URL is never passed on: e2e always runs on its own empty database.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const port = process.env.LOTSE_E2E_PORT
  if (!port) throw new Error('LOTSE_E2E_PORT is not set (playwright.config.ts sets it)')
  await ensureWebBuilt()

  const dataDir = tempDir('e2e')
  const server = await spawnLotse(dataDir, {
    args: ['--demo'],
    env: {
      PORT: port,
      LOTSE_BASE_URL: `http://127.0.0.1:${port}`,
      // A fixed demo password, so that tests can sign in as the demo users.
      LOTSE_DEMO_PASSWORD: e2eDemoPassword,
    },
    timeoutMs: 120_000,
  }).catch((error: unknown) => {
    removeDir(dataDir)
    throw error
  })
  const teardown = async () => {
    await stopServer(server)
    removeDir(dataDir)
  }
  try {
    await waitForOk(`${server.url}/api/health`)
  } catch (error) {
    await teardown()
    throw error
  }
  return teardown
}
