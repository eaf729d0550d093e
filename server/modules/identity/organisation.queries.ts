import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'

export async function selectTeams(db: Kysely<DB>, districtId: string) {
  return db
    .selectFrom('team as t')
    .select([
      't.id',
      't.name',
      't.version',
      (eb) =>
        eb
          .selectFrom('user_team as ut')
          .whereRef('ut.team_id', '=', 't.id')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .as('member_count'),
    ])
    .where('t.district_id', '=', districtId)
    .orderBy('t.name')
    .execute()
}

export async function selectOrganisations(db: Kysely<DB>, districtId: string) {
  return db
    .selectFrom('organisation as o')
    .select([
      'o.id',
      'o.name',
      'o.kind',
      'o.legal_spheres',
      'o.version',
      (eb) =>
        eb
          .selectFrom('app_user as u')
          .whereRef('u.organisation_id', '=', 'o.id')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .as('member_count'),
    ])
    .where('o.district_id', '=', districtId)
    .orderBy('o.name')
    .execute()
}

type NameTable = 'team' | 'organisation'

export async function nameTaken(
  db: Kysely<DB>,
  table: NameTable,
  districtId: string,
  name: string,
  exceptId?: string,
) {
  let query = db.selectFrom(table).select('id').where('district_id', '=', districtId).where('name', '=', name)
  if (exceptId) query = query.where('id', '<>', exceptId)
  return Boolean(await query.executeTakeFirst())
}

export async function insertTeam(db: Kysely<DB>, districtId: string, name: string): Promise<string> {
  const row = await db
    .insertInto('team')
    .values({ district_id: districtId, name })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function insertOrganisation(
  db: Kysely<DB>,
  districtId: string,
  organisation: { name: string; kind: string; legalSpheres: string[] },
): Promise<string> {
  const row = await db
    .insertInto('organisation')
    .values({
      district_id: districtId,
      name: organisation.name,
      kind: organisation.kind,
      legal_spheres: organisation.legalSpheres,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function selectNamedDistrictId(
  db: Kysely<DB>,
  table: NameTable,
  id: string,
): Promise<string | undefined> {
  const row = await db.selectFrom(table).select('district_id').where('id', '=', id).executeTakeFirst()
  return row?.district_id
}

export async function insertTeamIfMissing(db: Kysely<DB>, districtId: string, name: string): Promise<string> {
  await db
    .insertInto('team')
    .values({ district_id: districtId, name })
    .onConflict((oc) => oc.columns(['district_id', 'name']).doNothing())
    .execute()
  const row = await db
    .selectFrom('team')
    .select('id')
    .where('district_id', '=', districtId)
    .where('name', '=', name)
    .executeTakeFirstOrThrow()
  return row.id
}

export async function insertOrganisationIfMissing(
  db: Kysely<DB>,
  districtId: string,
  organisation: { name: string; kind: string; legalSpheres: string[] },
): Promise<string> {
  await db
    .insertInto('organisation')
    .values({
      district_id: districtId,
      name: organisation.name,
      kind: organisation.kind,
      legal_spheres: organisation.legalSpheres,
    })
    .onConflict((oc) => oc.columns(['district_id', 'name']).doNothing())
    .execute()
  const row = await db
    .selectFrom('organisation')
    .select('id')
    .where('district_id', '=', districtId)
    .where('name', '=', organisation.name)
    .executeTakeFirstOrThrow()
  return row.id
}
