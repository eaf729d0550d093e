import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

export type DistrictRow = {
  id: string
  code: string
  name: string
  kind: 'kreis' | 'kreisfreie_stadt'
  state_code: string
  time_zone: string
  municipality_count: number
}

const districtColumns = (db: Kysely<DB>) =>
  db.selectFrom('district as d').select([
    'd.id',
    'd.code',
    'd.name',
    'd.kind',
    'd.state_code',
    'd.time_zone',
    (eb) =>
      eb
        .selectFrom('municipality as m')
        .whereRef('m.district_id', '=', 'd.id')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .as('municipality_count'),
  ])

export async function selectDistricts(db: Kysely<DB>, limit: number, offset: number): Promise<DistrictRow[]> {
  const rows = await districtColumns(db).orderBy('d.name').limit(limit).offset(offset).execute()
  return rows.map((row) => ({ ...row, municipality_count: Number(row.municipality_count ?? 0) }))
}

export async function countDistricts(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('district')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function selectDistrict(db: Kysely<DB>, id: string): Promise<DistrictRow | undefined> {
  const row = await districtColumns(db).where('d.id', '=', id).executeTakeFirst()
  return row && { ...row, municipality_count: Number(row.municipality_count ?? 0) }
}

export type MunicipalityRow = { id: string; district_id: string; code: string; name: string }

export async function selectMunicipalities(
  db: Kysely<DB>,
  districtId: string,
  filter: { q?: string | undefined; limit: number; offset: number },
): Promise<{ rows: MunicipalityRow[]; total: number }> {
  let query = db.selectFrom('municipality').where('district_id', '=', districtId)
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
    query = query.where(sql<boolean>`unaccent(name) ILIKE unaccent(${pattern})`)
  }
  const [rows, total] = await Promise.all([
    query
      .select(['id', 'district_id', 'code', 'name'])
      .orderBy('name')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.n) }
}

export type DistrictSeed = {
  code: string
  name: string
  kind: 'kreis' | 'kreisfreie_stadt'
  stateCode: string
  municipalities: { code: string; name: string }[]
}

/** Inserts a district with its municipalities unless its code exists; returns whether it did. */
export async function insertDistrictIfMissing(db: Kysely<DB>, seed: DistrictSeed): Promise<boolean> {
  const inserted = await db
    .insertInto('district')
    .values({ code: seed.code, name: seed.name, kind: seed.kind, state_code: seed.stateCode })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!inserted) return false
  if (seed.municipalities.length > 0) {
    await db
      .insertInto('municipality')
      .values(seed.municipalities.map((m) => ({ district_id: inserted.id, code: m.code, name: m.name })))
      .execute()
  }
  return true
}

/** Names of the district's municipalities by id; ids of other districts are left out. */
export async function selectMunicipalityNames(
  db: Kysely<DB>,
  districtId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const rows = await db
    .selectFrom('municipality')
    .select(['id', 'name'])
    .where('district_id', '=', districtId)
    .where('id', 'in', unique)
    .execute()
  return new Map(rows.map((row) => [row.id, row.name]))
}
