import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'

/** The case-work tables whose free text an anonymisation may blank, and how each finds its case. */
const caseContentTables = {
  contact: sql`case_id`,
  goal: sql`case_id`,
  measure: sql`case_id`,
  task: sql`case_id`,
  case_phase_change: sql`case_id`,
  assessment_entry: sql`(SELECT a.case_id FROM assessment a WHERE a.id = assessment_id)`,
} as const satisfies Record<string, RawBuilder<unknown>>

export type CaseContentTable = keyof typeof caseContentTables
export const caseContentTableNames = Object.keys(caseContentTables) as CaseContentTable[]

const idsArray = (ids: readonly string[]) => sql`${[...ids]}::uuid[]`

/** Closed cases of the district not yet anonymised, closed before the given day, oldest first. */
export function selectClosedCasesBefore(
  db: Kysely<DB>,
  districtId: string,
  closedBefore: string,
  limit: number,
) {
  return db
    .selectFrom('client_case')
    .select(['id', 'reference', 'closed_on'])
    .where('district_id', '=', districtId)
    .where('phase', '=', 'closed')
    .where('anonymised_at', 'is', null)
    .where('closed_on', '<', closedBefore)
    .orderBy('closed_on')
    .orderBy('id')
    .limit(limit)
    .execute()
}

/**
 * Persons who belong to no case and were registered (or last changed, by `basis`) before the
 * instant, not merged into another record and not yet anonymised. Persons that others were merged
 * into are left out: their history is the survivors'.
 */
export function selectUnattachedPersonsBefore(
  db: Kysely<DB>,
  districtId: string,
  before: string,
  basis: 'created_at' | 'updated_at',
  limit: number,
) {
  return db
    .selectFrom('person as p')
    .select(['p.id', 'p.created_at', 'p.updated_at'])
    .where('p.district_id', '=', districtId)
    .where('p.anonymised_at', 'is', null)
    .where('p.merged_into', 'is', null)
    .where(`p.${basis}`, '<', before)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('case_person as cp').select('cp.case_id').whereRef('cp.person_id', '=', 'p.id'))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('person as m').select('m.id').whereRef('m.merged_into', '=', 'p.id'))),
    )
    .orderBy(`p.${basis}`)
    .orderBy('p.id')
    .limit(limit)
    .execute()
}

export function selectCaseByReference(db: Kysely<DB>, districtId: string, reference: string) {
  return db
    .selectFrom('client_case')
    .select('id')
    .where('district_id', '=', districtId)
    .where('reference', '=', reference)
    .executeTakeFirst()
}

export function selectPersonInDistrict(db: Kysely<DB>, personId: string) {
  return db
    .selectFrom('person')
    .select(['id', 'district_id', 'anonymised_at', 'merged_into'])
    .where('id', '=', personId)
    .executeTakeFirst()
}

export function selectCasesOfPersons(db: Kysely<DB>, districtId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('case_person as cp')
    .innerJoin('client_case as k', 'k.id', 'cp.case_id')
    .select(['cp.person_id', 'k.id as case_id', 'k.phase', 'k.anonymised_at'])
    .where('cp.district_id', '=', districtId)
    .where('cp.person_id', 'in', personIds)
    .execute()
}

