import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { LifeDomain } from '../../../../common/casework.ts'
import {
  type agendaPullInputSchema,
  type evidenceInputSchema,
  type goalLinkInputSchema,
  type Obstacle,
  type ObstacleDetail,
  type ObstacleList,
  type ObstacleStatus,
  type obstacleInputSchema,
  type obstacleListQuerySchema,
  obstacleStatuses,
  obstacleTransitions,
  openObstacleStatuses,
  type statusChangeInputSchema,
} from '../../../../common/obstacles.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { districtTime } from '../../../platform/district-time.ts'
import { DomainError, NotFound } from '../../../platform/errors.ts'
import {
  type Action,
  type Actor,
  assertRecordVisible,
  authorize,
  ownDistrict,
} from '../../../platform/policy.ts'
import { recordAudit } from '../../audit/index.ts'
import { authorizeCaseRead, authorizeCaseWork, readableCases } from '../../casework/index.ts'
import { displayNames, organisationNames } from '../../identity/index.ts'
import { bodyFacts } from '../bodies/body.service.ts'
import { selectAgreementDistrict } from '../goals/goal.queries.ts'
import { addAgendaItem, obstacleAgendaItems } from '../meetings/meeting.service.ts'
import { ruleViolation } from '../steering.access.ts'
import {
  insertEvidence,
  insertGoalLink,
  insertObstacle,
  insertObstacleOrganisations,
  insertStatusChange,
  lockObstacle,
  type ObstacleRow,
  selectEvidence,
  selectGoalLinks,
  selectHistory,
  selectObstacle,
  selectObstacleCounts,
  selectObstacleDistrict,
  selectObstacleOrganisations,
  selectObstacles,
  updateObstacleStatus,
} from './obstacle.queries.ts'
import { assertNoPersonalData } from './personal-data.ts'

/**
 * Structural obstacles (Systemrückmeldung): raised from a case or by coordination, evidenced by
 * further cases, moved along a fixed workflow by coordination, pulled into meetings. Their text
 * holds no personal data (personal-data.ts); the cases they were seen in are personal data of a
 * kind, so each reader sees only the case links they may read, and everyone the count.
 */

const closed = () => new DomainError('obstacle-closed', 'conflict')

/** Existence first (another district's obstacle is 404, audited as denied), then the policy. */
async function authorizeOnObstacle(db: Kysely<DB>, actor: Actor, action: Action, obstacleId: string) {
  assertRecordVisible(actor, await selectObstacleDistrict(db, obstacleId), {
    type: 'obstacle',
    id: obstacleId,
  })
  authorize(actor, action, ownDistrict(actor))
}

async function present(db: Kysely<DB>, actor: Actor, rows: ObstacleRow[]): Promise<Obstacle[]> {
  const ids = rows.map((row) => row.id)
  const [links, evidence, agenda, goals] = await Promise.all([
    selectObstacleOrganisations(db, ids),
    selectEvidence(db, ids),
    obstacleAgendaItems(db, ids),
    selectGoalLinks(db, ids),
  ])
  const [organisations, names, readable] = await Promise.all([
    organisationNames(
      db,
      actor.districtId,
      links.map((link) => link.organisation_id),
    ),
    displayNames(
      db,
      actor.districtId,
      rows.map((row) => row.raised_by),
    ),
    readableCases(
      db,
      actor,
      evidence.map((entry) => entry.case_id),
    ),
  ])
  return rows.map((row) => {
    const seen = evidence.filter((entry) => entry.obstacle_id === row.id)
    return {
      id: row.id,
      domain: row.domain as LifeDomain,
      title: row.title,
      description: row.description,
      status: row.status as ObstacleStatus,
      workingGroupId: row.working_group_id,
      workingGroupName: row.working_group_name,
      organisations: links
        .filter((link) => link.obstacle_id === row.id)
        .map((link) => ({ id: link.organisation_id, name: organisations.get(link.organisation_id) ?? '' }))
        .sort((a, b) => a.name.localeCompare(b.name, 'de')),
      evidenceCount: seen.length,
      cases: seen.flatMap((entry) => {
        const kase = readable.get(entry.case_id)
        return kase ? [{ caseId: entry.case_id, reference: kase.reference, raised: entry.raised }] : []
      }),
      agendaItems: agenda.get(row.id) ?? [],
      goalAgreements: goals
        .filter((goal) => goal.obstacle_id === row.id)
        .map((goal) => ({ id: goal.id, title: goal.title, startsOn: goal.starts_on, endsOn: goal.ends_on })),
      raisedByName: names.get(row.raised_by) ?? '',
      createdAt: new Date(row.created_at).toISOString(),
      version: row.version,
    }
  })
}

