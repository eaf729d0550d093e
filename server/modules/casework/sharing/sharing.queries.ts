import { type Kysely, sql } from 'kysely'
import type { DB } from '../../../db/schema.ts'

/** The reference, managers and phase of a case, for whoever works with it from outside case work. */
export async function selectCaseOutline(db: Kysely<DB>, caseId: string) {
  const [row, managers, persons] = await Promise.all([
    db
      .selectFrom('client_case')
      .select(['id', 'reference', 'phase', 'district_id'])
      .where('id', '=', caseId)
      .executeTakeFirst(),
    db.selectFrom('case_manager').select('user_id').where('case_id', '=', caseId).execute(),
    db.selectFrom('case_person').select('person_id').where('case_id', '=', caseId).execute(),
  ])
  return row
    ? {
        ...row,
        managerIds: managers.map((manager) => manager.user_id),
        personIds: persons.map((person) => person.person_id),
      }
    : undefined
}

export function selectCaseReferences(db: Kysely<DB>, caseIds: readonly string[]) {
  if (caseIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('client_case')
    .select(['id', 'reference'])
    .where('id', 'in', [...caseIds])
    .execute()
}

export function selectPersonForSharing(db: Kysely<DB>, personId: string) {
  return db.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirst()
}

export function selectPersonNames(db: Kysely<DB>, personIds: readonly string[]) {
  if (personIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('person')
    .select(['id', 'family_name', 'given_names', 'birth_date'])
    .where('id', 'in', [...personIds])
    .execute()
}

export function selectLatestResidenceStatus(db: Kysely<DB>, personId: string) {
  return db
    .selectFrom('residence_status')
    .select(['status', 'legal_paragraph', 'valid_from', 'valid_until'])
    .where('person_id', '=', personId)
    .orderBy('valid_from', sql`desc nulls last`)
    .orderBy('recorded_at', 'desc')
    .limit(1)
    .executeTakeFirst()
}

export function selectHouseholdForSharing(db: Kysely<DB>, personId: string) {
  return db
    .selectFrom('household_relation')
    .innerJoin('person', 'person.id', 'household_relation.related_person_id')
    .select(['household_relation.relation', 'person.given_names', 'person.birth_date'])
    .where('household_relation.person_id', '=', personId)
    .where('person.merged_into', 'is', null)
    .orderBy('person.birth_date')
    .execute()
}

/** The entries of the case's latest assessment. */
export function selectLatestAssessmentEntries(db: Kysely<DB>, caseId: string) {
  return db
    .selectFrom('assessment_entry')
    .select(['domain', 'need_level'])
    .where(
      'assessment_id',
      '=',
      db
        .selectFrom('assessment')
        .select('id')
        .where('case_id', '=', caseId)
        .orderBy('assessed_on', 'desc')
        .orderBy('created_at', 'desc')
        .limit(1),
    )
    .orderBy('domain')
    .execute()
}

export function selectOpenPlan(db: Kysely<DB>, caseId: string) {
  return Promise.all([
    db
      .selectFrom('goal')
      .select(['domain', 'statement'])
      .where('case_id', '=', caseId)
      .where('status', 'in', ['open', 'in-progress'])
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('measure')
      .select(['description', 'due_on'])
      .where('case_id', '=', caseId)
      .where('status', 'in', ['planned', 'in-progress'])
      .orderBy('created_at')
      .execute(),
  ])
}

export function selectMeasureOfCase(db: Kysely<DB>, caseId: string, measureId: string) {
  return db
    .selectFrom('measure')
    .select(['id', 'description', 'owner', 'organisation_id', 'due_on', 'status'])
    .where('case_id', '=', caseId)
    .where('id', '=', measureId)
    .executeTakeFirst()
}

export type FollowUpTaskRow = {
  district_id: string
  title: string
  due_on: string
  case_id: string
  person_id: string
  source_key: string
}

/**
 * Follow-up tasks for the case's first manager (the one who registered the person when the case
 * has none), each at most once by its source key: a job that runs again adds nothing.
 */
export async function insertFollowUpTasks(
  db: Kysely<DB>,
  tasks: readonly FollowUpTaskRow[],
): Promise<number> {
  if (tasks.length === 0) return 0
  const values = sql.join(
    tasks.map(
      (task) =>
        sql`(${task.district_id}::uuid, ${task.title}, ${task.due_on}::date, ${task.case_id}::uuid, ${task.person_id}::uuid, ${task.source_key})`,
    ),
  )
  const result = await sql`
    INSERT INTO task (district_id, title, due_on, assignee_id, case_id, person_id, source, source_key)
    SELECT wanted.district_id, wanted.title, wanted.due_on,
      coalesce((SELECT min(m.user_id::text)::uuid FROM case_manager m WHERE m.case_id = wanted.case_id), p.registered_by),
      wanted.case_id, wanted.person_id, 'referral-follow-up', wanted.source_key
    FROM (VALUES ${values}) AS wanted (district_id, title, due_on, case_id, person_id, source_key)
    JOIN person p ON p.id = wanted.person_id
    ON CONFLICT (district_id, source_key) DO NOTHING`.execute(db)
  return Number(result.numAffectedRows ?? 0)
}

/** A reminder another module asks for (a meeting's action item), at most once by its source key. */
export async function insertSourcedTask(
  db: Kysely<DB>,
  task: {
    district_id: string
    title: string
    due_on: string
    assignee_id: string
    created_by: string
    source: 'meeting-action'
    source_key: string
  },
): Promise<string> {
  const row = await db
    .insertInto('task')
    .values(task)
    .onConflict((conflict) =>
      conflict.columns(['district_id', 'source_key']).doUpdateSet({ title: task.title }),
    )
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Changes the reminder another module made, found by its source key; its done state stays. */
export async function updateSourcedTask(
  db: Kysely<DB>,
  task: {
    district_id: string
    source: 'meeting-action'
    source_key: string
    title: string
    due_on: string
    assignee_id: string
  },
): Promise<string | undefined> {
  const row = await db
    .updateTable('task')
    .set({
      title: task.title,
      due_on: task.due_on,
      assignee_id: task.assignee_id,
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('district_id', '=', task.district_id)
    .where('source', '=', task.source)
    .where('source_key', '=', task.source_key)
    .returning('id')
    .executeTakeFirst()
  return row?.id
}

/** Removes the reminder another module made, when what it was made for is gone; answers its id. */
export async function deleteSourcedTask(
  db: Kysely<DB>,
  task: { district_id: string; source: 'meeting-action'; source_key: string },
): Promise<string | undefined> {
  const row = await db
    .deleteFrom('task')
    .where('district_id', '=', task.district_id)
    .where('source', '=', task.source)
    .where('source_key', '=', task.source_key)
    .returning('id')
    .executeTakeFirst()
  return row?.id
}

export function selectTasksBySourceKey(db: Kysely<DB>, districtId: string, sourceKeys: readonly string[]) {
  if (sourceKeys.length === 0) return Promise.resolve([])
  return db
    .selectFrom('task')
    .select(['id', 'source_key', 'done_at'])
    .where('district_id', '=', districtId)
    .where('source_key', 'in', [...sourceKeys])
    .execute()
}

/** How the caseload's counts are grouped: by the case's municipality or by its team. */
export type CaseloadGrouping = 'per-municipality' | 'per-team'
const groupColumn = (by: CaseloadGrouping) =>
  by === 'per-team' ? sql.ref('c.team_id') : sql.ref('c.municipality_id')

/**
 * Cases open at some time in each month, per municipality or team: opened by the month's last day and not
 * closed before its first. Months are `YYYY-MM-01` days; counts only, no case leaves this query.
 */
export async function selectActiveCasesByMonth(
  db: Kysely<DB>,
  districtId: string,
  monthStarts: readonly string[],
  by: CaseloadGrouping,
) {
  const result = await sql<{ month: string; group_id: string | null; count: number }>`
    SELECT to_char(m.month_start, 'YYYY-MM') AS month, ${groupColumn(by)} AS group_id, count(*)::int AS count
    FROM unnest(${monthStarts}::date[]) AS m (month_start)
    JOIN client_case c ON c.district_id = ${districtId}
      AND c.opened_on <= (m.month_start + interval '1 month' - interval '1 day')::date
      AND (c.closed_on IS NULL OR c.closed_on >= m.month_start)
    GROUP BY 1, 2`.execute(db)
  return result.rows
}

/**
 * Counselling contacts of cases per month (in the district's time zone) and municipality, from the
 * instant `from` up to `before` (the bounds as instants, so that the index on occurred_at serves).
 */
export async function selectContactsByMonth(
  db: Kysely<DB>,
  districtId: string,
  timeZone: string,
  from: string,
  before: string,
  by: CaseloadGrouping,
) {
  const result = await sql<{ month: string; group_id: string | null; count: number }>`
    SELECT to_char((ct.occurred_at AT TIME ZONE ${timeZone})::date, 'YYYY-MM') AS month,
      ${groupColumn(by)} AS group_id, count(*)::int AS count
    FROM contact ct JOIN client_case c ON c.id = ct.case_id
    WHERE ct.district_id = ${districtId}
      AND ct.occurred_at >= ${from}::timestamptz AND ct.occurred_at < ${before}::timestamptz
    GROUP BY 1, 2`.execute(db)
  return result.rows
}

/** Tasks of a source that other modules keep (staffing's warnings), done or not. */
export function selectTasksOfSource(db: Kysely<DB>, districtId: string, source: 'staffing-warning') {
  return db
    .selectFrom('task')
    .select(['id', 'source_key', 'due_on', 'done_at'])
    .where('district_id', '=', districtId)
    .where('source', '=', source)
    .execute()
}

/** New reminders of a source; a source key that already has a task makes none (done or not). */
export async function insertTasksOfSource(
  db: Kysely<DB>,
  rows: readonly {
    district_id: string
    title: string
    due_on: string
    assignee_id: string
    source: 'staffing-warning'
    source_key: string
  }[],
): Promise<string[]> {
  if (rows.length === 0) return []
  const inserted = await db
    .insertInto('task')
    .values([...rows])
    .onConflict((conflict) => conflict.columns(['district_id', 'source_key']).doNothing())
    .returning('id')
    .execute()
  return inserted.map((row) => row.id)
}

/** Marks open reminders of a source done (their reason has gone); answers their ids. */
export async function closeTasksOfSource(
  db: Kysely<DB>,
  districtId: string,
  source: 'staffing-warning',
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return []
  const rows = await db
    .updateTable('task')
    .set({ done_at: sql`now()`, version: sql`version + 1`, updated_at: sql`now()` })
    .where('district_id', '=', districtId)
    .where('source', '=', source)
    .where('id', 'in', [...ids])
    .where('done_at', 'is', null)
    .returning('id')
    .execute()
  return rows.map((row) => row.id)
}
