import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type {
  Baustein,
  FundingRateKind,
  fundingRateInputSchema,
  payGradeInputSchema,
} from '../../../../common/staffing.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { Conflict, NotFound } from '../../../platform/errors.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { recordAudit } from '../../audit/index.ts'
import { ruleViolation } from '../staffing.access.ts'
import {
  closeFundingRate,
  type FundingRateRow,
  insertFundingRate,
  insertPayGrade,
  type PayGradeRow,
  selectFundingRate,
  selectFundingRates,
  selectPayGrades,
} from './rate.queries.ts'

export const presentFundingRate = (row: FundingRateRow) => ({
  id: row.id,
  baustein: row.baustein as Baustein,
  kind: row.kind as FundingRateKind,
  amount: row.amount,
  fteBasis: row.fte_basis,
  validFrom: row.valid_from,
  validUntil: row.valid_until,
  programme: row.programme,
})

export const presentPayGrade = (row: PayGradeRow) => ({
  id: row.id,
  payGrade: row.pay_grade,
  annualCost: row.annual_cost,
  validFrom: row.valid_from,
  validUntil: row.valid_until,
})

/** The district's funding table: every rate with its validity, as the budget applies them. */
export async function listFundingRates(db: Kysely<DB>, actor: Actor) {
  authorize(actor, 'staffing.read', ownDistrict(actor))
  return { items: (await selectFundingRates(db, actor.districtId)).map(presentFundingRate) }
}

export async function createFundingRate(
  db: Kysely<DB>,
  actor: Actor,
  input: z.output<typeof fundingRateInputSchema>,
  request: RequestContext,
) {
  authorize(actor, 'staffing.manage', ownDistrict(actor))
  await db.transaction().execute(async (trx) => {
    const id = await insertFundingRate(trx, {
      district_id: actor.districtId,
      baustein: input.baustein,
      kind: input.kind,
      amount: input.amount,
      fte_basis: input.fteBasis,
      valid_from: input.validFrom,
      valid_until: input.validUntil,
      programme: input.programme,
      created_by: actor.userId,
    })
    await recordAudit(trx, {
      ...request,
      action: 'funding-rate.create',
      subjectType: 'funding_rate',
      subjectId: id,
    })
  })
  return listFundingRates(db, actor)
}

/** Ends a funding rate on a day within its validity (a new rate then takes over from the next day). */
export async function closeFundingRateOn(
  db: Kysely<DB>,
  actor: Actor,
  rateId: string,
  validUntil: string,
  request: RequestContext,
) {
  authorize(actor, 'staffing.manage', ownDistrict(actor))
  const rate = await selectFundingRate(db, actor.districtId, rateId)
  if (!rate) throw new NotFound()
  if (validUntil < rate.valid_from) throw ruleViolation('date-order', 'validUntil')
  if (validUntil > rate.valid_until) throw ruleViolation('rate-already-ends-earlier', 'validUntil')
  await db.transaction().execute(async (trx) => {
    if (!(await closeFundingRate(trx, actor.districtId, rateId, validUntil))) throw new Conflict()
    await recordAudit(trx, {
      ...request,
      action: 'funding-rate.close',
      subjectType: 'funding_rate',
      subjectId: rateId,
    })
  })
  return listFundingRates(db, actor)
}

/** The district's pay-grade costs (annual employer cost of one FTE per TVöD group), dated. */
export async function listPayGrades(db: Kysely<DB>, actor: Actor) {
  authorize(actor, 'staffing.read', ownDistrict(actor))
  return { items: (await selectPayGrades(db, actor.districtId)).map(presentPayGrade) }
}

export async function createPayGrade(
  db: Kysely<DB>,
  actor: Actor,
  input: z.output<typeof payGradeInputSchema>,
  request: RequestContext,
) {
  authorize(actor, 'staffing.manage', ownDistrict(actor))
  await db.transaction().execute(async (trx) => {
    const id = await insertPayGrade(trx, {
      district_id: actor.districtId,
      pay_grade: input.payGrade,
      annual_cost: input.annualCost,
      valid_from: input.validFrom,
      valid_until: input.validUntil,
      created_by: actor.userId,
    })
    await recordAudit(trx, {
      ...request,
      action: 'pay-grade.create',
      subjectType: 'pay_grade_cost',
      subjectId: id,
    })
  })
  return listPayGrades(db, actor)
}
