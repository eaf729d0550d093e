import { type Kysely, type SqlBool, sql, type Transaction } from 'kysely'
import { overlapDomains } from '../../../../common/network.ts'
import type { DB } from '../../../db/schema.ts'
import { acrossDistricts } from '../../../platform/tenant-context.ts'

export type ServiceValues = {
  organisation_id: string
  name: string
  description: string
  domains: string[]
  target_groups: string[]
  municipality_ids: string[]
  languages: string[]
  eligibility: string
  contact: string
  starts_on: string | null
  ends_on: string | null
}

export type ServiceFilter = {
  q?: string | undefined
  organisationId?: string | undefined
  domain?: string | undefined
  targetGroup?: string | undefined
  municipalityId?: string | undefined
  language?: string | undefined
  /** Only services that have not ended before this day. */
  currentOn?: string | undefined
}

/** A service that has not ended before the day (an open end never ends). */
const currentOn = (day: string) => sql<SqlBool>`(s.ends_on IS NULL OR s.ends_on >= ${day}::date)`

/** Escapes LIKE's wildcards, so that a typed % or _ is searched for, not expanded. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

export async function selectServices(
  db: Kysely<DB>,
  districtId: string,
  filter: ServiceFilter,
  page: { limit: number; offset: number },
) {
  let query = db.selectFrom('service as s').where('s.district_id', '=', districtId)
  if (filter.organisationId) query = query.where('s.organisation_id', '=', filter.organisationId)
  if (filter.domain) query = query.where(sql<SqlBool>`${filter.domain} = ANY (s.domains)`)
  if (filter.targetGroup) query = query.where(sql<SqlBool>`${filter.targetGroup} = ANY (s.target_groups)`)
  if (filter.municipalityId)
    query = query.where(sql<SqlBool>`${filter.municipalityId}::uuid = ANY (s.municipality_ids)`)
  if (filter.language) query = query.where(sql<SqlBool>`${filter.language} = ANY (s.languages)`)
  if (filter.currentOn) query = query.where(currentOn(filter.currentOn))
  if (filter.q) {
    for (const word of filter.q.split(/\s+/).filter(Boolean)) {
      const pattern = likePattern(word)
      query = query.where((eb) =>
        eb.or([eb('s.name', 'ilike', pattern), eb('s.description', 'ilike', pattern)]),
      )
    }
  }
  const [rows, count] = await Promise.all([
    query.selectAll('s').orderBy('s.name').orderBy('s.id').limit(page.limit).offset(page.offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n) }
}

export function selectService(db: Kysely<DB>, serviceId: string) {
  return db.selectFrom('service').selectAll().where('id', '=', serviceId).executeTakeFirst()
}

/** Where a service belongs, across districts; undefined when there is no such service. */
export async function selectServiceDistrict(db: Kysely<DB>, serviceId: string) {
  const row = await acrossDistricts(() =>
    db.selectFrom('service').select('district_id').where('id', '=', serviceId).executeTakeFirst(),
  )
  return row?.district_id
}

/** Names of the district's services by organisation, for the directory's search and counts. */
export function selectServiceNames(db: Kysely<DB>, districtId: string) {
  return db
    .selectFrom('service')
    .select(['organisation_id', 'name'])
    .where('district_id', '=', districtId)
    .execute()
}

/** The cells of a service: one per domain, target group and municipality. */
async function writeCells(db: Transaction<DB>, districtId: string, serviceId: string, values: ServiceValues) {
  await db.deleteFrom('service_cell').where('service_id', '=', serviceId).execute()
  const cells = values.domains.flatMap((domain) =>
    values.target_groups.flatMap((targetGroup) =>
      values.municipality_ids.map((municipalityId) => ({
        district_id: districtId,
        service_id: serviceId,
        organisation_id: values.organisation_id,
        domain,
        target_group: targetGroup,
        municipality_id: municipalityId,
      })),
    ),
  )
  // At most 12 × 12 × 100 cells; in chunks, well below PostgreSQL's limit of bind parameters.
  for (let start = 0; start < cells.length; start += 2000) {
    await db
      .insertInto('service_cell')
      .values(cells.slice(start, start + 2000))
      .execute()
  }
}

export async function insertService(
  db: Transaction<DB>,
  districtId: string,
  createdBy: string,
  values: ServiceValues,
): Promise<string> {
  const { id } = await db
    .insertInto('service')
    .values({ ...values, district_id: districtId, created_by: createdBy })
    .returning('id')
    .executeTakeFirstOrThrow()
  await writeCells(db, districtId, id, values)
  return id
}

export async function updateServiceIfVersion(
  db: Transaction<DB>,
  districtId: string,
  serviceId: string,
  expectedVersion: number,
  values: ServiceValues,
): Promise<boolean> {
  const result = await db
    .updateTable('service')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date().toISOString() }))
    .where('id', '=', serviceId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  if (result.numUpdatedRows === 0n) return false
  await writeCells(db, districtId, serviceId, values)
  return true
}

