import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { TimelineEntry } from '../../../../common/casework.ts'
import type {
  Conference,
  ConferenceDraft,
  ConferenceKind,
  ConferenceListItem,
  conferenceDraftQuerySchema,
  conferenceInputSchema,
} from '../../../../common/conference.ts'
import type { ConsentPurpose } from '../../../../common/consent.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { districtTime } from '../../../platform/district-time.ts'
import { DomainError } from '../../../platform/errors.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { recordAudit, recordAuditAlone } from '../../audit/index.ts'
import {
  authorizeCaseRead,
  authorizeCaseWork,
  caseSummaryFacts,
  createTasksFor,
  readableCases,
  taskStates,
} from '../../casework/index.ts'
import { displayNames, districtOrganisations, organisationNames } from '../../identity/index.ts'
import {
  type ConferenceRow,
  insertConference,
  selectActions,
  selectConferences,
  selectDistrictConferences,
  selectParticipants,
} from './conference.queries.ts'
import { draftSummary, identifyingParts } from './conference.summary.ts'

/**
 * The consent ledger's gate (network/consents): a valid consent of the person naming the
 * organisation for the purpose on the day, or null. Passed in, so that this feature asks the
 * ledger the same question referrals ask.
 */
export type ConsentGate = (
  db: Kysely<DB>,
  wanted: {
    districtId: string
    personId: string
    organisationId: string
    purpose: ConsentPurpose
    on: string
  },
) => Promise<{ id: string } | null>

type ConferenceInput = z.output<typeof conferenceInputSchema>

/**
 * For each organisation, the consents that let it take part on the day: one valid consent for
 * `case-conference` per person of the case, or none at all (then it may not take part).
 */
async function consentsFor(
  db: Kysely<DB>,
  gate: ConsentGate,
  districtId: string,
  personIds: readonly string[],
  organisationIds: readonly string[],
  on: string,
): Promise<Map<string, string[] | null>> {
  const result = new Map<string, string[] | null>()
  for (const organisationId of organisationIds) {
    const consents: string[] = []
    for (const personId of personIds) {
      const consent = await gate(db, { districtId, personId, organisationId, purpose: 'case-conference', on })
      if (!consent) break
      consents.push(consent.id)
    }
    result.set(organisationId, consents.length === personIds.length && personIds.length > 0 ? consents : null)
  }
  return result
}

/**
 * Before a conference: the pseudonymised summary drafted from the case, and which of the
 * district's organisations the persons' consents let take part on the day.
 */
export async function draftConference(
  db: Kysely<DB>,
  gate: ConsentGate,
  actor: Actor,
  caseId: string,
  query: z.output<typeof conferenceDraftQuerySchema>,
  request: RequestContext,
): Promise<ConferenceDraft> {
  await authorizeCaseRead(db, actor, caseId)
  const heldOn = query.heldOn ?? (await districtTime(db, actor.districtId, request.now)).today
  const facts = await caseSummaryFacts(db, caseId)
  const organisations = await districtOrganisations(db, actor.districtId)
  const consents = await consentsFor(
    db,
    gate,
    actor.districtId,
    facts.identifiers.personIds,
    organisations.map((organisation) => organisation.id),
    heldOn,
  )
  await recordAuditAlone(db, {
    ...request,
    action: 'case.read',
    subjectType: 'case',
    subjectId: caseId,
    purpose: 'conference-draft',
  })
  return {
    summary: draftSummary(facts, heldOn, query.language),
    organisations: organisations
      // Own staff (the integration centre) need no consent to sit at their own table.
      .filter((organisation) => organisation.kind !== 'kommunales_integrationszentrum')
      .map((organisation) => ({
        id: organisation.id,
        name: organisation.name,
        consented: consents.get(organisation.id) !== null,
      })),
  }
}

/**
 * Records a conference held on a case. Refused as a whole (422, nothing stored, the attempt
 * audited) when an organisation lacks consent or the summary carries an identifier; the agreed
 * actions become tasks of their assignees in the same transaction.
 */
