import type { Kysely } from 'kysely'
import type { z } from 'zod'
import { instantOfLocalTime, localDay } from '../../../../common/dates.ts'
import {
  type AttendanceStatus,
  type actionItemInputSchema,
  type agendaItemInputSchema,
  type amendmentInputSchema,
  type attendanceInputSchema,
  type BodyKind,
  type decisionInputSchema,
  type Meeting,
  type MeetingDetail,
  type meetingInputSchema,
  type meetingListQuerySchema,
  type meetingUpdateSchema,
  votingRoles,
} from '../../../../common/steering.ts'
import { localTimeOfDay } from '../../../../common/time-zone.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { districtTimeZone } from '../../../platform/district-time.ts'
import { Conflict, DomainError, NotFound, PreconditionRequired } from '../../../platform/errors.ts'
import { type Actor, allRoles, authorize, keepsTasks, ownDistrict } from '../../../platform/policy.ts'
import { recordAudit, recordAuditAlone } from '../../audit/index.ts'
import { createActionItemTask, tasksBySourceKey } from '../../casework/index.ts'
import { getDistrictName } from '../../districts/index.ts'
import { activeUsers, activeUsersWithRole, displayNames, organisationNames } from '../../identity/index.ts'
import { bodyFacts, bodyMembers } from '../bodies/body.service.ts'
import { selectMeetingDocuments } from '../documents/agenda-document.queries.ts'
import { authorizeOnBody, authorizeOnMeeting, ruleViolation } from '../steering.access.ts'
import { calendarOf } from './invitation.ts'
import {
  approveMinutesIfVersion,
  insertActionItem,
  insertAgendaItem,
  insertAmendment,
  insertDecision,
  insertMeeting,
  lockMeeting,
  type MeetingRow,
  selectActionItems,
  selectAgenda,
  selectAmendments,
  selectAttendance,
  selectBodyMeetings,
  selectDecisionNumbers,
  selectDecisionNumberTaken,
  selectDecisions,
  selectMeeting,
  selectMeetingPage,
  selectObstacleAgendaItems,
  updateMeetingIfVersion,
  updateMinutesIfVersion,
  upsertAttendance,
} from './meeting.queries.ts'
import { invitationTexts, type MinutesLanguage } from './minutes/minutes-texts.ts'

/** Minutes that are approved are frozen: every change after that is an amendment. */
export const frozen = () => new DomainError('minutes-approved', 'conflict')

function presentMeeting(row: MeetingRow, timeZone: string): Meeting {
  const startsAt = new Date(row.starts_at).toISOString()
  const endsAt = new Date(row.ends_at).toISOString()
  return {
    id: row.id,
    bodyId: row.body_id,
    bodyName: row.body_name,
    bodyKind: row.body_kind as BodyKind,
    title: row.title,
    startsAt,
    endsAt,
    date: localDay(startsAt, timeZone),
    startTime: localTimeOfDay(startsAt, timeZone),
    endTime: localTimeOfDay(endsAt, timeZone),
    timeZone,
    place: row.place,
    videoUrl: row.video_url,
    approvedAt: row.approved_at === null ? null : new Date(row.approved_at).toISOString(),
    version: row.version,
  }
}

/** The instants of a meeting from its day and wall-clock times in the district (summer or winter time alike). */
function instantsOf(input: { date: string; startTime: string; endTime: string }, timeZone: string) {
  return {
    starts_at: instantOfLocalTime(input.date, input.startTime, timeZone),
    ends_at: instantOfLocalTime(input.date, input.endTime, timeZone),
  }
}

export async function listMeetings(
  db: Kysely<DB>,
  actor: Actor,
  query: z.output<typeof meetingListQuerySchema>,
  now: Date,
) {
  if (query.bodyId) await authorizeOnBody(db, actor, 'steering.read', query.bodyId)
  else authorize(actor, 'steering.read', ownDistrict(actor))
  const timeZone = await districtTimeZone(db, actor.districtId)
  const { rows, total } = await selectMeetingPage(db, actor.districtId, {
    bodyId: query.bodyId,
    upcomingFrom: query.upcoming === 'true' ? now.toISOString() : undefined,
    limit: query.limit,
    offset: query.offset,
  })
  return {
    items: rows.map((row) => presentMeeting(row, timeZone)),
    total,
    limit: query.limit,
    offset: query.offset,
  }
}

