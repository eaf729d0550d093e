import type { DimensionId } from '../../../../common/reporting.ts'
import type { Language } from '../../../platform/language.ts'

/**
 * Labels of coded values in the figures' rows, in the reader's language. Names (municipalities,
 * teams, organisations) come from their modules; the web may translate coded keys itself.
 */
const coded: Partial<Record<DimensionId, Record<string, { de: string; en: string }>>> = {
  domain: {
    residence: { de: 'Aufenthalt', en: 'Residence' },
    language: { de: 'Sprache', en: 'Language' },
    education: { de: 'Bildung', en: 'Education' },
    'vocational-training': { de: 'Ausbildung', en: 'Vocational training' },
    work: { de: 'Arbeit', en: 'Work' },
    income: { de: 'Einkommen', en: 'Income' },
    housing: { de: 'Wohnen', en: 'Housing' },
    health: { de: 'Gesundheit', en: 'Health' },
    family: { de: 'Familie', en: 'Family' },
    participation: { de: 'Teilhabe', en: 'Participation' },
    naturalisation: { de: 'Einbürgerung', en: 'Naturalisation' },
    other: { de: 'Sonstiges', en: 'Other' },
  },
  sex: {
    female: { de: 'weiblich', en: 'female' },
    male: { de: 'männlich', en: 'male' },
    diverse: { de: 'divers', en: 'diverse' },
    unknown: { de: 'unbekannt', en: 'unknown' },
  },
  'age-group': {
    'under-18': { de: 'unter 18', en: 'under 18' },
    '18-26': { de: '18–26', en: '18–26' },
    '27-44': { de: '27–44', en: '27–44' },
    '45-64': { de: '45–64', en: '45–64' },
    '65-plus': { de: '65 und älter', en: '65 and over' },
  },
  'legal-sphere': {
    AsylbLG: { de: 'AsylbLG', en: 'AsylbLG' },
    'SGB II': { de: 'SGB II', en: 'SGB II' },
    'SGB III': { de: 'SGB III', en: 'SGB III' },
    'SGB XII': { de: 'SGB XII', en: 'SGB XII' },
    none: { de: 'keiner', en: 'none' },
  },
  outcome: {
    open: { de: 'offen', en: 'open' },
    accepted: { de: 'angenommen', en: 'accepted' },
    declined: { de: 'abgelehnt', en: 'declined' },
    completed: { de: 'abgeschlossen', en: 'completed' },
    cancelled: { de: 'zurückgezogen', en: 'cancelled' },
  },
  'goal-status': {
    on_track: { de: 'im Plan', en: 'on track' },
    at_risk: { de: 'gefährdet', en: 'at risk' },
    off_track: { de: 'nicht im Plan', en: 'off track' },
    no_data: { de: 'ohne Daten', en: 'no data' },
  },
  baustein: {
    '1': {
      de: 'Baustein 1: Koordinierung und Verwaltung',
      en: 'Baustein 1: coordination and administration',
    },
    '2': { de: 'Baustein 2: Case Management', en: 'Baustein 2: case management' },
    '3': { de: 'Baustein 3: Ausländerbehörde', en: 'Baustein 3: immigration office' },
  },
}

const missing = { de: 'ohne Angabe', en: 'not recorded' }

export function codedLabel(dimension: DimensionId, key: string, language: Language): string {
  if (key === 'none' && dimension !== 'legal-sphere') return missing[language]
  return coded[dimension]?.[key]?.[language] ?? key
}
