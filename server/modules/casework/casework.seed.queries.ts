import { type Insertable, type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

/*
 * The demo data's statements (casework.seed.ts builds the rows). Plain inserts into case work's
 * own tables; what the demo needs of users, municipalities and organisations comes from the
 * owning modules' services.
 */

/** Whether the district has any person yet; the demo seeds only an empty district. */
export const selectAnyPerson = (db: Kysely<DB>, districtId: string) =>
  db.selectFrom('person').select('id').where('district_id', '=', districtId).executeTakeFirst()

export async function insertDemoPerson(trx: Kysely<DB>, values: Insertable<DB['person']>): Promise<string> {
  const row = await trx.insertInto('person').values(values).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function insertDemoMatchKeys(trx: Kysely<DB>, rows: Insertable<DB['person_match_key']>[]) {
  await trx
    .insertInto('person_match_key')
    .values(rows)
    .onConflict((conflict) => conflict.doNothing())
    .execute()
}

export async function insertDemoResidence(trx: Kysely<DB>, values: Insertable<DB['residence_status']>) {
  await trx.insertInto('residence_status').values(values).execute()
}

export async function insertDemoHouseholdRelation(
  trx: Kysely<DB>,
  values: Insertable<DB['household_relation']>,
) {
  await trx
    .insertInto('household_relation')
    .values(values)
    .onConflict((conflict) => conflict.doNothing())
    .execute()
}

/** The case counters follow the demo's references, so that the next case gets the next number. */
export async function updateDemoCaseCounters(trx: Kysely<DB>, districtId: string) {
  await sql`INSERT INTO case_counter (district_id, year, last_number)
      SELECT district_id, split_part(reference, '-', 1)::int, max(split_part(reference, '-', 2)::int)
      FROM client_case WHERE district_id = ${districtId} GROUP BY 1, 2
      ON CONFLICT (district_id, year) DO UPDATE SET last_number = excluded.last_number`.execute(trx)
}

export async function insertDemoShortConsultations(
  trx: Kysely<DB>,
  rows: Insertable<DB['short_consultation']>[],
) {
  await trx.insertInto('short_consultation').values(rows).execute()
}

export async function insertDemoCase(
  trx: Kysely<DB>,
  values: Insertable<DB['client_case']>,
): Promise<string> {
  const row = await trx.insertInto('client_case').values(values).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function insertDemoCasePersons(trx: Kysely<DB>, rows: Insertable<DB['case_person']>[]) {
  await trx.insertInto('case_person').values(rows).execute()
}

export async function insertDemoCaseManager(trx: Kysely<DB>, values: Insertable<DB['case_manager']>) {
  await trx.insertInto('case_manager').values(values).execute()
}

export async function insertDemoPhaseChanges(trx: Kysely<DB>, rows: Insertable<DB['case_phase_change']>[]) {
  await trx.insertInto('case_phase_change').values(rows).execute()
}

export async function insertDemoAssessment(
  trx: Kysely<DB>,
  values: Insertable<DB['assessment']>,
): Promise<string> {
  const row = await trx.insertInto('assessment').values(values).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function insertDemoAssessmentEntries(
  trx: Kysely<DB>,
  rows: Insertable<DB['assessment_entry']>[],
) {
  await trx.insertInto('assessment_entry').values(rows).execute()
}

export async function insertDemoGoal(trx: Kysely<DB>, values: Insertable<DB['goal']>): Promise<string> {
  const row = await trx.insertInto('goal').values(values).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function insertDemoMeasure(trx: Kysely<DB>, values: Insertable<DB['measure']>) {
  await trx.insertInto('measure').values(values).execute()
}

/** A case's contacts, and the case's last contact from them (the case list sorts by it). */
export async function insertDemoContacts(trx: Kysely<DB>, caseId: string, rows: Insertable<DB['contact']>[]) {
  await trx.insertInto('contact').values(rows).execute()
  await trx
    .updateTable('client_case')
    .set({ last_contact_at: sql`(SELECT max(occurred_at) FROM contact WHERE case_id = ${caseId})` })
    .where('id', '=', caseId)
    .execute()
}

export async function insertDemoTask(trx: Kysely<DB>, values: Insertable<DB['task']>) {
  await trx.insertInto('task').values(values).execute()
}