async function readObstacle(db: Kysely<DB>, actor: Actor, obstacleId: string): Promise<ObstacleDetail> {
  const row = await selectObstacle(db, obstacleId)
  if (!row || row.district_id !== actor.districtId) throw new NotFound()
  const [[obstacle], history] = await Promise.all([present(db, actor, [row]), selectHistory(db, obstacleId)])
  const names = await displayNames(
    db,
    actor.districtId,
    history.map((entry) => entry.changed_by),
  )
  return {
    ...(obstacle as Obstacle),
    history: history.map((entry) => ({
      fromStatus: entry.from_status as ObstacleStatus | null,
      toStatus: entry.to_status as ObstacleStatus,
      note: entry.note,
      workingGroupName: entry.working_group_name,
      changedByName: names.get(entry.changed_by) ?? '',
      changedAt: new Date(entry.changed_at).toISOString(),
    })),
  }
}

const emptyCounts = () =>
  Object.fromEntries(obstacleStatuses.map((status) => [status, 0])) as Record<ObstacleStatus, number>

export async function listObstacles(
  db: Kysely<DB>,
  actor: Actor,
  query: z.output<typeof obstacleListQuerySchema>,
): Promise<ObstacleList> {
  authorize(actor, 'steering.read', ownDistrict(actor))
  // Which obstacles a case was seen in says something about the case: only for its readers.
  if (query.caseId) await authorizeCaseRead(db, actor, query.caseId)
  const rows = await selectObstacles(db, actor.districtId, query)
  const counts = emptyCounts()
  for (const row of rows) counts[row.status as ObstacleStatus]++
  return { items: await present(db, actor, rows), counts }
}

export async function getObstacle(db: Kysely<DB>, actor: Actor, obstacleId: string): Promise<ObstacleDetail> {
  await authorizeOnObstacle(db, actor, 'steering.read', obstacleId)
  return readObstacle(db, actor, obstacleId)
}

async function assertOrganisationsOfDistrict(db: Kysely<DB>, districtId: string, ids: readonly string[]) {
  const known = await organisationNames(db, districtId, ids)
  if (ids.some((id) => !known.has(id))) throw ruleViolation('unknown-reference', 'organisationIds')
}

/** Raises an obstacle, from a case (which the actor works on) or, for coordination, directly. */
export async function raiseObstacle(
  db: Kysely<DB>,
  actor: Actor,
  input: z.output<typeof obstacleInputSchema>,
  request: RequestContext,
): Promise<ObstacleDetail> {
  authorize(actor, 'obstacle.raise', ownDistrict(actor))
  if (input.caseId) await authorizeCaseWork(db, actor, input.caseId)
  await assertOrganisationsOfDistrict(db, actor.districtId, input.organisationIds)
  const { today } = await districtTime(db, actor.districtId, request.now)
  await assertNoPersonalData(
    db,
    actor.districtId,
    { title: input.title, description: input.description },
    today,
  )
  const id = await db.transaction().execute(async (trx) => {
    const obstacleId = await insertObstacle(trx, {
      district_id: actor.districtId,
      domain: input.domain,
      title: input.title,
      description: input.description,
      raised_by: actor.userId,
    })
    await insertObstacleOrganisations(
      trx,
      input.organisationIds.map((organisationId) => ({
        district_id: actor.districtId,
        obstacle_id: obstacleId,
        organisation_id: organisationId,
      })),
    )
    if (input.caseId) {
      await insertEvidence(trx, {
        district_id: actor.districtId,
        obstacle_id: obstacleId,
        case_id: input.caseId,
        raised: true,
        added_by: actor.userId,
      })
    }
    await insertStatusChange(trx, {
      district_id: actor.districtId,
      obstacle_id: obstacleId,
      from_status: null,
      to_status: 'new',
      working_group_id: null,
      note: '',
      changed_by: actor.userId,
    })
    await recordAudit(trx, {
      ...request,
      action: 'obstacle.raise',
      subjectType: 'obstacle',
      subjectId: obstacleId,
    })
    return obstacleId
  })
  return readObstacle(db, actor, id)
}

/** "Seen in another case": a case the actor works on becomes evidence, once per case. */
export async function addEvidence(
  db: Kysely<DB>,
  actor: Actor,
  obstacleId: string,
  input: z.output<typeof evidenceInputSchema>,
  request: RequestContext,
): Promise<ObstacleDetail> {
  await authorizeOnObstacle(db, actor, 'obstacle.raise', obstacleId)
  await authorizeCaseWork(db, actor, input.caseId)
  await db.transaction().execute(async (trx) => {
    const locked = await lockObstacle(trx, obstacleId)
    if (!locked) throw new NotFound()
    if (!openObstacleStatuses.includes(locked.status as ObstacleStatus)) throw closed()
    const added = await insertEvidence(trx, {
      district_id: actor.districtId,
      obstacle_id: obstacleId,
      case_id: input.caseId,
      raised: false,
      added_by: actor.userId,
    })
    if (!added) throw ruleViolation('obstacle-case-already-evidence', 'caseId', 'conflict')
    await recordAudit(trx, {
      ...request,
      action: 'obstacle.evidence-add',
      subjectType: 'obstacle',
      subjectId: obstacleId,
    })
  })
  return readObstacle(db, actor, obstacleId)
}