/** Quorum: the voting members (chair, members) on the meeting's day; more than half of them unless the body says how many. */
function quorumOf(
  members: Awaited<ReturnType<typeof bodyMembers>>,
  statuses: Map<string, AttendanceStatus>,
  rule: number | null,
) {
  const voting = members.filter((member) => member.active && votingRoles.includes(member.role))
  const required = rule ?? Math.floor(voting.length / 2) + 1
  const present = voting.filter((member) => statuses.get(member.id) === 'present').length
  return {
    votingMembers: voting.length,
    required,
    present,
    reached: voting.length > 0 && present >= required,
  }
}

export async function readMeeting(
  db: Kysely<DB>,
  districtId: string,
  meetingId: string,
): Promise<MeetingDetail> {
  const row = await selectMeeting(db, meetingId)
  if (!row || row.district_id !== districtId) throw new NotFound()
  const timeZone = await districtTimeZone(db, districtId)
  const day = localDay(row.starts_at, timeZone)
  const [body, members, agenda, attendance, decisions, actionItems, amendments, documents] =
    await Promise.all([
      bodyFacts(db, districtId, row.body_id),
      bodyMembers(db, districtId, row.body_id, day),
      selectAgenda(db, meetingId),
      selectAttendance(db, meetingId),
      selectDecisions(db, meetingId),
      selectActionItems(db, meetingId),
      selectAmendments(db, meetingId),
      selectMeetingDocuments(db, meetingId),
    ])
  const statuses = new Map(attendance.map((entry) => [entry.membership_id, entry.status as AttendanceStatus]))
  const [names, organisations, tasks] = await Promise.all([
    displayNames(db, districtId, [
      ...actionItems.map((item) => item.owner_id),
      ...amendments.map((amendment) => amendment.created_by),
      ...documents.map((document) => document.uploaded_by),
      ...(row.approved_by ? [row.approved_by] : []),
    ]),
    organisationNames(
      db,
      districtId,
      actionItems.flatMap((item) => (item.organisation_id ? [item.organisation_id] : [])),
    ),
    tasksBySourceKey(
      db,
      districtId,
      actionItems.map((item) => actionItemSourceKey(item.id)),
    ),
  ])
  // Who attended: everyone who was a member that day, and anyone recorded though their membership ended since.
  const attendees = members.filter((member) => member.active || statuses.has(member.id))
  return {
    ...presentMeeting(row, timeZone),
    minutes: row.minutes,
    approvedByName: row.approved_by ? (names.get(row.approved_by) ?? null) : null,
    agenda: agenda.map((item) => ({
      id: item.id,
      position: item.position,
      title: item.title,
      description: item.description,
      obstacleId: item.obstacle_id,
      documents: documents
        .filter((document) => document.agenda_item_id === item.id)
        .map((document) => ({
          id: document.id,
          fileName: document.file_name,
          mediaType: document.media_type,
          sizeBytes: document.size_bytes,
          uploadedAt: new Date(document.uploaded_at).toISOString(),
          uploadedByName: names.get(document.uploaded_by) ?? '',
        })),
    })),
    attendance: attendees.map((member) => ({
      membershipId: member.id,
      representative: member.representative,
      organisationName: member.organisationName,
      seatLabel: member.seatLabel,
      role: member.role,
      status: statuses.get(member.id) ?? null,
    })),
    quorum: quorumOf(members, statuses, body?.quorum ?? null),
    decisions: decisions.map((decision) => ({
      id: decision.id,
      number: decision.number,
      text: decision.text,
      agendaItemId: decision.agenda_item_id,
      votesFor: decision.votes_for,
      votesAgainst: decision.votes_against,
      abstentions: decision.abstentions,
    })),
    actionItems: actionItems.map((item) => {
      const task = tasks.get(actionItemSourceKey(item.id))
      return {
        id: item.id,
        title: item.title,
        ownerId: item.owner_id,
        ownerName: names.get(item.owner_id) ?? '',
        organisationId: item.organisation_id,
        organisationName: item.organisation_id ? (organisations.get(item.organisation_id) ?? null) : null,
        dueOn: item.due_on,
        decisionId: item.decision_id,
        taskId: task?.id ?? null,
        done: task?.doneAt != null,
      }
    }),
    amendments: amendments.map((amendment) => ({
      id: amendment.id,
      text: amendment.text,
      createdAt: new Date(amendment.created_at).toISOString(),
      createdByName: names.get(amendment.created_by) ?? '',
    })),
  }
}

