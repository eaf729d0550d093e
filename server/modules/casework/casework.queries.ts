import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { acrossDistricts } from '../../platform/tenant-context.ts'

/** The tables whose records case work loads by id, each a subject of the policy or the audit trail. */
export type RecordTable = 'client_case' | 'person' | 'task' | 'case_document' | 'saved_case_view'

/**
 * The district a record belongs to, looked up across districts (row-level security would hide
 * another district's record, and then it could not be told apart from a missing one).
 */
export async function selectDistrictOfRecord(
  db: Kysely<DB>,
  table: RecordTable,
  id: string,
): Promise<string | undefined> {
  const row = await acrossDistricts(() =>
    db.selectFrom(table).select('district_id').where('id', '=', id).executeTakeFirst(),
  )
  return row?.district_id
}

/** What the policy needs to know about a case: its team, its managers, whether a person's processing is restricted. */
export async function selectCaseFacts(db: Kysely<DB>, caseId: string) {
  const [row, managers] = await Promise.all([
    db
      .selectFrom('client_case')
      .select(['team_id', 'phase'])
      .select((eb) =>
        eb
          .exists(
            eb
              .selectFrom('case_person')
              .innerJoin('person', 'person.id', 'case_person.person_id')
              .select('person.id')
              .whereRef('case_person.case_id', '=', 'client_case.id')
              .where('person.processing_restricted', '=', true),
          )
          .as('restricted'),
      )
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow(),
    db.selectFrom('case_manager').select('user_id').where('case_id', '=', caseId).execute(),
  ])
  return {
    teamId: row.team_id,
    managerIds: managers.map((manager) => manager.user_id),
    closed: row.phase === 'closed',
    restricted: row.restricted === true,
  }
}

export function selectPersonFacts(db: Kysely<DB>, personId: string) {
  return db
    .selectFrom('person')
    .select([
      'id',
      'district_id',
      'registered_by',
      'registered_team_id',
      'merged_into',
      'processing_restricted',
    ])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow()
}

export function selectTaskFacts(db: Kysely<DB>, taskId: string) {
  return db
    .selectFrom('task')
    .select(['assignee_id', 'created_by', 'case_id'])
    .where('id', '=', taskId)
    .executeTakeFirstOrThrow()
}