export function selectPersonsOfCases(db: Kysely<DB>, districtId: string, caseIds: readonly string[]) {
  if (caseIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('case_person')
    .select(['case_id', 'person_id'])
    .where('district_id', '=', districtId)
    .where('case_id', 'in', caseIds)
    .execute()
}

/** Blanks the given free-text columns of a case-work table for the records of the cases. */
export async function blankCaseContent(
  trx: Transaction<DB>,
  districtId: string,
  table: CaseContentTable,
  columns: readonly string[],
  caseIds: readonly string[],
): Promise<void> {
  if (columns.length === 0 || caseIds.length === 0) return
  const sets = sql.join(
    columns.map(
      (column) => sql`${sql.ref(column)} = CASE WHEN ${sql.ref(column)} IS NULL THEN NULL ELSE '' END`,
    ),
  )
  await sql`UPDATE ${sql.table(table)} SET ${sets}
    WHERE district_id = ${districtId} AND ${caseContentTables[table]} = ANY(${idsArray(caseIds)})`.execute(
    trx,
  )
}

/** Documents are the case's files: removed, content first. */
export async function deleteCaseDocuments(
  trx: Transaction<DB>,
  districtId: string,
  caseIds: readonly string[],
) {
  if (caseIds.length === 0) return
  const documents = trx
    .selectFrom('case_document')
    .select('id')
    .where('district_id', '=', districtId)
    .where('case_id', 'in', caseIds)
  await trx.deleteFrom('case_document_content').where('document_id', 'in', documents).execute()
  await trx
    .deleteFrom('case_document')
    .where('district_id', '=', districtId)
    .where('case_id', 'in', caseIds)
    .execute()
}

/** The case keeps its dates, municipality, team and phase (the statistics); its name search goes. */
export async function markCasesAnonymised(
  trx: Transaction<DB>,
  districtId: string,
  caseIds: readonly string[],
  at: string,
): Promise<void> {
  if (caseIds.length === 0) return
  await trx
    .updateTable('client_case')
    .set({ sort_name: '', name_codes: [], anonymised_at: at, updated_at: at })
    .where('district_id', '=', districtId)
    .where('id', 'in', caseIds)
    .execute()
}

/**
 * What identifies a person goes; what the statistics count by stays (sex, nationalities,
 * languages, municipality, legal sphere and the birth date range that gives the age group), with
 * the year alone as the recorded birth date.
 */
export async function anonymisePersonRows(
  trx: Transaction<DB>,
  districtId: string,
  personIds: readonly string[],
  at: string,
): Promise<void> {
  if (personIds.length === 0) return
  await removePersonLinks(trx, districtId, personIds)
  await trx
    .updateTable('person')
    .set({
      family_name: '',
      given_names: '',
      birth_name: null,
      other_spellings: [],
      name_codes: [],
      name_in_original_script: null,
      birth_date: sql`left(birth_date, 4)`,
      address_street: '',
      address_postcode: '',
      address_city: '',
      phone: null,
      email: null,
      arrival_date: null,
      anonymised_at: at,
      updated_at: at,
      version: sql`version + 1`,
    })
    .where('district_id', '=', districtId)
    .where('id', 'in', personIds)
    .execute()
}

/** The person's match keys, residence titles and household links; reminders lose the person. */
async function removePersonLinks(trx: Transaction<DB>, districtId: string, personIds: readonly string[]) {
  await trx
    .deleteFrom('person_match_key')
    .where('district_id', '=', districtId)
    .where('person_id', 'in', personIds)
    .execute()
  await trx
    .deleteFrom('residence_status')
    .where('district_id', '=', districtId)
    .where('person_id', 'in', personIds)
    .execute()
  await trx
    .deleteFrom('household_relation')
    .where('district_id', '=', districtId)
    .where((eb) => eb.or([eb('person_id', 'in', personIds), eb('related_person_id', 'in', personIds)]))
    .execute()
  // Reminders stay with their assignee (other records may point at them) but lose the person.
  await trx
    .updateTable('task')
    .set({ person_id: null, title: '', source_key: null })
    .where('district_id', '=', districtId)
    .where('person_id', 'in', personIds)
    .execute()
}

/** Deletes persons without a case outright (their links first). */
export async function deletePersonRows(
  trx: Transaction<DB>,
  districtId: string,
  personIds: readonly string[],
) {
  if (personIds.length === 0) return
  await removePersonLinks(trx, districtId, personIds)
  await trx.deleteFrom('person').where('district_id', '=', districtId).where('id', 'in', personIds).execute()
}

/** Duplicates that were merged into the given persons: their history, erased with them. */
export function selectMergedDuplicates(db: Kysely<DB>, districtId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('person')
    .select(['id', 'merged_into'])
    .where('district_id', '=', districtId)
    .where('merged_into', 'in', personIds)
    .execute()
}

/** The records whose id hashes (see privacy's ledger) are among the given ones. */
export async function selectIdsByHash(
  db: Kysely<DB>,
  districtId: string,
  kind: 'person' | 'case',
  hashes: readonly string[],
): Promise<string[]> {
  if (hashes.length === 0) return []
  const table = kind === 'person' ? sql`person` : sql`client_case`
  const result = await sql<{ id: string }>`
    SELECT id FROM ${table}
    WHERE district_id = ${districtId}
      AND encode(sha256(convert_to(${`${kind}:`} || id::text, 'UTF8')), 'hex') = ANY(${[...hashes]}::text[])`.execute(
    db,
  )
  return result.rows.map((row) => row.id)
}
