import type { Kysely, Transaction } from 'kysely'
import type { z } from 'zod'
import {
  type Case,
  type CaseListQuery,
  type CasePhase,
  type CaseSummary,
  type caseCreateSchema,
  type caseUpdateSchema,
  type LegalSphere,
  type LifeDomain,
  type phaseChangeSchema,
  phaseTransitions,
} from '../../../../common/casework.ts'
import type { Page } from '../../../../common/pagination.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { type DistrictTime, districtTime } from '../../../platform/district-time.ts'
import { Conflict, DomainError, PreconditionRequired } from '../../../platform/errors.ts'
import {
  type Actor,
  abilitiesFor,
  authorize,
  type CaseSubject,
  can,
  caseHolderRole,
  caseReadScope,
  ownDistrict,
  readsOnlyByBreakGlass,
  takesCases,
} from '../../../platform/policy.ts'
import { recordAudit, recordAuditAlone } from '../../audit/index.ts'
import { municipalityNames } from '../../districts/index.ts'
import { activeUsers, activeUsersWithRole, displayNames, teamNames } from '../../identity/index.ts'
import { assertReferences, loadCaseSubject, loadPersonSubject, ruleViolation } from '../casework.access.ts'
import { wordCodes } from '../matching/index.ts'
import { personSummary, scoredCandidates } from '../persons/person.service.ts'
import { readCaseWorkSettings } from '../settings/settings.service.ts'
import {
  type CaseListRow,
  completeTasks,
  hasAssessment,
  insertCase,
  insertImportedCases,
  insertPhaseChange,
  lockCasePhase,
  type NameFilter,
  nextCaseReference,
  refreshCaseNames,
  replaceCaseManagers,
  reserveCaseNumbers,
  selectCaseDetails,
  selectCasePage,
  selectCasePersonLinks,
  selectCaseRows,
  selectClosingNote,
  selectGoalOutcomes,
  selectOpenCaseTaskIds,
  selectSinglePersonOpenCases,
  selectSummaryFacts,
  setGoalOutcome,
  updateCaseIfVersion,
} from './case.queries.ts'

/** Managers in the order the list shows them, whatever order the database returned. */
const byDisplayName = (a: { displayName: string }, b: { displayName: string }) =>
  a.displayName.localeCompare(b.displayName, 'de')

// `case.read` too: after a handover the answer tells the UI that the case is no longer the actor's to open.
const caseAbilities = ['case.read', 'case.work', 'case.record', 'case.assign'] as const

/** Every id names an enabled user of the district who may hold cases (the policy's takesCases). */
async function assertCaseManagers(db: Kysely<DB>, districtId: string, ids: readonly string[], field: string) {
  const found = (await activeUsers(db, districtId, ids)).filter((user) => takesCases(user.roles))
  if (found.length !== new Set(ids).size) throw ruleViolation('unknown-reference', field)
}

export async function createCase(
  db: Kysely<DB>,
  actor: Actor,
  input: z.output<typeof caseCreateSchema>,
  request: RequestContext,
): Promise<Case> {
  authorize(actor, 'case.create', ownDistrict(actor))
  for (const personId of input.personIds) {
    authorize(actor, 'person.read', await loadPersonSubject(db, actor, personId))
  }
  const managerIds = input.managerIds.length > 0 ? input.managerIds : [actor.userId]
  const teamId = input.teamId ?? actor.teamIds[0] ?? null
  await assertCaseManagers(db, actor.districtId, managerIds, 'managerIds')
  await assertReferences(db, actor.districtId, [
    { table: 'municipality', ids: [input.municipalityId], field: 'municipalityId' },
    { table: 'team', ids: teamId ? [teamId] : [], field: 'teamId' },
  ])
  const time = await districtTime(db, actor.districtId, request.now)
  const openedOn = input.openedOn ?? time.today
  if (openedOn > time.today) throw ruleViolation('date-in-future', 'openedOn', 'invalid')
  const caseId = await db.transaction().execute(async (trx) => {
    const reference = await nextCaseReference(trx, actor.districtId, Number(openedOn.slice(0, 4)))
    const id = await insertCase(
      trx,
      {
        district_id: actor.districtId,
        reference,
        municipality_id: input.municipalityId,
        team_id: teamId,
        opened_on: openedOn,
        created_by: actor.userId,
      },
      input.personIds,
    )
    await replaceCaseManagers(trx, actor.districtId, id, managerIds)
    await refreshCaseNames(trx, { caseId: id })
    await insertPhaseChange(trx, {
      district_id: actor.districtId,
      case_id: id,
      from_phase: null,
      to_phase: 'intake',
      reason: null,
      note: '',
      changed_by: actor.userId,
    })
    await recordAudit(trx, { ...request, action: 'case.create', subjectType: 'case', subjectId: id })
    return id
  })
  return presentCase(db, actor, caseId, time)
}

