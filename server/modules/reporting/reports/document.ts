import type { EvaluationContext } from '../../../../common/evaluation-context.ts'
import type {
  GeneratedBlockKind,
  ReportBlock,
  ReportHeader,
  TemplateKind,
} from '../../../../common/report.ts'
import type { Evaluation, EvaluationSection, MetricId } from '../../../../common/reporting.ts'
import { type ReportWords, reportWords } from './document-texts.ts'
import {
  formatCell,
  formatChange,
  formatCount,
  formatFte,
  formatLongDate,
  formatMonth,
  type Language,
} from './format.ts'
import { fillPlaceholders, placeholderValues } from './placeholders.ts'

/**
 * The committee report as plain data: every text already filled in and every number already
 * formatted, so the DOCX and the PDF show the same content and only lay it out. Pure: built from
 * the frozen evaluation and the report's stored texts, never from live data.
 */

export type DocTable = { columns: string[]; rows: string[][]; numeric: boolean[] }

/** A chart as data (it crosses to the worker thread, so no functions): one series over categories. */
export type ChartSpec = {
  kind: 'line' | 'bar'
  title: string
  seriesName: string
  categories: string[]
  values: (number | null)[]
  language: Language
}

export type DocBlock = {
  heading: string
  paragraphs: string[]
  table?: DocTable
  chart?: ChartSpec
}

export type ReportDocument = {
  language: Language
  kindLabel: string
  title: string
  districtName: string
  headerRows: [string, string][]
  blocks: DocBlock[]
  notes: string[]
}

export type ReportSource = {
  title: string
  kind: TemplateKind
  header: ReportHeader
  blocks: ReportBlock[]
  districtName: string
  evaluation: Evaluation & { context?: EvaluationContext }
}

const sectionOf = (evaluation: Evaluation, metric: MetricId): EvaluationSection | undefined =>
  evaluation.sections.find((section) => section.metric === metric)

function keyFigures(evaluation: Evaluation, words: ReportWords, language: Language): DocTable {
  const threshold = evaluation.threshold
  return {
    columns: [words.columns.metric, words.columns.period, words.columns.previous, words.columns.change],
    numeric: [false, true, true, true],
    rows: evaluation.sections.map((section) => [
      section.name[language],
      formatCell(section.total, threshold, language),
      formatCell(section.previousPeriod, threshold, language),
      section.total.value !== null && section.previousPeriod.value
        ? formatChange(section.total.value, section.previousPeriod.value, language)
        : words.notComputable,
    ]),
  }
}

/** A contacts table by one dimension, with its chart (withheld cells are gaps in the chart). */
function contactsBy(
  evaluation: Evaluation,
  by: 'month' | 'municipality' | 'domain',
  kind: GeneratedBlockKind,
  words: ReportWords,
  language: Language,
): Pick<DocBlock, 'table' | 'chart' | 'paragraphs'> {
  const found = sectionOf(evaluation, 'contacts')?.tables.find((each) => each.by === by)
  if (!found) return { paragraphs: [words.notRecorded] }
  // Months in their order; municipalities and domains by name, as a committee looks them up.
  const table =
    by === 'month'
      ? found
      : {
          ...found,
          rows: [...found.rows].sort((a, b) => a.label[language].localeCompare(b.label[language], language)),
        }
  const labelOf = (row: (typeof table.rows)[number]) =>
    (by === 'month' ? formatMonth(row.key, language) : row.label[language]) +
    (row.imported ? words.importedMark : '')
  const total = sectionOf(evaluation, 'contacts')?.total ?? { value: null, suppressed: true as const }
  const column = {
    month: words.columns.month,
    municipality: words.columns.municipality,
    domain: words.columns.domain,
  }[by]
  return {
    paragraphs: table.rows.some((row) => row.imported) ? [words.importedNote] : [],
    table: {
      columns: [column, words.columns.contacts],
      numeric: [false, true],
      rows: [
        ...table.rows.map((row) => [labelOf(row), formatCell(row, evaluation.threshold, language)]),
        [words.total, formatCell(total, evaluation.threshold, language)],
      ],
    },
    chart: {
      kind: by === 'month' ? 'line' : 'bar',
      title: words.chartTitles[kind] ?? '',
      seriesName: words.columns.contacts,
      categories: table.rows.map(labelOf),
      values: table.rows.map((row) => (row.suppressed ? null : row.value)),
      language,
    },
  }
}

function staffing(
  context: EvaluationContext,
  words: ReportWords,
  language: Language,
): Pick<DocBlock, 'table' | 'paragraphs'> {
  const { staffing: data } = context
  const fte = (value: number) => formatFte(value, language)
  return {
    paragraphs: [
      words.staffingAsOf(formatLongDate(data.asOf, language)),
      ...(data.caseloadPerFte === null ? [] : [words.caseloadPerFte(fte(data.caseloadPerFte))]),
    ],
    table: {
      columns: [
        words.columns.baustein,
        words.columns.positions,
        words.columns.fte,
        words.columns.filled,
        words.columns.vacant,
        words.columns.inRecruitment,
      ],
      numeric: [false, true, true, true, true, true],
      rows: data.bausteine.map((row) => [
        words.baustein(row.baustein),
        formatCount(row.positions, language),
        fte(row.fte),
        fte(row.filledFte),
        fte(row.vacantFte),
        formatCount(row.inRecruitment, language),
      ]),
    },
  }
}

