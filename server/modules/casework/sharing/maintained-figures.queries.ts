import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { DB } from '../../../db/schema.ts'
import type { DayRange } from '../../../platform/figure-sql.queries.ts'
import { type BucketUnit, bucketOf, instantWithin, localDay } from '../../../platform/figure-sql.queries.ts'
import type { AggregateRow } from '../../../platform/figures.ts'
import { ageGroupAt, ageGroupOn, type FigureKey, personAttributes, type Scope } from './figures.queries.ts'
import { type PeriodPieces, periodPieces } from './period-pieces.ts'

/**
 * Contacts, persons counselled and days from first contact to plan from the tables migration 0026
 * keeps by trigger (`contact_day_figure`, `person_counselled_figure`, `case_plan_figure`; decision 0015): the same rows as the raw
 * queries in figures.queries.ts, which stay as the definition the property test compares with.
 */

export type MaintainedKey =
  | { kind: 'total' }
  | { kind: 'bucket'; unit: BucketUnit }
  | { kind: 'attribute'; dimension: string }

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

/**
 * Contacts per key from the day cells of one kept dimension (the service picks it: the attribute,
 * the municipality's cells when narrowed to one municipality, else the total).
 */
export function maintainedContacts(db: Kysely<DB>, scope: Scope, key: MaintainedKey, dimension: string) {
  const keyed =
    key.kind === 'bucket'
      ? sql`to_char(date_trunc(${sql.lit(key.unit)}, f.day::timestamp), 'YYYY-MM-DD')`
      : key.kind === 'total'
        ? sql`''`
        : sql`f.key`
  return rows(
    db,
    sql`SELECT ${keyed} AS key, sum(f.contacts) AS value, sum(f.contacts) AS n
      FROM contact_day_figure f
      WHERE f.district_id = ${scope.districtId} AND f.dimension = ${dimension}
        AND f.day BETWEEN ${scope.range.from}::date AND ${scope.range.to}::date
        ${scope.municipalityId ? sql`AND f.key = ${scope.municipalityId}` : sql``}
      GROUP BY 1`,
  )
}

const dates = (days: readonly string[]) => sql`${`{${days.join(',')}}`}::date[]`

/**
 * Distinct persons who took part in a counselling contact of the period (a merged record counts as
 * the one it went into): whole years and months from the kept rows, the days at the edges of the
 * period that do not fill a month from the contacts themselves. Merged records are resolved
 * through the district's few merged persons (a partial index) instead of looking up every person,
 * and persons are read only for an attribute: two lookups per person cost 300 ms for a year of a
 * Kreis. Persons are never deleted (a merged one stays as history), so no participant is lost.
 */
