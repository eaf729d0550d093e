import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { Task, taskInputSchema, taskUpdateSchema } from '../../../../common/casework.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { districtTime, districtTodays } from '../../../platform/district-time.ts'
import { Conflict, PreconditionRequired } from '../../../platform/errors.ts'
import { type Actor, authorize, keepsTasks, ownDistrict } from '../../../platform/policy.ts'
import { recordAudit } from '../../audit/index.ts'
import { activeUsers, displayNames } from '../../identity/index.ts'
import { loadCaseSubject, loadPersonSubject, loadTaskSubject, ruleViolation } from '../casework.access.ts'
import {
  insertResidenceExpiryTasks,
  insertTask,
  selectTasks,
  type TaskRow,
  updateTaskIfVersion,
} from './task.queries.ts'

/** Tasks as the API shows them, with their assignees' names (from identity). */
async function presentTasks(
  db: Kysely<DB>,
  districtId: string,
  rows: readonly TaskRow[],
  now: Date,
): Promise<Task[]> {
  const { today } = await districtTime(db, districtId, now)
  const names = await displayNames(
    db,
    districtId,
    rows.map((row) => row.assignee_id),
  )
  return rows.map((row) => presentTask(row, names.get(row.assignee_id) ?? '', today))
}

/** A task as the API shows it; overdue from 00:00 of the day after its due day, in the district's calendar. */
const presentTask = (row: TaskRow, assigneeName: string, today: string): Task => ({
  id: row.id,
  title: row.title,
  dueOn: row.due_on,
  assigneeId: row.assignee_id,
  assigneeName,
  caseId: row.case_id,
  caseReference: row.case_reference,
  personId: row.person_id,
  source: row.source as Task['source'],
  doneAt: row.done_at,
  overdue: row.done_at === null && row.due_on < today,
  version: row.version,
})

/** My tasks (Wiedervorlagen), overdue first, then by due date. */
export async function listMyTasks(
  db: Kysely<DB>,
  actor: Actor,
  include: 'open' | 'all',
  now: Date,
): Promise<Task[]> {
  authorize(actor, 'task.own', ownDistrict(actor))
  const rows = await selectTasks(db, { assigneeId: actor.userId, openOnly: include === 'open' })
  return presentTasks(db, actor.districtId, rows, now)
}

/** The tasks of a case, for the case's own page. */
export async function listCaseTasks(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  now: Date,
): Promise<Task[]> {
  authorize(actor, 'case.read', await loadCaseSubject(db, actor, caseId))
  return presentTasks(db, actor.districtId, await selectTasks(db, { caseId }), now)
}

async function readTask(db: Kysely<DB>, actor: Actor, id: string, now: Date): Promise<Task> {
  const [task] = await presentTasks(db, actor.districtId, await selectTasks(db, { id }), now)
  if (!task) throw new Error('task vanished while being read')
  return task
}

async function assertAssignee(db: Kysely<DB>, actor: Actor, assigneeId: string) {
  const [user] = await activeUsers(db, actor.districtId, [assigneeId])
  if (!user || !keepsTasks(user.roles)) throw ruleViolation('unknown-reference', 'assigneeId')
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
  const id = await db.transaction().execute(async (trx) => {
    const taskId = await insertTask(trx, {
      district_id: actor.districtId,
      title: input.title,
      due_on: input.dueOn,
      assignee_id: assigneeId,
      case_id: input.caseId,
      person_id: input.personId,
      created_by: actor.userId,
    })
    await recordAudit(trx, { ...request, action: 'task.create', subjectType: 'task', subjectId: taskId })
    return taskId
  })
  return readTask(db, actor, id, request.now)
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
    const changes = {
      title: input.title,
      due_on: input.dueOn,
      assignee_id: input.assigneeId,
      done: input.done,
    }
    if (!(await updateTaskIfVersion(trx, taskId, expectedVersion, changes))) throw new Conflict()
    await recordAudit(trx, { ...request, action: 'task.update', subjectType: 'task', subjectId: taskId })
  })
  return readTask(db, actor, taskId, request.now)
}

/**
 * Makes a reminder N days (the district's setting) before each recorded residence title runs out,
 * for the person's case manager, or whoever registered the person when there is no open case.
 * Idempotent: the source key names the residence status, so a second run adds nothing.
 */
export async function refreshResidenceExpiryTasks(
  db: Kysely<DB>,
  districtId: string | null,
  scope: { now: Date; residenceStatusId?: string },
): Promise<number> {
  const days = await districtTodays(db, districtId, scope.now)
  return insertResidenceExpiryTasks(db, days, scope)
}
