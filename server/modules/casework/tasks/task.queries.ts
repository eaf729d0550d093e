import { type Kysely, type SqlBool, sql, type Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'

/** Tasks with the reference of their case; assignee names come from identity. */
export function selectTasks(
  db: Kysely<DB>,
  filter: { assigneeId: string; openOnly: boolean } | { caseId: string } | { id: string },
) {
  let query = db
    .selectFrom('task')
    .leftJoin('client_case', 'client_case.id', 'task.case_id')
    .selectAll('task')
    .select('client_case.reference as case_reference')
  if ('id' in filter) return query.where('task.id', '=', filter.id).execute()
  if ('caseId' in filter)
    return query.where('task.case_id', '=', filter.caseId).orderBy('task.due_on').execute()
  query = query.where('task.assignee_id', '=', filter.assigneeId)
  if (filter.openOnly) query = query.where('task.done_at', 'is', null)
  return query.orderBy('task.done_at', 'desc').orderBy('task.due_on').limit(500).execute()
}

export type TaskRow = Awaited<ReturnType<typeof selectTasks>>[number]

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
export async function updateTaskIfVersion(
  trx: Transaction<DB>,
  taskId: string,
  expectedVersion: number,
  changes: { title: string; due_on: string; assignee_id: string; done: boolean },
): Promise<boolean> {
  const result = await trx
    .updateTable('task')
    .set({
      title: changes.title,
      due_on: changes.due_on,
      assignee_id: changes.assignee_id,
      done_at: changes.done ? sql`coalesce(done_at, now())` : null,
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', taskId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

/**
 * The residence-expiry reminders that are due and missing, in one statement (see
 * refreshResidenceExpiryTasks). `days` names each district's today: a title that runs out today
 * is still valid there, whatever UTC says.
 */
export async function insertResidenceExpiryTasks(
  db: Kysely<DB>,
  days: readonly { districtId: string; today: string }[],
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
      greatest(local.today, rs.valid_until - coalesce(s.residence_expiry_lead_days, 90)),
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
      AND rs.valid_until - coalesce(s.residence_expiry_lead_days, 90) <= local.today + 365
      -- The same title recorded again (there is no editing, so a correction is a new entry) gets no second reminder.
      AND NOT EXISTS (
        SELECT 1 FROM residence_status earlier
        JOIN task t ON t.district_id = earlier.district_id AND t.source_key = 'residence-expiry:' || earlier.id
        WHERE earlier.person_id = rs.person_id AND earlier.valid_until = rs.valid_until AND earlier.id <> rs.id)
    ON CONFLICT (district_id, source_key) DO NOTHING`.execute(db)
  return Number(result.numAffectedRows ?? 0)
}
