import { randomUUID } from 'node:crypto'
import { type Insertable, type Kysely, type Selectable, sql, type Transaction } from 'kysely'
import { insertJsonRows } from '../../../db/json-rows.ts'
import type { PersonTable } from '../../../db/schema.casework.ts'
import type { DB } from '../../../db/schema.ts'
import { updateIfVersion } from '../../../db/versioned.ts'

export type PersonRow = Selectable<PersonTable>

export type PersonColumns = Omit<
  Insertable<PersonTable>,
  'id' | 'district_id' | 'version' | 'created_at' | 'updated_at' | 'merged_into' | 'merged_at'
>

export async function insertPerson(
  db: Transaction<DB>,
  districtId: string,
  columns: PersonColumns,
): Promise<string> {
  const row = await db
    .insertInto('person')
    .values({ ...columns, district_id: districtId })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Many persons in one statement (an import's batch); the ids come back in the order given. */
export async function insertPersons(
  db: Transaction<DB>,
  districtId: string,
  rows: readonly PersonColumns[],
): Promise<string[]> {
  if (rows.length === 0) return []
  // The ids are made here, so that they are known in the order of the rows.
  const ids = rows.map(() => randomUUID())
  await insertJsonRows(
    db,
    'person',
    rows.map((columns, index) => ({
      ...columns,
      // jsonb takes the value, not its text.
      languages: typeof columns.languages === 'string' ? JSON.parse(columns.languages) : columns.languages,
      id: ids[index],
      district_id: districtId,
    })),
  )
  return ids
}

/** The match keys of many new persons (just inserted) in one statement. */
export async function insertMatchKeysOf(
  db: Transaction<DB>,
  districtId: string,
  persons: readonly { personId: string; keys: readonly string[] }[],
): Promise<void> {
  const personIds: string[] = []
  const keys: string[] = []
  for (const person of persons)
    for (const key of new Set(person.keys)) {
      personIds.push(person.personId)
      keys.push(key)
    }
  if (keys.length === 0) return
  // Two array parameters, not a VALUES list of three parameters a key. The persons are new and
  // their keys distinct, so nothing can conflict: no ON CONFLICT (a speculative insertion a key).
  await sql`INSERT INTO person_match_key (district_id, key, person_id)
    SELECT ${districtId}::uuid, k, p FROM unnest(${keys}::text[], ${personIds}::uuid[]) AS v(k, p)`.execute(
    db,
  )
}

export async function updatePersonIfVersion(
  db: Kysely<DB>,
  personId: string,
  expectedVersion: number,
  columns: Partial<PersonColumns>,
): Promise<boolean> {
  // A merged duplicate stays as history and is never changed again.
  return updateIfVersion(db, 'person', personId, expectedVersion, columns, { merged_into: null })
}

export function selectPersons(db: Kysely<DB>, ids: readonly string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return Promise.resolve([])
  return db
    .selectFrom('person')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute()
}

/** The version of the stored keys, locked until the transaction ends (one refresh at a time). */
export async function lockMatchingKeyVersion(trx: Transaction<DB>): Promise<number> {
  const row = await trx
    .selectFrom('matching_key_version')
    .select('version')
    .forUpdate()
    .executeTakeFirstOrThrow()
  return row.version
}

export async function setMatchingKeyVersion(trx: Transaction<DB>, version: number): Promise<void> {
  await trx.updateTable('matching_key_version').set({ version, refreshed_at: sql`now()` }).execute()
}

/** A page of persons of every district (the caller sets no district), in id order after `afterId`. */
export function selectPersonNamesAfter(trx: Transaction<DB>, afterId: string | null, limit: number) {
  let query = trx
    .selectFrom('person')
    .select([
      'id',
      'district_id',
      'family_name',
      'given_names',
      'other_spellings',
      'birth_name',
      'merged_into',
    ])
    .orderBy('id')
    .limit(limit)
  if (afterId !== null) query = query.where('id', '>', afterId)
  return query.execute()
}

/**
 * Replaces the name codes and match keys of a batch of persons in three statements. Derived data:
 * neither the version nor updated_at of a person changes.
 */
export async function replaceKeysOfPersons(
  trx: Transaction<DB>,
  persons: readonly { id: string; districtId: string; codes: string[]; keys: string[] }[],
): Promise<void> {
  if (persons.length === 0) return
  const ids = persons.map((person) => person.id)
  await sql`UPDATE person p SET name_codes = v.codes
    FROM jsonb_to_recordset(${JSON.stringify(persons.map(({ id, codes }) => ({ id, codes })))}::jsonb)
      AS v(id uuid, codes text[])
    WHERE p.id = v.id`.execute(trx)
  await trx.deleteFrom('person_match_key').where('person_id', 'in', ids).execute()
  const rows = persons.flatMap((person) =>
    person.keys.map((key) => ({ district_id: person.districtId, key, person_id: person.id })),
  )
  // Inserted in slices: PostgreSQL takes at most 65,535 parameters per statement.
  for (let at = 0; at < rows.length; at += 10_000) {
    await trx
      .insertInto('person_match_key')
      .values(rows.slice(at, at + 10_000))
      .onConflict((conflict) => conflict.doNothing())
      .execute()
  }
}

export async function replaceMatchKeys(
  db: Transaction<DB>,
  districtId: string,
  personId: string,
  keys: readonly string[],
): Promise<void> {
  await db.deleteFrom('person_match_key').where('person_id', '=', personId).execute()
  if (keys.length === 0) return
  await db
    .insertInto('person_match_key')
    .values(keys.map((key) => ({ district_id: districtId, key, person_id: personId })))
    .onConflict((conflict) => conflict.doNothing())
    .execute()
}

/**
 * Persons sharing at least one match key with the query, those sharing the most first and then
 * those born closest to the given year. The cap keeps a very common name from flooding the
 * scorer; ordering by birth year first decides which of many namesakes are scored.
 */
export async function selectCandidateIds(
  db: Kysely<DB>,
  districtId: string,
  keys: readonly string[],
  birthYear: number | null,
  limit: number,
): Promise<string[]> {
  if (keys.length === 0) return []
  const result = await sql<{ person_id: string }>`
    WITH shared AS (
      SELECT person_id, count(*) AS keys FROM person_match_key
      WHERE district_id = ${districtId} AND key IN (${sql.join([...keys])})
      GROUP BY person_id
    )
    SELECT shared.person_id FROM shared JOIN person p ON p.id = shared.person_id
    ORDER BY shared.keys DESC,
      abs(extract(year FROM p.birth_date_earliest) - ${birthYear ?? 0}::int) * ${birthYear === null ? 0 : 1}
    LIMIT ${limit}`.execute(db)
  return result.rows.map((row) => row.person_id)
}

/**
 * The candidates of many queries in one statement (an import's batch): for each query the same
 * ranking and limit as `selectCandidateIds` (most shared keys first, then the nearest birth year),
 * with the number of persons sharing a key, so that a caller can tell when the limit cut the list.
 * `keys` and `birthYears` are given per query, by position.
 */
export async function selectCandidateIdsBatch(
  db: Kysely<DB>,
  districtId: string,
  queries: readonly { keys: readonly string[]; birthYear: number | null }[],
  limit: number,
): Promise<{ query: number; person_id: string; total: number }[]> {
  const keyIndex: number[] = []
  const keyText: string[] = []
  queries.forEach((query, index) => {
    for (const key of new Set(query.keys)) {
      keyIndex.push(index)
      keyText.push(key)
    }
  })
  if (keyText.length === 0) return []
  const years = queries.map((query) => query.birthYear)
  const result = await sql<{ query: number; person_id: string; total: number }>`
    WITH wanted AS (
      SELECT * FROM unnest(${keyIndex}::int[], ${keyText}::text[]) AS w(query, key)
    ), year AS (
      SELECT ordinality::int - 1 AS query, birth_year FROM unnest(${years}::int[]) WITH ORDINALITY AS y(birth_year, ordinality)
    ), shared AS (
      SELECT wanted.query, k.person_id, count(*) AS keys
      FROM wanted JOIN person_match_key k ON k.district_id = ${districtId} AND k.key = wanted.key
      GROUP BY wanted.query, k.person_id
    ), ranked AS (
      SELECT shared.query, shared.person_id,
        row_number() OVER (PARTITION BY shared.query ORDER BY shared.keys DESC,
          abs(extract(year FROM p.birth_date_earliest) - coalesce(year.birth_year, 0)) * (CASE WHEN year.birth_year IS NULL THEN 0 ELSE 1 END)) AS rank,
        count(*) OVER (PARTITION BY shared.query) AS total
      FROM shared JOIN person p ON p.id = shared.person_id JOIN year ON year.query = shared.query
    )
    SELECT query, person_id, total::int AS total FROM ranked WHERE rank <= ${limit}`.execute(db)
  return result.rows.map((row) => ({ ...row, query: Number(row.query), total: Number(row.total) }))
}

export type CaseLinkRow = {
  person_id: string
  case_id: string
  team_id: string | null
  user_id: string | null
}

/** The cases, teams and managers of each person: what the policy needs to decide visibility. */
export function selectCaseLinks(db: Kysely<DB>, personIds: readonly string[]): Promise<CaseLinkRow[]> {
  if (personIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('case_person')
    .innerJoin('client_case', 'client_case.id', 'case_person.case_id')
    .leftJoin('case_manager', 'case_manager.case_id', 'case_person.case_id')
    .select(['case_person.person_id', 'case_person.case_id', 'client_case.team_id', 'case_manager.user_id'])
    .where('case_person.person_id', 'in', [...personIds])
    .execute()
}

export function selectResidenceStatuses(db: Kysely<DB>, personId: string) {
  return db
    .selectFrom('residence_status')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('valid_from', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute()
}

export function insertResidenceStatus(
  db: Kysely<DB>,
  row: {
    district_id: string
    person_id: string
    status: string
    legal_paragraph: string
    valid_from: string | null
    valid_until: string | null
    recorded_by: string
  },
) {
  return db.insertInto('residence_status').values(row).returning('id').executeTakeFirstOrThrow()
}

export function selectHousehold(db: Kysely<DB>, personId: string) {
  return db
    .selectFrom('household_relation')
    .innerJoin('person', 'person.id', 'household_relation.related_person_id')
    .select([
      'household_relation.related_person_id as person_id',
      'household_relation.relation',
      'person.family_name',
      'person.given_names',
      'person.birth_date',
    ])
    .where('household_relation.person_id', '=', personId)
    .where('person.merged_into', 'is', null)
    .orderBy('person.birth_date')
    .execute()
}

export async function upsertHouseholdRelation(
  db: Kysely<DB>,
  districtId: string,
  personId: string,
  relatedPersonId: string,
  relation: string,
): Promise<void> {
  await db
    .insertInto('household_relation')
    .values({ district_id: districtId, person_id: personId, related_person_id: relatedPersonId, relation })
    .onConflict((conflict) => conflict.columns(['person_id', 'related_person_id']).doUpdateSet({ relation }))
    .execute()
}

/** Marks the duplicate as merged into the survivor; its row stays as history. */
export async function markMerged(
  trx: Transaction<DB>,
  duplicateId: string,
  survivorId: string,
): Promise<void> {
  await trx
    .updateTable('person')
    .set({ merged_into: survivorId, merged_at: new Date().toISOString() })
    .where('id', '=', duplicateId)
    .execute()
}

/** Every reference to the duplicate moves to the survivor; the duplicate row stays as history. */
export async function moveReferences(
  db: Transaction<DB>,
  survivorId: string,
  duplicateId: string,
): Promise<void> {
  await sql`INSERT INTO case_person (case_id, person_id, district_id)
    SELECT case_id, ${survivorId}, district_id FROM case_person WHERE person_id = ${duplicateId}
    ON CONFLICT DO NOTHING`.execute(db)
  await db.deleteFrom('case_person').where('person_id', '=', duplicateId).execute()
  await db
    .updateTable('residence_status')
    .set({ person_id: survivorId })
    .where('person_id', '=', duplicateId)
    .execute()
  await db.updateTable('task').set({ person_id: survivorId }).where('person_id', '=', duplicateId).execute()
  for (const [column, other] of [
    ['person_id', 'related_person_id'],
    ['related_person_id', 'person_id'],
  ] as const) {
    await sql`UPDATE household_relation SET ${sql.ref(column)} = ${survivorId}
      WHERE ${sql.ref(column)} = ${duplicateId} AND ${sql.ref(other)} <> ${survivorId}
      AND NOT EXISTS (SELECT 1 FROM household_relation h WHERE h.${sql.ref(column)} = ${survivorId}
        AND h.${sql.ref(other)} = household_relation.${sql.ref(other)})`.execute(db)
  }
  await db
    .deleteFrom('household_relation')
    .where((eb) => eb.or([eb('person_id', '=', duplicateId), eb('related_person_id', '=', duplicateId)]))
    .execute()
  await sql`UPDATE contact SET participant_person_ids = array_replace(participant_person_ids, ${duplicateId}::uuid, ${survivorId}::uuid)
    WHERE ${duplicateId}::uuid = ANY (participant_person_ids)`.execute(db)
  await db.deleteFrom('person_match_key').where('person_id', '=', duplicateId).execute()
}

/** Sets the current legal sphere of a person (not a merged duplicate), with a new version. */
export async function setPersonLegalSphere(trx: Transaction<DB>, personId: string, sphere: string) {
  const result = await trx
    .updateTable('person')
    .set({ legal_sphere: sphere, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', personId)
    .where('merged_into', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * The names of the district's persons (not merged duplicates) that share a phonetic code with
 * the given codes, for finding names in a free text; the array index on name_codes answers it.
 */
export function selectPersonNamesByCodes(db: Kysely<DB>, districtId: string, codes: readonly string[]) {
  return db
    .selectFrom('person')
    .select(['family_name', 'given_names', 'birth_name', 'other_spellings', 'name_in_original_script'])
    .where('district_id', '=', districtId)
    .where('merged_into', 'is', null)
    .where(sql<boolean>`name_codes && ${sql.val([...codes])}::text[]`)
    .execute()
}
