import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'

/** The documents of a meeting's agenda items, without their bytes, oldest first. */
export function selectMeetingDocuments(db: Kysely<DB>, meetingId: string) {
  return db
    .selectFrom('agenda_item_document')
    .innerJoin('agenda_item', 'agenda_item.id', 'agenda_item_document.agenda_item_id')
    .select([
      'agenda_item_document.id',
      'agenda_item_document.agenda_item_id',
      'agenda_item_document.file_name',
      'agenda_item_document.media_type',
      'agenda_item_document.size_bytes',
      'agenda_item_document.uploaded_by',
      'agenda_item_document.uploaded_at',
    ])
    .where('agenda_item.meeting_id', '=', meetingId)
    .orderBy('agenda_item_document.uploaded_at')
    .orderBy('agenda_item_document.id')
    .execute()
}

/** Whether the agenda item belongs to the meeting. */
export async function selectAgendaItemOfMeeting(db: Kysely<DB>, meetingId: string, itemId: string) {
  const row = await db
    .selectFrom('agenda_item')
    .select('id')
    .where('id', '=', itemId)
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst()
  return row !== undefined
}

/** Stores a document's facts and its bytes together; answers the new id. */
export async function insertAgendaDocument(
  trx: Transaction<DB>,
  document: {
    district_id: string
    agenda_item_id: string
    file_name: string
    media_type: string
    size_bytes: number
    sha256: string
    uploaded_by: string
  },
  content: Buffer,
): Promise<string> {
  const { id } = await trx
    .insertInto('agenda_item_document')
    .values(document)
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('agenda_item_document_content')
    .values({ document_id: id, district_id: document.district_id, content })
    .execute()
  return id
}

/** A document of the meeting's agenda item with its bytes. */
export function selectAgendaDocumentWithContent(
  db: Kysely<DB>,
  meetingId: string,
  itemId: string,
  documentId: string,
) {
  return db
    .selectFrom('agenda_item_document')
    .innerJoin('agenda_item', 'agenda_item.id', 'agenda_item_document.agenda_item_id')
    .innerJoin(
      'agenda_item_document_content',
      'agenda_item_document_content.document_id',
      'agenda_item_document.id',
    )
    .select([
      'agenda_item_document.file_name',
      'agenda_item_document.media_type',
      'agenda_item_document_content.content',
    ])
    .where('agenda_item_document.id', '=', documentId)
    .where('agenda_item_document.agenda_item_id', '=', itemId)
    .where('agenda_item.meeting_id', '=', meetingId)
    .executeTakeFirst()
}

/** Removes a document of the agenda item (its bytes go with it); false when there is none. */
export async function deleteAgendaDocument(trx: Transaction<DB>, itemId: string, documentId: string) {
  const result = await trx
    .deleteFrom('agenda_item_document')
    .where('id', '=', documentId)
    .where('agenda_item_id', '=', itemId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) === 1
}