/** Moves an obstacle one step along its workflow, the note recorded as the decision. */
export async function changeObstacleStatus(
  db: Kysely<DB>,
  actor: Actor,
  obstacleId: string,
  input: z.output<typeof statusChangeInputSchema>,
  request: RequestContext,
): Promise<ObstacleDetail> {
  await authorizeOnObstacle(db, actor, 'steering.manage', obstacleId)
  if (input.status === 'assigned') {
    const body = await bodyFacts(db, actor.districtId, input.workingGroupId as string)
    if (body?.kind !== 'working_group') throw ruleViolation('not-a-working-group', 'workingGroupId')
  }
  const { today } = await districtTime(db, actor.districtId, request.now)
  await assertNoPersonalData(db, actor.districtId, { note: input.note }, today)
  await db.transaction().execute(async (trx) => {
    const locked = await lockObstacle(trx, obstacleId)
    const current = await selectObstacle(trx, obstacleId)
    if (!locked || !current) throw new NotFound()
    const from = locked.status as ObstacleStatus
    if (!obstacleTransitions[from].includes(input.status)) {
      throw new DomainError('obstacle-transition-not-allowed', 'conflict', `${from} -> ${input.status}`)
    }
    const workingGroupId = input.status === 'assigned' ? input.workingGroupId : current.working_group_id
    await updateObstacleStatus(trx, obstacleId, { status: input.status, working_group_id: workingGroupId })
    await insertStatusChange(trx, {
      district_id: actor.districtId,
      obstacle_id: obstacleId,
      from_status: from,
      to_status: input.status,
      working_group_id: input.status === 'assigned' ? input.workingGroupId : null,
      note: input.note,
      changed_by: actor.userId,
    })
    await recordAudit(trx, {
      ...request,
      action: 'obstacle.status',
      subjectType: 'obstacle',
      subjectId: obstacleId,
    })
  })
  return readObstacle(db, actor, obstacleId)
}

/** Puts an open obstacle on the agenda of a meeting whose minutes are not approved, once per meeting. */
export async function pullIntoAgenda(
  db: Kysely<DB>,
  actor: Actor,
  obstacleId: string,
  input: z.output<typeof agendaPullInputSchema>,
  request: RequestContext,
): Promise<ObstacleDetail> {
  await authorizeOnObstacle(db, actor, 'steering.manage', obstacleId)
  const obstacle = await selectObstacle(db, obstacleId)
  if (!obstacle) throw new NotFound()
  if (!openObstacleStatuses.includes(obstacle.status as ObstacleStatus)) throw closed()
  const onAgenda = (await obstacleAgendaItems(db, [obstacleId])).get(obstacleId) ?? []
  if (onAgenda.some((item) => item.meetingId === input.meetingId)) {
    throw ruleViolation('obstacle-already-on-agenda', 'meetingId', 'conflict')
  }
  await addAgendaItem(
    db,
    actor,
    input.meetingId,
    { title: obstacle.title, description: obstacle.description },
    request,
    obstacleId,
  )
  return readObstacle(db, actor, obstacleId)
}

/** Links an obstacle to a goal agreement of the district that takes it up, once. */
export async function linkGoalAgreement(
  db: Kysely<DB>,
  actor: Actor,
  obstacleId: string,
  input: z.output<typeof goalLinkInputSchema>,
  request: RequestContext,
): Promise<ObstacleDetail> {
  await authorizeOnObstacle(db, actor, 'steering.manage', obstacleId)
  if ((await selectAgreementDistrict(db, input.goalAgreementId)) !== actor.districtId) {
    throw ruleViolation('unknown-reference', 'goalAgreementId')
  }
  await db.transaction().execute(async (trx) => {
    const linked = await insertGoalLink(trx, {
      district_id: actor.districtId,
      obstacle_id: obstacleId,
      agreement_id: input.goalAgreementId,
      linked_by: actor.userId,
    })
    if (!linked) throw ruleViolation('obstacle-goal-already-linked', 'goalAgreementId', 'conflict')
    await recordAudit(trx, {
      ...request,
      action: 'obstacle.goal-link',
      subjectType: 'obstacle',
      subjectId: obstacleId,
    })
  })
  return readObstacle(db, actor, obstacleId)
}

/** The district's obstacles by status, for the coordinator's overview. */
export async function obstacleCounts(db: Kysely<DB>, districtId: string) {
  const counts = emptyCounts()
  for (const row of await selectObstacleCounts(db, districtId))
    counts[row.status as ObstacleStatus] = row.count
  return counts
}
