import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { webDistDir } from './platform/web.ts'

const projectRoot = path.resolve(import.meta.dirname, '..')

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs)
  }
  return newest
}

/** Builds the web app with Vite when its output is missing or older than web/ or common/. */
export async function ensureWebBuilt(): Promise<void> {
  const index = path.join(webDistDir, 'index.html')
  const sourcesChanged =
    existsSync(index) &&
    Math.max(newestMtime(path.join(projectRoot, 'web')), newestMtime(path.join(projectRoot, 'common'))) >
      statSync(index).mtimeMs
  if (existsSync(index) && !sourcesChanged) return
  console.log('Baue die Web-Oberfläche / building the web app …')
  const { build } = await import('vite')
  await build({ configFile: path.join(projectRoot, 'vite.config.ts'), logLevel: 'warn' })
}
