import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { DB } from '../../../db/schema.ts'
import {
  type BucketUnit,
  bucketOf,
  bucketStart,
  type DayRange,
  dayWithin,
  instantWithin,
  localDay,
} from '../../../platform/figure-sql.queries.ts'
import type { AggregateRow } from '../../../platform/figures.ts'

/**
 * The aggregates case work gives to reporting: counts and medians by one key, never a row about a
 * person. Each metric of the catalogue has exactly one query here; the key is a bucket's first
 * day, an attribute's value, or '' for the total.
 */

export type FigureKey =
  | { kind: 'total' }
  | { kind: 'bucket'; unit: BucketUnit }
  | { kind: 'attribute'; expression: RawBuilder<unknown> }

/**
 * The district, its days and optionally one municipality: then only the records of that
 * municipality count (a contact and a plan by its case's municipality, a short consultation by its own).
 */
export type Scope = { districtId: string; range: DayRange; timeZone: string; municipalityId?: string | null }

const inMunicipality = (scope: Scope, column: RawBuilder<unknown>) =>
  scope.municipalityId ? sql`AND ${column} = ${scope.municipalityId}::uuid` : sql``

const keyOf = (key: FigureKey, day: RawBuilder<unknown>) =>
  key.kind === 'total' ? sql<string>`''` : key.kind === 'bucket' ? bucketOf(day, key.unit) : key.expression

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

/** Attribute keys of a contact (`c`) and its case (`k`). */
export const contactAttributes = {
  municipality: sql`k.municipality_id::text`,
  team: sql`k.team_id::text`,
  language: sql`c.language`,
  domain: sql`d.domain`,
} as const

/**
 * A count grouped by the key. By bucket, rows are grouped by the bucket's start and only the few
 * groups are formatted: formatting every row cost more than counting it at state scale.
 */
function countedBy(key: FigureKey, day: RawBuilder<unknown>, from: RawBuilder<unknown>) {
  if (key.kind !== 'bucket')
    return sql<{
      key: string | null
      value: unknown
      n: unknown
    }>`SELECT ${keyOf(key, day)} AS key, count(*) AS value, count(*) AS n
      ${from} GROUP BY 1`
  return sql<{
    key: string | null
    value: unknown
    n: unknown
  }>`SELECT to_char(start, 'YYYY-MM-DD') AS key, value, n FROM (
      SELECT ${bucketStart(day, key.unit)} AS start, count(*) AS value, count(*) AS n ${from} GROUP BY 1
    ) grouped`
}

const usesCase = (scope: Scope, key: FigureKey, ofCase: readonly RawBuilder<unknown>[]) =>
  Boolean(scope.municipalityId) || (key.kind === 'attribute' && ofCase.includes(key.expression))

export function countContacts(db: Kysely<DB>, scope: Scope, key: FigureKey) {
  const day = localDay(sql`c.occurred_at`, scope.timeZone)
  const domains = key.kind === 'attribute' && key.expression === contactAttributes.domain
  // Every contact has its case in the same district; it is read only when its attributes are asked
  // for, and then by the district too (the tenant policy alone cannot use an index: a seq scan of the state).
  const withCase = usesCase(scope, key, [contactAttributes.municipality, contactAttributes.team])
  return rows(
    db,
    countedBy(
      key,
      day,
      sql`FROM contact c ${withCase ? sql`JOIN client_case k ON k.id = c.case_id AND k.district_id = ${scope.districtId}` : sql``}
      ${domains ? sql`CROSS JOIN LATERAL unnest(c.domains) AS d(domain)` : sql``}
      WHERE c.district_id = ${scope.districtId}
        AND ${instantWithin(sql`c.occurred_at`, scope.range, scope.timeZone)}
        ${inMunicipality(scope, sql`k.municipality_id`)}`,
    ),
  )
}

/** Attribute keys of a counselled person (`p`, as merged) and the case of the contact (`k`). */
export const personAttributes = {
  municipality: sql`p.municipality_id::text`,
  team: sql`k.team_id::text`,
  sex: sql`p.sex`,
  language: sql`p.languages->0->>'code'`,
  'legal-sphere': sql`p.legal_sphere`,
  'nationality-group': sql`coalesce(p.nationalities[1], 'none')`,
} as const

/** Age groups on a day (an SQL date), from the birth date (an estimated one counts as recorded). */
export const ageGroupOn = (day: RawBuilder<unknown>) => sql`CASE
  WHEN age(${day}, p.birth_date_earliest) < interval '18 years' THEN 'under-18'
  WHEN age(${day}, p.birth_date_earliest) < interval '27 years' THEN '18-26'
  WHEN age(${day}, p.birth_date_earliest) < interval '45 years' THEN '27-44'
  WHEN age(${day}, p.birth_date_earliest) < interval '65 years' THEN '45-64'
  ELSE '65-plus' END`

/** Age groups at the end of the period. */
export const ageGroupAt = (day: string) => ageGroupOn(sql`${day}::date`)

/**
 * Distinct persons who took part in a counselling contact of the period (a merged record counts as
 * the one it went into). In three steps, each materialised: the planner misjudges the persons that
 * row-level security leaves and otherwise rescans them for every contact (seconds instead of ms).
 */
