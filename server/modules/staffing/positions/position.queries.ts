import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'

/** Where a position belongs, looked up across districts; undefined when there is none. */
export async function selectPositionDistrict(db: Kysely<DB>, positionId: string) {
  const row = await db
    .selectFrom('staff_position')
    .select('district_id')
    .where('id', '=', positionId)
    .executeTakeFirst()
  return row?.district_id
}

/** The district's positions by Baustein and title (or the one named). */
export function selectPositions(db: Kysely<DB>, districtId: string, positionId?: string) {
  let query = db.selectFrom('staff_position').selectAll().where('district_id', '=', districtId)
  if (positionId) query = query.where('id', '=', positionId)
  return query
    .orderBy(
      sql`CASE baustein WHEN 'coordination' THEN 0 WHEN 'administrative-assistance' THEN 1
        WHEN 'case-management' THEN 2 ELSE 3 END`,
    )
    .orderBy('title')
    .execute()
}
export type PositionRow = Awaited<ReturnType<typeof selectPositions>>[number]

export async function insertPosition(
  trx: Transaction<DB>,
  position: {
    district_id: string
    baustein: string
    title: string
    fte: number
    employer_kind: string
    employer_organisation_id: string | null
    municipality_id: string | null
    area: string
    pay_grade: string
    funding_programme: string
    funded_from: string | null
    funded_until: string | null
    workplace_set_up_on: string | null
    in_recruitment: boolean
    created_by: string
  },
): Promise<string> {
  const row = await trx
    .insertInto('staff_position')
    .values(position)
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Takes the position's row lock, so that two contracts cannot together exceed its FTE. */
export async function lockPosition(trx: Transaction<DB>, positionId: string) {
  return trx
    .selectFrom('staff_position')
    .select(['id', 'fte', 'district_id'])
    .where('id', '=', positionId)
    .forUpdate()
    .executeTakeFirst()
}

export type PositionValues = Omit<Parameters<typeof insertPosition>[1], 'district_id' | 'created_by'>

/** Changes a position if it still has the expected version; false when someone changed it first. */
export async function updatePositionIfVersion(
  trx: Transaction<DB>,
  districtId: string,
  positionId: string,
  expectedVersion: number,
  values: PositionValues,
): Promise<boolean> {
  const row = await trx
    .updateTable('staff_position')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where('district_id', '=', districtId)
    .where('id', '=', positionId)
    .where('version', '=', expectedVersion)
    .returning('version')
    .executeTakeFirst()
  return row !== undefined
}
