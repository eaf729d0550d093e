import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { savedViewInputSchema } from '../../../../common/casework.ts'
import type { DB } from '../../../db/schema.ts'
import { NotFound } from '../../../platform/errors.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { assertViewInDistrict, ruleViolation } from '../casework.access.ts'

export async function listSavedViews(db: Kysely<DB>, actor: Actor) {
  authorize(actor, 'case.list', ownDistrict(actor))
  const rows = await db
    .selectFrom('saved_case_view')
    .select(['id', 'name', 'filters'])
    .where('user_id', '=', actor.userId)
    .orderBy('name')
    .execute()
  return rows
}

export async function saveView(db: Kysely<DB>, actor: Actor, input: z.output<typeof savedViewInputSchema>) {
  authorize(actor, 'case.list', ownDistrict(actor))
  const existing = await db
    .selectFrom('saved_case_view')
    .select('id')
    .where('user_id', '=', actor.userId)
    .where('name', '=', input.name)
    .executeTakeFirst()
  if (existing) throw ruleViolation('name-taken', 'body.name', 409)
  return db
    .insertInto('saved_case_view')
    .values({
      district_id: actor.districtId,
      user_id: actor.userId,
      name: input.name,
      filters: JSON.stringify(input.filters),
    })
    .returning(['id', 'name', 'filters'])
    .executeTakeFirstOrThrow()
}

export async function deleteView(db: Kysely<DB>, actor: Actor, viewId: string): Promise<void> {
  // Another district's view answers 404 before any permission check, like every other record.
  await assertViewInDistrict(db, actor, viewId)
  authorize(actor, 'case.list', ownDistrict(actor))
  const result = await db
    .deleteFrom('saved_case_view')
    .where('id', '=', viewId)
    .where('user_id', '=', actor.userId)
    .executeTakeFirst()
  if (result.numDeletedRows !== 1n) throw new NotFound()
}