/** Where obstacles are on agendas, by obstacle: the meeting and whether its minutes are approved. */
export async function obstacleAgendaItems(db: Kysely<DB>, obstacleIds: readonly string[]) {
  const rows = await selectObstacleAgendaItems(db, obstacleIds)
  const byObstacle = new Map<
    string,
    { agendaItemId: string; meetingId: string; meetingTitle: string; startsAt: string; approved: boolean }[]
  >()
  for (const row of rows) {
    const items = byObstacle.get(row.obstacle_id as string) ?? []
    items.push({
      agendaItemId: row.id,
      meetingId: row.meeting_id,
      meetingTitle: row.meeting_title,
      startsAt: new Date(row.starts_at).toISOString(),
      approved: row.approved_at !== null,
    })
    byObstacle.set(row.obstacle_id as string, items)
  }
  return byObstacle
}

/** The key of the task an action item became; one task per action item, ever. */
export const actionItemSourceKey = (actionItemId: string) => `meeting-action:${actionItemId}`

export async function getMeeting(db: Kysely<DB>, actor: Actor, meetingId: string): Promise<MeetingDetail> {
  await authorizeOnMeeting(db, actor, 'steering.read', meetingId)
  return readMeeting(db, actor.districtId, meetingId)
}

export async function createMeeting(
  db: Kysely<DB>,
  actor: Actor,
  input: z.output<typeof meetingInputSchema>,
  request: RequestContext,
): Promise<MeetingDetail> {
  authorize(actor, 'steering.manage', ownDistrict(actor))
  if (!(await bodyFacts(db, actor.districtId, input.bodyId)))
    throw ruleViolation('unknown-reference', 'bodyId')
  const timeZone = await districtTimeZone(db, actor.districtId)
  const id = await db.transaction().execute(async (trx) => {
    const meetingId = await insertMeeting(trx, {
      district_id: actor.districtId,
      body_id: input.bodyId,
      title: input.title,
      ...instantsOf(input, timeZone),
      place: input.place,
      video_url: input.videoUrl,
      created_by: actor.userId,
    })
    await recordAudit(trx, {
      ...request,
      action: 'meeting.create',
      subjectType: 'meeting',
      subjectId: meetingId,
    })
    return meetingId
  })
  return readMeeting(db, actor.districtId, id)
}

export async function updateMeeting(
  db: Kysely<DB>,
  actor: Actor,
  meetingId: string,
  expectedVersion: number | undefined,
  input: z.output<typeof meetingUpdateSchema>,
  request: RequestContext,
): Promise<MeetingDetail> {
  await authorizeOnMeeting(db, actor, 'steering.manage', meetingId)
  if (expectedVersion === undefined) throw new PreconditionRequired()
  const timeZone = await districtTimeZone(db, actor.districtId)
  await db.transaction().execute(async (trx) => {
    const locked = await lockMeeting(trx, meetingId)
    if (locked?.approved_at) throw frozen()
    const changed = await updateMeetingIfVersion(trx, meetingId, expectedVersion, {
      title: input.title,
      ...instantsOf(input, timeZone),
      place: input.place,
      video_url: input.videoUrl,
    })
    if (!changed) throw new Conflict()
    await recordAudit(trx, {
      ...request,
      action: 'meeting.update',
      subjectType: 'meeting',
      subjectId: meetingId,
    })
  })
  return readMeeting(db, actor.districtId, meetingId)
}

/** Runs a change of a meeting's record while its minutes are open; approved minutes refuse it. */
export async function changeOpenMeeting<T>(
  db: Kysely<DB>,
  meetingId: string,
  change: (
    trx: Parameters<Parameters<ReturnType<Kysely<DB>['transaction']>['execute']>[0]>[0],
    meeting: { body_id: string; starts_at: string },
  ) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const locked = await lockMeeting(trx, meetingId)
    if (!locked) throw new NotFound()
    if (locked.approved_at) throw frozen()
    return change(trx, locked)
  })
}

