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
    // Off, so that send's own `max-age=0` does not override the header set below.
    cacheControl: false,
    // @fastify/static 9 hands over the raw response here, not Fastify's reply.
    setHeaders(response, filePath) {
      // Vite puts a content hash into asset names, so they never change under the same name.
      if (filePath.includes(`${path.sep}assets${path.sep}`)) {
        response.setHeader('cache-control', 'public, max-age=31536000, immutable')
      }
    },
  })
  return true
}
