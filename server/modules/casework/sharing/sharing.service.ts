import type { Kysely } from 'kysely'
import type { ShareableField } from '../../../../common/consent.ts'
import { instantOfLocalTime } from '../../../../common/dates.ts'
import type { DB } from '../../../db/schema.ts'
import { NotFound } from '../../../platform/errors.ts'
import { type Actor, authorize } from '../../../platform/policy.ts'
import { loadCaseSubject, loadPersonSubject } from '../casework.access.ts'
import {
  type CaseloadGrouping,
  closeTasksOfSource,
  deleteSourcedTask,
  type FollowUpTaskRow,
  insertFollowUpTasks,
  insertSourcedTask,
  insertTasksOfSource,
  selectActiveCasesByMonth,
  selectCaseOutline,
  selectCaseReferences,
  selectContactsByMonth,
  selectHouseholdForSharing,
  selectLatestAssessmentEntries,
  selectLatestResidenceStatus,
  selectMeasureOfCase,
  selectOpenPlan,
  selectPersonForSharing,
  selectPersonNames,
  selectTasksBySourceKey,
  selectTasksOfSource,
  updateSourcedTask,
} from './sharing.queries.ts'

/**
 * What case work offers the network module: the policy's subjects of persons and cases, a case's
 * outline, and the values of the fields a referral shares. Nothing here authorises sharing; the
 * consent ledger decides that before it asks for the values.
 */

/** The person as the policy sees it, after the "other district answers 404" rule. */
export async function personSubjectFor(db: Kysely<DB>, actor: Actor, personId: string) {
  return loadPersonSubject(db, actor, personId)
}

/** Authorises an action on a person (read, update, or the network's consent.manage) and answers the subject. */
export async function authorizeOnPerson(
  db: Kysely<DB>,
  actor: Actor,
  action: 'person.read' | 'consent.manage' | 'consent.revoke',
  personId: string,
) {
  const subject = await loadPersonSubject(db, actor, personId)
  authorize(actor, action, subject)
  return subject
}

/** The case as the policy sees it, after the "other district answers 404" rule. */
export async function caseSubjectFor(db: Kysely<DB>, actor: Actor, caseId: string) {
  return loadCaseSubject(db, actor, caseId)
}

/** A case's reference, phase, managers and persons; undefined when there is no such case. */
export async function caseOutline(db: Kysely<DB>, caseId: string) {
  return selectCaseOutline(db, caseId)
}

export async function caseReferences(
  db: Kysely<DB>,
  caseIds: readonly string[],
): Promise<Map<string, string>> {
  const rows = await selectCaseReferences(db, [...new Set(caseIds)])
  return new Map(rows.map((row) => [row.id, row.reference]))
}

/** Names of persons, for lists the actor has already been authorised to see. */
export async function personNames(db: Kysely<DB>, personIds: readonly string[]) {
  const rows = await selectPersonNames(db, [...new Set(personIds)])
  return new Map(
    rows.map((row) => [
      row.id,
      { familyName: row.family_name, givenNames: row.given_names, birthDate: row.birth_date },
    ]),
  )
}

/** A measure of the plan, to send it to the partner organisation that owns it. */
export async function measureOfCase(db: Kysely<DB>, caseId: string, measureId: string) {
  const row = await selectMeasureOfCase(db, caseId, measureId)
  if (!row) throw new NotFound()
  return {
    id: row.id,
    description: row.description,
    owner: row.owner,
    organisationId: row.organisation_id,
    dueOn: row.due_on,
    status: row.status,
  }
}

export type SharedValue = string | string[] | Record<string, unknown> | Record<string, unknown>[] | null

/**
 * The values of exactly the named fields of a person in a case, and nothing else. The caller has
 * checked that a valid consent (or a stated legal basis) covers every one of them.
 */
