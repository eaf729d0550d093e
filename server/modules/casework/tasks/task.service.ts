import { type Kysely, type SqlBool, sql } from 'kysely'
import type { z } from 'zod'
import type { Task, taskInputSchema, taskUpdateSchema } from '../../../../common/casework.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { Conflict, PreconditionRequired } from '../../../platform/errors.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { recordAudit } from '../../audit/index.ts'
import {
  loadCaseSubject,
  loadPersonSubject,
  loadTaskSubject,
  ruleViolation,
  today,
} from '../casework.access.ts'

function taskQuery(db: Kysely<DB>) {
  return db
    .selectFrom('task')
    .innerJoin('app_user', 'app_user.id', 'task.assignee_id')
    .leftJoin('client_case', 'client_case.id', 'task.case_id')
    .selectAll('task')
    .select(['app_user.display_name as assignee_name', 'client_case.reference as case_reference'])
}

type TaskRow = Awaited<ReturnType<ReturnType<typeof taskQuery>['execute']>>[number]

const presentTask = (row: TaskRow): Task => ({
  id: row.id,
  title: row.title,
  dueOn: row.due_on,
  assigneeId: row.assignee_id,
  assigneeName: row.assignee_name,
  caseId: row.case_id,
  caseReference: row.case_reference,
  personId: row.person_id,
  source: row.source as Task['source'],
  doneAt: row.done_at,
  overdue: row.done_at === null && row.due_on < today(),
  version: row.version,
})

/** My tasks (Wiedervorlagen), overdue first, then by due date. */
export async function listMyTasks(db: Kysely<DB>, actor: Actor, include: 'open' | 'all'): Promise<Task[]> {
  authorize(actor, 'task.own', ownDistrict(actor))
  let query = taskQuery(db).where('task.assignee_id', '=', actor.userId)
  if (include === 'open') query = query.where('task.done_at', 'is', null)
  const rows = await query.orderBy('task.done_at', 'desc').orderBy('task.due_on').limit(500).execute()
  return rows.map(presentTask)
}

/** The tasks of a case, for the case's own page. */
export async function listCaseTasks(db: Kysely<DB>, actor: Actor, caseId: string): Promise<Task[]> {
  authorize(actor, 'case.read', await loadCaseSubject(db, actor, caseId))
  const rows = await taskQuery(db).where('task.case_id', '=', caseId).orderBy('task.due_on').execute()
  return rows.map(presentTask)
}

async function readTask(db: Kysely<DB>, id: string): Promise<Task> {
  return presentTask(await taskQuery(db).where('task.id', '=', id).executeTakeFirstOrThrow())
}

async function assertAssignee(db: Kysely<DB>, actor: Actor, assigneeId: string) {
  const user = await db
    .selectFrom('app_user')
    .select('roles')
    .where('id', '=', assigneeId)
    .where('district_id', '=', actor.districtId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst()
  if (!user || user.roles.includes('partner')) throw ruleViolation('unknown-reference', 'body.assigneeId')
}

export async function createTask(
  db: Kysely<DB>,
  actor: Actor,
  input: z.output<typeof taskInputSchema>,
  request: RequestContext,
): Promise<Task> {
  authorize(actor, 'task.own', ownDistrict(actor))
  // A task about a case or person may only be linked by someone who may see it.
  if (input.caseId) authorize(actor, 'case.read', await loadCaseSubject(db, actor, input.caseId))
  if (input.personId) authorize(actor, 'person.read', await loadPersonSubject(db, actor, input.personId))
  const assigneeId = input.assigneeId ?? actor.userId
  await assertAssignee(db, actor, assigneeId)
  if (input.dueOn < '2000-01-01') throw ruleViolation('invalid-input', 'body.dueOn', 400)
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('task')
      .values({
        district_id: actor.districtId,
        title: input.title,
        due_on: input.dueOn,
        assignee_id: assigneeId,
        case_id: input.caseId,
        person_id: input.personId,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, { ...request, action: 'task.create', subjectType: 'task', subjectId: row.id })
    return row.id
  })
  return readTask(db, id)
}

