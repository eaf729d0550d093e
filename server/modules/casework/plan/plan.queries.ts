import type { Insertable, Kysely, Transaction } from 'kysely'
import type { GoalTable, MeasureTable } from '../../../db/schema.casework.ts'
import type { DB } from '../../../db/schema.ts'
import { updateIfVersion } from '../../../db/versioned.ts'

export function selectGoals(db: Kysely<DB>, caseId: string) {
  return db.selectFrom('goal').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute()
}

export function selectMeasures(db: Kysely<DB>, caseId: string) {
  return db.selectFrom('measure').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute()
}

/** Whether the goal or measure belongs to the case. */
export async function inCase(
  db: Kysely<DB>,
  table: 'goal' | 'measure',
  caseId: string,
  id: string,
): Promise<boolean> {
  const row = await db
    .selectFrom(table)
    .select('id')
    .where('id', '=', id)
    .where('case_id', '=', caseId)
    .executeTakeFirst()
  return row !== undefined
}

export async function insertGoal(trx: Transaction<DB>, goal: Insertable<GoalTable>): Promise<string> {
  const { id } = await trx.insertInto('goal').values(goal).returning('id').executeTakeFirstOrThrow()
  return id
}

export async function insertMeasure(
  trx: Transaction<DB>,
  measure: Insertable<MeasureTable>,
): Promise<string> {
  const { id } = await trx.insertInto('measure').values(measure).returning('id').executeTakeFirstOrThrow()
  return id
}

/** Changes a goal or measure of the case when the version still matches; false when stale or absent. */
export function updatePlanItemIfVersion(
  trx: Transaction<DB>,
  table: 'goal' | 'measure',
  caseId: string,
  id: string,
  expectedVersion: number,
  changes: Record<string, unknown>,
): Promise<boolean> {
  return updateIfVersion(trx, table, id, expectedVersion, changes, { case_id: caseId })
}
