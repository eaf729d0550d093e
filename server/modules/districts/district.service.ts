import type { Kysely } from 'kysely'
import type { District, DistrictDetail, Municipality } from '../../../common/districts.ts'
import type { Page } from '../../../common/pagination.ts'
import type { DB } from '../../db/schema.ts'
import type { RequestContext } from '../../platform/access.ts'
import { fieldError, NotFound } from '../../platform/errors.ts'
import { type Actor, authorize, ownDistrict } from '../../platform/policy.ts'
import { recordAuditAlone } from '../audit/index.ts'
import {
  countDistricts,
  type DistrictRow,
  type DistrictSeed,
  insertDistrictIfMissing,
  type MunicipalityRow,
  selectDistrict,
  selectDistricts,
  selectMunicipalities,
  selectMunicipalityNames,
} from './district.queries.ts'

const toDistrict = (row: DistrictRow): District => ({
  id: row.id,
  code: row.code,
  name: row.name,
  kind: row.kind,
  stateCode: row.state_code,
  timeZone: row.time_zone,
  municipalityCount: row.municipality_count,
})

const toMunicipality = (row: MunicipalityRow): Municipality => ({
  id: row.id,
  districtId: row.district_id,
  code: row.code,
  name: row.name,
})

export async function listDistricts(
  db: Kysely<DB>,
  page: { limit: number; offset: number },
): Promise<Page<District>> {
  const [rows, total] = await Promise.all([selectDistricts(db, page.limit, page.offset), countDistricts(db)])
  return { items: rows.map(toDistrict), total, ...page }
}

/** The districts the actor may see: their own. */
export async function listVisibleDistricts(db: Kysely<DB>, actor: Actor): Promise<Page<District>> {
  authorize(actor, 'district.read', { type: 'district', districtId: actor.districtId })
  const row = await selectDistrict(db, actor.districtId)
  const items = row ? [toDistrict(row)] : []
  return { items, total: items.length, limit: items.length, offset: 0 }
}

export async function getDistrict(db: Kysely<DB>, actor: Actor, districtId: string): Promise<DistrictDetail> {
  authorize(actor, 'district.read', { type: 'district', districtId })
  const row = await selectDistrict(db, districtId)
  if (!row) throw new NotFound(`district ${districtId}`)
  const { rows } = await selectMunicipalities(db, districtId, { limit: 1000, offset: 0 })
  return { ...toDistrict(row), municipalities: rows.map(toMunicipality) }
}

export async function listMunicipalities(
  db: Kysely<DB>,
  actor: Actor,
  districtId: string,
  filter: { q?: string | undefined; limit: number; offset: number },
): Promise<Page<Municipality>> {
  authorize(actor, 'district.read', { type: 'district', districtId })
  if (!(await selectDistrict(db, districtId))) throw new NotFound(`district ${districtId}`)
  const { rows, total } = await selectMunicipalities(db, districtId, filter)
  return { items: rows.map(toMunicipality), total, limit: filter.limit, offset: filter.offset }
}

/** Creates the districts of a seed that do not exist yet; existing ones are left as they are. */
export async function seedDistricts(db: Kysely<DB>, seeds: DistrictSeed[]): Promise<number> {
  let created = 0
  for (const seed of seeds) {
    const didCreate = await db.transaction().execute((trx) => insertDistrictIfMissing(trx, seed))
    if (didCreate) created++
  }
  return created
}

export type { DistrictSeed }

/** The name of a district, for other modules' presenters (e.g. the session). */
export async function getDistrictName(db: Kysely<DB>, districtId: string): Promise<string> {
  const row = await selectDistrict(db, districtId)
  if (!row) throw new NotFound(`district ${districtId}`)
  return row.name
}

/** Names of the district's municipalities by id, for other modules; foreign and unknown ids are left out. */
export function municipalityNames(
  db: Kysely<DB>,
  districtId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  return selectMunicipalityNames(db, districtId, ids)
}

/** All municipalities of a district by name, for other modules (the network's overview, demo data). */
export async function districtMunicipalities(
  db: Kysely<DB>,
  districtId: string,
): Promise<{ id: string; name: string }[]> {
  const { rows } = await selectMunicipalities(db, districtId, { limit: 1000, offset: 0 })
  return rows.map((row) => ({ id: row.id, name: row.name }))
}

/**
 * Authorises and audits the whole-district export (decision 0023): administration only, with a
 * reason that goes into the audit trail, since the file holds every client's record.
 */
export async function prepareDistrictExport(
  db: Kysely<DB>,
  actor: Actor,
  reason: string | undefined,
  request: RequestContext,
): Promise<{ id: string; code: string; name: string }> {
  authorize(actor, 'district.export', ownDistrict(actor))
  if (!reason || reason.length < 3) throw fieldError('district-export-reason-required', 'invalid', 'reason')
  const row = await selectDistrict(db, actor.districtId)
  if (!row) throw new NotFound()
  await recordAuditAlone(db, {
    ...request,
    action: 'district.export',
    subjectType: 'district',
    subjectId: actor.districtId,
    purpose: reason,
  })
  return { id: row.id, code: row.code, name: row.name }
}
