import { type LifeDomain, lifeDomainNames } from '../../../../../common/casework-values.ts'
import type { ConceptVersionDetail, InterfaceStatus } from '../../../../../common/concept.ts'

/** The words of the exported concept, in German and English. */
export const conceptLanguages = ['de', 'en'] as const
export type ConceptLanguage = (typeof conceptLanguages)[number]

const texts = {
  de: {
    version: 'Fassung {number}',
    draft: 'Entwurf – noch nicht beschlossen',
    adopted: 'Beschlossen am {date}',
    by: 'von {body}',
    decision: 'Beschluss {number}',
    basedOn: 'Fortschreibung der Fassung {number}',
    sections: 'Inhalt',
    grid: 'Raster: Handlungsfelder und Akteure',
    domain: 'Handlungsfeld',
    responsible: 'federführend',
    contributing: 'mitwirkend',
    interfaces: 'Schnittstellen',
    between: '{a} – {b}',
    problem: 'Was nicht gelingt',
    solution: 'Vereinbarte Lösung',
    status: 'Stand',
    consultations: 'Beteiligung',
    noFeedback: 'ohne Rückmeldung',
    none: '–',
    statuses: { open: 'offen', in_progress: 'in Arbeit', solved: 'gelöst' } satisfies Record<
      InterfaceStatus,
      string
    >,
    domains: lifeDomainNames.de,
  },
  en: {
    version: 'Version {number}',
    draft: 'Draft – not yet adopted',
    adopted: 'Adopted on {date}',
    by: 'by {body}',
    decision: 'decision {number}',
    basedOn: 'Update of version {number}',
    sections: 'Contents',
    grid: 'Grid: life domains and actors',
    domain: 'Life domain',
    responsible: 'responsible',
    contributing: 'contributing',
    interfaces: 'Interfaces',
    between: '{a} – {b}',
    problem: 'What goes wrong',
    solution: 'Agreed solution',
    status: 'Status',
    consultations: 'Consultations',
    noFeedback: 'no feedback',
    none: '–',
    statuses: { open: 'open', in_progress: 'in progress', solved: 'solved' },
    domains: lifeDomainNames.en,
  },
} as const

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_match, key: string) => String(values[key] ?? ''))

const displayDay = (iso: string, language: ConceptLanguage) => {
  const [year, month, day] = iso.slice(0, 10).split('-')
  return language === 'de' ? `${day}.${month}.${year}` : `${year}-${month}-${day}`
}

/** The name of a life domain in the export's language, for section headings elsewhere too. */
export const domainName = (domain: LifeDomain, language: ConceptLanguage) => texts[language].domains[domain]

/** How the adoption of a version reads: "Beschlossen am 15.12.2016 von Kreistag (Beschluss …), DS 2016/0421". */
function adoptionLine(version: ConceptVersionDetail, language: ConceptLanguage) {
  const t = texts[language]
  if (version.status === 'draft' || !version.adoptedOn) return t.draft
  const parts = [fill(t.adopted, { date: displayDay(version.adoptedOn, language) })]
  if (version.adoptedBodyName) parts.push(fill(t.by, { body: version.adoptedBodyName }))
  if (version.adoptedDecisionNumber)
    parts.push(`(${fill(t.decision, { number: version.adoptedDecisionNumber })})`)
  return `${parts.join(' ')}${version.adoptedReference ? `, ${version.adoptedReference}` : ''}`
}

/**
 * The concept as plain strings, laid out the same way by the DOCX and the PDF export: each value
 * is text, never markup. The grid reads per domain (who leads, who contributes), which fits a
 * page where a table of every actor would not.
 */
export function conceptDocument(
  version: ConceptVersionDetail,
  districtName: string,
  basedOnNumber: number | null,
  language: ConceptLanguage,
) {
  const t = texts[language]
  const actorNames = new Map(version.grid.actors.map((actor) => [actor.id, actor.name]))
  const namesWith = (domain: LifeDomain, role: 'responsible' | 'contributing') =>
    version.grid.cells
      .filter((cell) => cell.domain === domain && cell.role === role)
      .map((cell) => actorNames.get(cell.organisationId) ?? '')
      .sort((a, b) => a.localeCompare(b, 'de'))
      .join(', ') || t.none
  return {
    lang: language,
    district: districtName,
    title: version.title,
    subtitle: fill(t.version, { number: version.number }),
    status: adoptionLine(version, language),
    basedOn: basedOnNumber === null ? '' : fill(t.basedOn, { number: basedOnNumber }),
    headings: {
      grid: t.grid,
      interfaces: t.interfaces,
      consultations: t.consultations,
    },
    sections: version.sections.map((section) => ({
      heading:
        section.kind === 'domain' && section.domain ? domainName(section.domain, language) : section.title,
      text: section.body,
    })),
    gridColumns: [t.domain, t.responsible, t.contributing],
    grid: version.grid.domains
      .map((domain) => [
        domainName(domain, language),
        namesWith(domain, 'responsible'),
        namesWith(domain, 'contributing'),
      ])
      .filter((row) => row[1] !== t.none || row[2] !== t.none),
    interfaces: version.interfaces.map((each) => ({
      heading: `${fill(t.between, { a: each.organisationAName, b: each.organisationBName })}: ${each.process}`,
      facts: [
        { label: t.problem, value: each.problem },
        ...(each.solution ? [{ label: t.solution, value: each.solution }] : []),
        { label: t.status, value: t.statuses[each.status] },
      ],
    })),
    consultations: version.consultations.map(
      (each) => `${displayDay(each.heldOn, language)}, ${each.bodyName}: ${each.feedback || t.noFeedback}`,
    ),
  }
}
export type ConceptDocument = ReturnType<typeof conceptDocument>
