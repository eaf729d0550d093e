import { createHash } from 'node:crypto'
import {
  type AttributeDimension,
  type DimensionId,
  type Metric,
  type MetricCatalogue,
  type MetricId,
  periodDimensions,
} from '../../../../common/reporting.ts'
import { caseWorkFigureDimensions, caseWorkMetrics } from '../../casework/index.ts'
import { networkFigureDimensions, networkMetrics } from '../../network/index.ts'
import { staffingFigureDimensions, staffingMetrics } from '../../staffing/index.ts'
import { goalFigureDimensions, goalMetrics } from '../../steering/index.ts'

/**
 * The metric catalogue: every figure Lotse publishes, with its name, its written definition and the
 * dimensions it can be broken down by. The dimensions come from the module that owns the data
 * (case work, network, steering, staffing), which holds the one implementation of each metric.
 */

type MetricText = Omit<Metric, 'id' | 'dimensions'>

const texts: Record<MetricId, MetricText> = {
  contacts: {
    name: { de: 'Beratungskontakte', en: 'Counselling contacts' },
    definition: {
      de: 'Anzahl der im Fall dokumentierten Beratungskontakte (jeder Kanal), deren Zeitpunkt im Zeitraum liegt – gezählt am Kalendertag des Kreises. Ein Kontakt zu mehreren Handlungsfeldern zählt bei jedem dieser Felder einmal.',
      en: "Number of counselling contacts recorded in a case (any channel) whose time lies in the period, counted on the district's calendar day. A contact about several domains counts once under each of them.",
    },
    unit: 'count',
    aggregation: 'count',
    sensitivity: 'standard',
    specialDimensionValues: ['health'],
  },
  'persons-counselled': {
    name: { de: 'Beratene Personen', en: 'Persons counselled' },
    definition: {
      de: 'Anzahl der verschiedenen Personen, die im Zeitraum an mindestens einem Beratungskontakt teilgenommen haben. Zusammengeführte Personen zählen einmal. Merkmale (Gemeinde, Geschlecht, Sprache, Rechtskreis, Staatsangehörigkeit) nach dem aktuellen Stand der Person, das Alter am letzten Tag des Zeitraums.',
      en: 'Number of distinct persons who took part in at least one counselling contact in the period. Merged persons count once. Attributes (municipality, sex, language, legal sphere, nationality) as currently recorded, age on the last day of the period.',
    },
    unit: 'persons',
    aggregation: 'count',
    sensitivity: 'standard',
    specialDimensionValues: [],
  },
  'short-consultations': {
    name: { de: 'Kurzberatungen', en: 'Short consultations' },
    definition: {
      de: 'Anzahl der Kurzberatungen ohne Fall (anonym erfasst), deren Tag im Zeitraum liegt.',
      en: 'Number of short consultations without a case (recorded anonymously) whose day lies in the period.',
    },
    unit: 'count',
    aggregation: 'count',
    sensitivity: 'standard',
    specialDimensionValues: ['health'],
  },
  'cases-new': {
    name: { de: 'Neue Fälle', en: 'New cases' },
    definition: {
      de: 'Anzahl der Fälle, deren Eröffnungstag im Zeitraum liegt.',
      en: 'Number of cases whose opening day lies in the period.',
    },
    unit: 'cases',
    aggregation: 'count',
    sensitivity: 'standard',
    specialDimensionValues: [],
  },
  'cases-closed': {
    name: { de: 'Abgeschlossene Fälle', en: 'Closed cases' },
    definition: {
      de: 'Anzahl der Fälle, deren Abschlusstag im Zeitraum liegt.',
      en: 'Number of cases whose closing day lies in the period.',
    },
    unit: 'cases',
    aggregation: 'count',
    sensitivity: 'standard',
    specialDimensionValues: [],
  },
  'cases-active': {
    name: { de: 'Aktive Fälle (Stichtag)', en: 'Active cases (at a date)' },
    definition: {
      de: 'Anzahl der Fälle, die am letzten Tag des Zeitraums (bei Aufteilung nach Zeit: am letzten Tag jedes Abschnitts) eröffnet und noch nicht abgeschlossen sind.',
      en: 'Number of cases opened and not yet closed on the last day of the period (broken down by time: on the last day of each bucket).',
    },
    unit: 'cases',
    aggregation: 'count',
    sensitivity: 'standard',
    specialDimensionValues: [],
  },
  referrals: {
    name: { de: 'Vermittlungen', en: 'Referrals' },
    definition: {
      de: 'Anzahl der an Netzwerkpartner versandten Vermittlungen (Entwürfe zählen nicht), deren Versandtag im Zeitraum liegt; nach Organisation und nach heutigem Ergebnis (offen, angenommen, abgelehnt, abgeschlossen, zurückgezogen).',
      en: 'Number of referrals sent to network partners (drafts do not count) whose sending day lies in the period; by organisation and by their outcome today (open, accepted, declined, completed, cancelled).',
    },
    unit: 'count',
    aggregation: 'count',
    sensitivity: 'standard',
    specialDimensionValues: [],
  },
  'referral-answer-days': {
    name: { de: 'Antwortzeit auf Vermittlungen (Median, Tage)', en: 'Referral answer time (median, days)' },
    definition: {
      de: 'Median der Kalendertage vom Versand einer Vermittlung bis zur Antwort des Partners (Annahme oder Ablehnung), über die im Zeitraum beantworteten Vermittlungen.',
      en: "Median of the calendar days from sending a referral to the partner's answer (accepted or declined), over the referrals answered in the period.",
    },
    unit: 'days',
    aggregation: 'median',
    sensitivity: 'standard',
    specialDimensionValues: [],
  },
  'median-case-duration': {
    name: { de: 'Falldauer (Median, Tage)', en: 'Case duration (median, days)' },
    definition: {
      de: 'Median der Kalendertage von der Eröffnung bis zum Abschluss, über die im Zeitraum abgeschlossenen Fälle.',
      en: 'Median of the calendar days from opening to closing, over the cases closed in the period.',
    },
    unit: 'days',
    aggregation: 'median',
    sensitivity: 'standard',
    specialDimensionValues: [],
  },
  'legal-sphere-changes': {
    name: { de: 'Rechtskreiswechsel', en: 'Legal-sphere changes' },
    definition: {
      de: 'Anzahl der erfassten Rechtskreiswechsel, deren Wirksamkeitstag im Zeitraum liegt; nach dem Rechtskreis, in den gewechselt wird.',
      en: 'Number of recorded legal-sphere changes whose effective day lies in the period; by the legal sphere moved into.',
    },
    unit: 'count',
    aggregation: 'count',
    sensitivity: 'standard',
    specialDimensionValues: [],
  },
  'days-first-contact-to-plan': {
    name: {
      de: 'Tage vom Erstkontakt bis zum Hilfeplan (Median)',
      en: 'Days from first contact to plan (median)',
    },
    definition: {
      de: 'Median der Kalendertage vom ersten Beratungskontakt eines Falls bis zu seinem ersten Ziel im Hilfeplan, über die Fälle, deren erstes Ziel im Zeitraum erfasst wurde und die davor oder am selben Tag einen Kontakt hatten.',
      en: "Median of the calendar days from a case's first counselling contact to the first goal of its plan, over the cases whose first goal was recorded in the period and that had a contact on or before that day.",
    },
    unit: 'days',
    aggregation: 'median',
    sensitivity: 'standard',
    specialDimensionValues: [],
  },
  'goal-agreements': {
    name: { de: 'Zielvereinbarungen nach Stand', en: 'Goal agreements by status' },
    definition: {
      de: 'Anzahl der Zielvereinbarungen, deren Laufzeit den Zeitraum berührt, nach ihrem Stand am letzten Tag des Zeitraums (oder heute, wenn dieser später liegt): im Plan, gefährdet, nicht im Plan, ohne Daten. Der Stand einer Vereinbarung ist der schlechteste ihrer Indikatoren (Regel der Entscheidung 0012), berechnet aus den bis zu diesem Tag vollständigen Monaten bzw. den bis dahin erfassten Werten.',
      en: "Number of goal agreements whose period touches the period, by their status on the period's last day (or today, if that is later): on track, at risk, off track, no data. An agreement's status is the worst of its indicators' (the rule of decision 0012), computed from the months complete by that day or the values entered by then.",
    },
    unit: 'agreements',
    aggregation: 'count',
    sensitivity: 'standard',
    specialDimensionValues: [],
  },
  'goal-indicators': {
    name: { de: 'Indikatoren nach Stand', en: 'Goal indicators by status' },
    definition: {
      de: 'Anzahl der Indikatoren dieser Zielvereinbarungen (wie bei „Zielvereinbarungen nach Stand“) nach ihrem Stand am selben Tag.',
      en: 'Number of the indicators of those goal agreements (as for "Goal agreements by status") by their status on the same day.',
    },
    unit: 'indicators',
    aggregation: 'count',
    sensitivity: 'standard',
    specialDimensionValues: [],
  },
  'fte-filled': {
    name: { de: 'Besetzte Stellenanteile (VZÄ)', en: 'FTE filled' },
    definition: {
      de: 'Summe der durch laufende Verträge besetzten Vollzeitäquivalente der Stellen, deren Förderzeitraum den Tag umfasst, am letzten Tag des Zeitraums (bei Aufteilung nach Zeit: am letzten Tag jedes Abschnitts). Eine Stelle zählt höchstens mit ihrem eigenen Umfang; ein Vertrag zählt bis zu seinem Ende oder einem früher geplanten Ausscheiden. Nach Baustein (1: Koordinierung und Verwaltung, 2: Case Management, 3: Ausländerbehörde). Zurückgehalten, wenn weniger Verträge als der Schwellenwert dahinterstehen: der Umfang von ein oder zwei Personen ist ihr Stellenanteil.',
      en: 'Sum of the full-time equivalents filled by running contracts on the positions whose funding period covers the day, on the last day of the period (broken down by time: on the last day of each bucket). A position counts at most its own FTE; a contract counts until its end or an earlier planned departure. By Baustein (1: coordination and administration, 2: case management, 3: immigration office). Withheld when fewer contracts than the threshold stand behind it: the FTE of one or two people is their part-time share.',
    },
    unit: 'fte',
    aggregation: 'sum',
    sensitivity: 'standard',
    specialDimensionValues: [],
  },
  'fte-vacant': {
    name: { de: 'Unbesetzte Stellenanteile (VZÄ)', en: 'FTE vacant' },
    definition: {
      de: 'Summe der nicht durch laufende Verträge besetzten Vollzeitäquivalente derselben Stellen am selben Tag (Umfang der Stelle minus besetzter Anteil). Zurückgehalten wie die besetzten Anteile und in denselben Zellen, weil der Umfang der Stellen bekannt ist und unbesetzt = Stelle − besetzt.',
      en: 'Sum of the full-time equivalents of the same positions on the same day not filled by running contracts (position FTE minus FTE filled). Withheld like the FTE filled and in the same cells, since the positions are known and vacant = position − filled.',
    },
    unit: 'fte',
    aggregation: 'sum',
    sensitivity: 'standard',
    specialDimensionValues: [],
  },
  'contracts-ending': {
    name: { de: 'Auslaufende Verträge', en: 'Contracts ending' },
    definition: {
      de: 'Anzahl der Verträge, deren letzter Tag (vereinbartes Ende oder früher geplantes Ausscheiden) im Zeitraum liegt, außer dieselbe Person arbeitet am Folgetag auf derselben Stelle weiter. Nach Baustein.',
      en: 'Number of contracts whose last day (the agreed end or an earlier planned departure) lies in the period, unless the same person continues on the same position the next day. By Baustein.',
    },
    unit: 'contracts',
    aggregation: 'count',
    sensitivity: 'standard',
    specialDimensionValues: [],
  },
  'caseload-per-fte': {
    name: { de: 'Fälle je VZÄ im Case Management', en: 'Caseload per case-management FTE' },
    definition: {
      de: 'Aktive Fälle am letzten Tag des Zeitraums (wie „Aktive Fälle“) je besetztem Vollzeitäquivalent im Baustein 2 (Case Management) am selben Tag (wie „Besetzte Stellenanteile“), auf eine Nachkommastelle. Zurückgehalten, wenn weniger Fälle oder weniger Verträge als der Schwellenwert dahinterstehen. Nicht nach Gemeinde oder Team: neben den veröffentlichten aktiven Fällen verriete der Quotient den Stellenanteil einzelner Personen.',
      en: 'Cases active on the last day of the period (as "Active cases") per filled full-time equivalent in Baustein 2 (case management) on the same day (as "FTE filled"), to one decimal. Withheld when fewer cases or fewer contracts than the threshold stand behind it. Not by municipality or team: beside the published active cases, the ratio would give away individual part-time shares.',
    },
    unit: 'cases-per-fte',
    aggregation: 'ratio',
    sensitivity: 'standard',
    specialDimensionValues: [],
  },
}