function contractsEnding(
  context: EvaluationContext,
  words: ReportWords,
  language: Language,
): Pick<DocBlock, 'table' | 'paragraphs'> {
  const ending = context.staffing.contractsEnding
  if (ending.length === 0) return { paragraphs: [words.noContractsEnding] }
  return {
    paragraphs: [],
    table: {
      columns: [words.columns.baustein, words.columns.position, words.columns.fte, words.columns.endsOn],
      numeric: [false, false, true, false],
      rows: ending.map((row) => [
        words.baustein(row.baustein),
        row.position,
        formatFte(row.fte, language),
        formatLongDate(row.endsOn, language),
      ]),
    },
  }
}

function steering(
  context: EvaluationContext,
  words: ReportWords,
  language: Language,
): Pick<DocBlock, 'table' | 'paragraphs'> {
  const { steering: data } = context
  return {
    paragraphs: [
      words.steeringSummary(formatCount(data.meetings, language), formatCount(data.decisions, language)),
    ],
    ...(data.bodies.length > 0
      ? {
          table: {
            columns: [words.columns.body, words.columns.meetings, words.columns.decisions],
            numeric: [false, true, true],
            rows: data.bodies.map((body) => [
              body.name,
              formatCount(body.meetings, language),
              formatCount(body.decisions, language),
            ]),
          },
        }
      : {}),
  }
}

function goals(
  context: EvaluationContext,
  words: ReportWords,
  language: Language,
): Pick<DocBlock, 'table' | 'paragraphs'> {
  const number = (value: number | null) => (value === null ? '–' : formatFte(value, language))
  return {
    paragraphs: [],
    table: {
      columns: [
        words.columns.agreement,
        words.columns.indicator,
        words.columns.target,
        words.columns.actual,
        words.columns.status,
      ],
      numeric: [false, false, true, true, false],
      rows: context.goals.flatMap((goal) => [
        [goal.title, '', '', '', words.indicatorStatus[goal.status]],
        ...goal.indicators.map((indicator) => [
          '',
          `${indicator.name} (${indicator.unit[language]})`,
          number(indicator.target),
          number(indicator.actual),
          words.indicatorStatus[indicator.status],
        ]),
      ]),
    },
  }
}

function generated(
  kind: GeneratedBlockKind,
  source: ReportSource,
  words: ReportWords,
  language: Language,
): Pick<DocBlock, 'table' | 'chart' | 'paragraphs'> {
  const { evaluation } = source
  if (kind === 'key-figures') return { paragraphs: [], table: keyFigures(evaluation, words, language) }
  if (kind === 'contacts-by-month') return contactsBy(evaluation, 'month', kind, words, language)
  if (kind === 'contacts-by-municipality')
    return contactsBy(evaluation, 'municipality', kind, words, language)
  if (kind === 'contacts-by-domain') return contactsBy(evaluation, 'domain', kind, words, language)
  const context = evaluation.context
  // Evaluations made before the context was frozen say so instead of showing today's figures.
  if (!context) return { paragraphs: [words.notRecorded] }
  if (kind === 'staffing') return staffing(context, words, language)
  if (kind === 'contracts-ending') return contractsEnding(context, words, language)
  if (kind === 'steering') return steering(context, words, language)
  return goals(context, words, language)
}

/** Paragraphs of a text block: blank lines separate them. */
const paragraphsOf = (text: string) =>
  text
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.replace(/\s*\r?\n\s*/g, ' ').trim())
    .filter((paragraph) => paragraph !== '')

/** The report's title as the document shows it: the default's in the report's language, placeholders filled. */
export function reportTitle(
  title: string,
  evaluation: Parameters<typeof placeholderValues>[0],
  header: Parameters<typeof placeholderValues>[1],
  language: Language,
): string {
  return fillPlaceholders(
    reportWords(language).defaultTexts[title] ?? title,
    placeholderValues(evaluation, header, language),
  )
}

export function reportDocument(source: ReportSource, language: Language = 'de'): ReportDocument {
  const words = reportWords(language)
  const { evaluation, header } = source
  const values = placeholderValues(evaluation, header, language)
  const fill = (text: string) => fillPlaceholders(text, values)
  const heading = (text: string) => fill(words.defaultHeadings[text] ?? text)
  // A title or text the district left as the default template wrote it reads in the report's language.
  const wording = (text: string) => fill(words.defaultTexts[text] ?? text)
  return {
    language,
    kindLabel: words.kinds[source.kind],
    title: wording(source.title),
    districtName: source.districtName,
    headerRows: [
      [words.header.vorlage, header.vorlageNumber],
      [words.header.committee, header.committee],
      [words.header.sessionDate, formatLongDate(header.sessionDate, language)],
      [words.header.aktenzeichen, header.aktenzeichen],
      [words.header.period, values.zeitraum],
    ],
    blocks: source.blocks.map((block) =>
      block.type === 'text'
        ? { heading: heading(block.heading), paragraphs: paragraphsOf(wording(block.text)) }
        : { heading: heading(block.heading), ...generated(block.generated, source, words, language) },
    ),
    notes: [
      words.suppressionNote(evaluation.threshold),
      words.sourceNote(evaluation.name, evaluation.catalogueVersion),
    ],
  }
}
