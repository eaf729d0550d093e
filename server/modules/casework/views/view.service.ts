import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { savedViewInputSchema } from '../../../../common/casework.ts'
import type { DB } from '../../../db/schema.ts'
import { NotFound } from '../../../platform/errors.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { assertViewInDistrict, ruleViolation } from '../casework.access.ts'
import { deleteViewOf, insertView, selectViewsOf, viewNameTaken } from './view.queries.ts'

export async function listSavedViews(db: Kysely<DB>, actor: Actor) {
  authorize(actor, 'case.list', ownDistrict(actor))
  return selectViewsOf(db, actor.userId)
}

export async function saveView(db: Kysely<DB>, actor: Actor, input: z.output<typeof savedViewInputSchema>) {
  authorize(actor, 'case.list', ownDistrict(actor))
  if (await viewNameTaken(db, actor.userId, input.name)) throw ruleViolation('name-taken', 'name', 'conflict')
  return insertView(db, {
    district_id: actor.districtId,
    user_id: actor.userId,
    name: input.name,
    filters: JSON.stringify(input.filters),
  })
}

export async function deleteView(db: Kysely<DB>, actor: Actor, viewId: string): Promise<void> {
  // Another district's view answers 404 before any permission check, like every other record.
  await assertViewInDistrict(db, actor, viewId)
  authorize(actor, 'case.list', ownDistrict(actor))
  if (!(await deleteViewOf(db, actor.userId, viewId))) throw new NotFound()
}
