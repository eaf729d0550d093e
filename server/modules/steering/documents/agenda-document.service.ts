import { createHash } from 'node:crypto'
import path from 'node:path'
import { fileTypeFromBuffer } from 'file-type'
import type { Kysely } from 'kysely'
import type { MeetingDetail } from '../../../../common/steering.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { NotFound } from '../../../platform/errors.ts'
import type { Actor } from '../../../platform/policy.ts'
import { recordAudit, recordAuditAlone } from '../../audit/index.ts'
import { safeFileName } from '../../casework/index.ts'
import { changeOpenMeeting, readMeeting } from '../meetings/meeting.service.ts'
import { authorizeOnMeeting, ruleViolation } from '../steering.access.ts'
import {
  deleteAgendaDocument,
  insertAgendaDocument,
  selectAgendaDocumentWithContent,
  selectAgendaItemOfMeeting,
} from './agenda-document.queries.ts'

/**
 * What a body's papers (Vorlagen) come as: PDF, Word, Excel and images, by the extension the user
 * sees and the type the content must show. The content decides, so a renamed file is refused.
 */
const acceptedTypes: Record<string, { mediaType: string; detected: string }> = {
  pdf: { mediaType: 'application/pdf', detected: 'pdf' },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    detected: 'docx',
  },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    detected: 'xlsx',
  },
  png: { mediaType: 'image/png', detected: 'png' },
  jpg: { mediaType: 'image/jpeg', detected: 'jpg' },
  jpeg: { mediaType: 'image/jpeg', detected: 'jpg' },
  gif: { mediaType: 'image/gif', detected: 'gif' },
  webp: { mediaType: 'image/webp', detected: 'webp' },
}

/** Whether the actor may attach documents to the meeting: asked before the upload's body is read. */
export async function authorizeAgendaUpload(db: Kysely<DB>, actor: Actor, meetingId: string): Promise<void> {
  await authorizeOnMeeting(db, actor, 'steering.manage', meetingId)
}

/** Attaches a document to an agenda item while the minutes are open; the type is checked by content. */
export async function uploadAgendaDocument(
  db: Kysely<DB>,
  actor: Actor,
  ids: { meetingId: string; agendaItemId: string },
  file: { fileName: string; content: Buffer },
  request: RequestContext,
): Promise<MeetingDetail> {
  await authorizeOnMeeting(db, actor, 'steering.manage', ids.meetingId)
  if (!(await selectAgendaItemOfMeeting(db, ids.meetingId, ids.agendaItemId))) throw new NotFound()
  const fileName = safeFileName(file.fileName)
  const accepted = acceptedTypes[path.extname(fileName).slice(1).toLowerCase()]
  if (!accepted) throw ruleViolation('agenda-document-type-not-allowed', 'file', 'unsupported-type')
  const detected = await fileTypeFromBuffer(file.content)
  if (detected?.ext !== accepted.detected)
    throw ruleViolation('document-type-mismatch', 'file', 'unsupported-type')
  await changeOpenMeeting(db, ids.meetingId, async (trx) => {
    const documentId = await insertAgendaDocument(
      trx,
      {
        district_id: actor.districtId,
        agenda_item_id: ids.agendaItemId,
        file_name: fileName,
        media_type: accepted.mediaType,
        size_bytes: file.content.length,
        sha256: createHash('sha256').update(file.content).digest('hex'),
        uploaded_by: actor.userId,
      },
      file.content,
    )
    await recordAudit(trx, {
      ...request,
      action: 'meeting.document-upload',
      subjectType: 'agenda_item_document',
      subjectId: documentId,
    })
  })
  return readMeeting(db, actor.districtId, ids.meetingId)
}

/** A document of an agenda item, for whoever may read the meeting; audited, as papers may name people. */
export async function downloadAgendaDocument(
  db: Kysely<DB>,
  actor: Actor,
  ids: { meetingId: string; agendaItemId: string; documentId: string },
  request: RequestContext,
): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
  await authorizeOnMeeting(db, actor, 'steering.read', ids.meetingId)
  const row = await selectAgendaDocumentWithContent(db, ids.meetingId, ids.agendaItemId, ids.documentId)
  if (!row) throw new NotFound()
  await recordAuditAlone(db, {
    ...request,
    action: 'meeting.document-download',
    subjectType: 'agenda_item_document',
    subjectId: ids.documentId,
  })
  return { fileName: safeFileName(row.file_name), mediaType: row.media_type, content: row.content }
}

/** Removes a document while the minutes are open. */
export async function removeAgendaDocument(
  db: Kysely<DB>,
  actor: Actor,
  ids: { meetingId: string; agendaItemId: string; documentId: string },
  request: RequestContext,
): Promise<MeetingDetail> {
  await authorizeOnMeeting(db, actor, 'steering.manage', ids.meetingId)
  if (!(await selectAgendaItemOfMeeting(db, ids.meetingId, ids.agendaItemId))) throw new NotFound()
  await changeOpenMeeting(db, ids.meetingId, async (trx) => {
    if (!(await deleteAgendaDocument(trx, ids.agendaItemId, ids.documentId))) throw new NotFound()
    await recordAudit(trx, {
      ...request,
      action: 'meeting.document-delete',
      subjectType: 'agenda_item_document',
      subjectId: ids.documentId,
    })
  })
  return readMeeting(db, actor.districtId, ids.meetingId)
}
