import { type Insertable, type Kysely, sql, type Transaction } from 'kysely'
import type { ContactTable, ShortConsultationTable } from '../../../db/schema.casework.ts'
import type { DB } from '../../../db/schema.ts'
import { openText, sealText } from '../../../platform/encryption.ts'

/** A case's contacts, newest first, their notes decrypted (decision 0020). */
export async function selectContacts(db: Kysely<DB>, caseId: string) {
  const rows = await db
    .selectFrom('contact')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('occurred_at', 'desc')
    .execute()
  return rows.map((row) => ({ ...row, note: openText(row.note) }))
}

/** How many of the given persons belong to the case. */
export async function countCaseMembers(db: Kysely<DB>, caseId: string, personIds: string[]): Promise<number> {
  if (personIds.length === 0) return 0
  const rows = await db
    .selectFrom('case_person')
    .select('person_id')
    .where('case_id', '=', caseId)
    .where('person_id', 'in', personIds)
    .execute()
  return rows.length
}

/** Stores a contact and moves the case's last contact forward if it is the newest. */
export async function insertContact(db: Transaction<DB>, contact: Insertable<ContactTable>): Promise<string> {
  const { id } = await db
    .insertInto('contact')
    .values({ ...contact, note: sealText(contact.note ?? '') })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .updateTable('client_case')
    .set({ last_contact_at: sql`greatest(last_contact_at, ${contact.occurred_at}::timestamptz)` })
    .where('id', '=', contact.case_id)
    .execute()
  return id
}

export async function insertShortConsultation(
  db: Transaction<DB>,
  consultation: Insertable<ShortConsultationTable>,
): Promise<string> {
  const { id } = await db
    .insertInto('short_consultation')
    .values(consultation)
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export function selectShortConsultationsBy(db: Kysely<DB>, userId: string, since: string) {
  return db
    .selectFrom('short_consultation')
    .selectAll()
    .where('recorded_by', '=', userId)
    .where('occurred_on', '>=', since)
    .orderBy('occurred_on', 'desc')
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute()
}

/**
 * Counselling contacts in the cases of the persons whose other participants contain one of the
 * words (case-insensitive, as plain text), from the given instant on; oldest first.
 */
export function selectContactsNaming(
  db: Kysely<DB>,
  personIds: readonly string[],
  words: readonly string[],
  since: string,
) {
  if (personIds.length === 0 || words.length === 0) return Promise.resolve([])
  const patterns = words.map((word) => `%${word.replace(/[\\%_]/g, (char) => `\\${char}`)}%`)
  // Implied by the patterns when no word is empty; stated so that contact_named_participants_idx serves.
  const namesSomeone = words.every((word) => word !== '')
  return db
    .selectFrom('contact')
    .innerJoin('case_person', 'case_person.case_id', 'contact.case_id')
    .select(['case_person.person_id', 'contact.occurred_at'])
    .where('case_person.person_id', 'in', [...personIds])
    .where('contact.occurred_at', '>=', since)
    .$if(namesSomeone, (query) => query.where('contact.other_participants', '<>', ''))
    .where(sql<boolean>`contact.other_participants ILIKE ANY (${sql.val(patterns)}::text[])`)
    .orderBy('contact.occurred_at')
    .execute()
}
