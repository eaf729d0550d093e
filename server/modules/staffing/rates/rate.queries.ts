import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'

export function selectFundingRates(db: Kysely<DB>, districtId: string) {
  return db
    .selectFrom('funding_rate')
    .selectAll()
    .where('district_id', '=', districtId)
    .orderBy('baustein')
    .orderBy('kind')
    .orderBy('valid_from')
    .execute()
}
export type FundingRateRow = Awaited<ReturnType<typeof selectFundingRates>>[number]

export async function insertFundingRate(
  trx: Transaction<DB>,
  rate: {
    district_id: string
    baustein: string
    kind: string
    amount: number
    fte_basis: number
    valid_from: string
    valid_until: string
    programme: string
    created_by: string
  },
): Promise<string> {
  const row = await trx.insertInto('funding_rate').values(rate).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export function selectPayGrades(db: Kysely<DB>, districtId: string) {
  return db
    .selectFrom('pay_grade_cost')
    .selectAll()
    .where('district_id', '=', districtId)
    .orderBy('pay_grade')
    .orderBy('valid_from')
    .execute()
}
export type PayGradeRow = Awaited<ReturnType<typeof selectPayGrades>>[number]

export async function insertPayGrade(
  trx: Transaction<DB>,
  payGrade: {
    district_id: string
    pay_grade: string
    annual_cost: number
    valid_from: string
    valid_until: string | null
    created_by: string
  },
): Promise<string> {
  const row = await trx
    .insertInto('pay_grade_cost')
    .values(payGrade)
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/**
 * Ends a rate earlier: only within its validity (never before its start nor past its end), so a
 * closed period never reopens. Answers false when there is no such rate or the day does not fit.
 */
export async function closeFundingRate(
  trx: Transaction<DB>,
  districtId: string,
  rateId: string,
  validUntil: string,
): Promise<boolean> {
  const row = await trx
    .updateTable('funding_rate')
    .set({ valid_until: validUntil })
    .where('district_id', '=', districtId)
    .where('id', '=', rateId)
    .where('valid_from', '<=', validUntil)
    .where('valid_until', '>=', validUntil)
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}

export function selectFundingRate(db: Kysely<DB>, districtId: string, rateId: string) {
  return db
    .selectFrom('funding_rate')
    .select(['id', 'valid_from', 'valid_until'])
    .where('district_id', '=', districtId)
    .where('id', '=', rateId)
    .executeTakeFirst()
}