export function maintainedPersonsCounselled(db: Kysely<DB>, scope: Scope, key: MaintainedKey) {
  // Day and week buckets never get here (the service reads them raw); a total or attribute may use years.
  const unit = key.kind === 'bucket' && (key.unit === 'month' || key.unit === 'quarter') ? key.unit : 'year'
  const pieces: PeriodPieces = periodPieces(scope.range, unit)
  const byBucket = key.kind === 'bucket'
  const keptKey = byBucket ? bucketOf(sql`f.starts_on`, key.unit) : sql<string>`''`
  const rawKey = byBucket ? bucketOf(localDay(sql`c.occurred_at`, scope.timeZone), key.unit) : sql<string>`''`
  // One branch per edge, each a range of the contacts' (district, time) index: an OR of the two
  // ranges read all of the district's contacts.
  const edges = pieces.days.map(
    (range) => sql`UNION SELECT ${rawKey} AS ckey, x.person_id
      FROM contact c CROSS JOIN LATERAL unnest(c.participant_person_ids) AS x(person_id)
      WHERE c.district_id = ${scope.districtId} AND ${instantWithin(sql`c.occurred_at`, range, scope.timeZone)}`,
  )
  const attribute =
    key.kind === 'attribute'
      ? key.dimension === 'age-group'
        ? ageGroupAt(scope.range.to)
        : personAttributes[key.dimension as keyof typeof personAttributes]
      : sql`counted.ckey`
  // One branch per period, each a range of the primary key: an OR of both scanned the district's rows.
  const kept = (period: 'month' | 'year', starts: readonly string[]) =>
    starts.length === 0
      ? []
      : [
          sql`SELECT ${keptKey} AS ckey, f.person_id FROM person_counselled_figure f
            WHERE f.district_id = ${scope.districtId} AND f.period = ${period} AND f.starts_on = ANY (${dates(starts)})`,
        ]
  const branches = [...kept('year', pieces.years), ...kept('month', pieces.months)]
  const keptPart =
    branches.length === 0
      ? sql`SELECT ''::text AS ckey, NULL::uuid AS person_id WHERE false`
      : sql.join(branches, sql` UNION ALL `)
  return rows(
    db,
    sql`WITH part AS MATERIALIZED (
        ${keptPart}
        ${edges.length === 0 ? sql`` : sql.join(edges, sql` `)}
      ), merged AS MATERIALIZED (
        SELECT m.id, m.merged_into FROM person m WHERE m.district_id = ${scope.districtId} AND m.merged_into IS NOT NULL
      ), counted AS MATERIALIZED (
        SELECT DISTINCT part.ckey, coalesce(merged.merged_into, part.person_id) AS person_id
        FROM part LEFT JOIN merged ON merged.id = part.person_id
      )
      SELECT ${attribute} AS key, count(*) AS value, count(*) AS n
      FROM counted ${key.kind === 'attribute' ? sql`JOIN person p ON p.id = counted.person_id` : sql``}
      GROUP BY 1`,
  )
}

/**
 * Distinct persons by an attribute of the person over several spans of whole calendar months at
 * once (a year, its quarters and its months, as a breakdown's nested units ask): one pass over the
 * kept month rows of all spans and one join to the persons, instead of one statement per span,
 * each hashing the district's persons again. The same rows and merges as
 * `maintainedPersonsCounselled` (a year's row is the union of its months' rows); the age group is
 * taken at each span's end. Answers one list of rows per span, in the order given.
 */
export async function maintainedPersonsOverSpans(
  db: Kysely<DB>,
  districtId: string,
  spans: readonly DayRange[],
  dimension: string,
): Promise<AggregateRow[][]> {
  const monthIndex = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1
  const first = Math.min(...spans.map((span) => monthIndex(span.from)))
  const last = Math.max(...spans.map((span) => monthIndex(span.to)))
  // Each person's months as bits of one bigint: the caller asks for at most 63 months.
  if (last - first > 62) throw new Error('maintainedPersonsOverSpans covers at most 63 months')
  const bits = (span: DayRange) => {
    let mask = 0n
    for (let month = monthIndex(span.from); month <= monthIndex(span.to); month++)
      mask |= 1n << BigInt(month - first)
    return mask.toString()
  }
  const firstMonth = spans.map((span) => span.from).sort()[0] as string
  const lastMonth = `${spans
    .map((span) => span.to)
    .sort()
    .at(-1)
    ?.slice(0, 7)}-01`
  const attribute =
    dimension === 'age-group'
      ? ageGroupOn(sql`s.ends_on`)
      : personAttributes[dimension as keyof typeof personAttributes]
  const values = spans.map((span, index) => sql`(${index}::integer, ${bits(span)}::bigint, ${span.to}::date)`)
  const result = await sql<{
    ord: number
    key: string | null
    value: unknown
  }>`WITH span (ord, months, ends_on) AS (
        VALUES ${sql.join(values)}
      ), merged AS MATERIALIZED (
        SELECT m.id, m.merged_into FROM person m WHERE m.district_id = ${districtId} AND m.merged_into IS NOT NULL
      ), counted AS MATERIALIZED (
        SELECT coalesce(merged.merged_into, f.person_id) AS person_id,
          bit_or(1::bigint << ((extract(year FROM f.starts_on)::integer * 12 + extract(month FROM f.starts_on)::integer - 1)
            - ${first}::integer)) AS months
        FROM person_counselled_figure f LEFT JOIN merged ON merged.id = f.person_id
        WHERE f.district_id = ${districtId} AND f.period = 'month'
          AND f.starts_on BETWEEN ${firstMonth}::date AND ${lastMonth}::date
        GROUP BY 1
      )
      SELECT s.ord, ${attribute} AS key, count(*) AS value
      FROM counted JOIN person p ON p.id = counted.person_id
      JOIN span s ON counted.months & s.months <> 0
      GROUP BY 1, 2`.execute(db)
  const answer: AggregateRow[][] = spans.map(() => [])
  for (const row of result.rows) {
    const value = Number(row.value ?? 0)
    answer[Number(row.ord)]?.push({ key: row.key ?? 'none', value, n: value })
  }
  return answer
}

