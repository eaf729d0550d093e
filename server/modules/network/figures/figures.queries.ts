import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { DB } from '../../../db/schema.ts'
import { bucketOf, dayWithin, instantWithin, localDay } from '../../../platform/figure-sql.queries.ts'
import type { AggregateRow, FigureScope, Grouping } from '../../../platform/figures.ts'

/** The network's aggregates for reporting: referrals and legal-sphere changes, counted, never listed. */

async function rows(
  db: Kysely<DB>,
  query: RawBuilder<{ key: string | null; value: unknown; n: unknown }>,
): Promise<AggregateRow[]> {
  const result = await query.execute(db)
  return result.rows.map((row) => ({
    key: row.key ?? 'none',
    value: Number(row.value ?? 0),
    n: Number(row.n ?? 0),
  }))
}

function keyOf(
  grouping: Grouping,
  day: RawBuilder<unknown>,
  attributes: Record<string, RawBuilder<unknown>>,
) {
  if (grouping.kind === 'total') return sql<string>`''`
  if (grouping.kind === 'bucket') return bucketOf(day, grouping.unit)
  const expression = attributes[grouping.dimension]
  if (!expression) throw new Error(`dimension ${grouping.dimension} is not recorded for this figure`)
  return expression
}

export const referralAttributes = {
  organisation: sql`r.organisation_id::text`,
  // A referral that is sent and not yet answered is still open.
  outcome: sql`CASE WHEN r.status = 'sent' THEN 'open' ELSE r.status END`,
}

/** Referrals sent in the period (drafts never count), by the day they were sent. */
export function countReferrals(db: Kysely<DB>, scope: FigureScope, grouping: Grouping) {
  const day = localDay(sql`r.sent_at`, scope.timeZone)
  return rows(
    db,
    sql`SELECT ${keyOf(grouping, day, referralAttributes)} AS key, count(*) AS value, count(*) AS n
      FROM referral r
      WHERE r.district_id = ${scope.districtId} AND r.sent_at IS NOT NULL
        AND ${instantWithin(sql`r.sent_at`, scope.range, scope.timeZone)}
      GROUP BY 1`,
  )
}

/** The median calendar days from sending to the partner's answer, over referrals answered in the period. */
export function medianReferralAnswerDays(db: Kysely<DB>, scope: FigureScope, grouping: Grouping) {
  const answered = localDay(sql`r.answered_at`, scope.timeZone)
  const sent = localDay(sql`r.sent_at`, scope.timeZone)
  return rows(
    db,
    sql`SELECT ${keyOf(grouping, answered, referralAttributes)} AS key,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY (${answered} - ${sent})) AS value, count(*) AS n
      FROM referral r
      WHERE r.district_id = ${scope.districtId} AND r.sent_at IS NOT NULL AND r.answered_at IS NOT NULL
        AND ${instantWithin(sql`r.answered_at`, scope.range, scope.timeZone)}
      GROUP BY 1`,
  )
}

/** Legal-sphere changes that take effect in the period, by the sphere the person moves into. */
export function countLegalSphereChanges(db: Kysely<DB>, scope: FigureScope, grouping: Grouping) {
  const day = sql`l.effective_on`
  return rows(
    db,
    sql`SELECT ${keyOf(grouping, day, { 'legal-sphere': sql`l.to_sphere` })} AS key, count(*) AS value, count(*) AS n
      FROM legal_sphere_change l
      WHERE l.district_id = ${scope.districtId} AND ${dayWithin(day, scope.range)}
      GROUP BY 1`,
  )
}