/** Case summaries for rows the actor may see, with persons, managers and task counts. */
async function presentSummaries(
  db: Kysely<DB>,
  districtId: string,
  rows: readonly Omit<CaseListRow, 'total'>[],
  time: DistrictTime,
): Promise<CaseSummary[]> {
  const ids = rows.map((row) => row.id)
  const [details, municipalities, teams] = await Promise.all([
    selectCaseDetails(db, ids, time.today),
    municipalityNames(
      db,
      districtId,
      rows.map((row) => row.municipality_id),
    ),
    teamNames(
      db,
      districtId,
      rows.flatMap((row) => (row.team_id ? [row.team_id] : [])),
    ),
  ])
  const managerNames = await displayNames(
    db,
    districtId,
    details.managers.map((manager) => manager.user_id),
  )
  return rows.map((row) => {
    const tasks = details.tasks.find((task) => task.case_id === row.id)
    return {
      id: row.id,
      reference: row.reference,
      phase: row.phase as CasePhase,
      municipalityId: row.municipality_id,
      municipalityName: municipalities.get(row.municipality_id) ?? '',
      teamId: row.team_id,
      teamName: row.team_id ? (teams.get(row.team_id) ?? null) : null,
      managers: details.managers
        .filter((manager) => manager.case_id === row.id)
        .map((manager) => ({ id: manager.user_id, displayName: managerNames.get(manager.user_id) ?? '' }))
        .sort(byDisplayName),
      persons: details.persons.filter((person) => person.case_id === row.id).map(personSummary),
      openedOn: row.opened_on,
      closedOn: row.closed_on,
      // The district's day of the last contact: one at 00:30 in Berlin is not yesterday's.
      lastContactOn: row.last_contact_at ? time.dayOf(row.last_contact_at) : null,
      openTaskCount: Number(tasks?.open ?? 0),
      overdueTaskCount: Number(tasks?.overdue ?? 0),
      version: row.version,
    }
  })
}

/** One case as the actor sees it; the district's time gives the overdue count and the days shown. */
async function presentCase(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  time: DistrictTime,
  known?: CaseSubject,
): Promise<Case> {
  const subject = known ?? (await loadCaseSubject(db, actor, caseId))
  const [row] = await selectCaseRows(db, [caseId])
  if (!row) throw new Error('case vanished while being read')
  const [summary] = await presentSummaries(db, actor.districtId, [row], time)
  return {
    ...(summary as CaseSummary),
    closingReason: row.closing_reason as Case['closingReason'],
    closingNote: row.phase === 'closed' ? await selectClosingNote(db, caseId) : null,
    allowedTransitions: [...phaseTransitions[row.phase as CasePhase]],
    abilities: abilitiesFor(actor, subject, caseAbilities),
  }
}

/**
 * Why a case manager reads a case that is not among theirs, for the access review: by a
 * break-glass grant, or through the team (outside their caseload). Team leads read their team's.
 */
function caseReadPurpose(actor: Actor, subject: CaseSubject): string | null {
  if (!actor.roles.includes('case_manager') || subject.managerIds.includes(actor.userId)) return null
  return readsOnlyByBreakGlass(actor, subject) ? 'break-glass' : 'outside-caseload'
}

export async function readCase(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  request: RequestContext,
): Promise<Case> {
  const subject = await loadCaseSubject(db, actor, caseId)
  authorize(actor, 'case.read', subject)
  await recordAuditAlone(db, {
    ...request,
    action: 'case.read',
    subjectType: 'case',
    subjectId: caseId,
    purpose: caseReadPurpose(actor, subject),
  })
  return presentCase(db, actor, caseId, await districtTime(db, actor.districtId, request.now), subject)
}

/**
 * Name search goes through the matcher, so every spelling finds the case: a full name through the
 * duplicate matcher, one word through the phonetic codes of every name part (and as plain text,
 * so a part of a name works too).
 */
