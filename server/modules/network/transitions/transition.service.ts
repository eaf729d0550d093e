import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { LegalSphere, TimelineEntry } from '../../../../common/casework.ts'
import {
  figurePeriodDays,
  type HandoverStep,
  type handoverStepUpdateSchema,
  type JobcenterContactFigure,
  type LegalSphereChange,
  type LegalSphereChangeList,
  type LegalSphereChangeListItem,
  type LegalSphereChangeReason,
  type legalSphereChangeInputSchema,
  recentChangeDays,
} from '../../../../common/legal-sphere.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { addDays, type DistrictTime, districtTime, districtTodays } from '../../../platform/district-time.ts'
import { Conflict, fieldError, PreconditionRequired } from '../../../platform/errors.ts'
import { type Actor, assertRecordVisible, authorize, ownDistrict } from '../../../platform/policy.ts'
import { recordAudit, recordAuditAlone } from '../../audit/index.ts'
import {
  authorizeCaseWork,
  authorizeLegalSphereChange,
  authorizePersonRead,
  contactsNaming,
  createTasksFor,
  markTaskDone,
  readableCases,
  readablePersons,
  setLegalSphere,
  taskStates,
} from '../../casework/index.ts'
import { displayNames, districtOrganisations } from '../../identity/index.ts'
import {
  type ChangeRow,
  insertChange,
  insertSteps,
  markApplied,
  selectChanges,
  selectChangesBetween,
  selectDistrictOfStep,
  selectDueChanges,
  selectLaterAppliedChange,
  selectStep,
  selectSteps,
  updateStepIfVersion,
} from './transition.queries.ts'

type ChangeInput = z.output<typeof legalSphereChangeInputSchema>

/**
 * The titles of the hand-over tasks. Tasks are stored with their title in the office's language
 * (German, as every record of the district); the web shows the checklist itself translated.
 */
export const stepTitles: Record<HandoverStep, string> = {
  'jobcenter-appointment': 'Termin beim Jobcenter vereinbaren',
  'benefit-application': 'Leistungsantrag stellen',
  'health-insurance': 'Krankenversicherung klären',
  housing: 'Wohnung und Kosten der Unterkunft klären',
  'language-course': 'Sprachkurs anmelden',
}

/**
 * The figure counts days to the first Jobcenter contact for changes into SGB II, the Jobcenter's
 * legal sphere. Median and mean only from this many changes with a contact on, so no single
 * person's hand-over can be read off it.
 */
export const figureMinimumCount = 3

/** Days from one calendar day to another. */
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)

/**
 * Records a legal-sphere change of a person. In one transaction: the change, one task per chosen
 * hand-over step (for the recording case manager, in the case given), and, when the change has
 * taken effect and no later one has, the person's current legal sphere (through case work).
 */
export async function recordChange(
  db: Kysely<DB>,
  actor: Actor,
  personId: string,
  input: ChangeInput,
  request: RequestContext,
): Promise<LegalSphereChange> {
  await authorizeLegalSphereChange(db, actor, personId)
  if (input.caseId) {
    await authorizeCaseWork(db, actor, input.caseId)
    const kase = (await readableCases(db, actor, [input.caseId])).get(input.caseId)
    if (!kase?.personIds.includes(personId)) throw fieldError('person-not-in-case', 'rule-broken', 'caseId')
  }
  const time = await districtTime(db, actor.districtId, request.now)
  const takesEffect =
    input.effectiveOn <= time.today && !(await selectLaterAppliedChange(db, personId, input.effectiveOn))
  const changeId = await db.transaction().execute(async (trx) => {
    const id = await insertChange(trx, {
      district_id: actor.districtId,
      person_id: personId,
      case_id: input.caseId,
      from_sphere: input.fromSphere,
      to_sphere: input.toSphere,
      effective_on: input.effectiveOn,
      reason: input.reason,
      note: input.note,
      recorded_by: actor.userId,
    })
    const taskIds = await createTasksFor(
      trx,
      actor,
      'legal-sphere-handover',
      input.steps.map((step) => ({
        title: `${stepTitles[step.step]} (${input.fromSphere} → ${input.toSphere})`,
        dueOn: step.dueOn,
        assigneeId: actor.userId,
        caseId: input.caseId,
        personId,
      })),
      request,
    )
    await insertSteps(
      trx,
      input.steps.map((step, index) => ({
        district_id: actor.districtId,
        change_id: id,
        step: step.step,
        task_id: taskIds[index] as string,
        due_on: step.dueOn,
      })),
    )
    if (takesEffect) {
      if (!(await setLegalSphere(trx, personId, input.toSphere, request))) throw new Conflict()
      await markApplied(trx, id)
    }
    await recordAudit(trx, {
      ...request,
      action: 'legal-sphere-change.create',
      subjectType: 'legal-sphere-change',
      subjectId: id,
    })
    return id
  })
  return readChange(db, actor, changeId, time)
}

