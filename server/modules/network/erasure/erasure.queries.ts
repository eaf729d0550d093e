import { type RawBuilder, sql, type Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'

const ids = (values: readonly string[]) => sql`${[...values]}::uuid[]`

/**
 * The network's tables that hold free text about a client, and how each finds the records of a
 * set of cases or persons (`$cases`, `$persons`).
 */
const reach = {
  referral: (cases: RawBuilder<unknown>, persons: RawBuilder<unknown>) =>
    sql`(case_id = ANY(${cases}) OR person_id = ANY(${persons}))`,
  referral_status_change: (cases: RawBuilder<unknown>, persons: RawBuilder<unknown>) =>
    sql`referral_id IN (SELECT r.id FROM referral r WHERE r.case_id = ANY(${cases}) OR r.person_id = ANY(${persons}))`,
  case_conference: (cases: RawBuilder<unknown>) => sql`case_id = ANY(${cases})`,
  case_conference_participant: (cases: RawBuilder<unknown>) =>
    sql`conference_id IN (SELECT c.id FROM case_conference c WHERE c.case_id = ANY(${cases}))`,
  case_conference_action: (cases: RawBuilder<unknown>) =>
    sql`conference_id IN (SELECT c.id FROM case_conference c WHERE c.case_id = ANY(${cases}))`,
  legal_sphere_change: (cases: RawBuilder<unknown>, persons: RawBuilder<unknown>) =>
    sql`(case_id = ANY(${cases}) OR person_id = ANY(${persons}))`,
  consent: (_cases: RawBuilder<unknown>, persons: RawBuilder<unknown>) => sql`person_id = ANY(${persons})`,
} as const

export type NetworkTextTable = keyof typeof reach
export const networkTextTables = Object.keys(reach) as NetworkTextTable[]

/** Blanks the given free-text columns of one table for the records of the cases and persons. */
export async function blankNetworkText(
  trx: Transaction<DB>,
  districtId: string,
  table: NetworkTextTable,
  columns: readonly string[],
  scope: { caseIds: readonly string[]; personIds: readonly string[] },
): Promise<void> {
  if (columns.length === 0) return
  const sets = sql.join(
    columns.map(
      (column) => sql`${sql.ref(column)} = CASE WHEN ${sql.ref(column)} IS NULL THEN NULL ELSE '' END`,
    ),
  )
  await sql`UPDATE ${sql.table(table)} SET ${sets}
    WHERE district_id = ${districtId} AND ${reach[table](ids(scope.caseIds), ids(scope.personIds))}`.execute(
    trx,
  )
}

/** Signed consent forms are scans of a person's signature and data: removed. */
export async function deleteConsentForms(
  trx: Transaction<DB>,
  districtId: string,
  personIds: readonly string[],
) {
  if (personIds.length === 0) return
  await sql`DELETE FROM consent_form_file
    WHERE district_id = ${districtId}
      AND consent_id IN (SELECT id FROM consent WHERE person_id = ANY(${ids(personIds)}))`.execute(trx)
}

/** Persons among the given ones that a referral names (they cannot be deleted, only anonymised). */
export async function selectPersonsWithReferrals(
  trx: Transaction<DB>,
  districtId: string,
  personIds: readonly string[],
): Promise<string[]> {
  if (personIds.length === 0) return []
  const rows = await trx
    .selectFrom('referral')
    .select('person_id')
    .distinct()
    .where('district_id', '=', districtId)
    .where('person_id', 'in', personIds)
    .execute()
  return rows.map((row) => row.person_id)
}

/** Removes a person's consents and legal-sphere changes, for a person that is deleted outright. */
export async function deletePersonRecords(
  trx: Transaction<DB>,
  districtId: string,
  personIds: readonly string[],
) {
  if (personIds.length === 0) return
  await deleteConsentForms(trx, districtId, personIds)
  const changes = sql`SELECT id FROM legal_sphere_change WHERE person_id = ANY(${ids(personIds)})`
  await sql`DELETE FROM legal_sphere_handover_step WHERE district_id = ${districtId} AND change_id IN (${changes})`.execute(
    trx,
  )
  await sql`DELETE FROM legal_sphere_change WHERE district_id = ${districtId} AND person_id = ANY(${ids(personIds)})`.execute(
    trx,
  )
  await sql`DELETE FROM consent WHERE district_id = ${districtId} AND person_id = ANY(${ids(personIds)})
    AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.consent_id = consent.id)`.execute(trx)
}
