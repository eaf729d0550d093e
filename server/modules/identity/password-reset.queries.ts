import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

// Password reset links

export async function replaceResetLink(
  db: Kysely<DB>,
  link: { token_hash: string; user_id: string; district_id: string; created_by: string; expires_at: string },
): Promise<void> {
  // A new link voids the older ones, so only the last link handed out works.
  await db
    .deleteFrom('password_reset')
    .where('user_id', '=', link.user_id)
    .where('used_at', 'is', null)
    .execute()
  await db.insertInto('password_reset').values(link).execute()
}

/** Marks an unused, unexpired link as used and answers whose it was; nothing when it is not valid. */
export async function consumeResetLink(
  db: Kysely<DB>,
  tokenHash: string,
): Promise<{ user_id: string; district_id: string } | undefined> {
  return db
    .updateTable('password_reset')
    .set({ used_at: sql`now()` })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<string>`now()`)
    .returning(['user_id', 'district_id'])
    .executeTakeFirst()
}

export async function selectValidResetLink(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('password_reset')
    .select(['user_id', 'district_id', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<string>`now()`)
    .executeTakeFirst()
}
