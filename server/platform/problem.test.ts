import Fastify, { type FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds, useTestDatabase } from '../test/database.ts'
import { loggerOptions } from './logging.ts'
import { isDataException, registerProblemHandlers } from './problem.ts'

describe('data exceptions of the database', () => {
  it.each(['22021', '22003', '22P02', '22P05', '22007'])('takes SQLSTATE %s for bad input', (code) => {
    expect(isDataException({ code })).toBe(true)
  })
  it.each(['23505', '40001', '57014', 'FST_ERR_VALIDATION', undefined, 22021])(
    'does not take %s for bad input',
    (code) => {
      expect(isDataException({ code })).toBe(false)
    },
  )
})

describe.each(databaseKinds)('a value the database refuses, on %s', (kind) => {
  const holder = useTestDatabase(kind)
  const lines: string[] = []
  let app: FastifyInstance

  beforeAll(async () => {
    app = Fastify({ logger: loggerOptions({ logLevel: 'info' }, 'json', (text) => lines.push(text)) })
    registerProblemHandlers(app)
    // No guard in front: the value goes straight to the database, as it would through a route
    // that forgot its schema.
    app.get<{ Querystring: { text: string } }>('/api/echo', async (request) =>
      sql<{ text: string }>`SELECT ${request.query.text}::text AS text`.execute(holder.database.db),
    )
    app.get<{ Querystring: { n: string } }>('/api/number', async (request) =>
      sql<{ n: number }>`SELECT ${request.query.n}::int AS n`.execute(holder.database.db),
    )
    await app.ready()
  })
  afterAll(async () => {
    await app.close()
  })

  it.each([
    ['NUL in a text', '/api/echo?text=Gespr%00ch'],
    ['a number beyond the integer range', '/api/number?n=2147483648'],
    ['a number that is no number', '/api/number?n=1e30'],
  ])('answers %s with 400 problem+json and one warning line without value or stack', async (_label, url) => {
    lines.length = 0
    const response = await app.inject({ method: 'GET', url })
    expect(response.statusCode, response.body).toBe(400)
    expect(response.headers['content-type']).toContain('application/problem+json')
    expect(response.json()).toMatchObject({ code: 'invalid-input', messages: { de: expect.any(String) } })
    const logged = lines.join('')
    const warnings = lines.map((line) => JSON.parse(line)).filter((record) => record.level >= 40)
    expect(warnings).toEqual([expect.objectContaining({ level: 40, msg: 'database refused a value' })])
    expect(warnings[0].err.code).toMatch(/^22/)
    expect(logged).not.toContain('stack')
    expect(logged).not.toContain('Gespr')
    expect(logged).not.toContain('2147483648')
  })
})
