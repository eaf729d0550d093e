import type { IndicatorStatus } from '../../../../common/goals.ts'
import type { GeneratedBlockKind, TemplateKind } from '../../../../common/report.ts'
import { defaultTemplates } from './default-templates.ts'
import type { Language } from './format.ts'

/** The fixed words of a committee report, in German (the council's language) and English. */
export type ReportWords = {
  kinds: Record<TemplateKind, string>
  header: {
    vorlage: string
    committee: string
    sessionDate: string
    aktenzeichen: string
    period: string
    evaluation: string
  }
  notRecorded: string
  /** In a sentence, for a placeholder whose figure the evaluation lacks. */
  notRecordedShort: string
  suppressionNote: (threshold: number) => string
  /** After a label whose figure rests on monthly counts imported from before Lotse (decision 0027). */
  importedMark: string
  importedNote: string
  sourceNote: (evaluationName: string, catalogueVersion: string) => string
  notComputable: string
  columns: {
    metric: string
    period: string
    previous: string
    change: string
    month: string
    municipality: string
    domain: string
    contacts: string
    baustein: string
    positions: string
    fte: string
    filled: string
    vacant: string
    inRecruitment: string
    position: string
    endsOn: string
    body: string
    meetings: string
    decisions: string
    agreement: string
    indicator: string
    target: string
    actual: string
    status: string
  }
  baustein: (n: number) => string
  total: string
  caseloadPerFte: (value: string) => string
  noContractsEnding: string
  steeringSummary: (meetings: string, decisions: string) => string
  staffingAsOf: (day: string) => string
  indicatorStatus: Record<IndicatorStatus, string>
  chartTitles: Partial<Record<GeneratedBlockKind, string>>
  /**
   * The headings of the default templates (default-templates.ts) in this language, by their German
   * wording: a heading the district left as it came is shown translated; its own wording stays.
   */
  defaultHeadings: Record<string, string>
  /** The titles and text blocks of the default templates in this language, by their German wording, likewise. */
  defaultTexts: Record<string, string>
}

const de: ReportWords = {
  kinds: { mitteilungsvorlage: 'Mitteilungsvorlage', sachstandsbericht: 'Sachstandsbericht' },
  header: {
    vorlage: 'Vorlage Nr.',
    committee: 'Gremium',
    sessionDate: 'Sitzung am',
    aktenzeichen: 'Aktenzeichen',
    period: 'Berichtszeitraum',
    evaluation: 'Auswertung',
  },
  notRecorded: 'In dieser Auswertung nicht erfasst.',
  notRecordedShort: 'nicht erfasst',
  importedMark: ' (importiert)',
  importedNote:
    '„importiert“: enthält Monatszahlen aus der Zeit vor Lotse, aus der Statistik des Amtes übernommen (ohne Personendaten).',
  suppressionNote: (threshold) =>
    `„< ${threshold}“: Wert zum Schutz der beratenen Personen nicht ausgewiesen (weniger als ${threshold} oder zum Schutz eines solchen Werts zurückgehalten).`,
  sourceNote: (name, version) => `Quelle: eingefrorene Auswertung „${name}“, Kennzahlenkatalog ${version}.`,
  notComputable: 'nicht berechenbar',
  columns: {
    metric: 'Kennzahl',
    period: 'Berichtszeitraum',
    previous: 'Vorperiode',
    change: 'Veränderung',
    month: 'Monat',
    municipality: 'Kommune',
    domain: 'Handlungsfeld',
    contacts: 'Beratungskontakte',
    baustein: 'Baustein',
    positions: 'Stellen',
    fte: 'VZÄ',
    filled: 'besetzt (VZÄ)',
    vacant: 'unbesetzt (VZÄ)',
    inRecruitment: 'im Verfahren',
    position: 'Stelle',
    endsOn: 'endet am',
    body: 'Gremium',
    meetings: 'Sitzungen',
    decisions: 'Beschlüsse',
    agreement: 'Zielvereinbarung',
    indicator: 'Indikator',
    target: 'Soll',
    actual: 'Ist',
    status: 'Stand',
  },
  baustein: (n) => `Baustein ${n}`,
  total: 'Summe',
  caseloadPerFte: (value) => `Fälle je Vollzeitstelle im Fallmanagement: ${value}.`,
  noContractsEnding: 'In den sechs Monaten nach dem Berichtszeitraum enden keine Verträge.',
  steeringSummary: (meetings, decisions) =>
    `Im Berichtszeitraum ${meetings === '1' ? 'fand 1 Sitzung' : `fanden ${meetings} Sitzungen`} der Steuerungsgremien statt; gefasst ${decisions === '1' ? 'wurde 1 Beschluss' : `wurden ${decisions} Beschlüsse`}.`,
  staffingAsOf: (day) => `Stand: ${day}.`,
  indicatorStatus: {
    on_track: 'im Plan',
    at_risk: 'gefährdet',
    off_track: 'nicht im Plan',
    no_data: 'keine Daten',
  },
  chartTitles: {
    'contacts-by-month': 'Beratungskontakte je Monat',
    'contacts-by-municipality': 'Beratungskontakte je Kommune',
    'contacts-by-domain': 'Beratungskontakte je Handlungsfeld',
  },
  defaultHeadings: {},
  defaultTexts: {},
}

