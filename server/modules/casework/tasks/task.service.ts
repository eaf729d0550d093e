import type { Kysely, Transaction } from 'kysely'
import type { z } from 'zod'
import type {
  ResidenceStatusKind,
  Task,
  TaskDueGroup,
  TaskPage,
  taskInputSchema,
  taskListQuerySchema,
  taskUpdateSchema,
} from '../../../../common/casework.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { addDays, districtTime, districtTodays } from '../../../platform/district-time.ts'
import { Conflict, PreconditionRequired } from '../../../platform/errors.ts'
import { type Actor, authorize, can, keepsTasks, ownDistrict } from '../../../platform/policy.ts'
import { recordAudit, recordAuditAlone } from '../../audit/index.ts'
import { activeUsers, displayNames } from '../../identity/index.ts'
import { publishEvent } from '../../integration/index.ts'
import {
  loadCaseSubject,
  loadPersonSubject,
  loadTaskSubject,
  type PersonFacts,
  personSubjects,
  ruleViolation,
} from '../casework.access.ts'
import { defaultCaseWorkSettings } from '../settings/settings.service.ts'
import {
  countAssigneeTasks,
  type DayBounds,
  insertResidenceExpiryTasks,
  insertSourcedTasks,
  insertTask,
  selectAssigneeTaskPage,
  selectTaskStates,
  selectTasks,
  setTaskDone,
  type TaskRow,
  updateTaskIfVersion,
} from './task.queries.ts'

/** Today and the coming Sunday (today on a Sunday): the days that split the reminders into groups. */
export function dayBounds(today: string): DayBounds {
  const weekday = new Date(`${today}T12:00:00Z`).getUTCDay()
  return { today, weekEnd: addDays(today, (7 - weekday) % 7) }
}

/** The day bounds in the district's calendar (Europe/Berlin unless the district says otherwise). */
async function districtDayBounds(db: Kysely<DB>, districtId: string, now: Date): Promise<DayBounds> {
  return dayBounds((await districtTime(db, districtId, now)).today)
}

function dueGroup(row: TaskRow, days: DayBounds): TaskDueGroup {
  if (row.done_at !== null) return 'done'
  if (row.due_on < days.today) return 'overdue'
  if (row.due_on === days.today) return 'today'
  return row.due_on <= days.weekEnd ? 'this-week' : 'later'
}

/** The policy's view of the persons the tasks are about, for deciding who may see their names. */
async function taskPersonSubjects(db: Kysely<DB>, actor: Actor, rows: readonly TaskRow[]) {
  const persons = new Map<string, PersonFacts>()
  for (const row of rows) {
    if (row.person_id && row.person_district_id && row.person_registered_by) {
      persons.set(row.person_id, {
        id: row.person_id,
        district_id: row.person_district_id,
        registered_by: row.person_registered_by,
        registered_team_id: row.person_registered_team_id,
      })
    }
  }
  return persons.size > 0 ? personSubjects(db, actor.districtId, [...persons.values()]) : new Map()
}

/**
 * Tasks as the API shows them, with their assignees' names (from identity). The name of the
 * person a task is about is shown only to whom the policy lets read that person: a reminder can
 * outlive the assignee's access (a handed-over case).
 */
async function presentTasks(
  db: Kysely<DB>,
  actor: Actor,
  rows: readonly TaskRow[],
  days: DayBounds,
): Promise<Task[]> {
  const [names, subjects] = await Promise.all([
    displayNames(
      db,
      actor.districtId,
      rows.map((row) => row.assignee_id),
    ),
    taskPersonSubjects(db, actor, rows),
  ])
  return rows.map((row) => {
    const subject = row.person_id ? subjects.get(row.person_id) : undefined
    const visible = subject !== undefined && can(actor, 'person.read', subject)
    const group = dueGroup(row, days)
    return {
      id: row.id,
      title: row.title,
      dueOn: row.due_on,
      assigneeId: row.assignee_id,
      assigneeName: names.get(row.assignee_id) ?? '',
      caseId: row.case_id,
      caseReference: row.case_reference,
      personId: row.person_id,
      source: row.source as Task['source'],
      doneAt: row.done_at,
      overdue: group === 'overdue',
      dueGroup: group,
      person:
        visible && row.person_id && row.person_family_name !== null && row.person_given_names !== null
          ? { id: row.person_id, familyName: row.person_family_name, givenNames: row.person_given_names }
          : null,
      residence:
        row.residence_status !== null && row.residence_valid_until !== null
          ? { status: row.residence_status as ResidenceStatusKind, validUntil: row.residence_valid_until }
          : null,
      version: row.version,
    }
  })
}

