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

/**
 * The metric catalogue: every figure Lotse publishes, with its name, its written definition and the
 * dimensions it can be broken down by. The dimensions come from the module that owns the data
 * (case work, network), which holds the one implementation of each metric.
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
}

const ownerDimensions: Record<MetricId, readonly AttributeDimension[]> = {
  ...caseWorkFigureDimensions,
  ...networkFigureDimensions,
}

/** The order in which the catalogue lists metrics: case work first, then the network. */
const order: readonly MetricId[] = [...caseWorkMetrics, ...networkMetrics]

export const metrics: readonly Metric[] = order.map((id) => ({
  id,
  ...texts[id],
  dimensions: [...periodDimensions, ...ownerDimensions[id]] as DimensionId[],
}))

export const metricById = (id: MetricId): Metric => metrics.find((metric) => metric.id === id) as Metric

/** A short hash of the catalogue: a frozen evaluation records which definitions it was made with. */
export const catalogueVersion = createHash('sha256')
  .update(JSON.stringify(metrics))
  .digest('hex')
  .slice(0, 12)

export const metricCatalogue = (): MetricCatalogue => ({ version: catalogueVersion, metrics: [...metrics] })

/**
 * Whether the cells of a metric by a dimension add up to its total (each unit in exactly one cell),
 * so that differencing is possible and secondary suppression applies. Distinct persons over time,
 * contacts with several domains and stocks at bucket ends do not add up.
 */
export function isAdditive(metric: MetricId, dimension: DimensionId | null): boolean {
  if (metricById(metric).aggregation !== 'count' || dimension === null) return false
  if (dimension === 'domain') return false
  if (metric === 'cases-active' && (periodDimensions as readonly string[]).includes(dimension)) return false
  if (metric === 'persons-counselled') {
    return !(periodDimensions as readonly string[]).includes(dimension) && dimension !== 'team'
  }
  return true
}
