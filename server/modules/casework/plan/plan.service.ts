import type { Kysely, Transaction } from 'kysely'
import type { z } from 'zod'
import type { Goal, goalInputSchema, Measure, measureInputSchema } from '../../../../common/casework.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { Conflict, NotFound, PreconditionRequired } from '../../../platform/errors.ts'
import type { Actor } from '../../../platform/policy.ts'
import { recordAudit, recordAuditAlone } from '../../audit/index.ts'
import { organisationNames } from '../../identity/index.ts'
import { authorizeCaseRead, authorizeCaseWork } from '../cases/case.service.ts'
import { assertReferences, ruleViolation } from '../casework.access.ts'
import {
  inCase,
  insertGoal,
  insertMeasure,
  selectGoals,
  selectMeasures,
  updatePlanItemIfVersion,
} from './plan.queries.ts'

type GoalWrite = z.output<typeof goalInputSchema>
type MeasureWrite = z.output<typeof measureInputSchema>
export type Plan = { goals: Goal[]; measures: Measure[] }

/** The columns a goal's input writes, alike on create and update. */
function goalColumns(input: GoalWrite) {
  return {
    domain: input.domain,
    statement: input.statement,
    indicator: input.indicator,
    target_date: input.targetDate,
    status: input.status,
  }
}

/** The columns a measure's input writes, alike on create and update. */
function measureColumns(input: MeasureWrite) {
  return {
    goal_id: input.goalId,
    description: input.description,
    owner: input.owner,
    organisation_id: input.organisationId,
    due_on: input.dueOn,
    status: input.status,
  }
}

/** The plan as the API shows it, with partner organisations' names (from identity). */
async function presentPlan(db: Kysely<DB>, districtId: string, caseId: string): Promise<Plan> {
  const [goals, measures] = await Promise.all([selectGoals(db, caseId), selectMeasures(db, caseId)])
  const organisations = await organisationNames(
    db,
    districtId,
    measures.flatMap((measure) => (measure.organisation_id ? [measure.organisation_id] : [])),
  )
  return {
    goals: goals.map((goal) => ({
      id: goal.id,
      domain: goal.domain as Goal['domain'],
      statement: goal.statement,
      indicator: goal.indicator,
      targetDate: goal.target_date,
      status: goal.status as Goal['status'],
      outcome: goal.outcome as Goal['outcome'],
      version: goal.version,
    })),
    measures: measures.map((measure) => ({
      id: measure.id,
      goalId: measure.goal_id,
      description: measure.description,
      owner: measure.owner as Measure['owner'],
      organisationId: measure.organisation_id,
      organisationName: measure.organisation_id ? (organisations.get(measure.organisation_id) ?? null) : null,
      dueOn: measure.due_on,
      status: measure.status as Measure['status'],
      version: measure.version,
    })),
  }
}

export async function readPlan(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  request: RequestContext,
): Promise<Plan> {
  await authorizeCaseRead(db, actor, caseId)
  await recordAuditAlone(db, {
    ...request,
    action: 'case.read',
    subjectType: 'case',
    subjectId: caseId,
    purpose: 'plan',
  })
  return presentPlan(db, actor.districtId, caseId)
}

async function checkMeasure(db: Kysely<DB>, actor: Actor, caseId: string, input: MeasureWrite) {
  if ((input.owner === 'partner') !== (input.organisationId !== null))
    throw ruleViolation('invalid-input', 'organisationId', 'invalid')
  await assertReferences(db, actor.districtId, [
    {
      table: 'organisation',
      ids: input.organisationId ? [input.organisationId] : [],
      field: 'organisationId',
    },
  ])
  if (input.goalId && !(await inCase(db, 'goal', caseId, input.goalId)))
    throw ruleViolation('unknown-reference', 'goalId')
}

export async function addGoal(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  input: GoalWrite,
  request: RequestContext,
) {
  await authorizeCaseWork(db, actor, caseId)
  await db.transaction().execute(async (trx) => {
    const id = await insertGoal(trx, {
      district_id: actor.districtId,
      case_id: caseId,
      ...goalColumns(input),
      created_by: actor.userId,
    })
    await recordAudit(trx, { ...request, action: 'goal.create', subjectType: 'goal', subjectId: id })
  })
  return presentPlan(db, actor.districtId, caseId)
}

/** Goals and measures are changed only with the version the client saw. */
async function updateVersioned(
  trx: Transaction<DB>,
  table: 'goal' | 'measure',
  caseId: string,
  id: string,
  expectedVersion: number,
  changes: Record<string, unknown>,
) {
  if (await updatePlanItemIfVersion(trx, table, caseId, id, expectedVersion, changes)) return
  throw (await inCase(trx, table, caseId, id)) ? new Conflict() : new NotFound()
}

export async function updateGoal(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  goalId: string,
  expectedVersion: number | undefined,
  input: GoalWrite,
  request: RequestContext,
) {
  await authorizeCaseWork(db, actor, caseId)
  if (expectedVersion === undefined) throw new PreconditionRequired()
  await db.transaction().execute(async (trx) => {
    await updateVersioned(trx, 'goal', caseId, goalId, expectedVersion, goalColumns(input))
    await recordAudit(trx, { ...request, action: 'goal.update', subjectType: 'goal', subjectId: goalId })
  })
  return presentPlan(db, actor.districtId, caseId)
}

export async function addMeasure(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  input: MeasureWrite,
  request: RequestContext,
) {
  await authorizeCaseWork(db, actor, caseId)
  await checkMeasure(db, actor, caseId, input)
  await db.transaction().execute(async (trx) => {
    const id = await insertMeasure(trx, {
      district_id: actor.districtId,
      case_id: caseId,
      ...measureColumns(input),
      created_by: actor.userId,
    })
    await recordAudit(trx, { ...request, action: 'measure.create', subjectType: 'measure', subjectId: id })
  })
  return presentPlan(db, actor.districtId, caseId)
}

export async function updateMeasure(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  measureId: string,
  expectedVersion: number | undefined,
  input: MeasureWrite,
  request: RequestContext,
) {
  await authorizeCaseWork(db, actor, caseId)
  if (expectedVersion === undefined) throw new PreconditionRequired()
  await checkMeasure(db, actor, caseId, input)
  await db.transaction().execute(async (trx) => {
    await updateVersioned(trx, 'measure', caseId, measureId, expectedVersion, measureColumns(input))
    await recordAudit(trx, {
      ...request,
      action: 'measure.update',
      subjectType: 'measure',
      subjectId: measureId,
    })
  })
  return presentPlan(db, actor.districtId, caseId)
}
