import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type {
  Contact,
  contactInputSchema,
  shortConsultationInputSchema,
} from '../../../../common/casework.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { districtTime } from '../../../platform/district-time.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { recordAudit, recordAuditAlone } from '../../audit/index.ts'
import { displayNames } from '../../identity/index.ts'
import { authorizeCaseRead, authorizeCaseWork } from '../cases/case.service.ts'
import { assertReferences, ruleViolation } from '../casework.access.ts'
import {
  countCaseMembers,
  insertContact,
  insertShortConsultation,
  selectContacts,
  selectContactsNaming,
  selectShortConsultationsBy,
} from './contact.queries.ts'

export async function listContacts(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  request: RequestContext,
): Promise<Contact[]> {
  await authorizeCaseRead(db, actor, caseId)
  const rows = await selectContacts(db, caseId)
  const names = await displayNames(
    db,
    actor.districtId,
    rows.map((row) => row.created_by),
  )
  await recordAuditAlone(db, {
    ...request,
    action: 'case.read',
    subjectType: 'case',
    subjectId: caseId,
    purpose: 'contacts',
  })
  return rows.map((row) => ({
    id: row.id,
    occurredAt: row.occurred_at,
    durationMinutes: row.duration_minutes,
    channel: row.channel as Contact['channel'],
    participantPersonIds: row.participant_person_ids,
    otherParticipants: row.other_participants,
    language: row.language,
    interpreterUsed: row.interpreter_used,
    interpreterLanguage: row.interpreter_language,
    domains: row.domains as Contact['domains'],
    note: row.note,
    createdBy: names.get(row.created_by) ?? '',
  }))
}

/** A counselling contact: the number the committee watches. The case's last contact moves with it. */
export async function addContact(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  input: z.output<typeof contactInputSchema>,
  request: RequestContext,
): Promise<Contact[]> {
  await authorizeCaseWork(db, actor, caseId)
  // The day counts, in the district's calendar: a contact at 00:30 is today's, although UTC still
  // has yesterday, and one entered for later today is not refused as in the future.
  const time = await districtTime(db, actor.districtId, request.now)
  if (time.dayOf(input.occurredAt) > time.today)
    throw ruleViolation('date-in-future', 'occurredAt', 'invalid')
  if (input.interpreterUsed && !input.interpreterLanguage)
    throw ruleViolation('invalid-input', 'interpreterLanguage', 'invalid')
  if (input.participantPersonIds.length > 0) {
    const members = await countCaseMembers(db, caseId, input.participantPersonIds)
    if (members !== new Set(input.participantPersonIds).size)
      throw ruleViolation('person-not-in-case', 'participantPersonIds')
  }
  await db.transaction().execute(async (trx) => {
    const id = await insertContact(trx, {
      district_id: actor.districtId,
      case_id: caseId,
      occurred_at: new Date(input.occurredAt).toISOString(),
      duration_minutes: input.durationMinutes,
      channel: input.channel,
      participant_person_ids: [...new Set(input.participantPersonIds)],
      other_participants: input.otherParticipants,
      language: input.language,
      interpreter_used: input.interpreterUsed,
      interpreter_language: input.interpreterUsed ? input.interpreterLanguage : null,
      domains: [...new Set(input.domains)],
      note: input.note,
      created_by: actor.userId,
    })
    await recordAudit(trx, { ...request, action: 'contact.create', subjectType: 'contact', subjectId: id })
  })
  return listContacts(db, actor, caseId, request)
}

export async function recordShortConsultation(
  db: Kysely<DB>,
  actor: Actor,
  input: z.output<typeof shortConsultationInputSchema>,
  request: RequestContext,
) {
  authorize(actor, 'short-consultation.record', ownDistrict(actor))
  const { today } = await districtTime(db, actor.districtId, request.now)
  if (input.occurredOn > today) throw ruleViolation('date-in-future', 'occurredOn', 'invalid')
  await assertReferences(db, actor.districtId, [
    { table: 'municipality', ids: [input.municipalityId], field: 'municipalityId' },
  ])
  return db.transaction().execute(async (trx) => {
    const id = await insertShortConsultation(trx, {
      district_id: actor.districtId,
      occurred_on: input.occurredOn,
      municipality_id: input.municipalityId,
      domains: [...new Set(input.domains)],
      language: input.language,
      channel: input.channel,
      recorded_by: actor.userId,
    })
    await recordAudit(trx, {
      ...request,
      action: 'short-consultation.create',
      subjectType: 'short-consultation',
      subjectId: id,
    })
    return { id, ...input }
  })
}

/** The actor's own short consultations of the last 30 days (the district's days), to see what was counted. */
export async function listOwnShortConsultations(db: Kysely<DB>, actor: Actor, now: Date) {
  authorize(actor, 'short-consultation.record', ownDistrict(actor))
  const since = (await districtTime(db, actor.districtId, now)).daysFromToday(-30)
  const rows = await selectShortConsultationsBy(db, actor.userId, since)
  return rows.map((row) => ({
    id: row.id,
    occurredOn: row.occurred_on,
    municipalityId: row.municipality_id,
    domains: row.domains as z.output<typeof shortConsultationInputSchema>['domains'],
    language: row.language,
    channel: row.channel as z.output<typeof shortConsultationInputSchema>['channel'],
  }))
}

/**
 * For each person, the instants of counselling contacts in their cases whose other participants
 * name one of the words (an organisation's name, "Jobcenter"), from `since` on, oldest first.
 * Another module's figure reads contacts only through this.
 */
export async function contactsNaming(
  db: Kysely<DB>,
  personIds: readonly string[],
  words: readonly string[],
  since: string,
): Promise<Map<string, string[]>> {
  const rows = await selectContactsNaming(db, personIds, words, since)
  const byPerson = new Map<string, string[]>()
  for (const row of rows) {
    const list = byPerson.get(row.person_id) ?? []
    list.push(row.occurred_at)
    byPerson.set(row.person_id, list)
  }
  return byPerson
}