/**
 * How the kept rows answer distinct persons over a range (migration 0045, decision 0034): its whole
 * months from `person_month_previous_count`, and at most one cut edge from
 * `person_day_neighbour_count` — the previous side (each person's first day of the edge, whose
 * previous day lies before the range's start) when the range starts on the first of a month or
 * lies within one month; the next side (each person's last day of the edge, whose next day lies
 * after the range's end) when the edge is the range's start and the range ends with a whole month.
 * Null for a range across months cut at both ends: the neighbours are kept by month beyond the
 * day's own month, which cannot tell days of the start's month apart from the end's side.
 */
export type KeptPersonsPlan = {
  months: string[]
  edge: { range: DayRange; side: 'previous' | 'next' } | null
}

export function keptPersonsPlan(range: DayRange): KeptPersonsPlan | null {
  const pieces = periodPieces(range, 'month')
  if (pieces.days.length > 1) return null
  const [edge] = pieces.days
  if (edge === undefined) return { months: pieces.months, edge: null }
  const side = pieces.months.length > 0 && edge.from === range.from ? 'next' : 'previous'
  return { months: pieces.months, edge: { range: edge, side } }
}

/** The bits of the days `from..to` of one month, as the month rows keep them (bit 0 the 1st). */
const dayBits = (range: DayRange) =>
  2 ** Number(range.to.slice(8, 10)) - 2 ** (Number(range.from.slice(8, 10)) - 1)

/**
 * Distinct persons counselled over a range as `keptPersonsPlan` splits it, under one key (the
 * month of an edge cell, or '' for a total): persons as recorded from the kept counts, less what
 * merges fold together among them (the district's few merged persons and their survivors, found
 * in the month rows, the edge's by its days), as the raw query resolves merges one level. Reads a
 * few hundred count rows and never a contact.
 */
