import type { Kysely } from 'kysely'
import type {
  RetentionAction,
  RetentionRecordKind,
  RetentionStartEvent,
} from '../../../../common/privacy-retention.ts'
import type { DeletionPeriod } from '../../../../common/processing-record.ts'
import type { DB } from '../../../db/schema.ts'
import { effectiveRules } from '../retention/retention.service.ts'

/**
 * The deletion periods the record of processing names. Where Lotse deletes by itself (closed
 * cases, persons without a case) they come from the district's retention rules, so the record
 * says what the daily job does; the other kinds follow the deletion concept after DIN 66398
 * (docs/retention.md) and are removed by the district's own procedures.
 */
const conceptPeriods: readonly DeletionPeriod[] = [
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

const recordNames: Record<RetentionRecordKind, string> = {
  'closed-case': 'Fallakte (Fall, Einschätzungen, Hilfeplan, Kontakte, Dokumente) und Stammdaten der Person',
  'unattached-person': 'Person ohne Fall (nur erfasst)',
}

const startNames: Record<RetentionStartEvent, string> = {
  'case-closed': 'Abschluss des Falls',
  registered: 'Erfassung',
  'last-activity': 'letzte Änderung',
}

const actionNames: Record<RetentionAction, string> = {
  anonymise: 'danach anonymisiert',
  delete: 'danach gelöscht',
}

function periodName(months: number): string {
  if (months % 12 !== 0) return `${months} Monate`
  const years = months / 12
  return years === 1 ? '1 Jahr' : `${years} Jahre`
}

export async function deletionPeriods(db: Kysely<DB>, districtId: string): Promise<DeletionPeriod[]> {
  const { rules } = await effectiveRules(db, districtId)
  const fromRules = rules.map((rule) => ({
    record: recordNames[rule.recordKind],
    start: startNames[rule.startEvent],
    period: `${periodName(rule.periodMonths)}, ${actionNames[rule.action]}`,
  }))
  return [...fromRules, ...conceptPeriods]
}