export async function addAgendaItem(
  db: Kysely<DB>,
  actor: Actor,
  meetingId: string,
  input: z.output<typeof agendaItemInputSchema>,
  request: RequestContext,
  /** The obstacle the item is about, when the board pulls one into the meeting. */
  obstacleId: string | null = null,
): Promise<MeetingDetail> {
  await authorizeOnMeeting(db, actor, 'steering.manage', meetingId)
  await changeOpenMeeting(db, meetingId, async (trx) => {
    const itemId = await insertAgendaItem(trx, {
      district_id: actor.districtId,
      meeting_id: meetingId,
      title: input.title,
      description: input.description,
      obstacle_id: obstacleId,
    })
    await recordAudit(trx, {
      ...request,
      action: 'meeting.agenda-add',
      subjectType: 'agenda_item',
      subjectId: itemId,
    })
  })
  return readMeeting(db, actor.districtId, meetingId)
}

/** Records who was present, excused or absent; only members of the body on the meeting's day. */
export async function recordAttendance(
  db: Kysely<DB>,
  actor: Actor,
  meetingId: string,
  input: z.output<typeof attendanceInputSchema>,
  request: RequestContext,
): Promise<MeetingDetail> {
  await authorizeOnMeeting(db, actor, 'steering.manage', meetingId)
  const timeZone = await districtTimeZone(db, actor.districtId)
  await changeOpenMeeting(db, meetingId, async (trx, meeting) => {
    const day = localDay(meeting.starts_at, timeZone)
    const members = await bodyMembers(trx, actor.districtId, meeting.body_id, day)
    const active = new Set(members.filter((member) => member.active).map((member) => member.id))
    input.entries.forEach((entry, index) => {
      if (!active.has(entry.membershipId))
        throw ruleViolation('not-a-member', `entries.${index}.membershipId`)
    })
    await upsertAttendance(
      trx,
      input.entries.map((entry) => ({
        district_id: actor.districtId,
        meeting_id: meetingId,
        membership_id: entry.membershipId,
        status: entry.status,
      })),
    )
    await recordAudit(trx, {
      ...request,
      action: 'meeting.attendance',
      subjectType: 'meeting',
      subjectId: meetingId,
    })
  })
  return readMeeting(db, actor.districtId, meetingId)
}

export async function saveMinutes(
  db: Kysely<DB>,
  actor: Actor,
  meetingId: string,
  expectedVersion: number | undefined,
  minutes: string,
  request: RequestContext,
): Promise<MeetingDetail> {
  await authorizeOnMeeting(db, actor, 'steering.manage', meetingId)
  if (expectedVersion === undefined) throw new PreconditionRequired()
  await changeOpenMeeting(db, meetingId, async (trx) => {
    if (!(await updateMinutesIfVersion(trx, meetingId, expectedVersion, minutes))) throw new Conflict()
    await recordAudit(trx, {
      ...request,
      action: 'meeting.minutes',
      subjectType: 'meeting',
      subjectId: meetingId,
    })
  })
  return readMeeting(db, actor.districtId, meetingId)
}

/** The next free number of the form `YYYY/N` for a body, in the year of the meeting. */
export async function nextDecisionNumber(db: Kysely<DB>, bodyId: string, year: string): Promise<string> {
  const prefix = `${year}/`
  const used = (await selectDecisionNumbers(db, bodyId, prefix))
    .map((number) => Number(number.slice(prefix.length)))
    .filter((value) => Number.isInteger(value))
  return `${prefix}${Math.max(0, ...used) + 1}`
}

export async function addDecision(
  db: Kysely<DB>,
  actor: Actor,
  meetingId: string,
  input: z.output<typeof decisionInputSchema>,
  request: RequestContext,
): Promise<MeetingDetail> {
  await authorizeOnMeeting(db, actor, 'steering.manage', meetingId)
  const timeZone = await districtTimeZone(db, actor.districtId)
  await changeOpenMeeting(db, meetingId, async (trx, meeting) => {
    if (
      input.agendaItemId &&
      !(await selectAgenda(trx, meetingId)).some((item) => item.id === input.agendaItemId)
    )
      throw ruleViolation('unknown-reference', 'agendaItemId')
    const number =
      input.number ??
      (await nextDecisionNumber(trx, meeting.body_id, localDay(meeting.starts_at, timeZone).slice(0, 4)))
    if (await selectDecisionNumberTaken(trx, meeting.body_id, number))
      throw ruleViolation('decision-number-taken', 'number', 'conflict')
    const decisionId = await insertDecision(trx, {
      district_id: actor.districtId,
      body_id: meeting.body_id,
      meeting_id: meetingId,
      agenda_item_id: input.agendaItemId,
      number,
      text: input.text,
      votes_for: input.votesFor,
      votes_against: input.votesAgainst,
      abstentions: input.abstentions,
      created_by: actor.userId,
    })
    // Taken by a decision recorded at the same moment in another meeting of the body.
    if (decisionId === '') throw ruleViolation('decision-number-taken', 'number', 'conflict')
    await recordAudit(trx, {
      ...request,
      action: 'meeting.decision',
      subjectType: 'decision',
      subjectId: decisionId,
    })
  })
  return readMeeting(db, actor.districtId, meetingId)
}

