import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'

/** Where an agreement belongs, looked up across districts; undefined when there is none. */
export async function selectAgreementDistrict(db: Kysely<DB>, agreementId: string) {
  const row = await db
    .selectFrom('goal_agreement')
    .select('district_id')
    .where('id', '=', agreementId)
    .executeTakeFirst()
  return row?.district_id
}

/** The district's agreements (or one of them) with the decision that agreed them, newest period first. */
export function selectAgreements(db: Kysely<DB>, districtId: string, agreementId?: string) {
  let query = db
    .selectFrom('goal_agreement as g')
    .leftJoin('steering_decision as d', 'd.id', 'g.decision_id')
    .leftJoin('steering_body as b', 'b.id', 'd.body_id')
    .selectAll('g')
    .select([
      'd.number as decision_number',
      'd.meeting_id as decision_meeting_id',
      'b.name as decision_body_name',
    ])
    .where('g.district_id', '=', districtId)
  if (agreementId) query = query.where('g.id', '=', agreementId)
  return query.orderBy('g.starts_on', 'desc').orderBy('g.title').execute()
}
export type AgreementRow = Awaited<ReturnType<typeof selectAgreements>>[number]

export function selectParties(db: Kysely<DB>, agreementIds: readonly string[]) {
  if (agreementIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('goal_agreement_party')
    .select(['agreement_id', 'organisation_id'])
    .where('agreement_id', 'in', [...agreementIds])
    .execute()
}

/** A decision of the district's bodies, to check a reference to it. */
export function selectDecisionOfDistrict(db: Kysely<DB>, districtId: string, decisionId: string) {
  return db
    .selectFrom('steering_decision')
    .select('id')
    .where('district_id', '=', districtId)
    .where('id', '=', decisionId)
    .executeTakeFirst()
}

type AgreementValues = {
  title: string
  goal_statement: string
  starts_on: string
  ends_on: string
  decision_id: string | null
  responsible_organisation_id: string | null
}

async function replaceParties(
  trx: Transaction<DB>,
  districtId: string,
  agreementId: string,
  partyIds: readonly string[],
) {
  await trx.deleteFrom('goal_agreement_party').where('agreement_id', '=', agreementId).execute()
  if (partyIds.length === 0) return
  await trx
    .insertInto('goal_agreement_party')
    .values(
      partyIds.map((organisationId) => ({
        district_id: districtId,
        agreement_id: agreementId,
        organisation_id: organisationId,
      })),
    )
    .execute()
}

export async function insertAgreement(
  trx: Transaction<DB>,
  agreement: AgreementValues & { district_id: string; created_by: string },
  partyIds: readonly string[],
): Promise<string> {
  const row = await trx
    .insertInto('goal_agreement')
    .values(agreement)
    .returning('id')
    .executeTakeFirstOrThrow()
  await replaceParties(trx, agreement.district_id, row.id, partyIds)
  return row.id
}

export async function updateAgreementIfVersion(
  trx: Transaction<DB>,
  target: { districtId: string; agreementId: string; expectedVersion: number },
  changes: AgreementValues,
  partyIds: readonly string[],
): Promise<boolean> {
  const result = await trx
    .updateTable('goal_agreement')
    .set({ ...changes, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', target.agreementId)
    .where('version', '=', target.expectedVersion)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) !== 1) return false
  await replaceParties(trx, target.districtId, target.agreementId, partyIds)
  return true
}

export function selectIndicators(db: Kysely<DB>, agreementIds: readonly string[]) {
  if (agreementIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('goal_indicator')
    .selectAll()
    .where('agreement_id', 'in', [...agreementIds])
    .orderBy('agreement_id')
    .orderBy('position')
    .execute()
}
export type IndicatorRow = Awaited<ReturnType<typeof selectIndicators>>[number]

/** An indicator with the district and period of its agreement; undefined when there is none. */
export function selectIndicator(db: Kysely<DB>, indicatorId: string) {
  return db
    .selectFrom('goal_indicator as i')
    .innerJoin('goal_agreement as g', 'g.id', 'i.agreement_id')
    .select(['i.id', 'i.agreement_id', 'i.source', 'i.unit', 'g.district_id', 'g.starts_on', 'g.ends_on'])
    .where('i.id', '=', indicatorId)
    .executeTakeFirst()
}

/** Adds an indicator at the end of its agreement's list; the agreement row is locked for the position. */
export async function insertIndicator(
  trx: Transaction<DB>,
  indicator: {
    district_id: string
    agreement_id: string
    name: string
    unit: string
    baseline: number
    target: number
    direction: string
    source: string
    metric: string | null
    parameters: Record<string, unknown>
    created_by: string
  },
): Promise<string> {
  await trx
    .selectFrom('goal_agreement')
    .select('id')
    .where('id', '=', indicator.agreement_id)
    .forUpdate()
    .executeTakeFirst()
  const { position } = await trx
    .selectFrom('goal_indicator')
    .select(sql<number>`coalesce(max(position), 0)::int + 1`.as('position'))
    .where('agreement_id', '=', indicator.agreement_id)
    .executeTakeFirstOrThrow()
  const row = await trx
    .insertInto('goal_indicator')
    .values({ ...indicator, position, parameters: JSON.stringify(indicator.parameters) })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export function selectIndicatorValues(db: Kysely<DB>, indicatorIds: readonly string[]) {
  if (indicatorIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('goal_indicator_value')
    .select(['id', 'indicator_id', 'measured_on', 'value', 'note'])
    .where('indicator_id', 'in', [...indicatorIds])
    .orderBy('measured_on')
    .orderBy('recorded_at')
    .execute()
}

export async function insertIndicatorValue(
  trx: Transaction<DB>,
  value: {
    district_id: string
    indicator_id: string
    measured_on: string
    value: number
    note: string
    recorded_by: string
  },
): Promise<string> {
  const row = await trx
    .insertInto('goal_indicator_value')
    .values(value)
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Counts one more change of an agreement if it still has the expected version; false when someone changed it first. */
export async function bumpAgreementIfVersion(
  trx: Transaction<DB>,
  agreementId: string,
  expectedVersion: number,
): Promise<boolean> {
  const result = await trx
    .updateTable('goal_agreement')
    .set({ version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', agreementId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function countIndicatorValues(trx: Transaction<DB>, indicatorId: string): Promise<number> {
  const row = await trx
    .selectFrom('goal_indicator_value')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('indicator_id', '=', indicatorId)
    .executeTakeFirstOrThrow()
  return row.n
}

export async function updateIndicator(
  trx: Transaction<DB>,
  indicatorId: string,
  values: {
    name: string
    unit: string
    baseline: number
    target: number
    direction: string
    metric: string | null
    parameters: Record<string, unknown>
  },
): Promise<void> {
  await trx
    .updateTable('goal_indicator')
    .set({ ...values, parameters: JSON.stringify(values.parameters) })
    .where('id', '=', indicatorId)
    .execute()
}

/** Removes an indicator with the values entered for it. */
export async function deleteIndicator(trx: Transaction<DB>, indicatorId: string): Promise<void> {
  await trx.deleteFrom('goal_indicator_value').where('indicator_id', '=', indicatorId).execute()
  await trx.deleteFrom('goal_indicator').where('id', '=', indicatorId).execute()
}
