import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type {
  actionItemInputSchema,
  agendaItemInputSchema,
  agendaOrderInputSchema,
  decisionInputSchema,
  MeetingDetail,
} from '../../../../common/steering.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { DomainError, NotFound } from '../../../platform/errors.ts'
import type { Actor } from '../../../platform/policy.ts'
import { recordAudit } from '../../audit/index.ts'
import { removeActionItemTask, updateActionItemTask } from '../../casework/index.ts'
import { authorizeOnMeeting, ruleViolation } from '../steering.access.ts'
import {
  deleteActionItem,
  deleteAgendaItem,
  deleteDecision,
  renumberAgenda,
  selectAgenda,
  selectAgendaItemHasDecisions,
  selectDecisionNumberTakenByOther,
  selectDecisions,
  selectMeeting,
  updateActionItem,
  updateAgendaItem,
  updateDecision,
} from './meeting.queries.ts'
import {
  actionItemSourceKey,
  assertActionItemPeople,
  assertDecisionOfMeeting,
  changeOpenMeeting,
  readMeeting,
} from './meeting.service.ts'

/*
 * Corrections to a meeting's record while its minutes are open: agenda items, decisions and
 * action items are edited, reordered or removed. Each runs under the meeting's row lock and is
 * refused (409 minutes-approved) once the minutes are approved; after that only amendments.
 */

type Audit = { request: RequestContext; action: string; subjectType: string; subjectId: string }
const audit = (trx: Parameters<typeof recordAudit>[0], entry: Audit) =>
  recordAudit(trx, {
    ...entry.request,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
  })

export async function editAgendaItem(
  db: Kysely<DB>,
  actor: Actor,
  meetingId: string,
  itemId: string,
  input: z.output<typeof agendaItemInputSchema>,
  request: RequestContext,
): Promise<MeetingDetail> {
  await authorizeOnMeeting(db, actor, 'steering.manage', meetingId)
  await changeOpenMeeting(db, meetingId, async (trx) => {
    if (!(await updateAgendaItem(trx, meetingId, itemId, input))) throw new NotFound()
    await audit(trx, {
      request,
      action: 'meeting.agenda-edit',
      subjectType: 'agenda_item',
      subjectId: itemId,
    })
  })
  return readMeeting(db, actor.districtId, meetingId)
}

/** Puts the agenda in a new order; the list must name every item of the meeting once. */
export async function reorderAgenda(
  db: Kysely<DB>,
  actor: Actor,
  meetingId: string,
  input: z.output<typeof agendaOrderInputSchema>,
  request: RequestContext,
): Promise<MeetingDetail> {
  await authorizeOnMeeting(db, actor, 'steering.manage', meetingId)
  await changeOpenMeeting(db, meetingId, async (trx) => {
    const current = new Set((await selectAgenda(trx, meetingId)).map((item) => item.id))
    const wanted = new Set(input.agendaItemIds)
    if (
      wanted.size !== input.agendaItemIds.length ||
      wanted.size !== current.size ||
      input.agendaItemIds.some((id) => !current.has(id))
    )
      throw ruleViolation('agenda-order-incomplete', 'agendaItemIds')
    await renumberAgenda(trx, meetingId, input.agendaItemIds)
    await audit(trx, {
      request,
      action: 'meeting.agenda-order',
      subjectType: 'meeting',
      subjectId: meetingId,
    })
  })
  return readMeeting(db, actor.districtId, meetingId)
}

/**
 * Removes an agenda item with its documents, and numbers the rest again. An item a decision
 * names stays: the decision is moved or removed first, so no decision loses its place silently.
 */
export async function removeAgendaItem(
  db: Kysely<DB>,
  actor: Actor,
  meetingId: string,
  itemId: string,
  request: RequestContext,
): Promise<MeetingDetail> {
  await authorizeOnMeeting(db, actor, 'steering.manage', meetingId)
  await changeOpenMeeting(db, meetingId, async (trx) => {
    if (await selectAgendaItemHasDecisions(trx, itemId))
      throw new DomainError('agenda-item-has-decisions', 'conflict')
    if (!(await deleteAgendaItem(trx, meetingId, itemId))) throw new NotFound()
    await renumberAgenda(
      trx,
      meetingId,
      (await selectAgenda(trx, meetingId)).map((item) => item.id),
    )
    await audit(trx, {
      request,
      action: 'meeting.agenda-delete',
      subjectType: 'agenda_item',
      subjectId: itemId,
    })
  })
  return readMeeting(db, actor.districtId, meetingId)
}

