import type { Insertable, Kysely, Transaction } from 'kysely'
import type { PartnerContactPersonTable } from '../../../db/schema.network-directory.ts'
import type { DB } from '../../../db/schema.ts'

/** The district's partner profiles, for the directory list. */
export function selectProfiles(db: Kysely<DB>, districtId: string) {
  return db
    .selectFrom('partner_profile')
    .select(['organisation_id', 'city', 'municipality_ids'])
    .where('district_id', '=', districtId)
    .execute()
}

/** Contact persons of the district (or of one organisation), in their order. */
export function selectContactPersons(db: Kysely<DB>, districtId: string, organisationId?: string) {
  let query = db
    .selectFrom('partner_contact_person')
    .select(['id', 'organisation_id', 'name', 'function', 'phone', 'email'])
    .where('district_id', '=', districtId)
  if (organisationId) query = query.where('organisation_id', '=', organisationId)
  return query.orderBy('organisation_id').orderBy('position').execute()
}

export function selectProfile(db: Kysely<DB>, organisationId: string) {
  return db
    .selectFrom('partner_profile')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst()
}

export type ProfileValues = {
  street: string
  postcode: string
  city: string
  phone: string
  email: string
  website: string
  opening_hours: string
  municipality_ids: string[]
  updated_by: string | null
}

/** The first profile of an organisation; false when one exists already (someone was quicker). */
export async function insertProfile(
  db: Transaction<DB>,
  districtId: string,
  organisationId: string,
  values: ProfileValues,
): Promise<boolean> {
  const row = await db
    .insertInto('partner_profile')
    .values({ organisation_id: organisationId, district_id: districtId, ...values })
    .onConflict((oc) => oc.column('organisation_id').doNothing())
    .returning('organisation_id')
    .executeTakeFirst()
  return Boolean(row)
}

/** Changes the profile if it still has the version the client saw. */
export async function updateProfileIfVersion(
  db: Transaction<DB>,
  organisationId: string,
  expectedVersion: number,
  values: ProfileValues,
): Promise<boolean> {
  const result = await db
    .updateTable('partner_profile')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date().toISOString() }))
    .where('organisation_id', '=', organisationId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** Replaces an organisation's contact persons with the given list, in its order. */
export async function replaceContactPersons(
  db: Transaction<DB>,
  districtId: string,
  organisationId: string,
  persons: Omit<Insertable<PartnerContactPersonTable>, 'district_id' | 'organisation_id' | 'position'>[],
): Promise<void> {
  await db.deleteFrom('partner_contact_person').where('organisation_id', '=', organisationId).execute()
  if (persons.length === 0) return
  await db
    .insertInto('partner_contact_person')
    .values(
      persons.map((person, position) => ({
        ...person,
        district_id: districtId,
        organisation_id: organisationId,
        position,
      })),
    )
    .execute()
}
