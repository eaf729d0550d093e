import { execFileSync } from 'node:child_process'
import { createServer } from 'node:net'
import { defineConfig } from '@playwright/test'

/** Debian's Chromium; Playwright never downloads a browser here. */
function chromiumPath(): string {
  try {
    const found = execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim()
    if (found) return found
  } catch {
    // `which` found nothing: fall through to Debian's default location.
  }
  return '/usr/bin/chromium'
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

// Playwright loads this file in the runner and again in every worker; the port chosen first
// travels to the workers (and to e2e/global-setup.ts) through the environment.
process.env.LOTSE_E2E_PORT ??= String(await freePort())
const baseURL = `http://127.0.0.1:${process.env.LOTSE_E2E_PORT}`

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL,
    locale: 'de-DE',
    // With reduced motion the app shows dialogs without fade-in, so axe never sees half-faded colours.
    contextOptions: { reducedMotion: 'reduce' },
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
})