/** Corrects a decision; left out, the number stays as it was. */
export async function editDecision(
  db: Kysely<DB>,
  actor: Actor,
  meetingId: string,
  decisionId: string,
  input: z.output<typeof decisionInputSchema>,
  request: RequestContext,
): Promise<MeetingDetail> {
  await authorizeOnMeeting(db, actor, 'steering.manage', meetingId)
  await changeOpenMeeting(db, meetingId, async (trx, meeting) => {
    const existing = (await selectDecisions(trx, meetingId)).find((each) => each.id === decisionId)
    if (!existing) throw new NotFound()
    if (
      input.agendaItemId &&
      !(await selectAgenda(trx, meetingId)).some((item) => item.id === input.agendaItemId)
    )
      throw ruleViolation('unknown-reference', 'agendaItemId')
    const number = input.number ?? existing.number
    if (await selectDecisionNumberTakenByOther(trx, meeting.body_id, number, decisionId))
      throw ruleViolation('decision-number-taken', 'number', 'conflict')
    await updateDecision(trx, meetingId, decisionId, {
      agenda_item_id: input.agendaItemId,
      number,
      text: input.text,
      votes_for: input.votesFor,
      votes_against: input.votesAgainst,
      abstentions: input.abstentions,
    })
    await audit(trx, {
      request,
      action: 'meeting.decision-edit',
      subjectType: 'decision',
      subjectId: decisionId,
    })
  })
  return readMeeting(db, actor.districtId, meetingId)
}

/** Removes a decision; its action items stay. One that something else builds on is refused. */
export async function removeDecision(
  db: Kysely<DB>,
  actor: Actor,
  meetingId: string,
  decisionId: string,
  request: RequestContext,
): Promise<MeetingDetail> {
  await authorizeOnMeeting(db, actor, 'steering.manage', meetingId)
  await changeOpenMeeting(db, meetingId, async (trx) => {
    const outcome = await deleteDecision(trx, meetingId, decisionId)
    if (outcome === 'missing') throw new NotFound()
    if (outcome === 'referenced') throw new DomainError('decision-referenced', 'conflict')
    await audit(trx, {
      request,
      action: 'meeting.decision-delete',
      subjectType: 'decision',
      subjectId: decisionId,
    })
  })
  return readMeeting(db, actor.districtId, meetingId)
}

/** Corrects an action item; its task follows (title, due day, owner) in the same step. */
export async function editActionItem(
  db: Kysely<DB>,
  actor: Actor,
  meetingId: string,
  itemId: string,
  input: z.output<typeof actionItemInputSchema>,
  request: RequestContext,
): Promise<MeetingDetail> {
  await authorizeOnMeeting(db, actor, 'steering.manage', meetingId)
  await assertActionItemPeople(db, actor.districtId, input)
  await changeOpenMeeting(db, meetingId, async (trx) => {
    await assertDecisionOfMeeting(trx, meetingId, input.decisionId)
    const changed = await updateActionItem(trx, meetingId, itemId, {
      decision_id: input.decisionId,
      title: input.title,
      owner_id: input.ownerId,
      organisation_id: input.organisationId,
      due_on: input.dueOn,
    })
    if (!changed) throw new NotFound()
    const meeting = await selectMeeting(trx, meetingId)
    const taskId = await updateActionItemTask(trx, {
      districtId: actor.districtId,
      title: `${meeting?.body_name ?? ''}: ${input.title}`,
      dueOn: input.dueOn,
      assigneeId: input.ownerId,
      sourceKey: actionItemSourceKey(itemId),
    })
    await audit(trx, {
      request,
      action: 'meeting.action-item-edit',
      subjectType: 'action_item',
      subjectId: itemId,
    })
    if (taskId) await audit(trx, { request, action: 'task.update', subjectType: 'task', subjectId: taskId })
  })
  return readMeeting(db, actor.districtId, meetingId)
}

/** Removes an action item and the task it became. */
export async function removeActionItem(
  db: Kysely<DB>,
  actor: Actor,
  meetingId: string,
  itemId: string,
  request: RequestContext,
): Promise<MeetingDetail> {
  await authorizeOnMeeting(db, actor, 'steering.manage', meetingId)
  await changeOpenMeeting(db, meetingId, async (trx) => {
    if (!(await deleteActionItem(trx, meetingId, itemId))) throw new NotFound()
    const taskId = await removeActionItemTask(trx, {
      districtId: actor.districtId,
      sourceKey: actionItemSourceKey(itemId),
    })
    await audit(trx, {
      request,
      action: 'meeting.action-item-delete',
      subjectType: 'action_item',
      subjectId: itemId,
    })
    if (taskId) await audit(trx, { request, action: 'task.delete', subjectType: 'task', subjectId: taskId })
  })
  return readMeeting(db, actor.districtId, meetingId)
}