/** Deletes a service with its cells and overlap decisions (cascade). */
export async function deleteServiceIfVersion(
  db: Transaction<DB>,
  serviceId: string,
  expectedVersion: number,
): Promise<boolean> {
  const result = await db
    .deleteFrom('service')
    .where('id', '=', serviceId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return result.numDeletedRows > 0n
}

/** Current services per municipality and domain, and per municipality in all, for the overview. */
export async function selectOverviewCounts(db: Kysely<DB>, districtId: string, today: string) {
  const [byDomain, totals] = await Promise.all([
    sql<{ municipality_id: string; domain: string; n: string }>`
      SELECT c.municipality_id, c.domain, count(DISTINCT c.service_id) AS n
      FROM service_cell c JOIN service s ON s.id = c.service_id
      WHERE c.district_id = ${districtId} AND ${currentOn(today)}
      GROUP BY c.municipality_id, c.domain`.execute(db),
    sql<{ municipality_id: string; n: string }>`
      SELECT m.municipality_id, count(*) AS n
      FROM service s CROSS JOIN LATERAL unnest(s.municipality_ids) AS m (municipality_id)
      WHERE s.district_id = ${districtId} AND ${currentOn(today)}
      GROUP BY m.municipality_id`.execute(db),
  ])
  return { byDomain: byDomain.rows, totals: totals.rows }
}

export type OverlapFilter = { municipalityId?: string; domain?: string; targetGroup?: string }

export type OverlapRow = {
  first_id: string
  second_id: string
  domains: string[]
  target_groups: string[]
  municipality_ids: string[]
}

/**
 * Pairs of current services of different organisations that share a domain, a target group and a
 * municipality, and whose periods meet. Both cells come from the index on (district, domain,
 * target group, municipality); a pair is listed once, the smaller id first.
 */
export function overlapQuery(districtId: string, today: string, filter: OverlapFilter = {}) {
  const domains = filter.domain ? [filter.domain] : [...overlapDomains]
  return sql<OverlapRow>`
    SELECT a.service_id AS first_id, b.service_id AS second_id,
      array_agg(DISTINCT a.domain ORDER BY a.domain) AS domains,
      array_agg(DISTINCT a.target_group ORDER BY a.target_group) AS target_groups,
      array_agg(DISTINCT a.municipality_id) AS municipality_ids
    FROM service_cell a
    JOIN service_cell b
      ON b.district_id = a.district_id AND b.domain = a.domain AND b.target_group = a.target_group
      AND b.municipality_id = a.municipality_id AND b.organisation_id <> a.organisation_id
      AND b.service_id > a.service_id
    JOIN service sa ON sa.id = a.service_id
    JOIN service sb ON sb.id = b.service_id
    WHERE a.district_id = ${districtId}
      AND a.domain = ANY (${domains}::text[])
      ${filter.targetGroup ? sql`AND a.target_group = ${filter.targetGroup}` : sql``}
      ${filter.municipalityId ? sql`AND a.municipality_id = ${filter.municipalityId}::uuid` : sql``}
      AND (sa.ends_on IS NULL OR sa.ends_on >= ${today}::date)
      AND (sb.ends_on IS NULL OR sb.ends_on >= ${today}::date)
      AND (sa.starts_on IS NULL OR sb.ends_on IS NULL OR sa.starts_on <= sb.ends_on)
      AND (sb.starts_on IS NULL OR sa.ends_on IS NULL OR sb.starts_on <= sa.ends_on)
    GROUP BY a.service_id, b.service_id`
}

export async function selectOverlaps(
  db: Kysely<DB>,
  districtId: string,
  today: string,
  filter: OverlapFilter,
) {
  return (await overlapQuery(districtId, today, filter).execute(db)).rows
}

/** Names and organisations of the given services. */
export function selectServiceHeads(db: Kysely<DB>, districtId: string, ids: readonly string[]) {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return Promise.resolve([])
  return db
    .selectFrom('service')
    .select(['id', 'name', 'organisation_id'])
    .where('district_id', '=', districtId)
    .where('id', 'in', unique)
    .execute()
}

export function selectOverlapDecisions(db: Kysely<DB>, districtId: string) {
  return db.selectFrom('service_overlap_decision').selectAll().where('district_id', '=', districtId).execute()
}

export async function upsertOverlapDecision(
  db: Transaction<DB>,
  decision: {
    districtId: string
    firstId: string
    secondId: string
    reason: string
    decidedBy: string
    decidedAt: string
  },
) {
  await db
    .insertInto('service_overlap_decision')
    .values({
      district_id: decision.districtId,
      first_service_id: decision.firstId,
      second_service_id: decision.secondId,
      reason: decision.reason,
      decided_by: decision.decidedBy,
      decided_at: decision.decidedAt,
    })
    .onConflict((oc) =>
      oc.columns(['first_service_id', 'second_service_id']).doUpdateSet({
        reason: decision.reason,
        decided_by: decision.decidedBy,
        decided_at: decision.decidedAt,
      }),
    )
    .execute()
}

export async function deleteOverlapDecision(
  db: Transaction<DB>,
  districtId: string,
  firstId: string,
  secondId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('service_overlap_decision')
    .where('district_id', '=', districtId)
    .where('first_service_id', '=', firstId)
    .where('second_service_id', '=', secondId)
    .executeTakeFirst()
  return result.numDeletedRows > 0n
}