/** Case work and the network record events on days: every period bucket, plus their attributes. */
const withPeriods = (dimensions: Record<string, readonly AttributeDimension[]>) =>
  Object.fromEntries(
    Object.entries(dimensions).map(([id, attributes]) => [id, [...periodDimensions, ...attributes]]),
  ) as Record<string, readonly DimensionId[]>

const ownerDimensions = {
  ...withPeriods(caseWorkFigureDimensions),
  ...withPeriods(networkFigureDimensions),
  ...goalFigureDimensions,
  ...staffingFigureDimensions,
} as Record<MetricId, readonly DimensionId[]>

/** The order in which the catalogue lists metrics: case work, the network, steering, staffing. */
const order: readonly MetricId[] = [...caseWorkMetrics, ...networkMetrics, ...goalMetrics, ...staffingMetrics]

export const metrics: readonly Metric[] = order.map((id) => ({
  id,
  ...texts[id],
  dimensions: [...ownerDimensions[id]],
}))

export const metricById = (id: MetricId): Metric => metrics.find((metric) => metric.id === id) as Metric

/** A short hash of the catalogue: a frozen evaluation records which definitions it was made with. */
export const catalogueVersion = createHash('sha256')
  .update(JSON.stringify(metrics))
  .digest('hex')
  .slice(0, 12)

export const metricCatalogue = (): MetricCatalogue => ({ version: catalogueVersion, metrics: [...metrics] })

/** Figures of a day (the end of the period or of each bucket): over time they do not add up. */
const stocks: ReadonlySet<MetricId> = new Set(['cases-active', 'fte-filled', 'fte-vacant'])

/**
 * Whether the cells of a metric by a dimension add up to its total (each unit in exactly one cell),
 * so that differencing is possible and secondary suppression applies. Distinct persons over time,
 * contacts with several domains and stocks at bucket ends do not add up.
 */
export function isAdditive(metric: MetricId, dimension: DimensionId | null): boolean {
  const { aggregation } = metricById(metric)
  if ((aggregation !== 'count' && aggregation !== 'sum') || dimension === null) return false
  if (dimension === 'domain') return false
  if (stocks.has(metric) && (periodDimensions as readonly string[]).includes(dimension)) return false
  if (metric === 'persons-counselled') {
    return !(periodDimensions as readonly string[]).includes(dimension) && dimension !== 'team'
  }
  return true
}
