import { type Kysely, sql } from 'kysely'
import type { DB } from '../../../db/schema.ts'

/** The user's feed token for a body, without its hash. */
export function selectFeedToken(db: Kysely<DB>, bodyId: string, userId: string) {
  return db
    .selectFrom('body_feed_token')
    .select(['created_at', 'last_used_at'])
    .where('body_id', '=', bodyId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
}

/** Keeps one token per user and body: a new one replaces the old, which stops working at once. */
export async function upsertFeedToken(
  db: Kysely<DB>,
  token: { district_id: string; body_id: string; user_id: string; token_hash: string },
) {
  return db
    .insertInto('body_feed_token')
    .values(token)
    .onConflict((conflict) =>
      conflict.columns(['body_id', 'user_id']).doUpdateSet({
        token_hash: token.token_hash,
        created_at: sql`now()`,
        last_used_at: null,
      }),
    )
    .returning('created_at')
    .executeTakeFirstOrThrow()
}

export async function deleteFeedToken(db: Kysely<DB>, bodyId: string, userId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('body_feed_token')
    .where('body_id', '=', bodyId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) === 1
}

/**
 * The token with this hash, looked up before anyone is known: the request carries no session, so
 * the token itself tells the district, the body and the user it was made for.
 */
export function selectFeedTokenByHash(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('body_feed_token')
    .select(['id', 'district_id', 'body_id', 'user_id'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst()
}

export async function touchFeedToken(db: Kysely<DB>, id: string): Promise<void> {
  await db.updateTable('body_feed_token').set({ last_used_at: sql`now()` }).where('id', '=', id).execute()
}