export async function updateTask(
  db: Kysely<DB>,
  actor: Actor,
  taskId: string,
  expectedVersion: number | undefined,
  input: z.output<typeof taskUpdateSchema>,
  request: RequestContext,
): Promise<Task> {
  const { subject } = await loadTaskSubject(db, actor, taskId)
  authorize(actor, 'task.manage', subject)
  if (expectedVersion === undefined) throw new PreconditionRequired()
  await assertAssignee(db, actor, input.assigneeId)
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('task')
      .set({
        title: input.title,
        due_on: input.dueOn,
        assignee_id: input.assigneeId,
        done_at: input.done ? sql`coalesce(done_at, now())` : null,
        version: sql`version + 1`,
        updated_at: sql`now()`,
      })
      .where('id', '=', taskId)
      .where('version', '=', expectedVersion)
      .executeTakeFirst()
    if (result.numUpdatedRows !== 1n) throw new Conflict()
    await recordAudit(trx, { ...request, action: 'task.update', subjectType: 'task', subjectId: taskId })
  })
  return readTask(db, taskId)
}

/**
 * Makes a reminder N days (the district's setting) before each recorded residence title runs out,
 * for the person's case manager, or whoever registered the person when there is no open case.
 * Idempotent: the source key names the residence status, so a second run adds nothing.
 */
export async function refreshResidenceExpiryTasks(
  db: Kysely<DB>,
  districtId: string | null,
  scope: { residenceStatusId?: string } = {},
): Promise<number> {
  const conditions = [sql<SqlBool>`rs.valid_until IS NOT NULL`, sql<SqlBool>`rs.valid_until >= current_date`]
  if (districtId) conditions.push(sql<SqlBool>`rs.district_id = ${districtId}`)
  if (scope.residenceStatusId) conditions.push(sql<SqlBool>`rs.id = ${scope.residenceStatusId}`)
  const result = await sql`
    INSERT INTO task (district_id, title, due_on, assignee_id, person_id, case_id, source, source_key)
    SELECT rs.district_id,
      'Aufenthaltstitel läuft ab',
      greatest(current_date, rs.valid_until - coalesce(s.residence_expiry_lead_days, 90)),
      coalesce(open_case.manager_id, p.registered_by),
      rs.person_id,
      open_case.case_id,
      'residence-expiry',
      'residence-expiry:' || rs.id
    FROM residence_status rs
    JOIN person p ON p.id = rs.person_id AND p.merged_into IS NULL
    LEFT JOIN case_work_setting s ON s.district_id = rs.district_id
    LEFT JOIN LATERAL (
      SELECT c.id AS case_id, (SELECT min(m.user_id::text)::uuid FROM case_manager m WHERE m.case_id = c.id) AS manager_id
      FROM case_person cp JOIN client_case c ON c.id = cp.case_id
      WHERE cp.person_id = rs.person_id AND c.phase <> 'closed'
      ORDER BY c.opened_on DESC LIMIT 1
    ) open_case ON true
    WHERE ${sql.join(conditions, sql` AND `)}
      AND rs.valid_until - coalesce(s.residence_expiry_lead_days, 90) <= current_date + 365
      -- The same title recorded again (there is no editing, so a correction is a new entry) gets no second reminder.
      AND NOT EXISTS (
        SELECT 1 FROM residence_status earlier
        JOIN task t ON t.district_id = earlier.district_id AND t.source_key = 'residence-expiry:' || earlier.id
        WHERE earlier.person_id = rs.person_id AND earlier.valid_until = rs.valid_until AND earlier.id <> rs.id)
    ON CONFLICT (district_id, source_key) DO NOTHING`.execute(db)
  return Number(result.numAffectedRows ?? 0)
}
