import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.ts'

export function selectViewsOf(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('saved_case_view')
    .select(['id', 'name', 'filters'])
    .where('user_id', '=', userId)
    .orderBy('name')
    .execute()
}

export async function viewNameTaken(db: Kysely<DB>, userId: string, name: string): Promise<boolean> {
  const row = await db
    .selectFrom('saved_case_view')
    .select('id')
    .where('user_id', '=', userId)
    .where('name', '=', name)
    .executeTakeFirst()
  return row !== undefined
}

export function insertView(
  db: Kysely<DB>,
  view: { district_id: string; user_id: string; name: string; filters: string },
) {
  return db
    .insertInto('saved_case_view')
    .values(view)
    .returning(['id', 'name', 'filters'])
    .executeTakeFirstOrThrow()
}

/** Deletes the user's own view; answers whether there was one. */
export async function deleteViewOf(db: Kysely<DB>, userId: string, viewId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('saved_case_view')
    .where('id', '=', viewId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return result.numDeletedRows === 1n
}
