import { type RawBuilder, sql } from 'kysely'
import type { seededRandom } from '../../server/db/seed/random.ts'
import type { Exec } from '../casework-data.ts'

/** What the module generators of one district are given: the district, its users and the draws. */
export type DistrictContext = {
  exec: Exec
  random: ReturnType<typeof seededRandom>
  uuid: () => string
  /** A text unique to the seed and district, from which SQL derives ids (`md5(key || …)::uuid`). */
  key: string
  districtId: string
  did: RawBuilder<unknown>
  code: string
  name: string
  municipalityIds: string[]
  adminId: string
  coordinatorId: string
  caseManagerIds: string[]
  usernamePrefix: string
}

/** Ids that SQL derives from the seed, so that the same seed gives the same ids. */
export const derivedId = (context: DistrictContext, kind: string, ordinal: RawBuilder<unknown>) =>
  sql`md5(${`${context.key}:${kind}:`} || ${ordinal}::text)::uuid`

/** An unsigned hash of a row's id and a salt, for deterministic draws in SQL. */
export const hashOf = (id: RawBuilder<unknown>, salt: string) =>
  sql`abs(hashtext(${id}::text || ${salt})::bigint)`

/** Days from today as an ISO date (UTC), for rows that sit around now. */
export const dayFromToday = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