export async function recordConference(
  db: Kysely<DB>,
  gate: ConsentGate,
  actor: Actor,
  caseId: string,
  input: ConferenceInput,
  request: RequestContext,
): Promise<Conference> {
  await authorizeCaseWork(db, actor, caseId)
  const organisationIds = input.participants.map((participant) => participant.organisationId)
  const known = await organisationNames(db, actor.districtId, organisationIds)
  const unknown = organisationIds.findIndex((id) => !known.has(id))
  if (unknown >= 0)
    throw new DomainError('unknown-reference', 'rule-broken', undefined, [
      { field: `participants.${unknown}.organisationId`, message: 'unknown-reference' },
    ])
  const facts = await caseSummaryFacts(db, caseId)
  const found = identifyingParts(input.summary, facts.identifiers)
  if (found.length > 0)
    throw new DomainError('summary-identifying', 'rule-broken', found.join(', '), [
      { field: 'summary', message: 'summary-identifying' },
    ])
  const consents = await consentsFor(
    db,
    gate,
    actor.districtId,
    facts.identifiers.personIds,
    organisationIds,
    input.heldOn,
  )
  const missing = organisationIds.findIndex((id) => consents.get(id) === null)
  if (missing >= 0) {
    await recordAuditAlone(db, {
      ...request,
      action: 'case-conference.create',
      outcome: 'denied',
      subjectType: 'organisation',
      subjectId: organisationIds[missing] ?? null,
      purpose: 'consent-missing',
    })
    throw new DomainError('consent-missing', 'rule-broken', undefined, [
      { field: `participants.${missing}.organisationId`, message: 'consent-missing' },
    ])
  }
  const id = await db.transaction().execute(async (trx) => {
    const taskIds = await createTasksFor(
      trx,
      actor,
      'case-conference',
      input.actions.map((action) => ({
        title: action.description,
        dueOn: action.dueOn,
        assigneeId: action.assigneeId,
        caseId,
        personId: null,
      })),
      request,
    )
    const conferenceId = await insertConference(
      trx,
      {
        district_id: actor.districtId,
        case_id: caseId,
        kind: input.kind,
        held_on: input.heldOn,
        staff: input.staff,
        summary: input.summary,
        outcomes: input.outcomes,
        recorded_by: actor.userId,
      },
      input.participants.map((participant) => ({
        organisation_id: participant.organisationId,
        consent_ids: consents.get(participant.organisationId) ?? [],
        people: participant.people,
      })),
      input.actions.map((action, index) => ({
        description: action.description,
        assignee_id: action.assigneeId,
        due_on: action.dueOn,
        task_id: taskIds[index] as string,
      })),
    )
    await recordAudit(trx, {
      ...request,
      action: 'case-conference.create',
      subjectType: 'case-conference',
      subjectId: conferenceId,
    })
    return conferenceId
  })
  const [conference] = await presentConferences(db, actor.districtId, await selectConferences(db, { id }))
  return conference as Conference
}

export async function listCaseConferences(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  request: RequestContext,
): Promise<Conference[]> {
  await authorizeCaseRead(db, actor, caseId)
  const rows = await selectConferences(db, { caseId })
  await recordAuditAlone(db, {
    ...request,
    action: 'case.read',
    subjectType: 'case',
    subjectId: caseId,
    purpose: 'conferences',
  })
  return presentConferences(db, actor.districtId, rows)
}