/** The legal-sphere changes of a person, newest first, with their checklists. */
export async function listPersonChanges(
  db: Kysely<DB>,
  actor: Actor,
  personId: string,
  request: RequestContext,
): Promise<LegalSphereChange[]> {
  await authorizePersonRead(db, actor, personId)
  const rows = await selectChanges(db, { personIds: [personId] })
  await recordAuditAlone(db, {
    ...request,
    action: 'person.read',
    subjectType: 'person',
    subjectId: personId,
    purpose: 'legal-sphere-changes',
  })
  return presentChanges(db, actor.districtId, rows, await districtTime(db, actor.districtId, request.now))
}

/**
 * Marks a hand-over step as done on a day (or reopens it), and its task with it. Only who may
 * change the person may do so; another district's step answers 404.
 */
export async function updateStep(
  db: Kysely<DB>,
  actor: Actor,
  stepId: string,
  expectedVersion: number | undefined,
  input: z.output<typeof handoverStepUpdateSchema>,
  request: RequestContext,
): Promise<LegalSphereChange> {
  assertRecordVisible(actor, await selectDistrictOfStep(db, stepId), { type: 'handover-step', id: stepId })
  const step = await selectStep(db, stepId)
  if (!step) throw new Conflict()
  await authorizeLegalSphereChange(db, actor, step.person_id)
  if (expectedVersion === undefined) throw new PreconditionRequired()
  const time = await districtTime(db, actor.districtId, request.now)
  if (input.doneOn !== null && input.doneOn > time.today)
    throw fieldError('date-in-future', 'invalid', 'doneOn')
  await db.transaction().execute(async (trx) => {
    if (!(await updateStepIfVersion(trx, stepId, expectedVersion, input.doneOn))) throw new Conflict()
    if (step.task_id) await markTaskDone(trx, step.task_id, input.doneOn !== null, request)
    await recordAudit(trx, {
      ...request,
      action: 'legal-sphere-change.update',
      subjectType: 'handover-step',
      subjectId: stepId,
    })
  })
  return readChange(db, actor, step.change_id, time)
}

async function readChange(db: Kysely<DB>, actor: Actor, changeId: string, time: DistrictTime) {
  const rows = await selectChanges(db, { id: changeId })
  const [change] = await presentChanges(db, actor.districtId, rows, time)
  if (!change) throw new Error('change vanished while being read')
  return change
}

/**
 * Upcoming changes (tomorrow and later) and recent ones (the last 90 days) of the district, of
 * the persons the actor may read; the names shown are audited as one read.
 */
export async function listChanges(
  db: Kysely<DB>,
  actor: Actor,
  request: RequestContext,
): Promise<LegalSphereChangeList> {
  authorize(actor, 'legal-sphere-change.list', ownDistrict(actor))
  const time = await districtTime(db, actor.districtId, request.now)
  const rows = await selectChangesBetween(
    db,
    actor.districtId,
    time.daysFromToday(-recentChangeDays),
    time.daysFromToday(365 * 2),
  )
  const persons = await readablePersons(
    db,
    actor,
    rows.map((row) => row.person_id),
  )
  const visible = rows.filter((row) => persons.has(row.person_id))
  const cases = await readableCases(
    db,
    actor,
    visible.flatMap((row) => (row.case_id ? [row.case_id] : [])),
  )
  const changes = await presentChanges(db, actor.districtId, visible, time)
  const items: LegalSphereChangeListItem[] = changes.map((change) => {
    const person = persons.get(change.personId)
    return {
      ...change,
      person: { familyName: person?.familyName ?? '', givenNames: person?.givenNames ?? '' },
      caseReference: change.caseId ? (cases.get(change.caseId)?.reference ?? null) : null,
      upcoming: change.effectiveOn > time.today,
    }
  })
  if (items.length > 0)
    await recordAuditAlone(db, {
      ...request,
      action: 'legal-sphere-change.list',
      purpose: `persons:${new Set(items.map((item) => item.personId)).size}`,
    })
  return {
    today: time.today,
    // The nearest first for what lies ahead, the newest first for what has happened.
    upcoming: items.filter((item) => item.upcoming).reverse(),
    recent: items.filter((item) => !item.upcoming),
  }
}

