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
