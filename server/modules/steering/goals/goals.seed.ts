import type { Transaction } from 'kysely'
import type { IndicatorDirection, IndicatorUnit, MetricKey } from '../../../../common/goals.ts'
import type { DB } from '../../../db/schema.ts'
import { addDays } from '../../../platform/district-time.ts'
import { insertAgreement, insertIndicator, insertIndicatorValue } from './goal.queries.ts'
import { addMonths, firstDayOf, lastDayOf, monthOf } from './months.ts'

/**
 * The goal agreements the demo steering group agreed in its third meeting (decision LG 2026/7):
 * for two years from the start of this year's work, so that the computed indicators already show
 * eleven months of the demo case work. Baselines and targets are set so that the demo shows every
 * status: the counselling numbers lag their ambitious target (at risk), the way to a plan is on
 * track, the open consultation hours in the municipalities lag, the immigration office catches up.
 */

type DemoIndicator = {
  name: string
  unit: IndicatorUnit
  baseline: number
  target: number
  direction: IndicatorDirection
  metric?: MetricKey
  municipality?: string
  /** Entered values: months after the start of the period (measured on that month's last day). */
  values?: { month: number; value: number; note?: string }[]
}

type DemoAgreement = {
  title: string
  goalStatement: string
  parties: string[]
  responsible: string
  indicators: DemoIndicator[]
}

const ki = 'Kommunales Integrationszentrum Rhein-Sieg-Kreis'
const jobcenter = 'Jobcenter Rhein-Sieg'

const agreements: DemoAgreement[] = [
  {
    title: 'Beratung in der Fläche stärken',
    goalStatement:
      'Das Kommunale Integrationszentrum und die Wohlfahrtsverbände bauen die Beratung so aus, dass Menschen mit Einwanderungsgeschichte in allen 19 Kommunen zeitnah und umfassend beraten werden, auch in den ländlichen Kommunen ohne eigene Beratungsstelle.',
    parties: [
      ki,
      'Caritasverband Rhein-Sieg',
      'Diakonie An Sieg und Rhein',
      'AWO Kreisverband Rhein-Sieg',
      'DRK-Kreisverband Rhein-Sieg',
    ],
    responsible: ki,
    indicators: [
      {
        name: 'Beratungskontakte im Kreis je Monat',
        unit: 'count',
        baseline: 160,
        target: 320,
        direction: 'increase',
        metric: 'counselling-contacts',
      },
      {
        name: 'Beratungskontakte in Windeck je Monat',
        unit: 'count',
        baseline: 5,
        target: 12,
        direction: 'increase',
        metric: 'counselling-contacts',
        municipality: 'Windeck',
      },
      {
        name: 'Offene Sprechstunden in kreisangehörigen Kommunen',
        unit: 'count',
        baseline: 6,
        target: 15,
        direction: 'increase',
        values: [
          { month: 2, value: 7, note: 'Neu: Sprechstunde im Rathaus Eitorf' },
          { month: 5, value: 8, note: 'Neu: Sprechstunde in Much' },
          { month: 8, value: 8, note: 'Raum in Ruppichteroth fehlt noch' },
        ],
      },
    ],
  },
  {
    title: 'Schneller zum gemeinsamen Hilfeplan',
    goalStatement:
      'Nach dem Erstkontakt wird der Hilfeplan zügig gemeinsam mit den Ratsuchenden vereinbart; das Case Management und die Partner stimmen Termine für Assessment und Planung enger ab.',
    parties: [ki, 'Caritasverband Rhein-Sieg', 'Regionale Flüchtlingsberatung Rhein-Sieg'],
    responsible: ki,
    indicators: [
      {
        name: 'Tage vom Erstkontakt bis zum Hilfeplan (Median)',
        unit: 'days',
        baseline: 120,
        target: 45,
        direction: 'decrease',
        metric: 'median-days-contact-to-plan',
      },
    ],
  },
  {
    title: 'Nahtlose Übergänge nach der Anerkennung',
    goalStatement:
      'Sozialamt, Ausländerbehörde und Jobcenter gestalten den Rechtskreiswechsel vom AsylbLG ins SGB II so, dass keine Leistungslücke entsteht: Vermittlungen an das Jobcenter werden binnen 14 Tagen beantwortet, der erste Termin beim Jobcenter liegt binnen 30 Tagen nach dem Wechsel.',
    parties: [jobcenter, 'Sozialamt Rhein-Sieg-Kreis', 'Ausländerbehörde Rhein-Sieg-Kreis', ki],
    responsible: jobcenter,
    indicators: [
      {
        name: 'Vermittlungen an das Jobcenter, binnen 14 Tagen beantwortet',
        unit: 'percent',
        baseline: 60,
        target: 90,
        direction: 'increase',
        metric: 'jobcenter-referrals-answered-14d',
      },
      {
        name: 'Rechtskreiswechsel mit erstem Jobcenter-Kontakt binnen 30 Tagen',
        unit: 'percent',
        baseline: 50,
        target: 85,
        direction: 'increase',
        metric: 'legal-sphere-changes-jobcenter-30d',
      },
      {
        name: 'Wartezeit auf einen Termin bei der Ausländerbehörde',
        unit: 'days',
        baseline: 42,
        target: 21,
        direction: 'decrease',
        values: [
          { month: 2, value: 40 },
          { month: 5, value: 35, note: 'Online-Terminvergabe eingeführt' },
          { month: 8, value: 31 },
        ],
      },
    ],
  },
]

export async function seedDemoGoalAgreements(
  trx: Transaction<DB>,
  context: {
    districtId: string
    today: string
    coordinatorId: string
    decisionId: string | null
    organisations: Map<string, string>
    municipalities: Map<string, string>
  },
): Promise<void> {
  const startsOn = firstDayOf(addMonths(monthOf(context.today), -11))
  const endsOn = addDays(firstDayOf(addMonths(monthOf(startsOn), 24)), -1)
  const organisation = (name: string) => context.organisations.get(name)
  for (const agreement of agreements) {
    const agreementId = await insertAgreement(
      trx,
      {
        district_id: context.districtId,
        title: agreement.title,
        goal_statement: agreement.goalStatement,
        starts_on: startsOn,
        ends_on: endsOn,
        decision_id: context.decisionId,
        responsible_organisation_id: organisation(agreement.responsible) ?? null,
        created_by: context.coordinatorId,
      },
      agreement.parties.flatMap((name) => organisation(name) ?? []),
    )
    for (const indicator of agreement.indicators) {
      const municipalityId = indicator.municipality
        ? (context.municipalities.get(indicator.municipality) ?? null)
        : null
      const indicatorId = await insertIndicator(trx, {
        district_id: context.districtId,
        agreement_id: agreementId,
        name: indicator.name,
        unit: indicator.unit,
        baseline: indicator.baseline,
        target: indicator.target,
        direction: indicator.direction,
        source: indicator.metric ? 'computed' : 'manual',
        metric: indicator.metric ?? null,
        parameters: indicator.metric ? { municipalityId } : {},
        created_by: context.coordinatorId,
      })
      for (const value of indicator.values ?? []) {
        const measuredOn = lastDayOf(addMonths(monthOf(startsOn), value.month))
        if (measuredOn > context.today) continue
        await insertIndicatorValue(trx, {
          district_id: context.districtId,
          indicator_id: indicatorId,
          measured_on: measuredOn,
          value: value.value,
          note: value.note ?? '',
          recorded_by: context.coordinatorId,
        })
      }
    }
  }
}
