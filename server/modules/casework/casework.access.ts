import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { type ErrorKind, fieldError } from '../../platform/errors.ts'
import type { MessageCode } from '../../platform/messages.ts'
import {
  type Actor,
  assertRecordVisible,
  type CaseSubject,
  type PersonSubject,
} from '../../platform/policy.ts'
import { municipalityNames } from '../districts/index.ts'
import { organisationNames, teamNames } from '../identity/index.ts'
import { selectActiveGrantees } from './break-glass/break-glass.queries.ts'
import {
  type RecordTable,
  selectCaseFacts,
  selectDistrictOfRecord,
  selectPersonFacts,
  selectTaskFacts,
} from './casework.queries.ts'
import { selectCaseLinks } from './persons/person.queries.ts'
import { readCaseWorkSettings } from './settings/settings.service.ts'

/** A rule of case work was broken: the message belongs next to the named field of the input. */
export const ruleViolation = (code: MessageCode, field: string, kind: ErrorKind = 'rule-broken') =>
  fieldError(code, kind, field)

/**
 * Existence first, across districts: another district's record answers 404 exactly like a
 * missing one, and the attempt is audited as denied.
 */
async function assertInDistrict(db: Kysely<DB>, actor: Actor, table: RecordTable, id: string): Promise<void> {
  assertRecordVisible(actor, await selectDistrictOfRecord(db, table, id), { type: auditTypeOf[table], id })
}

/** The subject type the audit trail uses for the records of each table. */
const auditTypeOf: Record<RecordTable, string> = {
  client_case: 'case',
  person: 'person',
  task: 'task',
  case_document: 'document',
  saved_case_view: 'case-view',
}

export async function loadCaseSubject(db: Kysely<DB>, actor: Actor, caseId: string): Promise<CaseSubject> {
  await assertInDistrict(db, actor, 'client_case', caseId)
  const [facts, settings, breakGlassGrantees] = await Promise.all([
    selectCaseFacts(db, caseId),
    readCaseWorkSettings(db, actor.districtId),
    selectActiveGrantees(db, caseId),
  ])
  return {
    type: 'case',
    id: caseId,
    districtId: actor.districtId,
    teamId: facts.teamId,
    managerIds: facts.managerIds,
    teamCasesVisible: settings.teamCasesVisibleToCaseManagers,
    closed: facts.closed,
    restricted: facts.restricted,
    breakGlassGrantees,
  }
}

export type LoadedPersonSubject = PersonSubject & { mergedInto: string | null }

export async function loadPersonSubject(
  db: Kysely<DB>,
  actor: Actor,
  personId: string,
): Promise<LoadedPersonSubject> {
  await assertInDistrict(db, actor, 'person', personId)
  const person = await selectPersonFacts(db, personId)
  const subject = (await personSubjects(db, actor.districtId, [person])).get(personId) as PersonSubject
  return { ...subject, mergedInto: person.merged_into }
}

/** What the policy needs of a person row to build its subject. */
export type PersonFacts = {
  id: string
  district_id: string
  registered_by: string
  registered_team_id: string | null
  /** Lists that only read may leave it out; every loader of a subject for a change selects it. */
  processing_restricted?: boolean
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
      restricted: person.processing_restricted === true,
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
  const row = await selectTaskFacts(db, taskId)
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

const namesOf = { municipality: municipalityNames, team: teamNames, organisation: organisationNames }

/**
 * A referenced municipality, team or organisation must exist in the actor's district. Asked of
 * the modules that own them (districts, identity), never read from their tables.
 */
export async function assertReferences(
  db: Kysely<DB>,
  districtId: string,
  references: { table: keyof typeof namesOf; ids: string[]; field: string }[],
): Promise<void> {
  for (const { table, ids, field } of references) {
    const unique = [...new Set(ids)]
    if (unique.length === 0) continue
    const found = await namesOf[table](db, districtId, unique)
    if (found.size !== unique.length) throw ruleViolation('unknown-reference', field)
  }
}
