import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'

/** Where a body belongs, looked up across districts; undefined when there is none. */
export async function selectBodyDistrict(db: Kysely<DB>, bodyId: string) {
  const row = await db
    .selectFrom('steering_body')
    .select('district_id')
    .where('id', '=', bodyId)
    .executeTakeFirst()
  return row?.district_id
}

/** The district's bodies with their counts of seats, filled seats and active members on `today`. */
export function selectBodies(db: Kysely<DB>, districtId: string, today: string, bodyId?: string) {
  let query = db
    .selectFrom('steering_body as b')
    .leftJoin('steering_body as parent', 'parent.id', 'b.parent_body_id')
    .selectAll('b')
    .select([
      'parent.name as parent_name',
      sql<number>`(SELECT count(*) FROM body_seat s WHERE s.body_id = b.id)::int`.as('seat_count'),
      sql<number>`(SELECT count(*) FROM body_seat s WHERE s.body_id = b.id AND EXISTS (
        SELECT 1 FROM body_membership m WHERE m.seat_id = s.id AND m.from_on <= ${today}::date
          AND (m.until_on IS NULL OR m.until_on >= ${today}::date)))::int`.as('filled_seat_count'),
      sql<number>`(SELECT count(*) FROM body_membership m WHERE m.body_id = b.id AND m.from_on <= ${today}::date
          AND (m.until_on IS NULL OR m.until_on >= ${today}::date))::int`.as('member_count'),
      sql<
        string | null
      >`(SELECT min(starts_at) FROM meeting mt WHERE mt.body_id = b.id AND mt.ends_at >= now())`.as(
        'next_meeting_at',
      ),
    ])
    .where('b.district_id', '=', districtId)
  if (bodyId) query = query.where('b.id', '=', bodyId)
  return query
    .orderBy(sql`CASE b.kind WHEN 'steering_group' THEN 0 WHEN 'working_group' THEN 1 ELSE 2 END`)
    .orderBy('b.name')
    .execute()
}
export type BodyRow = Awaited<ReturnType<typeof selectBodies>>[number]

export function selectBodyName(db: Kysely<DB>, districtId: string, name: string) {
  return db
    .selectFrom('steering_body')
    .select('id')
    .where('district_id', '=', districtId)
    .where('name', '=', name)
    .executeTakeFirst()
}

/** The chain of parents above a body (to refuse cycles), at most 20 up. */
export async function selectAncestorIds(db: Kysely<DB>, bodyId: string): Promise<string[]> {
  const result = await sql<{ id: string }>`
    WITH RECURSIVE up (id, parent_body_id, depth) AS (
      SELECT id, parent_body_id, 0 FROM steering_body WHERE id = ${bodyId}
      UNION ALL
      SELECT b.id, b.parent_body_id, up.depth + 1 FROM steering_body b JOIN up ON b.id = up.parent_body_id
      WHERE up.depth < 20)
    SELECT id FROM up`.execute(db)
  return result.rows.map((row) => row.id)
}

export async function insertBody(
  trx: Transaction<DB>,
  body: {
    district_id: string
    kind: string
    name: string
    topic: string
    mandate: string
    starts_on: string | null
    ends_on: string | null
    parent_body_id: string | null
    quorum: number | null
    created_by: string
  },
  seats: readonly { label: string; organisation_kind: string | null }[],
): Promise<string> {
  const row = await trx.insertInto('steering_body').values(body).returning('id').executeTakeFirstOrThrow()
  if (seats.length > 0) {
    await trx
      .insertInto('body_seat')
      .values(
        seats.map((seat, index) => ({
          district_id: body.district_id,
          body_id: row.id,
          position: index + 1,
          label: seat.label,
          organisation_kind: seat.organisation_kind,
        })),
      )
      .execute()
  }
  return row.id
}

export async function updateBodyIfVersion(
  trx: Transaction<DB>,
  bodyId: string,
  expectedVersion: number,
  changes: {
    name: string
    topic: string
    mandate: string
    starts_on: string | null
    ends_on: string | null
    parent_body_id: string | null
    quorum: number | null
  },
): Promise<boolean> {
  const result = await trx
    .updateTable('steering_body')
    .set({ ...changes, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', bodyId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export function selectSeats(db: Kysely<DB>, bodyId: string) {
  return db.selectFrom('body_seat').selectAll().where('body_id', '=', bodyId).orderBy('position').execute()
}

export function selectSeat(db: Kysely<DB>, seatId: string) {
  return db.selectFrom('body_seat').selectAll().where('id', '=', seatId).executeTakeFirst()
}

export function selectMemberships(db: Kysely<DB>, bodyId: string) {
  return db
    .selectFrom('body_membership as m')
    .leftJoin('body_seat as s', 's.id', 'm.seat_id')
    .selectAll('m')
    .select(['s.label as seat_label', 's.position as seat_position'])
    .where('m.body_id', '=', bodyId)
    .orderBy(sql`CASE m.role WHEN 'chair' THEN 0 WHEN 'member' THEN 1 ELSE 2 END`)
    .orderBy(sql`s.position NULLS LAST`)
    .orderBy('m.representative')
    .execute()
}
export type MembershipRow = Awaited<ReturnType<typeof selectMemberships>>[number]

export async function insertMembership(
  trx: Transaction<DB>,
  membership: {
    district_id: string
    body_id: string
    seat_id: string | null
    organisation_id: string | null
    representative: string
    deputy: string
    role: string
    from_on: string
    until_on: string | null
  },
): Promise<string> {
  const row = await trx
    .insertInto('body_membership')
    .values(membership)
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updateMembershipUntil(
  trx: Transaction<DB>,
  bodyId: string,
  membershipId: string,
  untilOn: string | null,
): Promise<boolean> {
  let query = trx
    .updateTable('body_membership')
    .set({ until_on: untilOn })
    .where('id', '=', membershipId)
    .where('body_id', '=', bodyId)
  if (untilOn !== null) query = query.where('from_on', '<=', untilOn)
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * The seats nobody holds on the day, of the district's bodies still at work then, with each
 * body's seat count: the start page's "unfilled seats".
 */
export function selectUnfilledSeats(db: Kysely<DB>, districtId: string, today: string) {
  return db
    .selectFrom('body_seat as s')
    .innerJoin('steering_body as b', 'b.id', 's.body_id')
    .select([
      's.id',
      's.label',
      's.body_id',
      'b.name as body_name',
      sql<number>`(SELECT count(*) FROM body_seat t WHERE t.body_id = b.id)::int`.as('seat_count'),
    ])
    .where('b.district_id', '=', districtId)
    .where((eb) => eb.or([eb('b.ends_on', 'is', null), eb('b.ends_on', '>=', today)]))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('body_membership as m')
            .select('m.id')
            .whereRef('m.seat_id', '=', 's.id')
            .where('m.from_on', '<=', today)
            .where((eb) => eb.or([eb('m.until_on', 'is', null), eb('m.until_on', '>=', today)])),
        ),
      ),
    )
    .orderBy(sql`CASE b.kind WHEN 'steering_group' THEN 0 WHEN 'working_group' THEN 1 ELSE 2 END`)
    .orderBy('b.name')
    .orderBy('s.position')
    .execute()
}
