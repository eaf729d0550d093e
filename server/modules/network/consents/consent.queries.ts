import type { Insertable, Kysely, Selectable, Transaction } from 'kysely'
import type { ConsentFormFileTable, ConsentTable } from '../../../db/schema.network.ts'
import type { DB } from '../../../db/schema.ts'
import { openBytes, sealBytes } from '../../../platform/encryption.ts'
import { acrossDistricts } from '../../../platform/tenant-context.ts'

export type ConsentRow = Selectable<ConsentTable>

/** The district and person of a consent, looked up across districts (another district's answers 404). */
export async function selectConsentOwner(db: Kysely<DB>, consentId: string) {
  return acrossDistricts(() =>
    db
      .selectFrom('consent')
      .select(['district_id', 'person_id'])
      .where('id', '=', consentId)
      .executeTakeFirst(),
  )
}

export async function insertConsent(
  trx: Transaction<DB>,
  row: Omit<Insertable<ConsentTable>, 'id' | 'version' | 'recorded_at'>,
): Promise<string> {
  const inserted = await trx.insertInto('consent').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

export function selectConsentsOfPerson(db: Kysely<DB>, personId: string): Promise<ConsentRow[]> {
  return db
    .selectFrom('consent')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('valid_until', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute()
}

export function selectConsents(db: Kysely<DB>, ids: readonly string[]): Promise<ConsentRow[]> {
  if (ids.length === 0) return Promise.resolve([])
  return db
    .selectFrom('consent')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute()
}

export function selectConsentsOfPersons(db: Kysely<DB>, personIds: readonly string[]): Promise<ConsentRow[]> {
  if (personIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('consent')
    .selectAll()
    .where('person_id', 'in', [...personIds])
    .execute()
}

/**
 * The consents of a person that are valid on the day and name the organisation and purpose, the
 * longest-running first. Row-level security and the district condition keep it in the district.
 */
export function selectValidConsents(
  db: Kysely<DB>,
  wanted: { districtId: string; personId: string; organisationId: string; purpose: string; on: string },
): Promise<ConsentRow[]> {
  return db
    .selectFrom('consent')
    .selectAll()
    .where('district_id', '=', wanted.districtId)
    .where('person_id', '=', wanted.personId)
    .where('valid_from', '<=', wanted.on)
    .where('valid_until', '>=', wanted.on)
    .where((eb) => eb.or([eb('revoked_on', 'is', null), eb('revoked_on', '>', wanted.on)]))
    .where((eb) => eb(eb.val(wanted.organisationId), '=', eb.fn.any('recipient_organisation_ids')))
    .where((eb) => eb(eb.val(wanted.purpose), '=', eb.fn.any('purposes')))
    .orderBy('valid_until', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute()
}

/** Revokes a consent that is not revoked yet; answers false when it already was. */
export async function markRevoked(
  trx: Transaction<DB>,
  consentId: string,
  revocation: { revoked_on: string; revoked_by: string; revocation_note: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('consent')
    .set((eb) => ({
      ...revocation,
      revoked_at: new Date().toISOString(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', consentId)
    .where('revoked_on', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export function selectFormFileInfo(db: Kysely<DB>, consentIds: readonly string[]) {
  if (consentIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('consent_form_file')
    .select(['consent_id', 'file_name', 'media_type', 'size_bytes', 'uploaded_at'])
    .where('consent_id', 'in', [...consentIds])
    .execute()
}

/** The signed form with its bytes, decrypted (decision 0020). */
export async function selectFormFile(db: Kysely<DB>, consentId: string) {
  const row = await db
    .selectFrom('consent_form_file')
    .selectAll()
    .where('consent_id', '=', consentId)
    .executeTakeFirst()
  return row && { ...row, content: openBytes(row.content) }
}

/** Keeps the signed form; a new upload replaces a wrongly scanned one. */
export async function upsertFormFile(trx: Transaction<DB>, plain: Insertable<ConsentFormFileTable>) {
  const row = { ...plain, content: sealBytes(plain.content) }
  await trx
    .insertInto('consent_form_file')
    .values(row)
    .onConflict((oc) =>
      oc.column('consent_id').doUpdateSet({
        file_name: row.file_name,
        media_type: row.media_type,
        size_bytes: row.size_bytes,
        sha256: row.sha256,
        content: row.content,
        uploaded_by: row.uploaded_by,
        uploaded_at: new Date().toISOString(),
      }),
    )
    .execute()
}
