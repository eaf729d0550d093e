import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { GoalAgreement } from '../../../../common/goals.ts'
import type { DB } from '../../../db/schema.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import type { ExportColumn, ExportFormat, ListExport } from '../../../platform/list-export.ts'
import { recordAuditAlone } from '../../audit/index.ts'
import { listAgreements } from './goal.service.ts'

/** The goal agreements' table; its period and its title's second line are columns of their own. */
export const goalAgreementColumns: ExportColumn<GoalAgreement>[] = [
  { header: 'goals.agreement.title', value: (item) => item.title },
  { header: 'goals.agreement.goalStatement', value: (item) => item.goalStatement },
  { header: 'goals.agreement.parties', value: (item) => item.parties.map((party) => party.name) },
  { header: 'goals.agreement.responsible', value: (item) => item.responsibleOrganisation?.name },
  { header: 'goals.agreement.startsOn', value: (item) => item.startsOn, kind: 'date' },
  { header: 'goals.agreement.endsOn', value: (item) => item.endsOn, kind: 'date' },
  {
    header: 'goals.agreement.decision',
    value: (item) => (item.decision ? `${item.decision.number} (${item.decision.bodyName})` : null),
  },
  { header: 'goals.agreement.indicators', value: (item) => item.indicatorCount },
  { header: 'goals.agreement.status', value: (item) => item.status, labels: 'goals.status' },
]

/** Every goal agreement of the district, as listed; audited as `goal-agreement.export`. */
export async function exportGoalAgreements(
  db: Kysely<DB>,
  request: FastifyRequest,
  format: ExportFormat,
): Promise<ListExport<GoalAgreement>> {
  const context = requestContext(request)
  const { items } = await listAgreements(db, actorOf(request), context.now)
  await recordAuditAlone(db, {
    ...context,
    action: 'goal-agreement.export',
    purpose: `${format}:${items.length}`,
  })
  return { sheet: 'goals.list.title', columns: goalAgreementColumns, rows: items }
}
