import type { DeletionPeriod } from '../../../../common/processing-record.ts'

/**
 * Deletion periods named in the record of processing, until the district's retention rules
 * (privacy/retention/, built separately) are the source: then `deletionPeriods` reads those
 * rules and this table goes. The defaults follow the deletion concept after DIN 66398 that the
 * retention work takes as its model; docs/privacy-requests.md repeats them.
 */
export const defaultDeletionPeriods: readonly DeletionPeriod[] = [
  {
    record: 'Fallakte (Fall, Einschätzungen, Hilfeplan, Kontakte, Dokumente)',
    start: 'Abschluss des Falls',
    period: '3 Jahre',
  },
  {
    record: 'Stammdaten einer Person ohne offenen Fall',
    start: 'Abschluss des letzten Falls',
    period: '3 Jahre',
  },
  { record: 'Person ohne Fall (nur erfasst)', start: 'Erfassung', period: '1 Jahr' },
  {
    record: 'Einwilligungen und unterschriebene Formulare',
    start: 'Ablauf oder Widerruf',
    period: '3 Jahre',
  },
  { record: 'Vermittlungen und Rückmeldungen', start: 'Abschluss des Falls', period: '3 Jahre' },
  { record: 'Wiedervorlagen', start: 'Erledigung', period: '1 Jahr' },
  { record: 'Kurzberatungen (ohne Personenbezug)', start: 'Beratung', period: '10 Jahre (Statistik)' },
  { record: 'Protokoll der Zugriffe (Audit)', start: 'Eintrag', period: '2 Jahre' },
]

export async function deletionPeriods(): Promise<readonly DeletionPeriod[]> {
  return defaultDeletionPeriods
}