async function nameFilterFor(db: Kysely<DB>, districtId: string, q: string): Promise<NameFilter> {
  const tokens = q.split(/\s+/).filter(Boolean)
  if (tokens.length >= 2) {
    const familyName = tokens.at(-1) as string
    const givenNames = tokens.slice(0, -1).join(' ')
    const scored = await scoredCandidates(db, districtId, { familyName, givenNames, birthDate: null }, 0.5)
    if (scored.length > 0) return { personIds: scored.map((candidate) => candidate.row.id) }
  }
  const codes = tokens.length === 1 ? wordCodes(q) : []
  return codes.length > 0 ? { codes } : partOfName(q)
}

const partOfName = (q: string): NameFilter => ({
  pattern: `%${q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`,
})

export async function listCases(
  db: Kysely<DB>,
  actor: Actor,
  query: CaseListQuery,
  request: RequestContext,
  /** An export of the list (XLSX) is audited as `case.export`, apart from looking at the list. */
  purpose: 'list' | 'export' = 'list',
): Promise<Page<CaseSummary>> {
  authorize(actor, 'case.list', ownDistrict(actor))
  const settings = await readCaseWorkSettings(db, actor.districtId)
  const q = query.q?.trim()
  // "2025-7" means the reference 2025-0007: matched exactly, in SQL, so that paging and total hold.
  const referenceParts = q ? /^(\d{4})-(\d{1,6})$/.exec(q) : null
  const reference = referenceParts
    ? `${referenceParts[1]}-${(referenceParts[2] as string).padStart(4, '0')}`
    : null
  const nameFilter = q && !reference ? await nameFilterFor(db, actor.districtId, q) : null
  const scope = caseReadScope(actor, settings.teamCasesVisibleToCaseManagers)
  const time = await districtTime(db, actor.districtId, request.now)
  const page = (filter: NameFilter | null) =>
    selectCasePage(
      db,
      actor.districtId,
      scope,
      reference ? { ...query, q: undefined } : query,
      filter,
      time.today,
      reference,
    )
  let rows = await page(nameFilter)
  // A word no name sounds like may still be part of one ("etrenk" in Petrenko).
  if (rows.length === 0 && q && nameFilter && 'codes' in nameFilter) rows = await page(partOfName(q))
  await recordAuditAlone(db, {
    ...request,
    action: purpose === 'export' ? 'case.export' : 'case.list',
    purpose: `rows:${rows.length}`,
  })
  return {
    items: await presentSummaries(db, actor.districtId, rows, time),
    total: Number(rows[0]?.total ?? 0),
    limit: query.limit,
    offset: query.offset,
  }
}

export async function updateCase(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  expectedVersion: number | undefined,
  input: z.output<typeof caseUpdateSchema>,
  request: RequestContext,
): Promise<Case> {
  const subject = await loadCaseSubject(db, actor, caseId)
  authorize(actor, 'case.assign', subject)
  if (expectedVersion === undefined) throw new PreconditionRequired()
  await assertCaseManagers(db, actor.districtId, input.managerIds, 'managerIds')
  await assertReferences(db, actor.districtId, [
    { table: 'municipality', ids: [input.municipalityId], field: 'municipalityId' },
    { table: 'team', ids: input.teamId ? [input.teamId] : [], field: 'teamId' },
  ])
  await db.transaction().execute(async (trx) => {
    const changes = { municipality_id: input.municipalityId, team_id: input.teamId }
    if (!(await updateCaseIfVersion(trx, caseId, expectedVersion, changes))) throw new Conflict()
    await replaceCaseManagers(trx, actor.districtId, caseId, input.managerIds)
    await recordAudit(trx, { ...request, action: 'case.assign', subjectType: 'case', subjectId: caseId })
  })
  return presentCase(db, actor, caseId, await districtTime(db, actor.districtId, request.now))
}

/** What a phase needs before a case may enter it; answers next to the field that is missing. */
async function checkPhaseRequirements(
  db: Kysely<DB>,
  caseId: string,
  from: CasePhase,
  input: z.output<typeof phaseChangeSchema>,
): Promise<void> {
  if (!phaseTransitions[from].includes(input.to)) throw ruleViolation('phase-transition-not-allowed', 'to')
  if (from === 'closed' && !input.reopeningReason)
    throw ruleViolation('reopening-reason-required', 'reopeningReason')
  if (input.to === 'planning' && !(await hasAssessment(db, caseId)))
    throw ruleViolation('assessment-required', 'to')
  if (input.to === 'implementation' && (await selectGoalOutcomes(db, caseId)).length === 0)
    throw ruleViolation('goal-required', 'to')
  if (input.to === 'closed') {
    if (!input.closingReason) throw ruleViolation('closing-reason-required', 'closingReason')
    const goals = await selectGoalOutcomes(db, caseId)
    const given = new Map(input.goalOutcomes.map((entry) => [entry.goalId, entry.outcome]))
    if ([...given.keys()].some((goalId) => !goals.some((goal) => goal.id === goalId)))
      throw ruleViolation('unknown-reference', 'goalOutcomes')
    if (goals.some((goal) => !given.has(goal.id) && goal.outcome === null))
      throw ruleViolation('goal-outcomes-required', 'goalOutcomes')
  }
}

