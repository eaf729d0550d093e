import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'

/** Where a meeting belongs, looked up across districts; undefined when there is none. */
export async function selectMeetingDistrict(db: Kysely<DB>, meetingId: string) {
  const row = await db
    .selectFrom('meeting')
    .select('district_id')
    .where('id', '=', meetingId)
    .executeTakeFirst()
  return row?.district_id
}

function meetingQuery(db: Kysely<DB>) {
  return db
    .selectFrom('meeting')
    .innerJoin('steering_body', 'steering_body.id', 'meeting.body_id')
    .selectAll('meeting')
    .select(['steering_body.name as body_name', 'steering_body.kind as body_kind'])
}
export type MeetingRow = Awaited<ReturnType<ReturnType<typeof meetingQuery>['execute']>>[number]

export function selectMeeting(db: Kysely<DB>, meetingId: string) {
  return meetingQuery(db).where('meeting.id', '=', meetingId).executeTakeFirst()
}

/** Meetings of the district (or one body), newest first, or the coming ones soonest first. */
export async function selectMeetingPage(
  db: Kysely<DB>,
  districtId: string,
  filter: { bodyId?: string | undefined; upcomingFrom?: string | undefined; limit: number; offset: number },
) {
  let query = meetingQuery(db).where('meeting.district_id', '=', districtId)
  if (filter.bodyId) query = query.where('meeting.body_id', '=', filter.bodyId)
  if (filter.upcomingFrom) query = query.where('meeting.ends_at', '>=', filter.upcomingFrom)
  const [rows, count] = await Promise.all([
    query
      .orderBy('meeting.starts_at', filter.upcomingFrom ? 'asc' : 'desc')
      .orderBy('meeting.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.clearSelect().select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: count.total }
}

/** Every meeting of a body, for its calendar feed. */
export function selectBodyMeetings(db: Kysely<DB>, bodyId: string) {
  return meetingQuery(db).where('meeting.body_id', '=', bodyId).orderBy('meeting.starts_at').execute()
}

export async function insertMeeting(
  trx: Transaction<DB>,
  meeting: {
    district_id: string
    body_id: string
    title: string
    starts_at: string
    ends_at: string
    place: string
    video_url: string
    created_by: string
  },
): Promise<string> {
  const row = await trx.insertInto('meeting').values(meeting).returning('id').executeTakeFirstOrThrow()
  return row.id
}

/** Changes the invitation's facts while the version matches and the minutes are not approved. */
export async function updateMeetingIfVersion(
  trx: Transaction<DB>,
  meetingId: string,
  expectedVersion: number,
  changes: { title: string; starts_at: string; ends_at: string; place: string; video_url: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('meeting')
    .set({
      ...changes,
      invitation_sequence: sql`invitation_sequence + 1`,
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', meetingId)
    .where('version', '=', expectedVersion)
    .where('approved_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function updateMinutesIfVersion(
  trx: Transaction<DB>,
  meetingId: string,
  expectedVersion: number,
  minutes: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('meeting')
    .set({ minutes, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', meetingId)
    .where('version', '=', expectedVersion)
    .where('approved_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function approveMinutesIfVersion(
  trx: Transaction<DB>,
  meetingId: string,
  expectedVersion: number,
  approvedBy: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('meeting')
    .set({
      approved_at: sql`now()`,
      approved_by: approvedBy,
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', meetingId)
    .where('version', '=', expectedVersion)
    .where('approved_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * Locks the meeting row for a change of its agenda, attendance, decisions or action items and
 * answers whether its minutes are approved: a change and an approval running at once cannot
 * both win.
 */
export async function lockMeeting(trx: Transaction<DB>, meetingId: string) {
  return trx
    .selectFrom('meeting')
    .select(['id', 'body_id', 'starts_at', 'approved_at'])
    .where('id', '=', meetingId)
    .forUpdate()
    .executeTakeFirst()
}

export function selectAgenda(db: Kysely<DB>, meetingId: string) {
  return db
    .selectFrom('agenda_item')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .execute()
}

export async function insertAgendaItem(
  trx: Transaction<DB>,
  item: {
    district_id: string
    meeting_id: string
    title: string
    description: string
    obstacle_id?: string | null
  },
): Promise<string> {
  const row = await trx
    .insertInto('agenda_item')
    .values({
      ...item,
      position: sql<number>`(SELECT coalesce(max(position), 0) + 1 FROM agenda_item WHERE meeting_id = ${item.meeting_id})`,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** The agenda items about these obstacles, with their meeting, soonest meeting first. */
export function selectObstacleAgendaItems(db: Kysely<DB>, obstacleIds: readonly string[]) {
  if (obstacleIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('agenda_item')
    .innerJoin('meeting', 'meeting.id', 'agenda_item.meeting_id')
    .select([
      'agenda_item.id',
      'agenda_item.obstacle_id',
      'agenda_item.meeting_id',
      'meeting.title as meeting_title',
      'meeting.starts_at',
      'meeting.approved_at',
    ])
    .where('agenda_item.obstacle_id', 'in', [...obstacleIds])
    .orderBy('meeting.starts_at')
    .execute()
}

export function selectAttendance(db: Kysely<DB>, meetingId: string) {
  return db.selectFrom('meeting_attendance').selectAll().where('meeting_id', '=', meetingId).execute()
}

export async function upsertAttendance(
  trx: Transaction<DB>,
  rows: readonly { district_id: string; meeting_id: string; membership_id: string; status: string }[],
): Promise<void> {
  await trx
    .insertInto('meeting_attendance')
    .values([...rows])
    .onConflict((conflict) =>
      conflict
        .columns(['meeting_id', 'membership_id'])
        .doUpdateSet((eb) => ({ status: eb.ref('excluded.status') })),
    )
    .execute()
}

export function selectDecisions(db: Kysely<DB>, meetingId: string) {
  return db
    .selectFrom('steering_decision')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('created_at')
    .orderBy('number')
    .execute()
}

export async function selectDecisionNumberTaken(db: Kysely<DB>, bodyId: string, number: string) {
  const row = await db
    .selectFrom('steering_decision')
    .select('id')
    .where('body_id', '=', bodyId)
    .where(sql`lower(number)`, '=', number.toLowerCase())
    .executeTakeFirst()
  return row !== undefined
}

/** The numbers of a body's decisions that start with a prefix (`2026/`), to find the next free one. */
export async function selectDecisionNumbers(db: Kysely<DB>, bodyId: string, prefix: string) {
  const rows = await db
    .selectFrom('steering_decision')
    .select('number')
    .where('body_id', '=', bodyId)
    .where('number', 'like', `${prefix}%`)
    .execute()
  return rows.map((row) => row.number)
}

export async function insertDecision(
  trx: Transaction<DB>,
  decision: {
    district_id: string
    body_id: string
    meeting_id: string
    agenda_item_id: string | null
    number: string
    text: string
    votes_for: number | null
    votes_against: number | null
    abstentions: number | null
    created_by: string
  },
): Promise<string> {
  const row = await trx
    .insertInto('steering_decision')
    .values(decision)
    .onConflict((conflict) => conflict.columns(['body_id', 'number']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return row?.id ?? ''
}

export function selectActionItems(db: Kysely<DB>, meetingId: string) {
  return db
    .selectFrom('action_item')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('created_at')
    .execute()
}

export async function insertActionItem(
  trx: Transaction<DB>,
  item: {
    district_id: string
    meeting_id: string
    decision_id: string | null
    title: string
    owner_id: string
    organisation_id: string | null
    due_on: string
    created_by: string
  },
): Promise<string> {
  const row = await trx.insertInto('action_item').values(item).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export function selectAmendments(db: Kysely<DB>, meetingId: string) {
  return db
    .selectFrom('minutes_amendment')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('created_at')
    .execute()
}

export async function insertAmendment(
  trx: Transaction<DB>,
  amendment: { district_id: string; meeting_id: string; text: string; created_by: string },
): Promise<string> {
  const row = await trx
    .insertInto('minutes_amendment')
    .values(amendment)
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Minutes as they were recorded, with their approval: for demo data of past meetings only. */
export async function setRecordedMinutes(
  trx: Transaction<DB>,
  meetingId: string,
  record: { minutes: string; approvedAt: string | null; approvedBy: string | null },
): Promise<void> {
  await trx
    .updateTable('meeting')
    .set({ minutes: record.minutes, approved_at: record.approvedAt, approved_by: record.approvedBy })
    .where('id', '=', meetingId)
    .execute()
}