/**
 * Days from a change into SGB II to the first Jobcenter contact, over the district's changes of
 * the last 365 days that have taken effect. An aggregate: no names, and median and mean only
 * from `figureMinimumCount` changes with a contact on.
 */
export async function jobcenterContactFigure(
  db: Kysely<DB>,
  actor: Actor,
  now: Date,
): Promise<JobcenterContactFigure> {
  authorize(actor, 'legal-sphere-change.figure', ownDistrict(actor))
  const time = await districtTime(db, actor.districtId, now)
  const from = time.daysFromToday(-figurePeriodDays)
  const rows = (await selectChangesBetween(db, actor.districtId, from, time.today, 100_000)).filter(
    (row) => row.to_sphere === 'SGB II',
  )
  const firsts = await firstJobcenterContacts(db, actor.districtId, rows, time)
  const days = rows
    .flatMap((row) => {
      const first = firsts.get(row.id)
      return first ? [Math.max(0, daysBetween(row.effective_on, first))] : []
    })
    .sort((a, b) => a - b)
  const shown = days.length >= figureMinimumCount
  const middle = Math.floor(days.length / 2)
  const median = days.length % 2 === 1 ? days[middle] : ((days[middle - 1] ?? 0) + (days[middle] ?? 0)) / 2
  return {
    from,
    to: time.today,
    changes: rows.length,
    withContact: days.length,
    withoutContact: rows.length - days.length,
    medianDays: shown ? (median ?? null) : null,
    meanDays: shown ? Math.round((days.reduce((sum, each) => sum + each, 0) / days.length) * 10) / 10 : null,
    withinFourteenDays: shown ? days.filter((each) => each <= 14).length : null,
    minimumCount: figureMinimumCount,
  }
}

/**
 * The first Jobcenter contact of each change into SGB II, as a calendar day of the district:
 * the earliest of
 * - the day the checklist step "Jobcenter appointment" happened (the day entered when it was
 *   marked done, or the day its task was ticked off), and
 * - the first counselling contact in the person's cases on or after the change's day whose other
 *   participants name the Jobcenter (the word "Jobcenter" or the name of one of the district's
 *   organisations of kind jobcenter).
 * An appointment arranged before the change counts as on its day (0 days: a seamless hand-over).
 */
export async function firstJobcenterContacts(
  db: Kysely<DB>,
  districtId: string,
  rows: readonly ChangeRow[],
  time: DistrictTime,
): Promise<Map<string, string>> {
  const firsts = new Map<string, string>()
  const intoJobcenter = rows.filter((row) => row.to_sphere === 'SGB II')
  if (intoJobcenter.length === 0) return firsts
  const steps = (
    await selectSteps(
      db,
      intoJobcenter.map((row) => row.id),
    )
  ).filter((step) => step.step === 'jobcenter-appointment')
  const tasks = await taskStates(
    db,
    steps.flatMap((step) => (step.task_id ? [step.task_id] : [])),
  )
  const jobcenters = (await districtOrganisations(db, districtId)).filter(
    (organisation) => organisation.kind === 'jobcenter',
  )
  const words = ['Jobcenter', ...jobcenters.map((organisation) => organisation.name)]
  const earliest = intoJobcenter.map((row) => row.effective_on).sort()[0] as string
  // A day earlier as an instant, so that no contact of the earliest day is missed in any zone.
  const contacts = await contactsNaming(
    db,
    intoJobcenter.map((row) => row.person_id),
    words,
    `${addDays(earliest, -1)}T00:00:00Z`,
  )
  for (const row of intoJobcenter) {
    const candidates: string[] = []
    const step = steps.find((each) => each.change_id === row.id)
    const stepDone = step?.done_on ?? taskDoneDay(step?.task_id ?? null, tasks, time)
    if (stepDone) candidates.push([stepDone, row.effective_on].sort()[1] as string)
    const contact = (contacts.get(row.person_id) ?? [])
      .map((instant) => time.dayOf(instant))
      .find((day) => day >= row.effective_on)
    if (contact) candidates.push(contact)
    const first = candidates.sort()[0]
    if (first) firsts.set(row.id, first)
  }
  return firsts
}

