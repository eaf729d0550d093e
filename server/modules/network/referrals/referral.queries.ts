import { type Insertable, type Kysely, type Selectable, type SqlBool, sql, type Transaction } from 'kysely'
import type { ReferralTable } from '../../../db/schema.network.ts'
import type { DB } from '../../../db/schema.ts'
import { acrossDistricts } from '../../../platform/tenant-context.ts'

export type ReferralRow = Selectable<ReferralTable>

/** Where a referral belongs, looked up across districts, so another district's answers like a missing one. */
export function selectReferralFacts(db: Kysely<DB>, referralId: string) {
  return acrossDistricts(() =>
    db
      .selectFrom('referral')
      .select(['district_id', 'organisation_id', 'status', 'case_id'])
      .where('id', '=', referralId)
      .executeTakeFirst(),
  )
}

export function selectReferral(db: Kysely<DB>, referralId: string) {
  return db.selectFrom('referral').selectAll().where('id', '=', referralId).executeTakeFirst()
}

export function selectReferralsOfCase(db: Kysely<DB>, caseId: string) {
  return db
    .selectFrom('referral')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at', 'desc')
    .execute()
}

export function selectReferralHistory(db: Kysely<DB>, referralIds: readonly string[]) {
  if (referralIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('referral_status_change')
    .selectAll()
    .where('referral_id', 'in', [...referralIds])
    .orderBy('changed_at')
    .execute()
}

/** The status changes of a case's referrals with their organisation, for the case timeline. */
export function selectCaseReferralHistory(db: Kysely<DB>, caseId: string) {
  return db
    .selectFrom('referral_status_change')
    .innerJoin('referral', 'referral.id', 'referral_status_change.referral_id')
    .select([
      'referral_status_change.id',
      'referral_status_change.referral_id',
      'referral_status_change.to_status',
      'referral_status_change.note',
      'referral_status_change.changed_by',
      'referral_status_change.changed_at',
      'referral.organisation_id',
      'referral.service_name',
      'referral.purpose',
      'referral.due_on',
      'referral.override_legal_basis',
    ])
    .where('referral.case_id', '=', caseId)
    .execute()
}

export async function insertReferral(
  trx: Transaction<DB>,
  row: Omit<Insertable<ReferralTable>, 'id' | 'version' | 'created_at' | 'updated_at'>,
): Promise<string> {
  const inserted = await trx.insertInto('referral').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

export async function insertStatusChange(
  trx: Transaction<DB>,
  change: {
    district_id: string
    referral_id: string
    from_status: string | null
    to_status: string
    note: string
    changed_by: string
  },
) {
  await trx.insertInto('referral_status_change').values(change).execute()
}

/**
 * Moves a referral from one of the expected statuses to the next, with the step's own columns;
 * answers false when it was no longer in one of them (someone else answered first).
 */
export async function moveReferral(
  trx: Transaction<DB>,
  referralId: string,
  from: readonly string[],
  set: Partial<
    Pick<
      ReferralTable,
      | 'status'
      | 'sent_at'
      | 'answered_at'
      | 'answered_by'
      | 'closed_at'
      | 'closed_by'
      | 'feedback'
      | 'complete_by'
    >
  >,
): Promise<boolean> {
  const result = await trx
    .updateTable('referral')
    .set((eb) => ({ ...set, updated_at: new Date().toISOString(), version: eb('version', '+', 1) }))
    .where('id', '=', referralId)
    .where('status', 'in', [...from])
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

const openStatuses = ['sent', 'accepted']

/** One page of an organisation's inbox: referrals that have left the drafts, the next due first. */
export async function selectInboxPage(
  db: Kysely<DB>,
  filter: { organisationId: string; statuses: readonly string[] | null; limit: number; offset: number },
) {
  let query = db
    .selectFrom('referral')
    .where('organisation_id', '=', filter.organisationId)
    .where('status', '<>', 'draft')
  if (filter.statuses) query = query.where('status', 'in', [...filter.statuses])
  const [items, total] = await Promise.all([
    query.selectAll().orderBy('due_on').orderBy('id').limit(filter.limit).offset(filter.offset).execute(),
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ])
  return { items, total: Number(total.n) }
}

export const inboxOpenStatuses = openStatuses

/** Referrals on a legal basis instead of consent, for the data protection officer. */
export function selectOverrides(db: Kysely<DB>) {
  return db
    .selectFrom('referral')
    .selectAll()
    .where('override_legal_basis', 'is not', null)
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute()
}

/**
 * Referrals that need a reminder for their case manager, in each district's today: sent and not
 * answered by their due day, or accepted and not completed by the day the partner gave.
 */
export async function selectReferralsNeedingFollowUp(
  db: Kysely<DB>,
  days: readonly { districtId: string; today: string }[],
) {
  if (days.length === 0) return []
  const local = sql.join(days.map((day) => sql`(${day.districtId}::uuid, ${day.today}::date)`))
  const result = await sql<{
    id: string
    district_id: string
    case_id: string
    person_id: string
    organisation_id: string
    status: string
    overdue_since: string
  }>`
    SELECT r.id, r.district_id, r.case_id, r.person_id, r.organisation_id, r.status,
      to_char(CASE WHEN r.status = 'sent' THEN r.due_on ELSE r.complete_by END + 1, 'YYYY-MM-DD') AS overdue_since
    FROM referral r
    JOIN (VALUES ${local}) AS local (district_id, today) ON local.district_id = r.district_id
    WHERE ${sql<SqlBool>`(r.status = 'sent' AND r.due_on < local.today) OR (r.status = 'accepted' AND r.complete_by < local.today)`}`.execute(
    db,
  )
  return result.rows
}
