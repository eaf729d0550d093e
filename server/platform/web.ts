import { existsSync } from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'

export const webDistDir = path.resolve(import.meta.dirname, '../../dist/web')

/** Serves the built single-page app, if it was built; answers whether it did. */
export async function registerWebApp(app: FastifyInstance, distDir = webDistDir): Promise<boolean> {
  if (!existsSync(path.join(distDir, 'index.html'))) return false
  await app.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    index: false,
    setHeaders(reply, filePath) {
      // Vite puts a content hash into asset names, so they never change under the same name.
      if (filePath.includes(`${path.sep}assets${path.sep}`)) {
        reply.header('cache-control', 'public, max-age=31536000, immutable')
      }
    },
  })
  return true
}
