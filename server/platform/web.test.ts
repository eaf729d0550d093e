import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import Fastify from 'fastify'
import { afterAll, describe, expect, it } from 'vitest'
import { removeDir, tempDir } from '../test/lotse-process.ts'
import { registerNotFoundHandler } from './problem.ts'
import { registerWebApp } from './web.ts'

describe('serving the built web app', () => {
  const distDir = tempDir('web')
  afterAll(() => removeDir(distDir))

  mkdirSync(path.join(distDir, 'assets'))
  writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><title>Lotse</title>')
  writeFileSync(path.join(distDir, 'assets', 'index-abc123.js'), 'console.log(1)')

  const get = async (url: string) => {
    const app = Fastify()
    expect(await registerWebApp(app, distDir)).toBe(true)
    registerNotFoundHandler(app, true)
    const response = await app.inject({ url })
    await app.close()
    return response
  }

  it('serves hashed assets with a long immutable cache lifetime', async () => {
    const response = await get('/assets/index-abc123.js')
    expect(response.statusCode, response.body).toBe(200)
    expect(response.body).toBe('console.log(1)')
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable')
  })

  it('answers page addresses with index.html that the browser revalidates', async () => {
    const response = await get('/cases')
    expect(response.statusCode, response.body).toBe(200)
    expect(response.body).toContain('<title>Lotse</title>')
    expect(response.headers['cache-control']).toBe('no-cache')
  })
})