const openTasksDecisionRequired = (count: number) =>
  new DomainError(
    'open-tasks-decision-required',
    'rule-broken',
    `The case has ${count} open ${count === 1 ? 'task' : 'tasks'}: send openTasks "complete" or "keep".`,
    [{ field: 'openTasks', message: 'open-tasks-decision-required' }],
  )

export async function changePhase(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  expectedVersion: number | undefined,
  input: z.output<typeof phaseChangeSchema>,
  request: RequestContext,
): Promise<Case> {
  const subject = await loadCaseSubject(db, actor, caseId)
  authorize(actor, 'case.work', subject)
  if (expectedVersion === undefined) throw new PreconditionRequired()
  const time = await districtTime(db, actor.districtId, request.now)
  await db.transaction().execute(async (trx) => {
    const current = await lockCasePhase(trx, caseId)
    if (current.version !== expectedVersion) throw new Conflict()
    const from = current.phase as CasePhase
    await checkPhaseRequirements(trx, caseId, from, input)
    const closing = input.to === 'closed'
    const changes = closing
      ? { phase: input.to, closed_on: time.today, closing_reason: input.closingReason ?? null }
      : { phase: input.to, closed_on: null, closing_reason: null }
    // Closing decides about the case's open tasks explicitly; nobody is left with reminders of a closed case unasked.
    const openTaskIds = closing ? await selectOpenCaseTaskIds(trx, caseId) : []
    if (openTaskIds.length > 0 && !input.openTasks) throw openTasksDecisionRequired(openTaskIds.length)
    if (!(await updateCaseIfVersion(trx, caseId, expectedVersion, changes))) throw new Conflict()
    if (input.openTasks === 'complete' && openTaskIds.length > 0) {
      // Part of closing the case, which the responsible case manager may do (case.work), whoever the assignee is.
      await completeTasks(trx, openTaskIds)
      for (const taskId of openTaskIds) {
        await recordAudit(trx, {
          ...request,
          action: 'task.update',
          subjectType: 'task',
          subjectId: taskId,
          purpose: 'case-closed',
        })
      }
    }
    for (const entry of closing ? input.goalOutcomes : []) {
      await setGoalOutcome(trx, caseId, entry.goalId, entry.outcome)
    }
    await insertPhaseChange(trx, {
      district_id: actor.districtId,
      case_id: caseId,
      from_phase: from,
      to_phase: input.to,
      reason: input.closingReason ?? input.reopeningReason ?? null,
      note: input.note,
      changed_by: actor.userId,
    })
    await recordAudit(trx, {
      ...request,
      action: closing ? 'case.close' : from === 'closed' ? 'case.reopen' : 'case.phase',
      subjectType: 'case',
      subjectId: caseId,
      purpose: input.closingReason ?? input.reopeningReason ?? null,
    })
  })
  return presentCase(db, actor, caseId, time)
}

/** For work on a case's records: the case must be the actor's to work on, and still open. */
export async function authorizeCaseWork(db: Kysely<DB>, actor: Actor, caseId: string, field = 'caseId') {
  const subject = await loadCaseSubject(db, actor, caseId)
  authorize(actor, 'case.work', subject)
  // Allowed to work on it, only not now: a state of the case, so a conflict rather than a refusal.
  if (!can(actor, 'case.record', subject)) throw ruleViolation('case-closed', field, 'conflict')
  return subject
}

export async function authorizeCaseRead(db: Kysely<DB>, actor: Actor, caseId: string) {
  const subject = await loadCaseSubject(db, actor, caseId)
  authorize(actor, 'case.read', subject)
  return subject
}

/** Active case managers of the district with their teams, for assignment (the policy's takesCases). */
export async function listCaseManagers(db: Kysely<DB>, actor: Actor) {
  authorize(actor, 'case.list', ownDistrict(actor))
  return activeUsersWithRole(db, actor.districtId, caseHolderRole)
}

/**
 * What another module may know of cases the actor may read (`case.read`), by id: the case's
 * reference and its persons. Cases the actor may not read, or of another district, are left out.
 */
