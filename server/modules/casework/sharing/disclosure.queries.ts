import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.ts'
import { openText } from '../../../platform/encryption.ts'

/*
 * Everything case work holds about one person, for an access request (Art. 15 GDPR): whole rows,
 * because the subject is owed every stored value. Only the duplicate matcher's derived keys
 * (name codes, match keys) stay out: they are computed from the names the report already shows.
 */

export function selectPersonRow(db: Kysely<DB>, districtId: string, personId: string) {
  return db
    .selectFrom('person')
    .selectAll()
    .where('district_id', '=', districtId)
    .where('id', '=', personId)
    .executeTakeFirst()
}

export function selectResidenceRows(db: Kysely<DB>, personId: string) {
  return db
    .selectFrom('residence_status')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('recorded_at')
    .execute()
}

export function selectHouseholdRows(db: Kysely<DB>, personId: string) {
  return db
    .selectFrom('household_relation')
    .innerJoin('person', 'person.id', 'household_relation.related_person_id')
    .select(['household_relation.relation', 'person.family_name', 'person.given_names', 'person.birth_date'])
    .where('household_relation.person_id', '=', personId)
    .execute()
}

export async function selectCaseIdsOfPerson(db: Kysely<DB>, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('case_person')
    .select('case_id')
    .where('person_id', '=', personId)
    .execute()
  return rows.map((row) => row.case_id)
}

const none = <T>(): Promise<T[]> => Promise.resolve([])

export function selectCaseRows(db: Kysely<DB>, caseIds: readonly string[]) {
  if (caseIds.length === 0) return none<never>()
  return db.selectFrom('client_case').selectAll().where('id', 'in', caseIds).orderBy('opened_on').execute()
}

export function selectCaseManagerRows(db: Kysely<DB>, caseIds: readonly string[]) {
  if (caseIds.length === 0) return none<never>()
  return db.selectFrom('case_manager').selectAll().where('case_id', 'in', caseIds).execute()
}

export function selectPhaseChangeRows(db: Kysely<DB>, caseIds: readonly string[]) {
  if (caseIds.length === 0) return none<never>()
  return db
    .selectFrom('case_phase_change')
    .selectAll()
    .where('case_id', 'in', caseIds)
    .orderBy('changed_at')
    .execute()
}

export async function selectAssessmentRows(db: Kysely<DB>, caseIds: readonly string[]) {
  if (caseIds.length === 0) return none<never>()
  const rows = await db
    .selectFrom('assessment')
    .innerJoin('assessment_entry', 'assessment_entry.assessment_id', 'assessment.id')
    .select([
      'assessment.id',
      'assessment.case_id',
      'assessment.assessed_on',
      'assessment.created_by',
      'assessment.created_at',
      'assessment_entry.domain',
      'assessment_entry.need_level',
      'assessment_entry.resources',
      'assessment_entry.note',
    ])
    .where('assessment.case_id', 'in', caseIds)
    .orderBy('assessment.assessed_on')
    .orderBy('assessment_entry.domain')
    .execute()
  return rows.map((row) => ({ ...row, resources: openText(row.resources), note: openText(row.note) }))
}

export function selectGoalRows(db: Kysely<DB>, caseIds: readonly string[]) {
  if (caseIds.length === 0) return none<never>()
  return db.selectFrom('goal').selectAll().where('case_id', 'in', caseIds).orderBy('created_at').execute()
}

export function selectMeasureRows(db: Kysely<DB>, caseIds: readonly string[]) {
  if (caseIds.length === 0) return none<never>()
  return db.selectFrom('measure').selectAll().where('case_id', 'in', caseIds).orderBy('created_at').execute()
}

/** The contacts of the person's cases that the person took part in, or that name no participants (the whole case). */
export async function selectContactRows(db: Kysely<DB>, personId: string, caseIds: readonly string[]) {
  if (caseIds.length === 0) return none<never>()
  const rows = await db
    .selectFrom('contact')
    .selectAll()
    .where('case_id', 'in', caseIds)
    .where((eb) =>
      eb.or([
        eb(eb.fn('cardinality', ['participant_person_ids']), '=', 0),
        eb(eb.val(personId), '=', eb.fn.any('participant_person_ids')),
      ]),
    )
    .orderBy('occurred_at')
    .execute()
  return rows.map((row) => ({ ...row, note: openText(row.note) }))
}

export function selectTaskRows(db: Kysely<DB>, personId: string, caseIds: readonly string[]) {
  return db
    .selectFrom('task')
    .selectAll()
    .where((eb) =>
      caseIds.length === 0
        ? eb('person_id', '=', personId)
        : eb.or([eb('person_id', '=', personId), eb('case_id', 'in', caseIds)]),
    )
    .orderBy('due_on')
    .execute()
}

export function selectDocumentRows(db: Kysely<DB>, caseIds: readonly string[]) {
  if (caseIds.length === 0) return none<never>()
  return db
    .selectFrom('case_document')
    .selectAll()
    .where('case_id', 'in', caseIds)
    .orderBy('uploaded_at')
    .execute()
}

export async function updateProcessingRestricted(
  db: Kysely<DB>,
  districtId: string,
  personId: string,
  restricted: boolean,
): Promise<boolean> {
  const result = await db
    .updateTable('person')
    .set({ processing_restricted: restricted, updated_at: new Date().toISOString() })
    .where('district_id', '=', districtId)
    .where('id', '=', personId)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Persons of the district whose name contains the text, for finding the subject of a request. */
export function selectPersonsByName(db: Kysely<DB>, districtId: string, text: string, limit: number) {
  const pattern = `%${text.replace(/[\\%_]/g, '\\$&')}%`
  return db
    .selectFrom('person')
    .select(['id', 'family_name', 'given_names', 'birth_date', 'address_city', 'processing_restricted'])
    .where('district_id', '=', districtId)
    .where('merged_into', 'is', null)
    .where((eb) =>
      eb.or([
        eb('family_name', 'ilike', pattern),
        eb('given_names', 'ilike', pattern),
        eb('birth_name', 'ilike', pattern),
      ]),
    )
    .orderBy('family_name')
    .orderBy('given_names')
    .limit(limit)
    .execute()
}

export function selectPersonHeadline(db: Kysely<DB>, districtId: string, personId: string) {
  return db
    .selectFrom('person')
    .select(['id', 'family_name', 'given_names', 'birth_date', 'address_city', 'processing_restricted'])
    .where('district_id', '=', districtId)
    .where('id', '=', personId)
    .executeTakeFirst()
}
