import { describe, expect, it } from 'vitest'
import { problemSchema } from '../../common/problem.ts'
import { useTestApp } from '../test/app.ts'
import { databaseKinds } from '../test/database.ts'

// Found by the API fuzzer (server/test/fuzz): the router answered these with Fastify's own JSON.
describe.each(databaseKinds)('problems the router raises, on %s', (kind) => {
  const ctx = useTestApp(kind)

  it.each([
    ['a malformed percent-encoding in a path parameter', '/api/cases/%ED%A0%80/measures', 400],
    ['a stray percent sign in a path parameter', '/api/organisations/%', 400],
    ['a path parameter beyond the router limit', `/api/cases/${'x'.repeat(5000)}`, 414],
  ])('answers %s with problem+json', async (_name, url, status) => {
    const response = await ctx.app.inject({ method: 'GET', url })
    expect(response.statusCode).toBe(status)
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
    const problem = problemSchema.parse(response.json())
    expect(problem).toMatchObject({ status, code: 'invalid-input' })
    expect(response.headers['x-request-id']).toBe(problem.requestId)
  })
})
