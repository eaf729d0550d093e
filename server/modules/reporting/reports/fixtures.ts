import type { EvaluationContext } from '../../../../common/evaluation-context.ts'
import type { ReportHeader } from '../../../../common/report.ts'
import type { Evaluation, EvaluationSection } from '../../../../common/reporting.ts'
import { defaultTemplates } from './default-templates.ts'
import type { ReportSource } from './document.ts'

/** A frozen evaluation written by hand (March–April 2026), for the document tests and the bench. */

const label = (de: string, en = de) => ({ de, en })

const section = (
  metric: EvaluationSection['metric'],
  name: string,
  total: number | null,
  previous: number | null,
  tables: EvaluationSection['tables'] = [],
): EvaluationSection => ({
  metric,
  name: label(name),
  unit: 'count',
  total: total === null ? { value: null, suppressed: true } : { value: total },
  previousPeriod: previous === null ? { value: null, suppressed: true } : { value: previous },
  tables,
})

export const fixtureEvaluation: Evaluation = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'März bis April 2026',
  from: '2026-03-01',
  to: '2026-04-30',
  previousFrom: '2026-01-01',
  previousTo: '2026-02-28',
  catalogueVersion: 'fixture01',
  createdAt: '2026-05-04T08:00:00.000Z',
  threshold: 3,
  specialThreshold: 5,
  sections: [
    section('contacts', 'Beratungskontakte', 1234, 1097, [
      {
        by: 'month',
        rows: [
          { key: '2026-03-01', label: label('2026-03'), value: 587 },
          { key: '2026-04-01', label: label('2026-04'), value: 647 },
        ],
      },
      {
        by: 'municipality',
        rows: [
          { key: 'm1', label: label('Siegburg'), value: 1021 },
          { key: 'm2', label: label('Hennef (Sieg)'), value: 208 },
          { key: 'm3', label: label('Much'), value: null, suppressed: true },
          { key: 'm4', label: label('Ruppichteroth'), value: null, suppressed: true },
        ],
      },
      {
        by: 'domain',
        rows: [
          { key: 'language', label: label('Sprache', 'Language'), value: 640 },
          { key: 'work', label: label('Arbeit', 'Work'), value: 592 },
          { key: 'health', label: label('Gesundheit', 'Health'), value: null, suppressed: true },
        ],
      },
    ]),
    section('persons-counselled', 'Beratene Personen', 300, 280),
    section('cases-new', 'Neue Fälle', 2, null),
  ],
}

export const fixtureContext: EvaluationContext = {
  staffing: {
    asOf: '2026-04-30',
    bausteine: [
      { baustein: 1, positions: 2, fte: 1.5, filledFte: 1.5, vacantFte: 0, inRecruitment: 0 },
      { baustein: 2, positions: 6, fte: 5.5, filledFte: 4.5, vacantFte: 1, inRecruitment: 1 },
    ],
    contractsEnding: [{ baustein: 2, position: 'Fallmanagement Siegburg', fte: 1, endsOn: '2026-09-30' }],
    caseloadPerFte: 30.7,
  },
  steering: {
    meetings: 3,
    decisions: 7,
    bodies: [{ name: 'Lenkungsgruppe KIM', meetings: 2, decisions: 5 }],
  },
  goals: [
    {
      title: 'Schneller in Sprachkurse',
      status: 'at_risk',
      indicators: [
        { name: 'Wartezeit', unit: label('Tage', 'days'), target: 30, actual: 41.5, status: 'at_risk' },
      ],
    },
  ],
}

export const fixtureHeader: ReportHeader = {
  vorlageNumber: 'V/2026/0815',
  committee: 'Ausschuss für Soziales und Integration',
  sessionDate: '2026-05-20',
  aktenzeichen: '50.1-KIM',
}

export function fixtureSource(context?: EvaluationContext): ReportSource {
  const template = defaultTemplates[0]
  if (!template) throw new Error('no default template')
  return {
    title: template.title,
    kind: template.kind,
    header: fixtureHeader,
    blocks: template.blocks,
    districtName: 'Rhein-Sieg-Kreis',
    evaluation: { ...fixtureEvaluation, ...(context ? { context } : {}) },
  }
}