/** The default templates' title and text blocks in English, by template kind and block id. */
const englishDefaults: Record<string, string> = {
  'mitteilungsvorlage.title': 'Municipal integration management (KIM): report for the period {{zeitraum}}',
  'mitteilungsvorlage.sachverhalt':
    'The administration informs the {{gremium}} about the work of the municipal integration management (KIM) in the period {{zeitraum}}.\n\n' +
    'In the reporting period there were {{beratungskontakte}} counselling contacts (previous period {{vorperiode}}: {{beratungskontakte_vorperiode}}; change {{veraenderung}}). ' +
    '{{personen}} persons were counselled; {{neue_faelle}} cases were opened and {{abgeschlossene_faelle}} closed.',
  'mitteilungsvorlage.ausblick':
    'The administration will continue to inform the committee regularly about the development. No decision is required.',
  'sachstandsbericht.title': 'Status report on municipal integration management (KIM) ({{von}} to {{bis}})',
  'sachstandsbericht.anlass':
    'The {{gremium}} asked to be informed regularly about the status of the municipal integration management (KIM). This report covers the period {{zeitraum}}.',
  'sachstandsbericht.fallarbeit':
    'In the reporting period there were {{beratungskontakte}} counselling contacts and {{kurzberatungen}} short consultations. ' +
    'At the end of the period {{aktive_faelle}} cases were active; {{verweisungen}} referrals to partners were made.',
  'sachstandsbericht.bewertung':
    'Compared with the previous period, the demand for counselling changed by {{veraenderung}}.',
}

const defaultTextsInEnglish: Record<string, string> = Object.fromEntries(
  defaultTemplates.flatMap((template) => [
    [template.title, englishDefaults[`${template.kind}.title`] ?? template.title],
    ...template.blocks.flatMap((block) =>
      block.type === 'text'
        ? [[block.text, englishDefaults[`${template.kind}.${block.id}`] ?? block.text]]
        : [],
    ),
  ]),
)

const en: ReportWords = {
  kinds: { mitteilungsvorlage: 'Information report', sachstandsbericht: 'Progress report' },
  header: {
    vorlage: 'Document no.',
    committee: 'Committee',
    sessionDate: 'Session on',
    aktenzeichen: 'File reference',
    period: 'Reporting period',
    evaluation: 'Evaluation',
  },
  notRecorded: 'Not recorded in this evaluation.',
  notRecordedShort: 'not recorded',
  importedMark: ' (imported)',
  importedNote:
    '"imported": includes monthly counts from before Lotse, taken over from the office\'s own statistics (no personal data).',
  suppressionNote: (threshold) =>
    `"< ${threshold}": withheld to protect the people counselled (fewer than ${threshold}, or withheld to protect such a value).`,
  sourceNote: (name, version) => `Source: frozen evaluation "${name}", metric catalogue ${version}.`,
  notComputable: 'not computable',
  columns: {
    metric: 'Metric',
    period: 'Reporting period',
    previous: 'Previous period',
    change: 'Change',
    month: 'Month',
    municipality: 'Municipality',
    domain: 'Domain',
    contacts: 'Counselling contacts',
    baustein: 'Baustein',
    positions: 'Positions',
    fte: 'FTE',
    filled: 'filled (FTE)',
    vacant: 'vacant (FTE)',
    inRecruitment: 'in recruitment',
    position: 'Position',
    endsOn: 'ends on',
    body: 'Body',
    meetings: 'Meetings',
    decisions: 'Decisions',
    agreement: 'Goal agreement',
    indicator: 'Indicator',
    target: 'Target',
    actual: 'Actual',
    status: 'Status',
  },
  baustein: (n) => `Baustein ${n}`,
  total: 'Total',
  caseloadPerFte: (value) => `Cases per full-time case manager: ${value}.`,
  noContractsEnding: 'No contracts end in the six months after the period.',
  steeringSummary: (meetings, decisions) =>
    `The steering bodies met ${meetings === '1' ? 'once' : `${meetings} times`} in the period and took ${decisions} ${decisions === '1' ? 'decision' : 'decisions'}.`,
  staffingAsOf: (day) => `As of ${day}.`,
  indicatorStatus: { on_track: 'on track', at_risk: 'at risk', off_track: 'off track', no_data: 'no data' },
  chartTitles: {
    'contacts-by-month': 'Counselling contacts by month',
    'contacts-by-municipality': 'Counselling contacts by municipality',
    'contacts-by-domain': 'Counselling contacts by domain',
  },
  defaultHeadings: {
    Sachverhalt: 'Background',
    'Kennzahlen im Überblick': 'Key figures at a glance',
    'Beratungskontakte nach Monat': 'Counselling contacts by month',
    'Beratungskontakte nach Kommune': 'Counselling contacts by municipality',
    'Beratungskontakte nach Handlungsfeld': 'Counselling contacts by domain',
    Personalausstattung: 'Staffing',
    'Auslaufende Verträge': 'Contracts ending',
    Steuerungsgruppe: 'Steering group',
    Zielvereinbarungen: 'Goal agreements',
    Ausblick: 'Outlook',
    Anlass: 'Occasion',
    Fallarbeit: 'Case work',
    Kennzahlen: 'Key figures',
    'Entwicklung nach Monat': 'Development by month',
    'Verteilung nach Kommune': 'Distribution by municipality',
    'Verteilung nach Handlungsfeld': 'Distribution by domain',
    Personal: 'Staff',
    Steuerung: 'Steering',
    'Stand der Zielvereinbarungen': 'Status of the goal agreements',
    Bewertung: 'Assessment',
  },
  defaultTexts: defaultTextsInEnglish,
}

export const reportWords = (language: Language): ReportWords => (language === 'en' ? en : de)
