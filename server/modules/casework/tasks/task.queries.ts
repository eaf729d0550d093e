import { type Kysely, type SqlBool, sql, type Transaction } from 'kysely'
import type { TaskDueGroup } from '../../../../common/casework.ts'
import type { DB } from '../../../db/schema.ts'
import { updateIfVersion } from '../../../db/versioned.ts'

/**
 * Tasks with what their list shows: the case reference, the person the task is about (the service
 * decides whether the actor may see the name) and, for residence reminders, the title that runs out
 * (found through the reminder's source key, `residence-expiry:<id>`). Assignee names come from identity.
 */
function taskQuery(db: Kysely<DB>) {
  return db
    .selectFrom('task')
    .leftJoin('client_case', 'client_case.id', 'task.case_id')
    .leftJoin('person', 'person.id', 'task.person_id')
    .leftJoin('residence_status', (join) =>
      join.on(
        'residence_status.id',
        '=',
        sql<string>`CASE WHEN task.source = 'residence-expiry' THEN substring(task.source_key from 18)::uuid END`,
      ),
    )
    .selectAll('task')
    .select([
      'client_case.reference as case_reference',
      'person.family_name as person_family_name',
      'person.given_names as person_given_names',
      'person.district_id as person_district_id',
      'person.registered_by as person_registered_by',
      'person.registered_team_id as person_registered_team_id',
      'residence_status.status as residence_status',
      'residence_status.valid_until as residence_valid_until',
    ])
}

/** Tasks of a case, or one task. */
export function selectTasks(db: Kysely<DB>, filter: { caseId: string } | { id: string }) {
  const query = taskQuery(db)
  if ('id' in filter) return query.where('task.id', '=', filter.id).execute()
  return query.where('task.case_id', '=', filter.caseId).orderBy('task.due_on').orderBy('task.id').execute()
}

export type TaskRow = Awaited<ReturnType<typeof selectTasks>>[number]

/** The calendar days that split an assignee's open tasks into overdue, today, this week and later. */
export type DayBounds = { today: string; weekEnd: string }

/** An assignee's tasks, open ones only unless `all`, and only those of one group if one is named. */
const assigneeTasks = (
  db: Kysely<DB>,
  assigneeId: string,
  filter: { include: 'open' | 'all'; group?: TaskDueGroup | undefined },
  days: DayBounds,
) => {
  let query = taskQuery(db).where('task.assignee_id', '=', assigneeId)
  if (filter.include === 'open' || (filter.group && filter.group !== 'done')) {
    query = query.where('task.done_at', 'is', null)
  }
  switch (filter.group) {
    case undefined:
      return query
    case 'overdue':
      return query.where('task.due_on', '<', days.today)
    case 'today':
      return query.where('task.due_on', '=', days.today)
    case 'this-week':
      return query.where('task.due_on', '>', days.today).where('task.due_on', '<=', days.weekEnd)
    case 'later':
      return query.where('task.due_on', '>', days.weekEnd)
    case 'done':
      return query.where('task.done_at', 'is not', null)
  }
}

/** One page of an assignee's tasks: open ones by due date (so overdue first), then done ones, newest first. */
export function selectAssigneeTaskPage(
  db: Kysely<DB>,
  assigneeId: string,
  filter: { include: 'open' | 'all'; group?: TaskDueGroup | undefined },
  days: DayBounds,
  page: { limit: number; offset: number },
): Promise<TaskRow[]> {
  return assigneeTasks(db, assigneeId, filter, days)
    .orderBy('task.done_at', 'desc')
    .orderBy('task.due_on')
    .orderBy('task.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
}

/** How many of an assignee's tasks fall into each group, over all pages. */
export async function countAssigneeTasks(
  db: Kysely<DB>,
  assigneeId: string,
  include: 'open' | 'all',
  days: DayBounds,
) {
  let query = db.selectFrom('task').where('assignee_id', '=', assigneeId)
  if (include === 'open') query = query.where('done_at', 'is', null)
  return query
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`(count(*) FILTER (WHERE done_at IS NULL AND due_on < ${days.today}::date))::int`.as(
        'overdue',
      ),
      sql<number>`(count(*) FILTER (WHERE done_at IS NULL AND due_on = ${days.today}::date))::int`.as(
        'today',
      ),
      sql<number>`(count(*) FILTER (WHERE done_at IS NULL AND due_on > ${days.today}::date AND due_on <= ${days.weekEnd}::date))::int`.as(
        'thisWeek',
      ),
      sql<number>`(count(*) FILTER (WHERE done_at IS NULL AND due_on > ${days.weekEnd}::date))::int`.as(
        'later',
      ),
      sql<number>`(count(*) FILTER (WHERE done_at IS NOT NULL))::int`.as('done'),
    ])
    .executeTakeFirstOrThrow()
}