/** An action item's owner keeps tasks in the district, and its organisation is one of the district's. */
export async function assertActionItemPeople(
  db: Kysely<DB>,
  districtId: string,
  input: { ownerId: string; organisationId: string | null },
): Promise<void> {
  const [owner] = await activeUsers(db, districtId, [input.ownerId])
  if (!owner || !keepsTasks(owner.roles)) throw ruleViolation('action-owner-invalid', 'ownerId')
  if (input.organisationId && !(await organisationNames(db, districtId, [input.organisationId])).size)
    throw ruleViolation('unknown-reference', 'organisationId')
}

/** A decision an action item names must be one of the same meeting. */
export async function assertDecisionOfMeeting(
  db: Kysely<DB>,
  meetingId: string,
  decisionId: string | null,
): Promise<void> {
  if (decisionId && !(await selectDecisions(db, meetingId)).some((each) => each.id === decisionId))
    throw ruleViolation('unknown-reference', 'decisionId')
}

/** An action item with its owner and due day; it becomes a task (Wiedervorlage) for the owner in the same step. */
export async function addActionItem(
  db: Kysely<DB>,
  actor: Actor,
  meetingId: string,
  input: z.output<typeof actionItemInputSchema>,
  request: RequestContext,
): Promise<MeetingDetail> {
  await authorizeOnMeeting(db, actor, 'steering.manage', meetingId)
  await assertActionItemPeople(db, actor.districtId, input)
  await changeOpenMeeting(db, meetingId, async (trx) => {
    await assertDecisionOfMeeting(trx, meetingId, input.decisionId)
    const meeting = await selectMeeting(trx, meetingId)
    const itemId = await insertActionItem(trx, {
      district_id: actor.districtId,
      meeting_id: meetingId,
      decision_id: input.decisionId,
      title: input.title,
      owner_id: input.ownerId,
      organisation_id: input.organisationId,
      due_on: input.dueOn,
      created_by: actor.userId,
    })
    const taskId = await createActionItemTask(trx, {
      districtId: actor.districtId,
      title: `${meeting?.body_name ?? ''}: ${input.title}`,
      dueOn: input.dueOn,
      assigneeId: input.ownerId,
      createdBy: actor.userId,
      sourceKey: actionItemSourceKey(itemId),
    })
    await recordAudit(trx, {
      ...request,
      action: 'meeting.action-item',
      subjectType: 'action_item',
      subjectId: itemId,
    })
    await recordAudit(trx, { ...request, action: 'task.create', subjectType: 'task', subjectId: taskId })
  })
  return readMeeting(db, actor.districtId, meetingId)
}

/** Approves the minutes: from now on the meeting's record is frozen, and changes are amendments. */
export async function approveMinutes(
  db: Kysely<DB>,
  actor: Actor,
  meetingId: string,
  expectedVersion: number | undefined,
  request: RequestContext,
): Promise<MeetingDetail> {
  await authorizeOnMeeting(db, actor, 'steering.manage', meetingId)
  if (expectedVersion === undefined) throw new PreconditionRequired()
  await changeOpenMeeting(db, meetingId, async (trx) => {
    if (!(await approveMinutesIfVersion(trx, meetingId, expectedVersion, actor.userId))) throw new Conflict()
    await recordAudit(trx, {
      ...request,
      action: 'meeting.approve',
      subjectType: 'meeting',
      subjectId: meetingId,
    })
  })
  return readMeeting(db, actor.districtId, meetingId)
}

