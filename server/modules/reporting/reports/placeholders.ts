import type { PlaceholderName, ReportHeader } from '../../../../common/report.ts'
import type { Evaluation, MetricId } from '../../../../common/reporting.ts'
import { reportWords } from './document-texts.ts'
import { formatCell, formatChange, formatLongDate, type Language } from './format.ts'

/** The value of every placeholder, from the frozen evaluation and the report's header only. */
export function placeholderValues(
  evaluation: Evaluation,
  header: ReportHeader,
  language: Language,
): Record<PlaceholderName, string> {
  const words = reportWords(language)
  const day = (value: string) => formatLongDate(value, language)
  const join = language === 'de' ? ' bis ' : ' to '
  const section = (metric: MetricId) => evaluation.sections.find((each) => each.metric === metric)
  const total = (metric: MetricId) => {
    const found = section(metric)
    return found ? formatCell(found.total, evaluation.threshold, language) : words.notRecordedShort
  }
  const contacts = section('contacts')
  const current = contacts?.total.value ?? null
  const previous = contacts?.previousPeriod.value ?? null
  return {
    zeitraum: `${day(evaluation.from)}${join}${day(evaluation.to)}`,
    von: day(evaluation.from),
    bis: day(evaluation.to),
    vorperiode: `${day(evaluation.previousFrom)}${join}${day(evaluation.previousTo)}`,
    beratungskontakte: total('contacts'),
    beratungskontakte_vorperiode: contacts
      ? formatCell(contacts.previousPeriod, evaluation.threshold, language)
      : words.notRecordedShort,
    veraenderung:
      current !== null && previous ? formatChange(current, previous, language) : words.notComputable,
    personen: total('persons-counselled'),
    kurzberatungen: total('short-consultations'),
    neue_faelle: total('cases-new'),
    abgeschlossene_faelle: total('cases-closed'),
    aktive_faelle: total('cases-active'),
    verweisungen: total('referrals'),
    schwelle: String(evaluation.threshold),
    gremium: header.committee,
    sitzungsdatum: day(header.sessionDate),
    vorlage: header.vorlageNumber,
    aktenzeichen: header.aktenzeichen,
  }
}

/** Puts the values in; the names were checked when the text was stored, so every one is known. */
export function fillPlaceholders(text: string, values: Record<PlaceholderName, string>): string {
  return text.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? values[name as PlaceholderName] : whole,
  )
}