export async function insertTask(
  trx: Transaction<DB>,
  task: {
    district_id: string
    title: string
    due_on: string
    assignee_id: string
    case_id: string | null
    person_id: string | null
    created_by: string
  },
): Promise<string> {
  const row = await trx.insertInto('task').values(task).returning('id').executeTakeFirstOrThrow()
  return row.id
}

/** Changes a task when the version still matches; answers false when it is stale. */
export function updateTaskIfVersion(
  trx: Transaction<DB>,
  taskId: string,
  expectedVersion: number,
  changes: { title: string; due_on: string; assignee_id: string; done: boolean },
): Promise<boolean> {
  return updateIfVersion(trx, 'task', taskId, expectedVersion, {
    title: changes.title,
    due_on: changes.due_on,
    assignee_id: changes.assignee_id,
    // A task done before keeps the time it was done.
    done_at: changes.done ? sql<string>`coalesce(done_at, now())` : null,
  })
}

/**
 * The residence-expiry reminders that are due and missing, in one statement (see
 * refreshResidenceExpiryTasks). `days` names each district's today: a title that runs out today
 * is still valid there, whatever UTC says. `defaultLeadDays` serves districts without settings.
 */
export async function insertResidenceExpiryTasks(
  db: Kysely<DB>,
  days: readonly { districtId: string; today: string }[],
  defaultLeadDays: number,
  scope: { residenceStatusId?: string } = {},
): Promise<number> {
  if (days.length === 0) return 0
  const local = sql.join(days.map((day) => sql`(${day.districtId}::uuid, ${day.today}::date)`))
  const conditions = [sql<SqlBool>`rs.valid_until IS NOT NULL`, sql<SqlBool>`rs.valid_until >= local.today`]
  if (scope.residenceStatusId) conditions.push(sql<SqlBool>`rs.id = ${scope.residenceStatusId}`)
  const result = await sql`
    INSERT INTO task (district_id, title, due_on, assignee_id, person_id, case_id, source, source_key)
    SELECT rs.district_id,
      'Aufenthaltstitel läuft ab',
      greatest(local.today, rs.valid_until - coalesce(s.residence_expiry_lead_days, ${defaultLeadDays}::integer)),
      coalesce(open_case.manager_id, p.registered_by),
      rs.person_id,
      open_case.case_id,
      'residence-expiry',
      'residence-expiry:' || rs.id
    FROM residence_status rs
    JOIN person p ON p.id = rs.person_id AND p.merged_into IS NULL
    JOIN (VALUES ${local}) AS local (district_id, today) ON local.district_id = rs.district_id
    LEFT JOIN case_work_setting s ON s.district_id = rs.district_id
    LEFT JOIN LATERAL (
      SELECT c.id AS case_id, (SELECT min(m.user_id::text)::uuid FROM case_manager m WHERE m.case_id = c.id) AS manager_id
      FROM case_person cp JOIN client_case c ON c.id = cp.case_id
      WHERE cp.person_id = rs.person_id AND c.phase <> 'closed'
      ORDER BY c.opened_on DESC LIMIT 1
    ) open_case ON true
    WHERE ${sql.join(conditions, sql` AND `)}
      AND rs.valid_until - coalesce(s.residence_expiry_lead_days, ${defaultLeadDays}::integer) <= local.today + 365
      -- The same title recorded again (there is no editing, so a correction is a new entry) gets no second reminder.
      AND NOT EXISTS (
        SELECT 1 FROM residence_status earlier
        JOIN task t ON t.district_id = earlier.district_id AND t.source_key = 'residence-expiry:' || earlier.id
        WHERE earlier.person_id = rs.person_id AND earlier.valid_until = rs.valid_until AND earlier.id <> rs.id)
    ON CONFLICT (district_id, source_key) DO NOTHING`.execute(db)
  return Number(result.numAffectedRows ?? 0)
}

/** Tasks another module makes (hand-over steps, conference actions), with their source; answers the ids in order. */
export async function insertSourcedTasks(
  trx: Transaction<DB>,
  tasks: readonly {
    district_id: string
    title: string
    due_on: string
    assignee_id: string
    case_id: string | null
    person_id: string | null
    source: string
    created_by: string
  }[],
): Promise<string[]> {
  if (tasks.length === 0) return []
  const rows = await trx
    .insertInto('task')
    .values([...tasks])
    .returning('id')
    .execute()
  return rows.map((row) => row.id)
}

/** Ticks a task off (keeping an earlier time) or reopens it, with a new version. */
export async function setTaskDone(trx: Transaction<DB>, taskId: string, done: boolean): Promise<void> {
  await trx
    .updateTable('task')
    .set({
      done_at: done ? sql<string>`coalesce(done_at, now())` : null,
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', taskId)
    .execute()
}

export function selectTaskStates(db: Kysely<DB>, taskIds: readonly string[]) {
  if (taskIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('task')
    .select(['id', 'done_at', 'due_on', 'assignee_id'])
    .where('id', 'in', [...taskIds])
    .execute()
}
