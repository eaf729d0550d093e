import type { FastifyRequest } from 'fastify'

/** The version named in If-Match (`"3"`, `W/"3"` or `3`); undefined when absent or malformed. */
export function ifMatchVersion(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match']
  const match = typeof header === 'string' ? /^(?:W\/)?"?(\d+)"?$/.exec(header.trim()) : null
  return match ? Number(match[1]) : undefined
}