/**
 * My tasks (Wiedervorlagen), one page at a time: overdue first, then by due date, or one group
 * only; with how many fall into each group over all pages. Names of persons shown are a read of
 * personal data: audited.
 */
export async function listMyTasks(
  db: Kysely<DB>,
  actor: Actor,
  query: z.output<typeof taskListQuerySchema>,
  request: RequestContext,
): Promise<TaskPage> {
  authorize(actor, 'task.own', ownDistrict(actor))
  const days = await districtDayBounds(db, actor.districtId, request.now)
  const [rows, counts] = await Promise.all([
    selectAssigneeTaskPage(db, actor.userId, query, days, query),
    countAssigneeTasks(db, actor.userId, query.include, days),
  ])
  const groups = {
    overdue: counts.overdue,
    today: counts.today,
    'this-week': counts.thisWeek,
    later: counts.later,
    done: counts.done,
  }
  const items = await presentTasks(db, actor, rows, days)
  const named = items.filter((task) => task.person !== null).length
  if (named > 0) await recordAuditAlone(db, { ...request, action: 'task.list', purpose: `persons:${named}` })
  return {
    items,
    total: query.group ? groups[query.group] : counts.total,
    limit: query.limit,
    offset: query.offset,
    groups,
  }
}

/** The tasks of a case, for the case's own page. */
export async function listCaseTasks(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  now: Date,
): Promise<Task[]> {
  authorize(actor, 'case.read', await loadCaseSubject(db, actor, caseId))
  const rows = await selectTasks(db, { caseId })
  return presentTasks(db, actor, rows, await districtDayBounds(db, actor.districtId, now))
}

async function readTask(db: Kysely<DB>, actor: Actor, id: string, now: Date): Promise<Task> {
  const rows = await selectTasks(db, { id })
  const [task] = await presentTasks(db, actor, rows, await districtDayBounds(db, actor.districtId, now))
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
    await publishEvent(trx, actor.districtId, 'task.created', {
      taskId,
      caseId: input.caseId ?? null,
      dueOn: input.dueOn ?? null,
      assigneeId,
    })
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
  return insertResidenceExpiryTasks(db, days, defaultCaseWorkSettings.residenceExpiryLeadDays, scope)
}

/** The sources of tasks other modules make; case work's own are 'manual' and 'residence-expiry'. */
export type ForeignTaskSource = 'legal-sphere-handover' | 'case-conference'

/**
 * Tasks another module makes inside its own transaction (a hand-over checklist, a conference's
 * agreed actions). The caller has authorised the work; the assignees must keep tasks in the
 * district. Each task is audited as created.
 */
export async function createTasksFor(
  trx: Transaction<DB>,
  actor: Actor,
  source: ForeignTaskSource,
  tasks: readonly {
    title: string
    dueOn: string
    assigneeId: string
    caseId: string | null
    personId: string | null
  }[],
  request: RequestContext,
): Promise<string[]> {
  const assignees = await activeUsers(trx, actor.districtId, [
    ...new Set(tasks.map((task) => task.assigneeId)),
  ])
  for (const task of tasks) {
    const user = assignees.find((each) => each.id === task.assigneeId)
    if (!user || !keepsTasks(user.roles)) throw ruleViolation('unknown-reference', 'assigneeId')
  }
  const ids = await insertSourcedTasks(
    trx,
    tasks.map((task) => ({
      district_id: actor.districtId,
      title: task.title,
      due_on: task.dueOn,
      assignee_id: task.assigneeId,
      case_id: task.caseId,
      person_id: task.personId,
      source,
      created_by: actor.userId,
    })),
  )
  for (const id of ids) {
    await recordAudit(trx, { ...request, action: 'task.create', subjectType: 'task', subjectId: id })
  }
  return ids
}

/** Ticks off or reopens a task another module made, in that module's transaction; audited. */
export async function markTaskDone(
  trx: Transaction<DB>,
  taskId: string,
  done: boolean,
  request: RequestContext,
): Promise<void> {
  await setTaskDone(trx, taskId, done)
  await recordAudit(trx, { ...request, action: 'task.update', subjectType: 'task', subjectId: taskId })
}

/** Whether tasks are done, and when, for a module that shows the tasks it made. */
export async function taskStates(
  db: Kysely<DB>,
  taskIds: readonly string[],
): Promise<Map<string, { doneAt: string | null; dueOn: string; assigneeId: string }>> {
  const rows = await selectTaskStates(db, taskIds)
  return new Map(
    rows.map((row) => [row.id, { doneAt: row.done_at, dueOn: row.due_on, assigneeId: row.assignee_id }]),
  )
}
