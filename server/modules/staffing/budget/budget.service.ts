import type { Kysely } from 'kysely'
import type { Baustein, Budget, EmployerKind } from '../../../../common/staffing.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { districtTime } from '../../../platform/district-time.ts'
import { type Actor, authorize, ownDistrict } from '../../../platform/policy.ts'
import { recordAuditAlone } from '../../audit/index.ts'
import { spanOf } from '../contracts/contract.service.ts'
import { positionsWithContracts } from '../positions/position.service.ts'
import { selectFundingRates, selectPayGrades } from '../rates/rate.queries.ts'
import { type BudgetRate, yearBudget } from './budget-maths.ts'

/**
 * Personnel cost against funding for a fiscal year, per position, per Baustein (the figures of
 * the use-of-funds statement) and in total. The figures name no person; reading them is still
 * recorded, as they come from the staff's contracts.
 */
export async function getBudget(
  db: Kysely<DB>,
  actor: Actor,
  requestedYear: number | undefined,
  request: RequestContext,
): Promise<Budget> {
  authorize(actor, 'staffing.read', ownDistrict(actor))
  const { today } = await districtTime(db, actor.districtId, request.now)
  const year = requestedYear ?? Number(today.slice(0, 4))
  const [entries, payGrades, rates] = await Promise.all([
    positionsWithContracts(db, actor.districtId),
    selectPayGrades(db, actor.districtId),
    selectFundingRates(db, actor.districtId),
  ])
  const budget = yearBudget(
    year,
    entries.map(({ position, contracts }) => ({
      id: position.id,
      title: position.title,
      baustein: position.baustein as Baustein,
      employerKind: position.employer_kind as EmployerKind,
      fte: position.fte,
      payGrade: position.pay_grade,
      fundedFrom: position.funded_from,
      fundedUntil: position.funded_until,
      workplaceSetUpOn: position.workplace_set_up_on,
      contracts: contracts.map(spanOf),
    })),
    payGrades.map((row) => ({
      payGrade: row.pay_grade,
      annualCost: row.annual_cost,
      validFrom: row.valid_from,
      validUntil: row.valid_until,
    })),
    rates.map(
      (row): BudgetRate => ({
        baustein: row.baustein as Baustein,
        kind: row.kind as BudgetRate['kind'],
        amount: row.amount,
        fteBasis: row.fte_basis,
        validFrom: row.valid_from,
        validUntil: row.valid_until,
      }),
    ),
  )
  await recordAuditAlone(db, { ...request, action: 'budget.read', purpose: `year:${year}` })
  return budget
}
