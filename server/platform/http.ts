import type { FastifyRequest } from 'fastify'
import { DomainError } from './errors.ts'

/** Versions are PostgreSQL `integer` columns; a larger number can never name a stored version. */
const maxVersion = 2_147_483_647

/**
 * The version named in If-Match (`"3"`, `W/"3"` or `3`); undefined when absent or `*`, so that the
 * service asks for one (428). Anything else that is no version of a record (`"1e30"`, `"abc"`, a
 * number beyond the integer range) is refused with 400 here, before it can reach the database.
 */
export function ifMatchVersion(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match']
  if (header === undefined || header.trim() === '*') return undefined
  const match = /^(?:W\/)?"?(\d{1,10})"?$/.exec(header.trim())
  const version = match ? Number(match[1]) : Number.NaN
  if (!(version <= maxVersion)) {
    throw new DomainError('if-match-invalid', 400, undefined, [
      { path: 'headers.if-match', message: 'if-match-invalid' },
    ])
  }
  return version
}