export function maintainedPersonsKept(db: Kysely<DB>, scope: Scope, plan: KeptPersonsPlan, key: string) {
  const district = scope.districtId
  const first = plan.months[0]
  const last = plan.months[plan.months.length - 1]
  const edge = plan.edge
  const whole =
    first === undefined || last === undefined
      ? sql`SELECT 0::bigint AS persons`
      : sql`SELECT coalesce(sum(n.persons), 0) AS persons FROM person_month_previous_count n
          WHERE n.district_id = ${district} AND n.starts_on BETWEEN ${first}::date AND ${last}::date
            AND n.previous_on < ${first}::date`
  const edgeCount =
    edge === null
      ? sql`SELECT 0::bigint AS persons`
      : sql`SELECT coalesce(sum(n.persons), 0) AS persons FROM person_day_neighbour_count n
          WHERE n.district_id = ${district} AND n.side = ${edge.side}
            AND n.day BETWEEN ${edge.range.from}::date AND ${edge.range.to}::date
            AND ${edge.side === 'previous' ? sql`n.neighbour_on < ${scope.range.from}::date` : sql`n.neighbour_on > ${scope.range.to}::date`}`
  const inMonths =
    first === undefined || last === undefined
      ? sql`false`
      : sql`f.starts_on BETWEEN ${first}::date AND ${last}::date`
  const inEdge =
    edge === null
      ? sql`false`
      : sql`(f.starts_on = ${`${edge.range.from.slice(0, 7)}-01`}::date AND f.days & ${dayBits(edge.range)}::integer <> 0)`
  return rows(
    db,
    sql`WITH folded AS MATERIALIZED (
        SELECT p.id, coalesce(p.merged_into, p.id) AS canonical FROM person p
        WHERE p.id IN (
          SELECT m.id FROM person m WHERE m.district_id = ${district} AND m.merged_into IS NOT NULL
          UNION SELECT m.merged_into FROM person m WHERE m.district_id = ${district} AND m.merged_into IS NOT NULL)
      ), whole AS (${whole}), edge AS (${edgeCount}), surplus AS (
        SELECT count(DISTINCT f.person_id) - count(DISTINCT folded.canonical) AS persons
        FROM person_counselled_figure f JOIN folded ON folded.id = f.person_id
        WHERE f.district_id = ${district} AND f.period = 'month' AND (${inMonths} OR ${inEdge})
      )
      SELECT ${key}::text AS key, whole.persons + edge.persons - surplus.persons AS value,
        whole.persons + edge.persons - surplus.persons AS n
      FROM whole, edge, surplus
      WHERE whole.persons + edge.persons - surplus.persons > 0`,
  )
}

/**
 * The median days from a case's first counselling contact to its plan, over the cases planned in
 * the period with a contact on or before that day, from the row kept per planned case.
 */
export function maintainedDaysToPlan(db: Kysely<DB>, scope: Scope, key: FigureKey) {
  const withCase = Boolean(scope.municipalityId) || key.kind === 'attribute'
  const keyed =
    key.kind === 'total'
      ? sql`''`
      : key.kind === 'bucket'
        ? bucketOf(sql`p.planned_on`, key.unit)
        : key.expression
  return rows(
    db,
    sql`SELECT ${keyed} AS key,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY (p.planned_on - p.first_contact_on)) AS value, count(*) AS n
      FROM case_plan_figure p
      ${withCase ? sql`JOIN client_case k ON k.id = p.case_id AND k.district_id = ${scope.districtId}` : sql``}
      WHERE p.district_id = ${scope.districtId}
        AND p.planned_on BETWEEN ${scope.range.from}::date AND ${scope.range.to}::date
        AND p.first_contact_on <= p.planned_on
        ${scope.municipalityId ? sql`AND k.municipality_id = ${scope.municipalityId}::uuid` : sql``}
      GROUP BY 1`,
  )
}

/**
 * Distinct persons per whole calendar month from the kept counts: the count of persons as
 * recorded, less what merges fold together (rows of merged persons and their survivors whose
 * single-level survivor is the same, as the raw query resolves them).
 */
export function maintainedPersonsByMonth(db: Kysely<DB>, districtId: string, months: readonly string[]) {
  return rows(
    db,
    sql`WITH folded AS MATERIALIZED (
        SELECT p.id, coalesce(p.merged_into, p.id) AS canonical FROM person p
        WHERE p.id IN (
          SELECT m.id FROM person m WHERE m.district_id = ${districtId} AND m.merged_into IS NOT NULL
          UNION SELECT m.merged_into FROM person m WHERE m.district_id = ${districtId} AND m.merged_into IS NOT NULL)
      ), surplus AS (
        SELECT f.starts_on, count(*) - count(DISTINCT folded.canonical) AS persons
        FROM person_counselled_figure f JOIN folded ON folded.id = f.person_id
        WHERE f.district_id = ${districtId} AND f.period = 'month' AND f.starts_on = ANY (${dates(months)})
        GROUP BY 1
      )
      SELECT to_char(n.starts_on, 'YYYY-MM-DD') AS key, n.persons - coalesce(surplus.persons, 0) AS value,
        n.persons - coalesce(surplus.persons, 0) AS n
      FROM person_month_count n LEFT JOIN surplus ON surplus.starts_on = n.starts_on
      WHERE n.district_id = ${districtId} AND n.starts_on = ANY (${dates(months)})`,
  )
}

