import type { Transaction } from 'kysely'
import type { LifeDomain } from '../../../../common/casework.ts'
import type { ObstacleStatus } from '../../../../common/obstacles.ts'
import type { DB } from '../../../db/schema.ts'
import { selectAgreements } from '../goals/goal.queries.ts'
import { insertAgendaItem } from '../meetings/meeting.queries.ts'
import {
  insertEvidence,
  insertGoalLink,
  insertObstacle,
  insertObstacleOrganisations,
  insertStatusChange,
  updateObstacleStatus,
} from './obstacle.queries.ts'

/**
 * Demo obstacles of the Rhein-Sieg-Kreis: raised from the demo cases by their case managers, seen
 * again in other cases, in every stage of the board; one with a working group, one on the agenda
 * of the steering group's next meeting. No names, no dates: the texts a case manager should write.
 */

type DemoObstacle = {
  domain: LifeDomain
  title: string
  description: string
  organisations: string[]
  /** Indexes into the demo cases: the first raised it, the others saw it too. */
  cases: number[]
  steps: { status: ObstacleStatus; note: string; workingGroup?: string }[]
  onAgendaOf?: string
  /** The demo goal agreement that takes it up, by title. */
  goalAgreement?: string
}

const ruleChange = 'Unterarbeitsgruppe Rechtskreiswechsel'
const labourMarket = 'Unterarbeitsgruppe Arbeitsmarktintegration'

const demoObstacles: DemoObstacle[] = [
  {
    domain: 'residence',
    title: 'Termine zur Verlängerung des Aufenthaltstitels erst nach drei Monaten',
    description:
      'Die Ausländerbehörde vergibt Termine zur Verlängerung erst nach etwa zwölf Wochen. Titel laufen dazwischen ab; Arbeitgeber zögern mit der Weiterbeschäftigung, das Jobcenter fordert Nachweise an.',
    organisations: ['Ausländerbehörde Rhein-Sieg-Kreis', 'Jobcenter Rhein-Sieg'],
    cases: [0, 2, 4],
    steps: [
      {
        status: 'triaged',
        note: 'Betrifft mehrere Kommunen; Fiktionsbescheinigungen werden uneinheitlich ausgestellt.',
      },
      {
        status: 'assigned',
        note: 'Die Unterarbeitsgruppe klärt mit der Ausländerbehörde ein Verfahren für Fiktionsbescheinigungen.',
        workingGroup: ruleChange,
      },
    ],
  },
  {
    domain: 'income',
    title: 'Leistungslücke beim Wechsel vom AsylbLG ins SGB II',
    description:
      'Nach der Anerkennung endet die Leistung des Sozialamts, bevor der Antrag beim Jobcenter beschieden ist. Familien überbrücken zwei bis sechs Wochen ohne Geld für Miete und Lebensunterhalt.',
    organisations: ['Sozialamt Rhein-Sieg-Kreis', 'Jobcenter Rhein-Sieg'],
    cases: [1, 3],
    steps: [{ status: 'triaged', note: 'Für die nächste Sitzung der Lenkungsgruppe vorgesehen.' }],
    onAgendaOf: '4. Sitzung',
    goalAgreement: 'Nahtlose Übergänge nach der Anerkennung',
  },
  {
    domain: 'language',
    title: 'Integrationskurse mit Kinderbetreuung fehlen im rechtsrheinischen Kreisgebiet',
    description:
      'Mütter kleiner Kinder können Kurse nicht beginnen, weil es keine kursbegleitende Kinderbetreuung gibt; die nächsten Angebote sind mit dem Bus über eine Stunde entfernt.',
    organisations: ['Volkshochschule Rhein-Sieg'],
    cases: [5, 0],
    steps: [],
  },
  {
    domain: 'work',
    title: 'Anerkennung ausländischer Berufsabschlüsse dauert über sechs Monate',
    description:
      'Zwischen Antrag und Bescheid der Anerkennungsstelle vergehen mehr als sechs Monate. Pflegekräfte und Handwerker arbeiten in dieser Zeit als Hilfskräfte oder gar nicht.',
    organisations: ['Agentur für Arbeit Bonn', 'Jobcenter Rhein-Sieg'],
    cases: [3],
    steps: [
      { status: 'triaged', note: 'Landesweites Thema, aber lokale Beratung zur Antragstellung fehlt.' },
      { status: 'assigned', note: 'Zur Bearbeitung an die Unterarbeitsgruppe.', workingGroup: labourMarket },
      {
        status: 'measure_agreed',
        note: 'Monatliche Sammelberatung zur Anerkennung im Jobcenter, vorbereitet mit der Agentur für Arbeit.',
      },
    ],
  },
  {
    domain: 'health',
    title: 'Keine Sprachmittlung bei Facharztterminen',
    description:
      'Facharztpraxen lehnen Termine ohne Dolmetscher ab; die Kosten übernimmt niemand. Behandlungen werden verschoben.',
    organisations: [],
    cases: [2],
    steps: [
      {
        status: 'rejected',
        note: 'Zuständigkeit liegt beim Land; als Anliegen an den Kreis der Integrationsräte weitergegeben.',
      },
    ],
  },
]

