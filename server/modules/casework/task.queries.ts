import { type Kysely, sql } from 'kysely'
import type { TaskDueGroup } from '../../../common/casework.ts'
import type { DB } from '../../db/schema.ts'

/**
 * Tasks with what their list shows: the assignee's name, the case reference, the person the task
 * is about (the service decides whether the actor may see the name) and, for residence reminders,
 * the title that runs out (found through the reminder's source key, `residence-expiry:<id>`).
 */
export function taskQuery(db: Kysely<DB>) {
  return db
    .selectFrom('task')
    .innerJoin('app_user', 'app_user.id', 'task.assignee_id')
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
      'app_user.display_name as assignee_name',
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

export type TaskRow = Awaited<ReturnType<ReturnType<typeof taskQuery>['execute']>>[number]

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
  const row = await query
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
  return row
}