/**
 * Distinct persons counselled over a period with at least one whole month (migration 0038,
 * decision 0024): the whole months a..b from `person_month_previous_count` (each person counted
 * in the first month of a..b, where the month they were counselled before lies before a), less
 * what merges fold together there, plus the persons of the cut months at the edges whom no whole
 * month of the period already counts. Reads a few hundred count rows, the district's few merged
 * persons, and the contacts of the edge days with one index probe per person; never the
 * person-month rows of the period. Since migration 0045 only for a period across months cut at
 * both ends (`keptPersonsPlan` answers the others from kept counts alone).
 */
export function maintainedPersonsTotal(db: Kysely<DB>, scope: Scope) {
  const pieces = periodPieces(scope.range, 'month')
  const first = pieces.months[0]
  const last = pieces.months[pieces.months.length - 1]
  if (first === undefined || last === undefined)
    throw new Error('maintainedPersonsTotal needs a period with a whole month')
  const district = scope.districtId
  const within = sql`f.district_id = ${district} AND f.period = 'month'
    AND f.starts_on BETWEEN ${first}::date AND ${last}::date`
  const edges = pieces.days.map(
    (range) => sql`SELECT x.person_id
      FROM contact c CROSS JOIN LATERAL unnest(c.participant_person_ids) AS x(person_id)
      WHERE c.district_id = ${district} AND ${instantWithin(sql`c.occurred_at`, range, scope.timeZone)}`,
  )
  const edgePersons =
    edges.length === 0 ? sql`SELECT NULL::uuid AS person_id WHERE false` : sql.join(edges, sql` UNION ALL `)
  return rows(
    db,
    sql`WITH merged AS MATERIALIZED (
        SELECT m.id, m.merged_into FROM person m WHERE m.district_id = ${district} AND m.merged_into IS NOT NULL
      ), folded AS MATERIALIZED (
        SELECT p.id, coalesce(p.merged_into, p.id) AS canonical FROM person p
        WHERE p.id IN (SELECT merged.id FROM merged UNION SELECT merged.merged_into FROM merged)
      ), whole AS (
        SELECT coalesce(sum(n.persons), 0) AS persons FROM person_month_previous_count n
        WHERE n.district_id = ${district} AND n.starts_on BETWEEN ${first}::date AND ${last}::date
          AND n.previous_on < ${first}::date
      ), surplus AS (
        SELECT count(DISTINCT f.person_id) - count(DISTINCT folded.canonical) AS persons
        FROM person_counselled_figure f JOIN folded ON folded.id = f.person_id
        WHERE ${within}
      ), edge AS MATERIALIZED (
        SELECT DISTINCT coalesce(merged.merged_into, e.person_id) AS person_id
        FROM (${edgePersons}) AS e LEFT JOIN merged ON merged.id = e.person_id
      ), outside AS (
        SELECT count(*) AS persons FROM edge
        WHERE NOT EXISTS (
            SELECT 1 FROM person_counselled_figure f
            WHERE ${within} AND f.person_id = edge.person_id
              AND NOT EXISTS (SELECT 1 FROM merged WHERE merged.id = edge.person_id))
          AND NOT EXISTS (
            SELECT 1 FROM merged JOIN person_counselled_figure f ON f.person_id = merged.id
            WHERE merged.merged_into = edge.person_id AND ${within})
      )
      SELECT '' AS key, whole.persons - surplus.persons + outside.persons AS value,
        whole.persons - surplus.persons + outside.persons AS n
      FROM whole, surplus, outside
      WHERE whole.persons - surplus.persons + outside.persons > 0`,
  )
}