export async function sharedFieldValues(
  db: Kysely<DB>,
  subject: { caseId: string; personId: string },
  fields: readonly ShareableField[],
): Promise<Partial<Record<ShareableField, SharedValue>>> {
  if (fields.length === 0) return {}
  const person = await selectPersonForSharing(db, subject.personId)
  if (!person) throw new NotFound()
  const values: Partial<Record<ShareableField, SharedValue>> = {}
  for (const field of fields) {
    switch (field) {
      case 'familyName':
        values.familyName = person.family_name
        break
      case 'givenNames':
        values.givenNames = person.given_names
        break
      case 'birthDate':
        values.birthDate = person.birth_date
        break
      case 'nationalities':
        values.nationalities = person.nationalities
        break
      case 'languages':
        values.languages = person.languages.map((language) => language.code)
        break
      case 'phone':
        values.phone = person.phone
        break
      case 'email':
        values.email = person.email
        break
      case 'address':
        values.address = {
          street: person.address_street,
          postcode: person.address_postcode,
          city: person.address_city,
        }
        break
      case 'residenceStatus': {
        const status = await selectLatestResidenceStatus(db, subject.personId)
        values.residenceStatus = status
          ? {
              status: status.status,
              legalParagraph: status.legal_paragraph,
              validFrom: status.valid_from,
              validUntil: status.valid_until,
            }
          : null
        break
      }
      case 'legalSphere':
        values.legalSphere = person.legal_sphere
        break
      case 'assessment': {
        const entries = await selectLatestAssessmentEntries(db, subject.caseId)
        values.assessment = entries.map((entry) => ({ domain: entry.domain, needLevel: entry.need_level }))
        break
      }
      case 'household': {
        const members = await selectHouseholdForSharing(db, subject.personId)
        values.household = members.map((member) => ({
          relation: member.relation,
          givenNames: member.given_names,
          birthDate: member.birth_date,
        }))
        break
      }
      case 'goalsAndMeasures': {
        const [goals, measures] = await selectOpenPlan(db, subject.caseId)
        values.goalsAndMeasures = [
          ...goals.map((goal) => ({ kind: 'goal', domain: goal.domain, text: goal.statement })),
          ...measures.map((measure) => ({
            kind: 'measure',
            text: measure.description,
            dueOn: measure.due_on,
          })),
        ]
        break
      }
    }
  }
  return values
}

export type FollowUpTask = {
  districtId: string
  caseId: string
  personId: string
  title: string
  dueOn: string
  /** What the task is for; the same key never makes a second task. */
  sourceKey: string
}

/** Reminders for the case's manager that come from another module (an unanswered referral). Idempotent. */
export async function ensureFollowUpTasks(db: Kysely<DB>, tasks: readonly FollowUpTask[]): Promise<number> {
  const rows: FollowUpTaskRow[] = tasks.map((task) => ({
    district_id: task.districtId,
    title: task.title,
    due_on: task.dueOn,
    case_id: task.caseId,
    person_id: task.personId,
    source_key: task.sourceKey,
  }))
  let inserted = 0
  // In slices, so that a district with many overdue referrals makes no statement too large.
  for (let start = 0; start < rows.length; start += 500)
    inserted += await insertFollowUpTasks(db, rows.slice(start, start + 500))
  return inserted
}

export type ActionItemTask = {
  districtId: string
  title: string
  dueOn: string
  /** A user of the district who keeps tasks; the caller has checked that. */
  assigneeId: string
  createdBy: string
  /** The action item the task is for; the same key never makes a second task. */
  sourceKey: string
}

/**
 * A reminder for the owner of a meeting's action item (steering), not tied to a case. Runs in the
 * caller's transaction, so the action item and its task are stored together or not at all.
 */
export async function createActionItemTask(db: Kysely<DB>, task: ActionItemTask): Promise<string> {
  return insertSourcedTask(db, {
    district_id: task.districtId,
    title: task.title,
    due_on: task.dueOn,
    assignee_id: task.assigneeId,
    created_by: task.createdBy,
    source: 'meeting-action',
    source_key: task.sourceKey,
  })
}

/**
 * Keeps an action item's task in step when the action item is edited before the minutes are
 * approved: title, due day and owner follow it. Runs in the caller's transaction; answers the
 * task's id, or undefined when the action item never had one.
 */
export async function updateActionItemTask(
  db: Kysely<DB>,
  task: Omit<ActionItemTask, 'createdBy'>,
): Promise<string | undefined> {
  return updateSourcedTask(db, {
    district_id: task.districtId,
    source: 'meeting-action',
    source_key: task.sourceKey,
    title: task.title,
    due_on: task.dueOn,
    assignee_id: task.assigneeId,
  })
}

/** Removes an action item's task with the action item (in the caller's transaction); answers its id. */
export async function removeActionItemTask(
  db: Kysely<DB>,
  task: { districtId: string; sourceKey: string },
): Promise<string | undefined> {
  return deleteSourcedTask(db, {
    district_id: task.districtId,
    source: 'meeting-action',
    source_key: task.sourceKey,
  })
}

export type WarningTask = { title: string; dueOn: string; sourceKey: string }
export type WarningTaskState = { sourceKey: string; dueOn: string; done: boolean }

/** The reminders made so far for staffing's warnings, done or not, so staffing can keep its keys stable. */
export async function staffingWarningTasks(db: Kysely<DB>, districtId: string): Promise<WarningTaskState[]> {
  const rows = await selectTasksOfSource(db, districtId, 'staffing-warning')
  return rows.map((row) => ({
    sourceKey: row.source_key as string,
    dueOn: row.due_on,
    done: row.done_at !== null,
  }))
}

