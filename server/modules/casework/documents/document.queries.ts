import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'
import { openBytes, sealBytes } from '../../../platform/encryption.ts'

export function selectDocuments(db: Kysely<DB>, caseId: string) {
  return db
    .selectFrom('case_document')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('uploaded_at', 'desc')
    .execute()
}

/** Stores a document's facts and its bytes together; answers the new id. */
export async function insertDocument(
  trx: Transaction<DB>,
  document: {
    district_id: string
    case_id: string
    file_name: string
    media_type: string
    size_bytes: number
    sha256: string
    uploaded_by: string
  },
  content: Buffer,
): Promise<string> {
  const { id } = await trx
    .insertInto('case_document')
    .values(document)
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('case_document_content')
    .values({ document_id: id, district_id: document.district_id, content: sealBytes(content) })
    .execute()
  return id
}

/** A document with its bytes, decrypted (decision 0020). */
export async function selectDocumentWithContent(db: Kysely<DB>, caseId: string, documentId: string) {
  const row = await db
    .selectFrom('case_document')
    .innerJoin('case_document_content', 'case_document_content.document_id', 'case_document.id')
    .select(['case_document.file_name', 'case_document.media_type', 'case_document_content.content'])
    .where('case_document.id', '=', documentId)
    .where('case_document.case_id', '=', caseId)
    .executeTakeFirst()
  return row && { ...row, content: openBytes(row.content) }
}
