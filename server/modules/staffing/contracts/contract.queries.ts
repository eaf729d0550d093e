import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'

/** Where a contract belongs, looked up across districts; undefined when there is none. */
export async function selectContractDistrict(db: Kysely<DB>, contractId: string) {
  const row = await db
    .selectFrom('staff_contract')
    .select('district_id')
    .where('id', '=', contractId)
    .executeTakeFirst()
  return row?.district_id
}

type ContractFilter = { positionId?: string; contractId?: string; staffUserId?: string }

/** The district's contracts with position, staff member and planned departure, by position and start. */
export function selectContracts(db: Kysely<DB>, districtId: string, filter: ContractFilter = {}) {
  let query = db
    .selectFrom('staff_contract as c')
    .innerJoin('staff_position as p', 'p.id', 'c.position_id')
    .leftJoin('staff_member as m', 'm.id', 'c.staff_member_id')
    .leftJoin('planned_departure as d', 'd.contract_id', 'c.id')
    .select([
      'c.id',
      'c.position_id',
      'c.staff_member_id',
      'c.fte',
      'c.starts_on',
      'c.ends_on',
      'c.fixed_term_reason',
      'c.version',
      'p.title as position_title',
      'p.baustein',
      'm.family_name',
      'm.given_names',
      'm.user_id',
      'd.leaves_on',
      'd.note as departure_note',
    ])
    .where('c.district_id', '=', districtId)
  if (filter.positionId) query = query.where('c.position_id', '=', filter.positionId)
  if (filter.contractId) query = query.where('c.id', '=', filter.contractId)
  if (filter.staffUserId) query = query.where('m.user_id', '=', filter.staffUserId)
  return query.orderBy('p.title').orderBy('c.starts_on').orderBy('c.id').execute()
}
export type ContractRow = Awaited<ReturnType<typeof selectContracts>>[number]

/** The other contracts of a position that touch [startsOn, endsOn], for the FTE check. */
export function selectOverlappingContracts(
  trx: Transaction<DB>,
  positionId: string,
  startsOn: string,
  endsOn: string | null,
  exceptContractId: string | null,
) {
  let query = trx
    .selectFrom('staff_contract as c')
    .leftJoin('planned_departure as d', 'd.contract_id', 'c.id')
    .select(['c.id', 'c.fte', 'c.starts_on', 'c.ends_on', 'd.leaves_on'])
    .where('c.position_id', '=', positionId)
    .where((eb) => eb.or([eb('c.ends_on', 'is', null), eb('c.ends_on', '>=', startsOn)]))
  if (endsOn !== null) query = query.where('c.starts_on', '<=', endsOn)
  if (exceptContractId) query = query.where('c.id', '!=', exceptContractId)
  return query.execute()
}

export async function insertStaffMember(
  trx: Transaction<DB>,
  member: { district_id: string; family_name: string; given_names: string; user_id: string | null },
): Promise<string> {
  const row = await trx.insertInto('staff_member').values(member).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export function selectStaffMember(db: Kysely<DB>, districtId: string, staffMemberId: string) {
  return db
    .selectFrom('staff_member')
    .select(['id', 'user_id'])
    .where('district_id', '=', districtId)
    .where('id', '=', staffMemberId)
    .executeTakeFirst()
}

export function selectStaffMemberOfUser(db: Kysely<DB>, districtId: string, userId: string) {
  return db
    .selectFrom('staff_member')
    .select('id')
    .where('district_id', '=', districtId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
}

type ContractValues = {
  fte: number
  starts_on: string
  ends_on: string | null
  fixed_term_reason: string
}

async function insertVersion(
  trx: Transaction<DB>,
  districtId: string,
  contractId: string,
  version: number,
  values: ContractValues,
  changedBy: string,
) {
  await trx
    .insertInto('staff_contract_version')
    .values({ district_id: districtId, contract_id: contractId, version, ...values, changed_by: changedBy })
    .execute()
}

export async function insertContract(
  trx: Transaction<DB>,
  contract: ContractValues & {
    district_id: string
    position_id: string
    staff_member_id: string | null
    created_by: string
  },
): Promise<string> {
  const row = await trx
    .insertInto('staff_contract')
    .values(contract)
    .returning('id')
    .executeTakeFirstOrThrow()
  await insertVersion(
    trx,
    contract.district_id,
    row.id,
    1,
    {
      fte: contract.fte,
      starts_on: contract.starts_on,
      ends_on: contract.ends_on,
      fixed_term_reason: contract.fixed_term_reason,
    },
    contract.created_by,
  )
  return row.id
}

/** Changes a contract if it is still at the expected version, and keeps the new state in its history. */
export async function updateContractIfVersion(
  trx: Transaction<DB>,
  districtId: string,
  contractId: string,
  expectedVersion: number,
  values: ContractValues,
  changedBy: string,
): Promise<boolean> {
  const row = await trx
    .updateTable('staff_contract')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', contractId)
    .where('version', '=', expectedVersion)
    .returning('version')
    .executeTakeFirst()
  if (!row) return false
  await insertVersion(trx, districtId, contractId, row.version, values, changedBy)
  return true
}

export async function setPlannedDeparture(
  trx: Transaction<DB>,
  districtId: string,
  contractId: string,
  departure: { leaves_on: string; note: string } | null,
  createdBy: string,
) {
  await trx.deleteFrom('planned_departure').where('contract_id', '=', contractId).execute()
  if (departure === null) return
  await trx
    .insertInto('planned_departure')
    .values({ district_id: districtId, contract_id: contractId, ...departure, created_by: createdBy })
    .execute()
}

export function selectContractHistory(db: Kysely<DB>, contractId: string) {
  return db
    .selectFrom('staff_contract_version')
    .select(['version', 'fte', 'starts_on', 'ends_on', 'fixed_term_reason', 'changed_at'])
    .where('contract_id', '=', contractId)
    .orderBy('version')
    .execute()
}