/**
 * Brings the reminders for staffing's warnings in step with the warnings of today: a task for
 * every warning that never had one (one per source key, ever: a task the user closed does not come
 * back), and open tasks whose warning has gone are marked done. Idempotent; runs in the caller's
 * transaction. `assigneeId` is a user of the district who keeps tasks; the caller has checked that.
 */
export async function syncStaffingWarningTasks(
  db: Kysely<DB>,
  input: { districtId: string; assigneeId: string | null; warnings: readonly WarningTask[] },
): Promise<{ created: string[]; closed: string[] }> {
  const existing = await selectTasksOfSource(db, input.districtId, 'staffing-warning')
  const known = new Set(existing.map((row) => row.source_key))
  const current = new Set(input.warnings.map((warning) => warning.sourceKey))
  const assigneeId = input.assigneeId
  const fresh =
    assigneeId === null
      ? []
      : input.warnings
          .filter((warning) => !known.has(warning.sourceKey))
          .map((warning) => ({
            district_id: input.districtId,
            title: warning.title,
            due_on: warning.dueOn,
            assignee_id: assigneeId,
            source: 'staffing-warning' as const,
            source_key: warning.sourceKey,
          }))
  const created: string[] = []
  for (let start = 0; start < fresh.length; start += 500)
    created.push(...(await insertTasksOfSource(db, fresh.slice(start, start + 500))))
  const gone = existing
    .filter((row) => row.done_at === null && !current.has(row.source_key as string))
    .map((row) => row.id)
  const closed = await closeTasksOfSource(db, input.districtId, 'staffing-warning', gone)
  return { created, closed }
}

/** The tasks made for the given source keys, with whether they are done, for the module that asked for them. */
export async function tasksBySourceKey(db: Kysely<DB>, districtId: string, sourceKeys: readonly string[]) {
  const rows = await selectTasksBySourceKey(db, districtId, [...new Set(sourceKeys)])
  return new Map(rows.map((row) => [row.source_key as string, { id: row.id, doneAt: row.done_at }]))
}

export type { CaseloadGrouping }

/** Figures of one month and municipality (or team); counts below `caseloadMinimumCount` are withheld (null). */
export type CaseloadFigure = {
  month: string
  /** The municipality or team; null: the whole district (the sum before small counts are withheld). */
  groupId: string | null
  activeCases: number | null
  contacts: number | null
}

/** Smaller counts could single a person out in a small municipality: they are withheld. */
export const caseloadMinimumCount = 3

/**
 * Active cases and counselling contacts per month and municipality or team, aggregates only, for
 * the caseload per case-management FTE. Months are `YYYY-MM`, counted in the district's time zone.
 * Cases without a team (or municipality) count for the district only.
 */
export async function caseloadAggregates(
  db: Kysely<DB>,
  districtId: string,
  months: readonly string[],
  timeZone: string,
  by: CaseloadGrouping = 'per-municipality',
): Promise<CaseloadFigure[]> {
  if (months.length === 0) return []
  const sorted = [...months].sort()
  const first = `${sorted[0]}-01`
  const [year, month] = (sorted[sorted.length - 1] as string).split('-').map(Number) as [number, number]
  const afterLast = `${month === 12 ? year + 1 : year}-${String(month === 12 ? 1 : month + 1).padStart(2, '0')}-01`
  const [cases, contacts] = await Promise.all([
    selectActiveCasesByMonth(
      db,
      districtId,
      sorted.map((each) => `${each}-01`),
      by,
    ),
    selectContactsByMonth(
      db,
      districtId,
      timeZone,
      instantOfLocalTime(first, '00:00', timeZone),
      instantOfLocalTime(afterLast, '00:00', timeZone),
      by,
    ),
  ])
  const figures = new Map<string, CaseloadFigure>()
  const entry = (month: string, groupId: string | null) => {
    const key = `${month}|${groupId ?? ''}`
    let figure = figures.get(key)
    if (!figure) {
      figure = { month, groupId, activeCases: 0, contacts: 0 }
      figures.set(key, figure)
    }
    return figure
  }
  const shown = (count: number) => (count < caseloadMinimumCount ? null : count)
  for (const month of sorted) {
    const district = entry(month, null)
    district.activeCases = cases.reduce((sum, row) => (row.month === month ? sum + row.count : sum), 0)
    district.contacts = contacts.reduce((sum, row) => (row.month === month ? sum + row.count : sum), 0)
  }
  for (const row of cases) if (row.group_id !== null) entry(row.month, row.group_id).activeCases = row.count
  for (const row of contacts) if (row.group_id !== null) entry(row.month, row.group_id).contacts = row.count
  return [...figures.values()].map((figure) => ({
    ...figure,
    activeCases: shown(figure.activeCases ?? 0),
    contacts: shown(figure.contacts ?? 0),
  }))
}
