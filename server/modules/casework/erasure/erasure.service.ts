import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'
import {
  anonymisePersonRows,
  blankCaseContent,
  type CaseContentTable,
  caseContentTableNames,
  deleteCaseDocuments,
  deletePersonRows,
  markCasesAnonymised,
  selectCaseByReference,
  selectCasesOfPersons,
  selectClosedCasesBefore,
  selectIdsByHash,
  selectMergedDuplicates,
  selectPersonInDistrict,
  selectPersonsOfCases,
  selectUnattachedPersonsBefore,
} from './erasure.queries.ts'

/**
 * What case work offers retention and erasure (the privacy module): finding due records and
 * anonymising or deleting them in the caller's transaction. Which columns are free text comes from
 * the caller (privacy's classification), so the one list of tags decides; case work runs the SQL
 * on its own tables. None of these functions authorise: the privacy service does, before it calls.
 */

/** Free-text columns per table, as the classification tags them. */
export type FreeTextColumns = Readonly<Record<string, readonly string[]>>

export const closedCasesDue = selectClosedCasesBefore
export const unattachedPersonsDue = selectUnattachedPersonsBefore
export const recordIdsByHash = selectIdsByHash

/** The person as far as erasure needs it; undefined when missing or outside the request's district. */
export async function personForErasure(db: Kysely<DB>, districtId: string, personId: string) {
  const row = await selectPersonInDistrict(db, personId)
  return row && row.district_id === districtId ? row : undefined
}

/** The id of the district's case with this file number (`2025-0042`), if there is one. */
export async function caseIdByReference(db: Kysely<DB>, districtId: string, reference: string) {
  return (await selectCaseByReference(db, districtId, reference))?.id
}

export async function casesOfPersons(db: Kysely<DB>, districtId: string, personIds: readonly string[]) {
  return selectCasesOfPersons(db, districtId, personIds)
}

export async function personsOfCases(db: Kysely<DB>, districtId: string, caseIds: readonly string[]) {
  return selectPersonsOfCases(db, districtId, caseIds)
}

/**
 * Anonymises cases: the free text of everything recorded in them is blanked, documents are
 * deleted, the name search goes; dates, phases, municipality, team and the contacts' counts stay,
 * so the statistics of past periods do not change.
 */
export async function anonymiseCases(
  trx: Transaction<DB>,
  districtId: string,
  caseIds: readonly string[],
  freeText: FreeTextColumns,
  at: string,
): Promise<void> {
  if (caseIds.length === 0) return
  for (const table of caseContentTableNames)
    await blankCaseContent(trx, districtId, table as CaseContentTable, freeText[table] ?? [], caseIds)
  await deleteCaseDocuments(trx, districtId, caseIds)
  await markCasesAnonymised(trx, districtId, caseIds, at)
}

/** Anonymises the persons and the duplicates that were merged into them. */
export async function anonymisePersons(
  trx: Transaction<DB>,
  districtId: string,
  personIds: readonly string[],
  at: string,
): Promise<void> {
  const duplicates = (await selectMergedDuplicates(trx, districtId, personIds)).map((row) => row.id)
  await anonymisePersonRows(trx, districtId, [...personIds, ...duplicates], at)
}

/**
 * Only for persons without any case (the caller checks): they count in no statistic. A person
 * that duplicates were merged into is anonymised with them instead (the duplicates point at it).
 * Answers which persons were deleted and which anonymised.
 */
export async function deletePersons(
  trx: Transaction<DB>,
  districtId: string,
  personIds: readonly string[],
  at: string,
): Promise<{ deleted: string[]; anonymised: string[] }> {
  const duplicates = await selectMergedDuplicates(trx, districtId, personIds)
  const survivors = new Set(duplicates.map((row) => row.merged_into))
  const anonymised = personIds.filter((id) => survivors.has(id))
  const deleted = personIds.filter((id) => !survivors.has(id))
  await anonymisePersonRows(trx, districtId, [...anonymised, ...duplicates.map((row) => row.id)], at)
  await deletePersonRows(trx, districtId, deleted)
  return { deleted, anonymised }
}