export async function addAmendment(
  db: Kysely<DB>,
  actor: Actor,
  meetingId: string,
  input: z.output<typeof amendmentInputSchema>,
  request: RequestContext,
): Promise<MeetingDetail> {
  await authorizeOnMeeting(db, actor, 'steering.manage', meetingId)
  await db.transaction().execute(async (trx) => {
    const locked = await lockMeeting(trx, meetingId)
    if (!locked) throw new NotFound()
    if (!locked.approved_at) throw new DomainError('minutes-not-approved', 'rule-broken')
    const amendmentId = await insertAmendment(trx, {
      district_id: actor.districtId,
      meeting_id: meetingId,
      text: input.text,
      created_by: actor.userId,
    })
    await recordAudit(trx, {
      ...request,
      action: 'meeting.amendment',
      subjectType: 'minutes_amendment',
      subjectId: amendmentId,
    })
  })
  return readMeeting(db, actor.districtId, meetingId)
}

/** The invitation of one meeting as an iCalendar file. */
export async function meetingInvitation(
  db: Kysely<DB>,
  actor: Actor,
  meetingId: string,
  request: RequestContext,
  language: MinutesLanguage = 'de',
) {
  await authorizeOnMeeting(db, actor, 'steering.read', meetingId)
  const row = await selectMeeting(db, meetingId)
  if (!row) throw new NotFound()
  const [timeZone, districtName, agenda] = await Promise.all([
    districtTimeZone(db, actor.districtId),
    getDistrictName(db, actor.districtId),
    selectAgenda(db, meetingId),
  ])
  const words = invitationTexts(language)
  const content = calendarOf({
    name: row.body_name,
    districtName,
    timeZone,
    agendaHeading: words.agendaHeading,
    meetings: [{ row, agenda: agenda.map(words.agendaLine) }],
    method: 'PUBLISH',
    stamp: request.now,
  })
  return { content, fileName: `einladung-${localDay(row.starts_at, timeZone)}.ics` }
}

/** Every meeting of a body as one subscribable calendar. */
export async function bodyCalendar(
  db: Kysely<DB>,
  actor: Actor,
  bodyId: string,
  request: RequestContext,
  language: MinutesLanguage = 'de',
) {
  await authorizeOnBody(db, actor, 'steering.read', bodyId)
  const [body, rows, timeZone, districtName] = await Promise.all([
    bodyFacts(db, actor.districtId, bodyId),
    selectBodyMeetings(db, bodyId),
    districtTimeZone(db, actor.districtId),
    getDistrictName(db, actor.districtId),
  ])
  const agendas = await Promise.all(rows.map((row) => selectAgenda(db, row.id)))
  const words = invitationTexts(language)
  const content = calendarOf({
    name: body?.name ?? '',
    districtName,
    timeZone,
    agendaHeading: words.agendaHeading,
    meetings: rows.map((row, index) => ({ row, agenda: (agendas[index] ?? []).map(words.agendaLine) })),
    method: 'PUBLISH',
    stamp: request.now,
  })
  return { content, fileName: 'sitzungen.ics' }
}

/** Everything the minutes show, for the DOCX and PDF exports; the export is audited (it names people). */
export async function minutesForExport(
  db: Kysely<DB>,
  actor: Actor,
  meetingId: string,
  request: RequestContext,
) {
  await authorizeOnMeeting(db, actor, 'steering.read', meetingId)
  const meeting = await readMeeting(db, actor.districtId, meetingId)
  const districtName = await getDistrictName(db, actor.districtId)
  await recordAuditAlone(db, {
    ...request,
    action: 'meeting.minutes-export',
    subjectType: 'meeting',
    subjectId: meetingId,
  })
  return { meeting, districtName }
}

/** Who may own an action item: the district's active users who keep tasks, by name. */
export async function actionItemOwners(db: Kysely<DB>, actor: Actor) {
  authorize(actor, 'steering.manage', ownDistrict(actor))
  const lists = await Promise.all(
    allRoles
      .filter((role) => keepsTasks([role]))
      .map((role) => activeUsersWithRole(db, actor.districtId, role)),
  )
  const owners = new Map<string, string>()
  for (const user of lists.flat()) owners.set(user.id, user.displayName)
  const candidates = await activeUsers(db, actor.districtId, [...owners.keys()])
  return {
    items: candidates
      .filter((user) => keepsTasks(user.roles))
      .map((user) => ({ id: user.id, displayName: user.displayName }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'de')),
  }
}
