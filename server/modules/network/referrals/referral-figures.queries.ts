import { type Kysely, sql } from 'kysely'
import type { DB } from '../../../db/schema.ts'

/**
 * Referrals to the given organisations by month of sending (in the district's zone): how many are
 * decided (answered, or more than `days` days without an answer) and how many were answered within
 * `days` days. Referrals withdrawn before an answer and drafts count in neither.
 */
export async function selectReferralAnswersByMonth(
  db: Kysely<DB>,
  range: {
    districtId: string
    organisationIds: readonly string[]
    from: string
    to: string
    today: string
    timeZone: string
    days: number
  },
) {
  const { districtId, organisationIds, from, to, today, timeZone, days } = range
  if (organisationIds.length === 0) return []
  const sentDay = sql`(r.sent_at AT TIME ZONE ${timeZone})::date`
  const answeredDay = sql`(r.answered_at AT TIME ZONE ${timeZone})::date`
  const result = await sql<{ month: string; decided: number; within: number }>`
    SELECT to_char(r.sent_at AT TIME ZONE ${timeZone}, 'YYYY-MM') AS month,
      count(*) FILTER (WHERE r.answered_at IS NOT NULL OR ${today}::date - ${sentDay} > ${days})::int AS decided,
      count(*) FILTER (WHERE r.answered_at IS NOT NULL AND ${answeredDay} - ${sentDay} <= ${days})::int AS within
    FROM referral r
    WHERE r.district_id = ${districtId}
      AND r.organisation_id IN (${sql.join(organisationIds.map((id) => sql`${id}::uuid`))})
      AND r.sent_at >= (${from}::date::timestamp AT TIME ZONE ${timeZone})
      AND r.sent_at < ((${to}::date + 1)::timestamp AT TIME ZONE ${timeZone})
      AND NOT (r.status = 'cancelled' AND r.answered_at IS NULL)
    GROUP BY 1 ORDER BY 1`.execute(db)
  return result.rows
}
