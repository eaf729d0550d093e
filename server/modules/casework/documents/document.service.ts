import { createHash } from 'node:crypto'
import path from 'node:path'
import { fileTypeFromBuffer } from 'file-type'
import type { Kysely } from 'kysely'
import type { CaseDocument } from '../../../../common/casework.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { NotFound } from '../../../platform/errors.ts'
import { type Actor, authorize } from '../../../platform/policy.ts'
import { recordAudit, recordAuditAlone } from '../../audit/index.ts'
import { displayNames } from '../../identity/index.ts'
import { authorizeCaseRead, authorizeCaseWork } from '../cases/case.service.ts'
import { assertDocumentInDistrict, loadCaseSubject, ruleViolation } from '../casework.access.ts'
import { insertDocument, selectDocuments, selectDocumentWithContent } from './document.queries.ts'

/**
 * The file types a counselling office needs, by the extension the user sees and the type its
 * content must show. The content decides: a renamed executable is refused whatever it is called.
 */
const acceptedTypes: Record<string, { mediaType: string; detected: string[] }> = {
  pdf: { mediaType: 'application/pdf', detected: ['pdf'] },
  jpg: { mediaType: 'image/jpeg', detected: ['jpg'] },
  jpeg: { mediaType: 'image/jpeg', detected: ['jpg'] },
  png: { mediaType: 'image/png', detected: ['png'] },
  gif: { mediaType: 'image/gif', detected: ['gif'] },
  webp: { mediaType: 'image/webp', detected: ['webp'] },
  tif: { mediaType: 'image/tiff', detected: ['tif'] },
  tiff: { mediaType: 'image/tiff', detected: ['tif'] },
  heic: { mediaType: 'image/heic', detected: ['heic'] },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    detected: ['docx'],
  },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    detected: ['xlsx'],
  },
  pptx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    detected: ['pptx'],
  },
  odt: { mediaType: 'application/vnd.oasis.opendocument.text', detected: ['odt'] },
  ods: { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', detected: ['ods'] },
  doc: { mediaType: 'application/msword', detected: ['cfb'] },
  xls: { mediaType: 'application/vnd.ms-excel', detected: ['cfb'] },
}

/**
 * Keeps the name readable but harmless in a Content-Disposition header and on any file system.
 * Format characters (Unicode Cf: bidirectional controls such as U+202E, zero-width characters)
 * are removed: in a file name they only serve to disguise it ("rechnung\u202Efdp.exe" shows as
 * "rechnungexe.pdf"), and a name without them still reads the same.
 */
export function safeFileName(name: string): string {
  const base = path
    .basename(name.normalize('NFC').replace(/\p{Cf}/gu, ''))
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]|["\\/:*?<>|]/gu, '_')
    .trim()
  return (base || 'dokument').slice(-200)
}

/**
 * Whether the actor may add documents to the case; the upload route asks before it reads a byte
 * of the file, so that nobody without the right can make the server receive one.
 */
export async function authorizeDocumentUpload(db: Kysely<DB>, actor: Actor, caseId: string): Promise<void> {
  await authorizeCaseWork(db, actor, caseId)
}

export async function listDocuments(db: Kysely<DB>, actor: Actor, caseId: string): Promise<CaseDocument[]> {
  await authorizeCaseRead(db, actor, caseId)
  const rows = await selectDocuments(db, caseId)
  const names = await displayNames(
    db,
    actor.districtId,
    rows.map((row) => row.uploaded_by),
  )
  return rows.map((row) => ({
    id: row.id,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: row.size_bytes,
    uploadedAt: row.uploaded_at,
    uploadedBy: names.get(row.uploaded_by) ?? '',
  }))
}

export async function uploadDocument(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  file: { fileName: string; content: Buffer },
  request: RequestContext,
): Promise<CaseDocument[]> {
  await authorizeCaseWork(db, actor, caseId)
  const fileName = safeFileName(file.fileName)
  const extension = path.extname(fileName).slice(1).toLowerCase()
  const accepted = acceptedTypes[extension]
  if (!accepted) throw ruleViolation('document-type-not-allowed', 'file', 'unsupported-type')
  const detected = await fileTypeFromBuffer(file.content)
  if (!detected || !accepted.detected.includes(detected.ext))
    throw ruleViolation('document-type-mismatch', 'file', 'unsupported-type')
  await db.transaction().execute(async (trx) => {
    const id = await insertDocument(
      trx,
      {
        district_id: actor.districtId,
        case_id: caseId,
        file_name: fileName,
        media_type: accepted.mediaType,
        size_bytes: file.content.length,
        sha256: createHash('sha256').update(file.content).digest('hex'),
        uploaded_by: actor.userId,
      },
      file.content,
    )
    await recordAudit(trx, { ...request, action: 'document.create', subjectType: 'document', subjectId: id })
  })
  return listDocuments(db, actor, caseId)
}

export async function downloadDocument(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  documentId: string,
  request: RequestContext,
): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
  await assertDocumentInDistrict(db, actor, documentId)
  authorize(actor, 'case.read', await loadCaseSubject(db, actor, caseId))
  const row = await selectDocumentWithContent(db, caseId, documentId)
  if (!row) throw new NotFound()
  await recordAuditAlone(db, {
    ...request,
    action: 'document.download',
    subjectType: 'document',
    subjectId: documentId,
  })
  // Cleaned again: names stored before the rule for format characters may still carry them.
  return { fileName: safeFileName(row.file_name), mediaType: row.media_type, content: row.content }
}
