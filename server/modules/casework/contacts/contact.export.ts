import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { Contact } from '../../../../common/casework.ts'
import type { DB } from '../../../db/schema.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import { preferredLanguage } from '../../../platform/language.ts'
import type { ExportColumn, ExportFormat, ListExport } from '../../../platform/list-export.ts'
import { recordAuditAlone } from '../../audit/index.ts'
import { listContacts } from './contact.service.ts'

type ContactRow = Contact & { languageName: string; interpreterLanguageName: string | null }

/**
 * A case's counselling contacts as the contacts tab lists them; the interpreter, said in the
 * language cell on screen, gets columns of its own here so that it can be filtered.
 */
export const contactColumns: ExportColumn<ContactRow>[] = [
  { header: 'casework.contacts.when', value: (row) => row.occurredAt, kind: 'datetime' },
  { header: 'casework.contacts.duration', value: (row) => row.durationMinutes },
  { header: 'casework.fields.channel', value: (row) => row.channel, labels: 'casework.channels' },
  { header: 'casework.fields.language', value: (row) => row.languageName },
  { header: 'casework.contacts.interpreterUsed', value: (row) => row.interpreterUsed },
  { header: 'casework.contacts.interpreterLanguage', value: (row) => row.interpreterLanguageName },
  { header: 'casework.fields.domains', value: (row) => row.domains, labels: 'casework.domains' },
  { header: 'casework.contacts.otherParticipants', value: (row) => row.otherParticipants },
  { header: 'casework.contacts.note', value: (row) => row.note },
  { header: 'casework.contacts.by', value: (row) => row.createdBy },
]

/** The contacts of one case: read like the tab (case access), the download audited as `contact.export`. */
export async function exportContacts(
  db: Kysely<DB>,
  request: FastifyRequest,
  caseId: string,
  format: ExportFormat,
): Promise<ListExport<ContactRow>> {
  const context = requestContext(request)
  const contacts = await listContacts(db, actorOf(request), caseId, context)
  const names = new Intl.DisplayNames([preferredLanguage(request)], { type: 'language' })
  const languageName = (code: string) => {
    try {
      return names.of(code) ?? code
    } catch {
      return code
    }
  }
  const rows = contacts.map((contact) => ({
    ...contact,
    languageName: languageName(contact.language),
    interpreterLanguageName: contact.interpreterUsed
      ? languageName(contact.interpreterLanguage ?? contact.language)
      : null,
  }))
  await recordAuditAlone(db, {
    ...context,
    action: 'contact.export',
    subjectType: 'case',
    subjectId: caseId,
    purpose: `${format}:${rows.length}`,
  })
  return { sheet: 'casework.contacts.title', columns: contactColumns, rows }
}
