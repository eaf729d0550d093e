import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { Contact, shortConsultationSchema } from '../../../../common/casework.ts'
import type { DB } from '../../../db/schema.ts'
import { actorOf, requestContext } from '../../../platform/access.ts'
import { preferredLanguage } from '../../../platform/language.ts'
import type { ExportColumn, ExportFormat, ListExport } from '../../../platform/list-export.ts'
import { recordAuditAlone } from '../../audit/index.ts'
import { municipalityNames } from '../../districts/index.ts'
import { listContacts, listOwnShortConsultations } from './contact.service.ts'

/** A language code by its name in the reader's language; the code itself when unknown. */
function languageNamer(language: string): (code: string) => string {
  const names = new Intl.DisplayNames([language], { type: 'language' })
  return (code) => {
    try {
      return names.of(code) ?? code
    } catch {
      return code
    }
  }
}

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
  const languageName = languageNamer(preferredLanguage(request))
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

type ShortConsultationRow = z.output<typeof shortConsultationSchema> & {
  municipalityName: string
  languageName: string
}

/** My short consultations as the page lists them (counted, no personal data). */
export const shortConsultationColumns: ExportColumn<ShortConsultationRow>[] = [
  { header: 'casework.short.date', value: (row) => row.occurredOn, kind: 'date' },
  { header: 'casework.fields.municipality', value: (row) => row.municipalityName },
  { header: 'casework.fields.channel', value: (row) => row.channel, labels: 'casework.channels' },
  { header: 'casework.fields.language', value: (row) => row.languageName },
  { header: 'casework.fields.domains', value: (row) => row.domains, labels: 'casework.domains' },
]

/** My short consultations of the last 30 days; audited as `short-consultation.export`. */
export async function exportShortConsultations(
  db: Kysely<DB>,
  request: FastifyRequest,
  format: ExportFormat,
): Promise<ListExport<ShortConsultationRow>> {
  const actor = actorOf(request)
  const context = requestContext(request)
  const items = await listOwnShortConsultations(db, actor, context.now)
  const places = await municipalityNames(db, actor.districtId, [
    ...new Set(items.map((item) => item.municipalityId)),
  ])
  const languageName = languageNamer(preferredLanguage(request))
  const rows = items.map((item) => ({
    ...item,
    municipalityName: places.get(item.municipalityId) ?? '',
    languageName: languageName(item.language),
  }))
  await recordAuditAlone(db, {
    ...context,
    action: 'short-consultation.export',
    purpose: `${format}:${rows.length}`,
  })
  return { sheet: 'casework.short.title', columns: shortConsultationColumns, rows }
}
