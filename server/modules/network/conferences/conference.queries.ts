import type { Insertable, Kysely, Transaction } from 'kysely'
import type { CaseConferenceTable } from '../../../db/schema.network-cases.ts'
import type { DB } from '../../../db/schema.ts'

export async function insertConference(
  trx: Transaction<DB>,
  conference: Insertable<CaseConferenceTable>,
  participants: readonly { organisation_id: string; consent_ids: string[]; people: string }[],
  actions: readonly { description: string; assignee_id: string; due_on: string; task_id: string }[],
): Promise<string> {
  const { id } = await trx
    .insertInto('case_conference')
    .values(conference)
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('case_conference_participant')
    .values(participants.map((each) => ({ ...each, district_id: conference.district_id, conference_id: id })))
    .execute()
  if (actions.length > 0)
    await trx
      .insertInto('case_conference_action')
      .values(actions.map((each) => ({ ...each, district_id: conference.district_id, conference_id: id })))
      .execute()
  return id
}

export function selectConferences(db: Kysely<DB>, filter: { caseId: string } | { id: string }) {
  let query = db.selectFrom('case_conference').selectAll()
  query = 'id' in filter ? query.where('id', '=', filter.id) : query.where('case_id', '=', filter.caseId)
  return query.orderBy('held_on', 'desc').orderBy('created_at', 'desc').execute()
}
export type ConferenceRow = Awaited<ReturnType<typeof selectConferences>>[number]

export function selectDistrictConferences(db: Kysely<DB>, districtId: string, since: string) {
  return db
    .selectFrom('case_conference')
    .selectAll()
    .where('district_id', '=', districtId)
    .where('held_on', '>=', since)
    .orderBy('held_on', 'desc')
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute()
}

export function selectParticipants(db: Kysely<DB>, conferenceIds: readonly string[]) {
  if (conferenceIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('case_conference_participant')
    .selectAll()
    .where('conference_id', 'in', [...conferenceIds])
    .execute()
}

export function selectActions(db: Kysely<DB>, conferenceIds: readonly string[]) {
  if (conferenceIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('case_conference_action')
    .selectAll()
    .where('conference_id', 'in', [...conferenceIds])
    .orderBy('due_on')
    .execute()
}
