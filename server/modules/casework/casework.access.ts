import type { Kysely } from 'kysely'
import type { CaseWorkSettings } from '../../../common/casework.ts'
import type { DB } from '../../db/schema.ts'
import { DomainError, HiddenByPolicy, NotFound } from '../../platform/errors.ts'
import type { MessageCode } from '../../platform/messages.ts'
import type { Actor, CaseSubject, PersonSubject } from '../../platform/policy.ts'
import { acrossDistricts } from '../../platform/tenant-context.ts'
import { selectCaseLinks } from './persons/person.queries.ts'

/** Today's date in UTC as ISO 8601, the form the date columns and checks of case work use. */
export const today = () => new Date().toISOString().slice(0, 10)

export const defaultCaseWorkSettings: CaseWorkSettings = {
  teamCasesVisibleToCaseManagers: true,
  residenceExpiryLeadDays: 90,
}

export async function readCaseWorkSettings(db: Kysely<DB>, districtId: string): Promise<CaseWorkSettings> {
  const row = await db
    .selectFrom('case_work_setting')
    .select(['team_cases_visible', 'residence_expiry_lead_days'])
    .where('district_id', '=', districtId)
    .executeTakeFirst()
  return row
    ? {
        teamCasesVisibleToCaseManagers: row.team_cases_visible,
        residenceExpiryLeadDays: row.residence_expiry_lead_days,
      }
    : defaultCaseWorkSettings
}

/** A rule of case work was broken: the message belongs next to the named field. */
export const ruleViolation = (code: MessageCode, path: string, status = 422) =>
  new DomainError(code, status, undefined, [{ path, message: code }])

/**
 * Existence first, across districts: another district's record answers 404 exactly like a
 * missing one, and the attempt is audited as denied.
 */
async function assertInDistrict(
  db: Kysely<DB>,
  actor: Actor,
  table: keyof typeof auditTypeOf,
  id: string,
): Promise<void> {
  const row = await acrossDistricts(() =>
    db.selectFrom(table).select('district_id').where('id', '=', id).executeTakeFirst(),
  )
  if (!row) throw new NotFound()
  if (row.district_id !== actor.districtId) throw new HiddenByPolicy({ type: auditTypeOf[table], id })
}

/** The subject type the audit trail uses for the records of each table. */
const auditTypeOf = {
  client_case: 'case',
  person: 'person',
  task: 'task',
  case_document: 'document',
  saved_case_view: 'case-view',
} as const

export async function loadCaseSubject(db: Kysely<DB>, actor: Actor, caseId: string): Promise<CaseSubject> {
  await assertInDistrict(db, actor, 'client_case', caseId)
  const [row, managers, settings] = await Promise.all([
    db.selectFrom('client_case').select(['team_id']).where('id', '=', caseId).executeTakeFirstOrThrow(),
    db.selectFrom('case_manager').select('user_id').where('case_id', '=', caseId).execute(),
    readCaseWorkSettings(db, actor.districtId),
  ])
  return {
    type: 'case',
    id: caseId,
    districtId: actor.districtId,
    teamId: row.team_id,
    managerIds: managers.map((manager) => manager.user_id),
    teamCasesVisible: settings.teamCasesVisibleToCaseManagers,
  }
}

export type LoadedPersonSubject = PersonSubject & { mergedInto: string | null }

export async function loadPersonSubject(
  db: Kysely<DB>,
  actor: Actor,
  personId: string,
): Promise<LoadedPersonSubject> {
  await assertInDistrict(db, actor, 'person', personId)
  const person = await db
    .selectFrom('person')
    .select(['id', 'district_id', 'registered_by', 'registered_team_id', 'merged_into'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow()
  const subject = (await personSubjects(db, actor.districtId, [person])).get(personId) as PersonSubject
  return { ...subject, mergedInto: person.merged_into }
}

type PersonFacts = {
  id: string
  district_id: string
  registered_by: string
  registered_team_id: string | null
}

/**
 * The policy's view of persons: the teams and managers of their cases and the team that registered
 * them. For one person or a page of match results alike.
 */
export async function personSubjects(
  db: Kysely<DB>,
  districtId: string,
  persons: readonly PersonFacts[],
): Promise<Map<string, PersonSubject>> {
  const [links, settings] = await Promise.all([
    selectCaseLinks(
      db,
      persons.map((person) => person.id),
    ),
    readCaseWorkSettings(db, districtId),
  ])
  const subjects = new Map<string, PersonSubject & { teamIds: string[]; managerIds: string[] }>()
  for (const person of persons) {
    subjects.set(person.id, {
      type: 'person',
      id: person.id,
      districtId: person.district_id,
      teamIds: person.registered_team_id ? [person.registered_team_id] : [],
      managerIds: [],
      registeredBy: person.registered_by,
      teamCasesVisible: settings.teamCasesVisibleToCaseManagers,
    })
  }
  for (const link of links) {
    const subject = subjects.get(link.person_id)
    if (!subject) continue
    if (link.team_id && !subject.teamIds.includes(link.team_id)) subject.teamIds.push(link.team_id)
    if (link.user_id && !subject.managerIds.includes(link.user_id)) subject.managerIds.push(link.user_id)
  }
  return subjects
}

export async function loadTaskSubject(db: Kysely<DB>, actor: Actor, taskId: string) {
  await assertInDistrict(db, actor, 'task', taskId)
  const row = await db
    .selectFrom('task')
    .select(['assignee_id', 'created_by', 'case_id'])
    .where('id', '=', taskId)
    .executeTakeFirstOrThrow()
  return {
    subject: {
      type: 'task' as const,
      id: taskId,
      districtId: actor.districtId,
      assigneeId: row.assignee_id,
      createdBy: row.created_by,
    },
    caseId: row.case_id,
  }
}

export async function assertDocumentInDistrict(db: Kysely<DB>, actor: Actor, documentId: string) {
  await assertInDistrict(db, actor, 'case_document', documentId)
}

export async function assertViewInDistrict(db: Kysely<DB>, actor: Actor, viewId: string) {
  await assertInDistrict(db, actor, 'saved_case_view', viewId)
}

/** A referenced municipality, team, user or organisation must exist in the actor's district. */
export async function assertReferences(
  db: Kysely<DB>,
  districtId: string,
  references: { table: 'municipality' | 'team' | 'app_user' | 'organisation'; ids: string[]; path: string }[],
): Promise<void> {
  for (const { table, ids, path } of references) {
    const unique = [...new Set(ids)]
    if (unique.length === 0) continue
    const found = await db
      .selectFrom(table)
      .select('id')
      .where('district_id', '=', districtId)
      .where('id', 'in', unique)
      .execute()
    if (found.length !== unique.length) throw ruleViolation('unknown-reference', path)
  }
}
