import { type Kysely, sql } from 'kysely'
import type { DB } from '../../../db/schema.ts'

/**
 * Aggregates of case work by calendar month of the district, for steering's indicators. Each
 * statement answers counts per month and nothing about a single person or case. The period is a
 * range of the district's days; `from` and `to` are both included.
 */
export type FigureRange = {
  districtId: string
  from: string
  to: string
  timeZone: string
  municipalityId: string | null
}

// A day of the district as the instant it starts there: the day as wall time first, then the zone.
const startOf = (day: string, timeZone: string) => sql`(${day}::date::timestamp AT TIME ZONE ${timeZone})`
const endOf = (day: string, timeZone: string) => sql`((${day}::date + 1)::timestamp AT TIME ZONE ${timeZone})`

/** Counselling contacts in cases (by the case's municipality) and short consultations, per month. */
export async function selectContactCountsByMonth(db: Kysely<DB>, range: FigureRange) {
  const { districtId, from, to, timeZone, municipalityId } = range
  const inCases = municipalityId === null ? sql`` : sql`AND k.municipality_id = ${municipalityId}`
  const short = municipalityId === null ? sql`` : sql`AND s.municipality_id = ${municipalityId}`
  const result = await sql<{ month: string; contacts: number }>`
    SELECT month, sum(n)::int AS contacts FROM (
      SELECT to_char(c.occurred_at AT TIME ZONE ${timeZone}, 'YYYY-MM') AS month, count(*) AS n
      FROM contact c JOIN client_case k ON k.id = c.case_id
      WHERE c.district_id = ${districtId}
        AND c.occurred_at >= ${startOf(from, timeZone)} AND c.occurred_at < ${endOf(to, timeZone)} ${inCases}
      GROUP BY 1
      UNION ALL
      SELECT to_char(s.occurred_on, 'YYYY-MM'), count(*)
      FROM short_consultation s
      WHERE s.district_id = ${districtId} AND s.occurred_on BETWEEN ${from}::date AND ${to}::date ${short}
      GROUP BY 1
    ) per_source
    GROUP BY month ORDER BY month`.execute(db)
  return result.rows
}

/**
 * Days from a case's first counselling contact to its plan (the day its first goal was recorded),
 * per month of the plan: how many cases and their median. Cases whose first contact came after
 * the plan, or that have no contact, are left out; they say nothing about the time to a plan.
 */
export async function selectPlanDurationsByMonth(db: Kysely<DB>, range: FigureRange) {
  const { districtId, from, to, timeZone, municipalityId } = range
  const inMunicipality = municipalityId === null ? sql`` : sql`AND k.municipality_id = ${municipalityId}`
  const result = await sql<{ month: string; cases: number; median_days: number }>`
    WITH planned AS (
      SELECT g.case_id, min(g.created_at) AS planned_at
      FROM goal g
      WHERE g.district_id = ${districtId}
      GROUP BY g.case_id
      HAVING min(g.created_at) >= ${startOf(from, timeZone)} AND min(g.created_at) < ${endOf(to, timeZone)}
    ), durations AS (
      SELECT to_char(p.planned_at AT TIME ZONE ${timeZone}, 'YYYY-MM') AS month,
        (p.planned_at AT TIME ZONE ${timeZone})::date - (f.first_at AT TIME ZONE ${timeZone})::date AS days
      FROM planned p
      JOIN client_case k ON k.id = p.case_id
      JOIN LATERAL (SELECT min(c.occurred_at) AS first_at FROM contact c WHERE c.case_id = p.case_id) f
        ON f.first_at IS NOT NULL
      WHERE true ${inMunicipality}
    )
    SELECT month, count(*)::int AS cases,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY days)::float8 AS median_days
    FROM durations WHERE days >= 0
    GROUP BY month ORDER BY month`.execute(db)
  return result.rows
}
