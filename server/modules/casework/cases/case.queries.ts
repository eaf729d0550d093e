import { randomUUID } from 'node:crypto'
import { type Expression, type Kysely, type SqlBool, sql, type Transaction } from 'kysely'
import { type CaseListQuery, casePhases } from '../../../../common/casework.ts'
import { insertJsonRows } from '../../../db/json-rows.ts'
import type { DB } from '../../../db/schema.ts'
import { updateIfVersion } from '../../../db/versioned.ts'
import type { CaseReadScope } from '../../../platform/policy.ts'

/** Counts the district's case number of the year up; inside the transaction that opens the case, so a refused case leaves no gap. */
export async function nextCaseReference(
  db: Transaction<DB>,
  districtId: string,
  year: number,
): Promise<string> {
  const row = await db
    .insertInto('case_counter')
    .values({ district_id: districtId, year, last_number: 1 })
    .onConflict((conflict) =>
      conflict
        .columns(['district_id', 'year'])
        .doUpdateSet({ last_number: sql`case_counter.last_number + 1` }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow()
  return `${year}-${String(row.last_number).padStart(4, '0')}`
}

/** Reserves `count` consecutive case numbers of the year; answers the first. */
export async function reserveCaseNumbers(
  db: Transaction<DB>,
  districtId: string,
  year: number,
  count: number,
): Promise<number> {
  const row = await db
    .insertInto('case_counter')
    .values({ district_id: districtId, year, last_number: count })
    .onConflict((conflict) =>
      conflict
        .columns(['district_id', 'year'])
        .doUpdateSet({ last_number: sql`case_counter.last_number + ${count}` }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow()
  return row.last_number - count + 1
}

/** A name search: persons the matcher found for a full name, or one word in any spelling or part. */
export type NameFilter = { personIds: string[] } | { codes: string[] } | { pattern: string }

export type CaseListRow = {
  id: string
  reference: string
  phase: string
  municipality_id: string
  team_id: string | null
  opened_on: string
  closed_on: string | null
  closing_reason: string | null
  last_contact_at: string | null
  version: number
  total: number
}

const noIds = ['00000000-0000-0000-0000-000000000000']

/**
 * The policy's case.read rule for lists: the SQL form of its read scope (`caseReadScope` and
 * `withinScope` in platform/policy.ts), nothing decided here. Own cases come as an id array, so
 * the planner can combine the primary key with the team index instead of testing every case of
 * the district. The columns may be those of a table that carries the case's id and team beside
 * it (case_name_code).
 */
function visibleCases(
  scope: CaseReadScope,
  caseId = sql`c.id`,
  teamId = sql`c.team_id`,
): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = []
  if (scope.managedBy !== null)
    parts.push(
      sql<SqlBool>`${caseId} = ANY (ARRAY(SELECT m.case_id FROM case_manager m WHERE m.user_id = ${scope.managedBy}))`,
    )
  if (scope.teamIds.length > 0) parts.push(sql<SqlBool>`${teamId} IN (${sql.join([...scope.teamIds])})`)
  if (parts.length === 0) return sql<SqlBool>`false`
  return sql<SqlBool>`(${sql.join(parts, sql` OR `)})`
}

const sortColumns = {
  reference: sql`c.reference`,
  opened: sql`c.opened_on`,
  'last-contact': sql`c.last_contact_at`,
  phase: sql`array_position(ARRAY[${sql.join(casePhases.map((phase) => sql.lit(phase)))}], c.phase)`,
  name: sql`c.sort_name`,
} as const

export async function selectCasePage(
  db: Kysely<DB>,
  districtId: string,
  scope: CaseReadScope,
  query: CaseListQuery,
  nameFilter: NameFilter | null,
  today: string,
  reference: string | null = null,
): Promise<CaseListRow[]> {
  const conditions: Expression<SqlBool>[] = [sql<SqlBool>`c.district_id = ${districtId}`, visibleCases(scope)]
  if (reference) conditions.push(sql<SqlBool>`c.reference = ${reference}`)
  if (query.phase === 'open') conditions.push(sql<SqlBool>`c.phase <> 'closed'`)
  else if (query.phase) conditions.push(sql<SqlBool>`c.phase = ${query.phase}`)
  if (query.municipalityId) conditions.push(sql<SqlBool>`c.municipality_id = ${query.municipalityId}`)
  if (query.teamId) conditions.push(sql<SqlBool>`c.team_id = ${query.teamId}`)
  if (query.managerId)
    conditions.push(
      sql<SqlBool>`EXISTS (SELECT 1 FROM case_manager m2 WHERE m2.case_id = c.id AND m2.user_id = ${query.managerId})`,
    )
  if (query.domain)
    conditions.push(sql<SqlBool>`(
      EXISTS (SELECT 1 FROM goal g WHERE g.case_id = c.id AND g.domain = ${query.domain} AND g.status IN ('open', 'in-progress'))
      OR EXISTS (SELECT 1 FROM assessment a JOIN assessment_entry e ON e.assessment_id = a.id
        WHERE a.case_id = c.id AND e.domain = ${query.domain} AND e.need_level >= 2
        AND a.assessed_on = (SELECT max(a2.assessed_on) FROM assessment a2 WHERE a2.case_id = c.id)))`)
  if (query.overdueTasks)
    conditions.push(
      sql<SqlBool>`EXISTS (SELECT 1 FROM task t WHERE t.case_id = c.id AND t.done_at IS NULL AND t.due_on < ${today})`,
    )
  if (query.residenceExpiringWithinDays)
    conditions.push(sql<SqlBool>`EXISTS (SELECT 1 FROM case_person cp2 JOIN residence_status rs ON rs.person_id = cp2.person_id
      WHERE cp2.case_id = c.id AND rs.valid_until BETWEEN ${today}::date AND ${today}::date + ${query.residenceExpiringWithinDays}::int)`)
  // Persons first, then their cases: the ids as one array, so that the planner probes the
  // case_person index per person instead of reading all of case_person into a hash (which it
  // chose for a subquery it could not size, and which made a common word slow).
  if (nameFilter && 'personIds' in nameFilter)
    conditions.push(
      sql<SqlBool>`c.id IN (SELECT cp3.case_id FROM case_person cp3 WHERE cp3.person_id = ANY (${sql.val(nameFilter.personIds.length > 0 ? nameFilter.personIds : noIds)}::uuid[]))`,
    )
  // The case's codes one row each with its team (case_name_code, kept from client_case by
  // trigger; merged persons are no longer linked to any case), narrowed to the readable cases in
  // the index. Not `c.name_codes && codes`: under row-level security PostgreSQL uses no index for
  // an operator that is not leakproof, and the array overlap is not, so that tested the codes of
  // every visible case; text and uuid equality are leakproof.
  if (nameFilter && 'codes' in nameFilter)
    conditions.push(sql<SqlBool>`c.id IN (SELECT n.case_id FROM case_name_code n
      WHERE n.district_id = ${districtId} AND n.code = ANY (${sql.val(nameFilter.codes)}::text[])
        AND ${visibleCases(scope, sql`n.case_id`, sql`n.team_id`)})`)
  if (nameFilter && 'pattern' in nameFilter)
    conditions.push(sql<SqlBool>`EXISTS (SELECT 1 FROM case_person cp3 WHERE cp3.case_id = c.id AND cp3.person_id IN (
      SELECT p3.id FROM person p3 WHERE p3.district_id = ${districtId} AND p3.merged_into IS NULL
        AND (unaccent(p3.family_name) ILIKE unaccent(${nameFilter.pattern})
          OR unaccent(p3.given_names) ILIKE unaccent(${nameFilter.pattern}))))`)
  const direction = query.direction === 'asc' ? sql`ASC NULLS FIRST` : sql`DESC NULLS LAST`
  // The count runs inside, the sort outside: otherwise the planner walks the sort index expecting
  // to stop after one page, while the window count must read every row first.
  const result = await sql<CaseListRow>`
    SELECT * FROM (
      SELECT c.id, c.reference, c.phase, c.municipality_id, c.team_id, c.opened_on, c.closed_on,
        c.closing_reason, c.last_contact_at, c.sort_name, c.version, count(*) OVER () AS total
      FROM client_case c
      WHERE ${sql.join(conditions, sql` AND `)}
    ) c
    ORDER BY ${sortColumns[query.sort]} ${direction}, c.reference DESC
    LIMIT ${query.limit} OFFSET ${query.offset}`.execute(db)
  return result.rows
}

export function selectCaseRows(db: Kysely<DB>, caseIds: readonly string[]) {
  if (caseIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('client_case')
    .selectAll()
    .where('id', 'in', [...caseIds])
    .execute()
}

/** Persons, managers' ids and task counts of a page of cases, in one round of queries. */
export async function selectCaseDetails(db: Kysely<DB>, caseIds: readonly string[], today: string) {
  if (caseIds.length === 0) return { persons: [], managers: [], tasks: [] }
  const ids = [...caseIds]
  const [persons, managers, tasks] = await Promise.all([
    db
      .selectFrom('case_person')
      .innerJoin('person', 'person.id', 'case_person.person_id')
      .selectAll('person')
      .select('case_person.case_id')
      .where('case_person.case_id', 'in', ids)
      .orderBy('person.birth_date')
      .execute(),
    db.selectFrom('case_manager').select(['case_id', 'user_id']).where('case_id', 'in', ids).execute(),
    db
      .selectFrom('task')
      .select([
        'case_id',
        (eb) => eb.fn.countAll<number>().as('open'),
        sql<number>`count(*) FILTER (WHERE due_on < ${today})`.as('overdue'),
      ])
      .where('case_id', 'in', ids)
      .where('done_at', 'is', null)
      .groupBy('case_id')
      .execute(),
  ])
  return { persons, managers, tasks }
}

export async function updateCaseIfVersion(
  db: Kysely<DB>,
  caseId: string,
  expectedVersion: number,
  changes: {
    municipality_id?: string
    team_id?: string | null
    phase?: string
    closed_on?: string | null
    closing_reason?: string | null
  },
): Promise<boolean> {
  return updateIfVersion(db, 'client_case', caseId, expectedVersion, changes)
}

export async function replaceCaseManagers(
  db: Transaction<DB>,
  districtId: string,
  caseId: string,
  userIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('case_manager').where('case_id', '=', caseId).execute()
  await db
    .insertInto('case_manager')
    .values(
      [...new Set(userIds)].map((userId) => ({ case_id: caseId, user_id: userId, district_id: districtId })),
    )
    .execute()
}

export function insertPhaseChange(
  db: Transaction<DB>,
  row: {
    district_id: string
    case_id: string
    from_phase: string | null
    to_phase: string
    reason: string | null
    note: string
    changed_by: string
  },
) {
  return db.insertInto('case_phase_change').values(row).execute()
}

/**
 * Keeps what each case knows of its persons' names in step with them: the sort name (its first
 * person, alphabetically) and the phonetic codes of all its persons, which the one-word search
 * reads through the case's own index.
 */
export async function refreshCaseNames(
  db: Transaction<DB>,
  scope: { caseId: string } | { personId: string } | { districtId: string } | { everyDistrict: true },
): Promise<void> {
  const target =
    'caseId' in scope
      ? sql<SqlBool>`c.id = ${scope.caseId}`
      : 'personId' in scope
        ? sql<SqlBool>`c.id IN (SELECT case_id FROM case_person WHERE person_id = ${scope.personId})`
        : 'districtId' in scope
          ? sql<SqlBool>`c.district_id = ${scope.districtId}`
          : sql<SqlBool>`true`
  await sql`UPDATE client_case c SET
      sort_name = coalesce((
        SELECT min(lower(p.family_name || ' ' || p.given_names))
        FROM case_person cp JOIN person p ON p.id = cp.person_id WHERE cp.case_id = c.id), ''),
      name_codes = coalesce((
        SELECT array_agg(DISTINCT code ORDER BY code)
        FROM case_person cp JOIN person p ON p.id = cp.person_id, unnest(p.name_codes) AS code
        WHERE cp.case_id = c.id), '{}')
    WHERE ${target}`.execute(db)
}

/** The note written when the case was last closed; null when there was none. */
export async function selectClosingNote(db: Kysely<DB>, caseId: string): Promise<string | null> {
  const row = await db
    .selectFrom('case_phase_change')
    .select('note')
    .where('case_id', '=', caseId)
    .where('to_phase', '=', 'closed')
    .orderBy('changed_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.note ? row.note : null
}

/** The case's tasks nobody has marked done yet, locked until the phase change commits. */
export async function selectOpenCaseTaskIds(db: Transaction<DB>, caseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('task')
    .select('id')
    .where('case_id', '=', caseId)
    .where('done_at', 'is', null)
    .orderBy('due_on')
    .forUpdate()
    .execute()
  return rows.map((row) => row.id)
}

/** Marks tasks done now, each with a new version, as a user ticking them off would. */
export async function completeTasks(db: Transaction<DB>, taskIds: readonly string[]): Promise<void> {
  if (taskIds.length === 0) return
  await db
    .updateTable('task')
    .set({ done_at: sql`now()`, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', 'in', [...taskIds])
    .where('done_at', 'is', null)
    .execute()
}

/** Opens a case with its persons; answers the new id. */
/**
 * Many cases of one person each in a few statements (an import's batch), with their managers
 * and first phase; the ids come back in the order given.
 */
export async function insertImportedCases(
  trx: Transaction<DB>,
  rows: readonly {
    district_id: string
    reference: string
    municipality_id: string
    team_id: string | null
    opened_on: string
    created_by: string
    person_id: string
    manager_id: string | null
  }[],
): Promise<string[]> {
  if (rows.length === 0) return []
  // The ids are made here, so that they are known in the order of the rows; one JSON parameter a table.
  const ids = rows.map(() => randomUUID())
  const withIds = rows.map((row, index) => ({ ...row, id: ids[index] as string }))
  // The sort name and the name codes come with the insert, from each case's one person, as
  // refreshCaseNames would set them: no second version of every new case (and of its indexes).
  const inserted =
    await sql`INSERT INTO client_case (id, district_id, reference, municipality_id, team_id, opened_on, created_by,
      sort_name, name_codes)
    SELECT v.id, v.district_id, v.reference, v.municipality_id, v.team_id, v.opened_on, v.created_by,
      lower(p.family_name || ' ' || p.given_names),
      ARRAY(SELECT DISTINCT code FROM unnest(p.name_codes) AS code ORDER BY code)
    FROM json_to_recordset(${JSON.stringify(withIds.map(({ manager_id: _m, ...row }) => row))}::json)
      AS v(id uuid, district_id uuid, reference text, municipality_id uuid, team_id uuid, opened_on date,
        created_by uuid, person_id uuid)
    JOIN person p ON p.id = v.person_id`.execute(trx)
  if (Number(inserted.numAffectedRows) !== rows.length)
    throw new Error('insertImportedCases: a person of the cases is missing')
  await insertJsonRows(
    trx,
    'case_person',
    withIds.map((row) => ({ case_id: row.id, person_id: row.person_id, district_id: row.district_id })),
  )
  const managed = withIds.filter((row) => row.manager_id !== null)
  await insertJsonRows(
    trx,
    'case_manager',
    managed.map((row) => ({
      case_id: row.id,
      user_id: row.manager_id as string,
      district_id: row.district_id,
    })),
  )
  await insertJsonRows(
    trx,
    'case_phase_change',
    withIds.map((row) => ({
      district_id: row.district_id,
      case_id: row.id,
      from_phase: null,
      to_phase: 'intake',
      reason: null,
      note: '',
      changed_by: row.created_by,
    })),
  )
  return ids
}

export async function insertCase(
  trx: Transaction<DB>,
  row: {
    district_id: string
    reference: string
    municipality_id: string
    team_id: string | null
    opened_on: string
    created_by: string
  },
  personIds: readonly string[],
): Promise<string> {
  const { id } = await trx.insertInto('client_case').values(row).returning('id').executeTakeFirstOrThrow()
  await trx
    .insertInto('case_person')
    .values(
      [...new Set(personIds)].map((personId) => ({
        case_id: id,
        person_id: personId,
        district_id: row.district_id,
      })),
    )
    .execute()
  return id
}

/** The case's phase and version, locked until the phase change commits. */
export function lockCasePhase(trx: Transaction<DB>, caseId: string) {
  return trx
    .selectFrom('client_case')
    .select(['phase', 'version'])
    .where('id', '=', caseId)
    .forUpdate()
    .executeTakeFirstOrThrow()
}

/** Whether the case has at least one assessment. */
export async function hasAssessment(db: Kysely<DB>, caseId: string): Promise<boolean> {
  const row = await db.selectFrom('assessment').select('id').where('case_id', '=', caseId).executeTakeFirst()
  return row !== undefined
}

export function selectGoalOutcomes(db: Kysely<DB>, caseId: string) {
  return db.selectFrom('goal').select(['id', 'outcome']).where('case_id', '=', caseId).execute()
}

export async function setGoalOutcome(
  trx: Transaction<DB>,
  caseId: string,
  goalId: string,
  outcome: string,
): Promise<void> {
  await trx
    .updateTable('goal')
    .set({ outcome, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', goalId)
    .where('case_id', '=', caseId)
    .execute()
}

export function selectCasePersonLinks(db: Kysely<DB>, caseIds: readonly string[]) {
  if (caseIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('case_person')
    .select(['case_id', 'person_id'])
    .where('case_id', 'in', [...caseIds])
    .execute()
}

/**
 * What a pseudonymised summary of a case is made from, and what it must not contain: the persons'
 * identifiers, the case reference, the latest assessment's needs and the open goals' domains.
 */
export async function selectSummaryFacts(db: Kysely<DB>, caseId: string) {
  const [kase, persons, latest, goals] = await Promise.all([
    db.selectFrom('client_case').select('reference').where('id', '=', caseId).executeTakeFirstOrThrow(),
    db
      .selectFrom('person')
      .innerJoin('case_person', 'case_person.person_id', 'person.id')
      .select([
        'person.id',
        'person.family_name',
        'person.given_names',
        'person.birth_name',
        'person.other_spellings',
        'person.name_in_original_script',
        'person.birth_date',
        'person.address_street',
        'person.address_postcode',
        'person.address_city',
      ])
      .where('case_person.case_id', '=', caseId)
      .execute(),
    db
      .selectFrom('assessment_entry')
      .innerJoin('assessment', 'assessment.id', 'assessment_entry.assessment_id')
      .select(['assessment_entry.domain', 'assessment_entry.need_level'])
      .where(
        'assessment.id',
        '=',
        db
          .selectFrom('assessment')
          .select('id')
          .where('case_id', '=', caseId)
          .orderBy('assessed_on', 'desc')
          .orderBy('created_at', 'desc')
          .limit(1),
      )
      .execute(),
    db
      .selectFrom('goal')
      .select('domain')
      .where('case_id', '=', caseId)
      .where('status', 'in', ['open', 'in-progress'])
      .execute(),
  ])
  return { reference: kase.reference, persons, latest, goals }
}

/** Open cases of one person each with a manager, oldest first: where other modules' demo data attaches. */
export function selectSinglePersonOpenCases(db: Kysely<DB>, districtId: string, limit: number) {
  return db
    .selectFrom('client_case')
    .innerJoin('case_person', 'case_person.case_id', 'client_case.id')
    .innerJoin('case_manager', 'case_manager.case_id', 'client_case.id')
    .innerJoin('person', 'person.id', 'case_person.person_id')
    .select([
      'client_case.id as case_id',
      'case_person.person_id',
      'case_manager.user_id as manager_id',
      'person.legal_sphere',
      'person.birth_date',
    ])
    .where('client_case.district_id', '=', districtId)
    .where('client_case.phase', 'in', ['planning', 'implementation'])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('case_person as other')
            .select('other.person_id')
            .whereRef('other.case_id', '=', 'client_case.id')
            .whereRef('other.person_id', '<>', 'case_person.person_id'),
        ),
      ),
    )
    .orderBy('client_case.opened_on')
    .orderBy('client_case.id')
    .limit(limit)
    .execute()
}