async function presentConferences(
  db: Kysely<DB>,
  districtId: string,
  rows: readonly ConferenceRow[],
): Promise<Conference[]> {
  const ids = rows.map((row) => row.id)
  const [participants, actions] = await Promise.all([selectParticipants(db, ids), selectActions(db, ids)])
  const [organisations, names, tasks] = await Promise.all([
    organisationNames(
      db,
      districtId,
      participants.flatMap((each) => (each.organisation_id ? [each.organisation_id] : [])),
    ),
    displayNames(db, districtId, [
      ...rows.map((row) => row.recorded_by),
      ...actions.map((action) => action.assignee_id),
    ]),
    taskStates(
      db,
      actions.flatMap((action) => (action.task_id ? [action.task_id] : [])),
    ),
  ])
  return rows.map((row) => ({
    id: row.id,
    caseId: row.case_id,
    kind: row.kind as ConferenceKind,
    heldOn: row.held_on,
    participants: participants
      .filter((each) => each.conference_id === row.id)
      .map((each) => ({
        organisationId: each.organisation_id,
        organisationName: each.organisation_id ? (organisations.get(each.organisation_id) ?? '') : '',
        people: each.people,
        consentIds: each.consent_ids,
      }))
      .sort((a, b) => a.organisationName.localeCompare(b.organisationName, 'de')),
    staff: row.staff,
    summary: row.summary,
    outcomes: row.outcomes,
    actions: actions
      .filter((action) => action.conference_id === row.id)
      .map((action) => ({
        id: action.id,
        description: action.description,
        assigneeId: action.assignee_id,
        assigneeName: names.get(action.assignee_id) ?? '',
        dueOn: action.due_on,
        taskId: action.task_id,
        done: action.task_id ? (tasks.get(action.task_id)?.doneAt ?? null) !== null : false,
      })),
    recordedBy: names.get(row.recorded_by) ?? '',
    recordedAt: row.created_at,
  }))
}

/**
 * The district's conferences of the last two years: when, which kind, which organisations, how
 * many actions are open. The case's reference only for who may read the case.
 */
export async function listDistrictConferences(
  db: Kysely<DB>,
  actor: Actor,
  request: RequestContext,
): Promise<ConferenceListItem[]> {
  authorize(actor, 'case-conference.list', ownDistrict(actor))
  const time = await districtTime(db, actor.districtId, request.now)
  const rows = await selectDistrictConferences(db, actor.districtId, time.daysFromToday(-730))
  const ids = rows.map((row) => row.id)
  const [participants, actions, cases] = await Promise.all([
    selectParticipants(db, ids),
    selectActions(db, ids),
    readableCases(
      db,
      actor,
      rows.map((row) => row.case_id),
    ),
  ])
  const [organisations, tasks] = await Promise.all([
    organisationNames(
      db,
      actor.districtId,
      participants.flatMap((each) => (each.organisation_id ? [each.organisation_id] : [])),
    ),
    taskStates(
      db,
      actions.flatMap((action) => (action.task_id ? [action.task_id] : [])),
    ),
  ])
  return rows.map((row) => {
    const own = actions.filter((action) => action.conference_id === row.id)
    const kase = cases.get(row.case_id)
    return {
      id: row.id,
      kind: row.kind as ConferenceKind,
      heldOn: row.held_on,
      organisations: participants
        .filter((each) => each.conference_id === row.id && each.organisation_id)
        .map((each) => organisations.get(each.organisation_id as string) ?? '')
        .sort((a, b) => a.localeCompare(b, 'de')),
      actionCount: own.length,
      openActionCount: own.filter((action) => !action.task_id || !tasks.get(action.task_id)?.doneAt).length,
      case: kase ? { id: row.case_id, reference: kase.reference } : null,
    }
  })
}

/** The case timeline's entries: the case's conferences. Called after `case.read`. */
export async function conferenceTimelineEntries(
  db: Kysely<DB>,
  subject: { districtId: string; caseId: string },
): Promise<TimelineEntry[]> {
  const rows = await selectConferences(db, { caseId: subject.caseId })
  const [participants, names] = await Promise.all([
    selectParticipants(
      db,
      rows.map((row) => row.id),
    ),
    displayNames(
      db,
      subject.districtId,
      rows.map((row) => row.recorded_by),
    ),
  ])
  return rows.map((row) => ({
    kind: 'case-conference' as const,
    id: row.id,
    at: row.created_at,
    actorName: names.get(row.recorded_by) ?? null,
    summary: {
      conferenceKind: row.kind,
      heldOn: row.held_on,
      organisations: participants.filter((each) => each.conference_id === row.id).length,
    },
  }))
}
