import type { LightMyRequestResponse } from 'fastify'
import { sql } from 'kysely'
import { expect } from 'vitest'
import type { DB } from '../db/schema.ts'
import { addDays, defaultTimeZone, localDay } from '../platform/district-time.ts'
import type { TestDatabase } from './database.ts'

/** Assertions and counters every module's tests share. */

/** A calendar day of the demo districts (Europe/Berlin, as the server counts "today") `offsetDays` from now. */
export const isoDay = (offsetDays = 0) => addDays(localDay(new Date(), defaultTimeZone), offsetDays)

/** An instant `offsetDays` from now at noon UTC, so that its date is the same in every time zone nearby. */
export const noonUtc = (offsetDays = 0) => `${isoDay(offsetDays)}T12:00:00.000Z`

export type ProblemBody = { code: string; fields?: { path: string; message: string }[] }

/** Asserts a problem+json answer with the status and, if given, a field problem at `path`. */
export function expectProblem(
  response: LightMyRequestResponse,
  status: number,
  path?: string,
  message?: string,
): ProblemBody {
  expect(response.statusCode, response.body).toBe(status)
  expect(String(response.headers['content-type'])).toContain('application/problem+json')
  const problem = response.json()
  if (path !== undefined) {
    expect(problem.fields, response.body).toEqual(
      expect.arrayContaining([
        message === undefined
          ? expect.objectContaining({ path })
          : expect.objectContaining({ path, message }),
      ]),
    )
  }
  return problem
}

/** Asserts a problem+json answer with the status and, if given, its code. */
export function expectProblemCode(
  response: LightMyRequestResponse,
  status: number,
  code?: string,
): ProblemBody {
  expect(response.statusCode, response.body).toBe(status)
  expect(String(response.headers['content-type'])).toContain('application/problem+json')
  const problem = response.json()
  if (code !== undefined) expect(problem.code, response.body).toBe(code)
  return problem
}

/** Rows in a table, to show that a refused request stored nothing. */
export async function countRows(database: TestDatabase, table: keyof DB & string): Promise<number> {
  const result = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(
    database.db,
  )
  return Number(result.rows[0]?.n ?? 0)
}

/** Counts the rows of every table named, in one object, to compare before and after. */
export async function countAll(
  database: TestDatabase,
  tables: readonly (keyof DB & string)[],
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of tables) counts[table] = await countRows(database, table)
  return counts
}
