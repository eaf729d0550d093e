import type { AuditEvent } from '../../../common/audit.ts'
import { toSpreadsheetCsv } from '../../platform/csv.ts'
import type { Language } from '../../platform/language.ts'

const headers: Record<Language, string[]> = {
  de: [
    'Nr',
    'Zeitpunkt (UTC)',
    'Person',
    'Personen-ID',
    'Rollen',
    'Aktion',
    'Ergebnis',
    'Objektart',
    'Objekt-ID',
    'Zweck',
    'Anfrage-ID',
    'Adress-Pseudonym',
  ],
  en: [
    'No',
    'Time (UTC)',
    'Person',
    'Person id',
    'Roles',
    'Action',
    'Outcome',
    'Subject type',
    'Subject id',
    'Purpose',
    'Request id',
    'Address pseudonym',
  ],
}

export function renderAuditCsv(events: AuditEvent[], language: Language): string {
  return toSpreadsheetCsv(
    headers[language],
    events.map((event) => [
      event.id,
      event.occurredAt,
      event.actorName ?? '',
      event.actorId ?? '',
      event.actorRoles.join(','),
      event.action,
      event.outcome,
      event.subjectType ?? '',
      event.subjectId ?? '',
      event.purpose ?? '',
      event.requestId ?? '',
      event.clientPseudonym ?? '',
    ]),
  )
}