export function countPersonsCounselled(db: Kysely<DB>, scope: Scope, key: FigureKey) {
  const day = localDay(sql`c.occurred_at`, scope.timeZone)
  const byContact = key.kind !== 'attribute' || key.expression === personAttributes.team
  const contactKey = byContact ? keyOf(key, day) : sql<string>`''`
  const personKey = byContact ? sql`counted.ckey` : keyOf(key, day)
  return rows(
    db,
    sql`WITH part AS MATERIALIZED (
        SELECT DISTINCT ${contactKey} AS ckey, x.person_id
        FROM contact c
        JOIN client_case k ON k.id = c.case_id
        CROSS JOIN LATERAL unnest(c.participant_person_ids) AS x(person_id)
        WHERE c.district_id = ${scope.districtId}
          AND ${instantWithin(sql`c.occurred_at`, scope.range, scope.timeZone)}
      ), counted AS MATERIALIZED (
        SELECT DISTINCT part.ckey, coalesce(raw.merged_into, raw.id) AS person_id
        FROM part JOIN person raw ON raw.id = part.person_id
      )
      SELECT ${personKey} AS key, count(*) AS value, count(*) AS n
      FROM counted JOIN person p ON p.id = counted.person_id
      GROUP BY 1`,
  )
}

export const shortConsultationAttributes = {
  municipality: sql`s.municipality_id::text`,
  language: sql`s.language`,
  domain: sql`d.domain`,
} as const

export function countShortConsultations(db: Kysely<DB>, scope: Scope, key: FigureKey) {
  const domains = key.kind === 'attribute' && key.expression === shortConsultationAttributes.domain
  return rows(
    db,
    countedBy(
      key,
      sql`s.occurred_on`,
      sql`FROM short_consultation s
      ${domains ? sql`CROSS JOIN LATERAL unnest(s.domains) AS d(domain)` : sql``}
      WHERE s.district_id = ${scope.districtId} AND ${dayWithin(sql`s.occurred_on`, scope.range)}
        ${inMunicipality(scope, sql`s.municipality_id`)}`,
    ),
  )
}

export const caseAttributes = {
  municipality: sql`k.municipality_id::text`,
  team: sql`k.team_id::text`,
} as const

/** Cases opened (`opened_on`) or closed (`closed_on`) in the period. */
export function countCasesOn(
  db: Kysely<DB>,
  scope: Scope,
  key: FigureKey,
  column: 'opened_on' | 'closed_on',
) {
  const day = sql.ref(`k.${column}`)
  return rows(
    db,
    sql`SELECT ${keyOf(key, day)} AS key, count(*) AS value, count(*) AS n
      FROM client_case k
      WHERE k.district_id = ${scope.districtId} AND ${dayWithin(day, scope.range)}
      GROUP BY 1`,
  )
}

/**
 * Cases open at the end of each bucket (or of the period, for the total and attributes): opened
 * on or before that day and not closed by it.
 */
export function countActiveCases(
  db: Kysely<DB>,
  scope: Scope,
  key: FigureKey,
  bucketEnds: readonly { key: string; end: string }[],
) {
  const ends = key.kind === 'bucket' ? bucketEnds : [{ key: '', end: scope.range.to }]
  const values = sql.join(ends.map((each) => sql`(${each.key}, ${each.end}::date)`))
  const attribute = key.kind === 'attribute' ? key.expression : sql`b.key`
  return rows(
    db,
    sql`SELECT ${attribute} AS key, count(k.id) AS value, count(k.id) AS n
      FROM (VALUES ${values}) AS b (key, end_on)
      JOIN client_case k ON k.district_id = ${scope.districtId}
        AND k.opened_on <= b.end_on AND (k.closed_on IS NULL OR k.closed_on > b.end_on)
      GROUP BY 1`,
  )
}

/** The median days from opening to closing of the cases closed in the period. */
export function medianCaseDuration(db: Kysely<DB>, scope: Scope, key: FigureKey) {
  const day = sql`k.closed_on`
  return rows(
    db,
    sql`SELECT ${keyOf(key, day)} AS key,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY (k.closed_on - k.opened_on)) AS value, count(*) AS n
      FROM client_case k
      WHERE k.district_id = ${scope.districtId} AND ${dayWithin(day, scope.range)}
      GROUP BY 1`,
  )
}

/**
 * The median days from a case's first counselling contact to its plan (its first goal), over the
 * cases whose plan was made in the period and that had a contact on or before that day. The first
 * contact is looked up per planned case in the index of its contacts, instead of grouping all
 * the district's contacts by case (which read every contact of the district on each request).
 */
export function medianDaysFirstContactToPlan(db: Kysely<DB>, scope: Scope, key: FigureKey) {
  const planDay = localDay(sql`min(g.created_at)`, scope.timeZone)
  const withCase = usesCase(scope, key, [caseAttributes.municipality, caseAttributes.team])
  return rows(
    db,
    sql`WITH plan AS (
        SELECT g.case_id, ${planDay} AS plan_on FROM goal g
        WHERE g.district_id = ${scope.districtId} GROUP BY g.case_id
      )
      SELECT ${keyOf(key, sql`plan.plan_on`)} AS key,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY (plan.plan_on - f.first_on)) AS value, count(*) AS n
      FROM plan
      CROSS JOIN LATERAL (
        SELECT ${localDay(sql`c.occurred_at`, scope.timeZone)} AS first_on FROM contact c
        WHERE c.case_id = plan.case_id ORDER BY c.occurred_at LIMIT 1
      ) f
      ${withCase ? sql`JOIN client_case k ON k.id = plan.case_id AND k.district_id = ${scope.districtId}` : sql``}
      WHERE ${dayWithin(sql`plan.plan_on`, scope.range)} AND f.first_on <= plan.plan_on
        ${inMunicipality(scope, sql`k.municipality_id`)}
      GROUP BY 1`,
  )
}