function taskDoneDay(
  taskId: string | null,
  tasks: Map<string, { doneAt: string | null }>,
  time: DistrictTime,
): string | null {
  const doneAt = taskId ? tasks.get(taskId)?.doneAt : null
  return doneAt ? time.dayOf(doneAt) : null
}

async function presentChanges(
  db: Kysely<DB>,
  districtId: string,
  rows: readonly ChangeRow[],
  time: DistrictTime,
): Promise<LegalSphereChange[]> {
  const ids = rows.map((row) => row.id)
  const [steps, names, firsts] = await Promise.all([
    selectSteps(db, ids),
    displayNames(
      db,
      districtId,
      rows.map((row) => row.recorded_by),
    ),
    firstJobcenterContacts(db, districtId, rows, time),
  ])
  const tasks = await taskStates(
    db,
    steps.flatMap((step) => (step.task_id ? [step.task_id] : [])),
  )
  return rows.map((row) => ({
    id: row.id,
    personId: row.person_id,
    caseId: row.case_id,
    fromSphere: row.from_sphere as LegalSphere,
    toSphere: row.to_sphere as LegalSphere,
    effectiveOn: row.effective_on,
    reason: row.reason as LegalSphereChangeReason,
    note: row.note,
    applied: row.applied_at !== null,
    recordedBy: names.get(row.recorded_by) ?? '',
    recordedAt: row.created_at,
    steps: steps
      .filter((step) => step.change_id === row.id)
      .map((step) => ({
        id: step.id,
        step: step.step as HandoverStep,
        dueOn: step.due_on,
        doneOn: step.done_on ?? taskDoneDay(step.task_id, tasks, time),
        taskId: step.task_id,
        version: step.version,
      }))
      .sort((a, b) => stepOrder(a.step) - stepOrder(b.step)),
    firstJobcenterContactOn: firsts.get(row.id) ?? null,
  }))
}

const stepOrder = (step: HandoverStep) => Object.keys(stepTitles).indexOf(step)

/** The case timeline's entries: the changes of the case's persons. Called after `case.read`. */
export async function changeTimelineEntries(
  db: Kysely<DB>,
  subject: { districtId: string; caseId: string; personIds: string[] },
): Promise<TimelineEntry[]> {
  const rows = await selectChanges(db, { personIds: subject.personIds })
  const names = await displayNames(
    db,
    subject.districtId,
    rows.map((row) => row.recorded_by),
  )
  return rows.map((row) => ({
    kind: 'legal-sphere-change' as const,
    id: row.id,
    at: row.created_at,
    actorName: names.get(row.recorded_by) ?? null,
    summary: {
      from: row.from_sphere,
      to: row.to_sphere,
      effectiveOn: row.effective_on,
      reason: row.reason,
    },
  }))
}

/**
 * Sets the current legal sphere of persons whose recorded change has reached its day, once,
 * through case work; idempotent (each change is marked applied). Runs as a job.
 */
export async function applyDueChanges(db: Kysely<DB>, now: Date): Promise<number> {
  const days = await districtTodays(db, null, now)
  const due = await selectDueChanges(db, days)
  for (const change of due) {
    await db.transaction().execute(async (trx) => {
      const request: RequestContext = {
        actorId: null,
        actorRoles: [],
        districtId: change.district_id,
        requestId: 'job:legal-sphere-changes',
        clientPseudonym: '',
        now,
      }
      // A person merged meanwhile keeps the sphere of the record they were merged into.
      if (!(await selectLaterAppliedChange(trx, change.person_id, change.effective_on)))
        await setLegalSphere(trx, change.person_id, change.to_sphere as LegalSphere, request)
      await markApplied(trx, change.id)
    })
  }
  return due.length
}
