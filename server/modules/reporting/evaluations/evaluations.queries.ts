import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'

const summaryColumns = ['id', 'name', 'period_from', 'period_to', 'catalogue_version', 'created_at'] as const

export async function insertEvaluation(
  trx: Transaction<DB>,
  row: {
    district_id: string
    name: string
    period_from: string
    period_to: string
    catalogue_version: string
    threshold: number
    special_threshold: number
    figures: string
    created_by: string
  },
): Promise<string> {
  const inserted = await trx.insertInto('evaluation').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

export function selectEvaluations(db: Kysely<DB>, districtId: string) {
  return db
    .selectFrom('evaluation')
    .select(summaryColumns)
    .where('district_id', '=', districtId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute()
}

export function selectEvaluation(db: Kysely<DB>, districtId: string, evaluationId: string) {
  return db
    .selectFrom('evaluation')
    .select([...summaryColumns, 'threshold', 'special_threshold', 'figures'])
    .where('district_id', '=', districtId)
    .where('id', '=', evaluationId)
    .executeTakeFirst()
}

/** Deletes the evaluation; the report table's foreign key (ON DELETE RESTRICT) refuses one a report uses. */
export async function deleteEvaluationRow(
  db: Kysely<DB>,
  districtId: string,
  evaluationId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('evaluation')
    .where('district_id', '=', districtId)
    .where('id', '=', evaluationId)
    .executeTakeFirst()
  return result.numDeletedRows > 0n
}

/** Whether a committee report cites the evaluation (then it stays as it is, for good). */
export async function evaluationUsedByReport(
  db: Kysely<DB>,
  districtId: string,
  evaluationId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('report')
    .select('id')
    .where('district_id', '=', districtId)
    .where('evaluation_id', '=', evaluationId)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/** Every frozen evaluation of the district with its published figures: what a reader may hold already. */
export function selectPublishedEvaluations(db: Kysely<DB>, districtId: string) {
  return db
    .selectFrom('evaluation')
    .select(['id', 'period_from', 'period_to', 'threshold', 'figures'])
    .where('district_id', '=', districtId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}
