import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../db/schema.ts'

export type ApiTokenRow = {
  id: string
  name: string
  token_prefix: string
  scopes: string[]
  created_by: string
  created_at: string
  expires_at: string
  last_used_at: string | null
  revoked_at: string | null
}

const tokenColumns = [
  'id',
  'name',
  'token_prefix',
  'scopes',
  'created_by',
  'created_at',
  'expires_at',
  'last_used_at',
  'revoked_at',
] as const

/** Stores a new token; it expires at the end of `expiresOn` in the district's time zone. */
export async function insertApiToken(
  trx: Transaction<DB>,
  token: {
    districtId: string
    name: string
    tokenHash: string
    tokenPrefix: string
    scopes: string[]
    createdBy: string
    expiresOn: string
    timeZone: string
  },
): Promise<string> {
  const row = await trx
    .insertInto('api_token')
    .values({
      district_id: token.districtId,
      name: token.name,
      token_hash: token.tokenHash,
      token_prefix: token.tokenPrefix,
      scopes: token.scopes,
      created_by: token.createdBy,
      expires_at: sql<string>`((${token.expiresOn}::date + 1)::timestamp AT TIME ZONE ${token.timeZone})`,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function selectApiTokens(db: Kysely<DB>, districtId: string): Promise<ApiTokenRow[]> {
  return db
    .selectFrom('api_token')
    .select(tokenColumns)
    .where('district_id', '=', districtId)
    .orderBy('created_at', 'desc')
    .execute()
}

export async function selectApiToken(db: Kysely<DB>, districtId: string, id: string) {
  return db
    .selectFrom('api_token')
    .select(tokenColumns)
    .where('district_id', '=', districtId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Marks a token revoked; false when it was revoked already. */
export async function revokeApiToken(trx: Transaction<DB>, id: string, revokedBy: string): Promise<boolean> {
  const result = await trx
    .updateTable('api_token')
    .set({ revoked_at: sql`now()`, revoked_by: revokedBy })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** A token that holds: not revoked, not expired, its creator's account not disabled. */
export async function selectLiveApiToken(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.created_by')
    .select([
      't.id',
      't.scopes',
      't.last_used_at',
      'u.id as user_id',
      'u.district_id',
      'u.organisation_id',
      'u.roles',
    ])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where('t.expires_at', '>', sql<string>`now()`)
    .where('u.disabled_at', 'is', null)
    .whereRef('u.district_id', '=', 't.district_id')
    .executeTakeFirst()
}

export async function touchApiToken(db: Kysely<DB>, id: string): Promise<void> {
  await db.updateTable('api_token').set({ last_used_at: sql`now()` }).where('id', '=', id).execute()
}