export async function readableCases(
  db: Kysely<DB>,
  actor: Actor,
  caseIds: readonly string[],
): Promise<Map<string, { reference: string; phase: string; personIds: string[] }>> {
  const rows = (await selectCaseRows(db, [...new Set(caseIds)])).filter(
    (row) => row.district_id === actor.districtId,
  )
  const readable = new Map<string, { reference: string; phase: string; personIds: string[] }>()
  for (const row of rows) {
    if (!can(actor, 'case.read', await loadCaseSubject(db, actor, row.id))) continue
    readable.set(row.id, { reference: row.reference, phase: row.phase, personIds: [] })
  }
  for (const link of await selectCasePersonLinks(db, [...readable.keys()])) {
    readable.get(link.case_id)?.personIds.push(link.person_id)
  }
  return readable
}

/** What another module may draft a pseudonymised summary from (see selectSummaryFacts); the caller authorised `case.read`. */
export async function caseSummaryFacts(db: Kysely<DB>, caseId: string) {
  const facts = await selectSummaryFacts(db, caseId)
  return {
    /** Everything that identifies the case or its persons: a summary must contain none of it. */
    identifiers: {
      reference: facts.reference,
      personIds: facts.persons.map((person) => person.id),
      names: facts.persons.flatMap((person) => [
        person.family_name,
        person.given_names,
        ...(person.birth_name ? [person.birth_name] : []),
        ...person.other_spellings,
        ...(person.name_in_original_script ? [person.name_in_original_script] : []),
      ]),
      birthDates: facts.persons.map((person) => person.birth_date),
      addresses: facts.persons.flatMap((person) =>
        [person.address_street, person.address_postcode].filter((part) => part.trim() !== ''),
      ),
    },
    birthDates: facts.persons.map((person) => person.birth_date),
    needs: facts.latest.map((entry) => ({ domain: entry.domain as LifeDomain, needLevel: entry.need_level })),
    goalDomains: [...new Set(facts.goals.map((goal) => goal.domain as LifeDomain))],
  }
}

/** Open cases of a single person with their manager, for other modules' demo data (no authorisation: seeding). */
export async function demoCasesForNetwork(db: Kysely<DB>, districtId: string, limit: number) {
  const rows = await selectSinglePersonOpenCases(db, districtId, limit)
  return rows.map((row) => ({
    caseId: row.case_id,
    personId: row.person_id,
    managerId: row.manager_id,
    legalSphere: row.legal_sphere as LegalSphere,
    birthDate: row.birth_date,
  }))
}

/** Whether the user may hold the cases of an import: an enabled case manager of the district. */
export async function assertImportCaseManager(db: Kysely<DB>, actor: Actor, userId: string): Promise<void> {
  authorize(actor, 'import.manage', ownDistrict(actor))
  await assertCaseManagers(db, actor.districtId, [userId], 'caseManagerId')
}

/**
 * Opens the cases of an import's batch inside its transaction, one person each, with references
 * and first phase as cases opened by hand get them, in a few statements for the whole batch. The
 * import module has authorised (`import.manage`), checked the rows (the day, the municipality, the
 * manager) and audits the batch in one entry naming every case (decision 0035). Answers the new
 * ids in the order given.
 */
export async function registerImportedCases(
  trx: Transaction<DB>,
  actor: Actor,
  cases: readonly { personId: string; municipalityId: string; openedOn: string; managerId: string | null }[],
): Promise<string[]> {
  authorize(actor, 'import.manage', ownDistrict(actor))
  // References count per year of opening, in the order of the rows.
  const references = new Array<string>(cases.length)
  const byYear = new Map<number, number[]>()
  cases.forEach((item, index) => {
    const year = Number(item.openedOn.slice(0, 4))
    byYear.set(year, [...(byYear.get(year) ?? []), index])
  })
  for (const [year, indexes] of byYear) {
    const first = await reserveCaseNumbers(trx, actor.districtId, year, indexes.length)
    indexes.forEach((index, offset) => {
      references[index] = `${year}-${String(first + offset).padStart(4, '0')}`
    })
  }
  const ids = await insertImportedCases(
    trx,
    cases.map((item, index) => ({
      district_id: actor.districtId,
      reference: references[index] as string,
      municipality_id: item.municipalityId,
      team_id: actor.teamIds[0] ?? null,
      opened_on: item.openedOn,
      created_by: actor.userId,
      person_id: item.personId,
      manager_id: item.managerId,
    })),
  )
  return ids
}
