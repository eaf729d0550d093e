import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.ts'

/** Every kind of record the timeline shows, of one case. */
export function selectCaseHistory(db: Kysely<DB>, caseId: string) {
  return Promise.all([
    db
      .selectFrom('contact')
      .select(['id', 'occurred_at', 'created_by', 'channel', 'duration_minutes', 'domains'])
      .where('case_id', '=', caseId)
      .execute(),
    db.selectFrom('case_phase_change').selectAll().where('case_id', '=', caseId).execute(),
    db
      .selectFrom('assessment')
      .select(['id', 'assessed_on', 'created_at', 'created_by'])
      .where('case_id', '=', caseId)
      .execute(),
    db.selectFrom('goal').selectAll().where('case_id', '=', caseId).execute(),
    db.selectFrom('measure').selectAll().where('case_id', '=', caseId).execute(),
    db.selectFrom('task').selectAll().where('case_id', '=', caseId).execute(),
    db.selectFrom('case_document').selectAll().where('case_id', '=', caseId).execute(),
  ])
}

export async function selectCasePersonIds(db: Kysely<DB>, caseId: string): Promise<string[]> {
  const rows = await db.selectFrom('case_person').select('person_id').where('case_id', '=', caseId).execute()
  return rows.map((row) => row.person_id)
}