export type ObstacleSeedContext = {
  districtId: string
  coordinatorId: string
  organisations: Map<string, string>
  bodies: Map<string, string>
  meetings: Map<string, string>
  /** Open demo cases with their case manager. */
  cases: { caseId: string; managerId: string }[]
}

/** Seeds the demo obstacles inside steering's seed transaction. */
export async function seedDemoObstacles(trx: Transaction<DB>, context: ObstacleSeedContext): Promise<void> {
  const { districtId, coordinatorId } = context
  const agreements = new Map(
    (await selectAgreements(trx, districtId)).map((agreement) => [agreement.title, agreement.id]),
  )
  for (const demo of demoObstacles) {
    const cases = demo.cases.flatMap((index) => context.cases[index] ?? [])
    const raiser = cases[0]?.managerId ?? coordinatorId
    const obstacleId = await insertObstacle(trx, {
      district_id: districtId,
      domain: demo.domain,
      title: demo.title,
      description: demo.description,
      raised_by: raiser,
    })
    await insertObstacleOrganisations(
      trx,
      demo.organisations.flatMap((name) => {
        const organisationId = context.organisations.get(name)
        return organisationId
          ? [{ district_id: districtId, obstacle_id: obstacleId, organisation_id: organisationId }]
          : []
      }),
    )
    for (const [index, kase] of cases.entries()) {
      await insertEvidence(trx, {
        district_id: districtId,
        obstacle_id: obstacleId,
        case_id: kase.caseId,
        raised: index === 0,
        added_by: kase.managerId,
      })
    }
    let from: ObstacleStatus | null = null
    let workingGroupId: string | null = null
    for (const step of [{ status: 'new' as const, note: '' }, ...demo.steps]) {
      const assignedTo =
        'workingGroup' in step && step.workingGroup ? (context.bodies.get(step.workingGroup) ?? null) : null
      if (assignedTo) workingGroupId = assignedTo
      await insertStatusChange(trx, {
        district_id: districtId,
        obstacle_id: obstacleId,
        from_status: from,
        to_status: step.status,
        working_group_id: assignedTo,
        note: step.note,
        changed_by: from === null ? raiser : coordinatorId,
      })
      from = step.status
    }
    if (from !== 'new')
      await updateObstacleStatus(trx, obstacleId, {
        status: from as ObstacleStatus,
        working_group_id: workingGroupId,
      })
    const agreementId = demo.goalAgreement ? agreements.get(demo.goalAgreement) : undefined
    if (agreementId) {
      await insertGoalLink(trx, {
        district_id: districtId,
        obstacle_id: obstacleId,
        agreement_id: agreementId,
        linked_by: coordinatorId,
      })
    }
    const meetingId = demo.onAgendaOf ? context.meetings.get(demo.onAgendaOf) : undefined
    if (meetingId) {
      await insertAgendaItem(trx, {
        district_id: districtId,
        meeting_id: meetingId,
        title: demo.title,
        description: demo.description,
        obstacle_id: obstacleId,
      })
    }
  }
}
