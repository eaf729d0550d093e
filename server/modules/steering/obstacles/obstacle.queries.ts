import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'

/** Where an obstacle belongs, looked up across districts; undefined when there is none. */
export async function selectObstacleDistrict(db: Kysely<DB>, obstacleId: string) {
  const row = await db
    .selectFrom('obstacle')
    .select('district_id')
    .where('id', '=', obstacleId)
    .executeTakeFirst()
  return row?.district_id
}

function obstacleQuery(db: Kysely<DB>) {
  return db
    .selectFrom('obstacle')
    .leftJoin('steering_body', 'steering_body.id', 'obstacle.working_group_id')
    .selectAll('obstacle')
    .select('steering_body.name as working_group_name')
}
export type ObstacleRow = Awaited<ReturnType<ReturnType<typeof obstacleQuery>['execute']>>[number]

/** The district's obstacles, newest first, filtered by status, domain, organisation or a case it was seen in. */
export function selectObstacles(
  db: Kysely<DB>,
  districtId: string,
  filter: {
    status?: string | undefined
    domain?: string | undefined
    organisationId?: string | undefined
    caseId?: string | undefined
  },
) {
  let query = obstacleQuery(db).where('obstacle.district_id', '=', districtId)
  if (filter.status) query = query.where('obstacle.status', '=', filter.status)
  if (filter.domain) query = query.where('obstacle.domain', '=', filter.domain)
  if (filter.organisationId) {
    const organisationId = filter.organisationId
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('obstacle_organisation')
          .select('obstacle_id')
          .whereRef('obstacle_organisation.obstacle_id', '=', 'obstacle.id')
          .where('obstacle_organisation.organisation_id', '=', organisationId),
      ),
    )
  }
  if (filter.caseId) {
    const caseId = filter.caseId
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('obstacle_evidence')
          .select('obstacle_id')
          .whereRef('obstacle_evidence.obstacle_id', '=', 'obstacle.id')
          .where('obstacle_evidence.case_id', '=', caseId),
      ),
    )
  }
  return query.orderBy('obstacle.created_at', 'desc').orderBy('obstacle.id').execute()
}

export function selectObstacle(db: Kysely<DB>, obstacleId: string) {
  return obstacleQuery(db).where('obstacle.id', '=', obstacleId).executeTakeFirst()
}

export function selectObstacleOrganisations(db: Kysely<DB>, obstacleIds: readonly string[]) {
  if (obstacleIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('obstacle_organisation')
    .select(['obstacle_id', 'organisation_id'])
    .where('obstacle_id', 'in', [...obstacleIds])
    .execute()
}

export function selectEvidence(db: Kysely<DB>, obstacleIds: readonly string[]) {
  if (obstacleIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('obstacle_evidence')
    .select(['obstacle_id', 'case_id', 'raised'])
    .where('obstacle_id', 'in', [...obstacleIds])
    .orderBy('created_at')
    .execute()
}

export function selectHistory(db: Kysely<DB>, obstacleId: string) {
  return db
    .selectFrom('obstacle_status_change')
    .leftJoin('steering_body', 'steering_body.id', 'obstacle_status_change.working_group_id')
    .selectAll('obstacle_status_change')
    .select('steering_body.name as working_group_name')
    .where('obstacle_status_change.obstacle_id', '=', obstacleId)
    .orderBy('obstacle_status_change.changed_at')
    .orderBy('obstacle_status_change.id')
    .execute()
}

export async function insertObstacle(
  trx: Transaction<DB>,
  obstacle: { district_id: string; domain: string; title: string; description: string; raised_by: string },
): Promise<string> {
  const row = await trx.insertInto('obstacle').values(obstacle).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function insertObstacleOrganisations(
  trx: Transaction<DB>,
  rows: readonly { district_id: string; obstacle_id: string; organisation_id: string }[],
): Promise<void> {
  if (rows.length > 0)
    await trx
      .insertInto('obstacle_organisation')
      .values([...rows])
      .execute()
}

/** Adds a case as evidence; false when the case is evidence of the obstacle already. */
export async function insertEvidence(
  trx: Transaction<DB>,
  evidence: { district_id: string; obstacle_id: string; case_id: string; raised: boolean; added_by: string },
): Promise<boolean> {
  const rows = await trx
    .insertInto('obstacle_evidence')
    .values(evidence)
    .onConflict((conflict) => conflict.columns(['obstacle_id', 'case_id']).doNothing())
    .returning('id')
    .execute()
  return rows.length === 1
}

/** Locks an obstacle for a change of its status or evidence, so that two changes cannot both win. */
export function lockObstacle(trx: Transaction<DB>, obstacleId: string) {
  return trx
    .selectFrom('obstacle')
    .select(['id', 'status'])
    .where('id', '=', obstacleId)
    .forUpdate()
    .executeTakeFirst()
}

export async function updateObstacleStatus(
  trx: Transaction<DB>,
  obstacleId: string,
  change: { status: string; working_group_id: string | null },
): Promise<void> {
  await trx
    .updateTable('obstacle')
    .set({ ...change, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', obstacleId)
    .execute()
}

export async function insertStatusChange(
  trx: Transaction<DB>,
  change: {
    district_id: string
    obstacle_id: string
    from_status: string | null
    to_status: string
    working_group_id: string | null
    note: string
    changed_by: string
  },
): Promise<void> {
  await trx.insertInto('obstacle_status_change').values(change).execute()
}

/** The goal agreements the obstacles are linked to, oldest link first. */
export function selectGoalLinks(db: Kysely<DB>, obstacleIds: readonly string[]) {
  if (obstacleIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('obstacle_goal_agreement')
    .innerJoin('goal_agreement', 'goal_agreement.id', 'obstacle_goal_agreement.agreement_id')
    .select([
      'obstacle_goal_agreement.obstacle_id',
      'goal_agreement.id',
      'goal_agreement.title',
      'goal_agreement.starts_on',
      'goal_agreement.ends_on',
    ])
    .where('obstacle_goal_agreement.obstacle_id', 'in', [...obstacleIds])
    .orderBy('obstacle_goal_agreement.linked_at')
    .execute()
}

/** Links an obstacle to a goal agreement; false when it is linked already. */
export async function insertGoalLink(
  trx: Transaction<DB>,
  link: { district_id: string; obstacle_id: string; agreement_id: string; linked_by: string },
): Promise<boolean> {
  const rows = await trx
    .insertInto('obstacle_goal_agreement')
    .values(link)
    .onConflict((conflict) => conflict.columns(['obstacle_id', 'agreement_id']).doNothing())
    .returning('obstacle_id')
    .execute()
  return rows.length === 1
}

/** Obstacles of the district by status, for the coordinator's overview. */
export function selectObstacleCounts(db: Kysely<DB>, districtId: string) {
  return db
    .selectFrom('obstacle')
    .select(['status', sql<number>`count(*)::int`.as('count')])
    .where('district_id', '=', districtId)
    .groupBy('status')
    .execute()
}
