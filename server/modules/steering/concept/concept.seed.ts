import { randomUUID } from 'node:crypto'
import type { Transaction } from 'kysely'
import { type LifeDomain, lifeDomains } from '../../../../common/casework-values.ts'
import { addDays } from '../../../../common/dates.ts'
import type { DB } from '../../../db/schema.ts'
import {
  insertConsultation,
  insertInterfaces,
  insertSections,
  insertVersion,
  replaceGridCells,
} from './concept.queries.ts'

/**
 * Demo data of the integration concept for the Rhein-Sieg-Kreis: the concept of 2016 as the
 * adopted version 1 (short, as such concepts were), and the 2026 update as the draft version 2
 * with every domain section, the grid (Raster) and the interfaces (Schnittstellen) the steering
 * group works on; the circle of integration councils and migrant organisations was consulted on
 * it last week. Sections and interfaces of version 2 keep the keys of version 1 where they carry
 * it on, so the comparison shows what changed.
 */

const jobcenter = 'Jobcenter Rhein-Sieg'
const agentur = 'Agentur für Arbeit Bonn'
const abh = 'Ausländerbehörde Rhein-Sieg-Kreis'
const sozialamt = 'Sozialamt Rhein-Sieg-Kreis'
const ki = 'Kommunales Integrationszentrum Rhein-Sieg-Kreis'
const jugendamt = 'Jugendamt Rhein-Sieg-Kreis'
const caritas = 'Caritasverband Rhein-Sieg'
const diakonie = 'Diakonie An Sieg und Rhein'
const jmd = 'Jugendmigrationsdienst Rhein-Sieg'
const fluechtlingsberatung = 'Regionale Flüchtlingsberatung Rhein-Sieg'
const vhs = 'Volkshochschule Rhein-Sieg'
const integrationsratTroisdorf = 'Integrationsrat der Stadt Troisdorf'

const intro2016 =
  'Der Kreistag hat 2016 dieses Integrationskonzept beschlossen, um die Aufnahme der vielen geflüchteten Menschen kreisweit zu koordinieren.\nDas Konzept benennt die Handlungsfelder, in denen Kreis, Kommunen, Jobcenter und Wohlfahrtsverbände zusammenarbeiten, und die Stellen, die jeweils federführend sind.'

const sections2016: Partial<Record<LifeDomain, string>> = {
  residence:
    'Die Ausländerbehörde berät zu Aufenthaltstiteln und Duldungen; Fragen der Bleibeperspektive klären die Migrationsberatungsdienste.',
  language:
    'Integrationskurse vermitteln das Bundesamt und die Volkshochschule; ergänzende Sprachcafés tragen Ehrenamtliche.',
  work: 'Das Jobcenter und die Agentur für Arbeit beraten zu Arbeit und Ausbildung. Anerkennungsberatung bietet die IQ-Beratungsstelle.',
  housing:
    'Die Kommunen bringen Geflüchtete in Übergangswohnheimen unter; der Übergang in eigenen Wohnraum wird angestrebt.',
}

const intro2026 =
  'Mit dem Kommunalen Integrationsmanagement (KIM) schreibt der Rhein-Sieg-Kreis sein Integrationskonzept von 2016 fort. Aus der Notaufnahme von damals ist eine Regelstruktur geworden: Case Management für Menschen mit Einwanderungsgeschichte, eine Lenkungsgruppe aller Akteure und Unterarbeitsgruppen mit Praktikerinnen und Praktikern.\nDie Fortschreibung folgt den Handlungsfeldern des Case Managements, sodass Bedarfe aus den Fällen und Ziele der Steuerung zueinander passen. Das Raster benennt je Handlungsfeld, wer federführend ist und wer mitwirkt; das Schnittstellenregister hält fest, wo Übergänge zwischen den Stellen nicht gelingen und was vereinbart ist.'

const sections2026: Record<LifeDomain, string> = {
  residence:
    'Die Ausländerbehörde berät zu Aufenthaltstiteln und Duldungen; Fragen der Bleibeperspektive klären die Migrationsberatungsdienste.\nNeu: Das Case Management erinnert rechtzeitig an ablaufende Aufenthaltstitel und stimmt Termine mit der Ausländerbehörde ab, damit keine Fiktionsbescheinigung ohne Not nötig wird.',
  language:
    'Integrationskurse vermitteln das Bundesamt und die Volkshochschule; ergänzende Sprachcafés tragen Ehrenamtliche.\nBerufssprachkurse werden mit dem Jobcenter so geplant, dass sie an den Integrationskurs anschließen; Wartezeiten über drei Monate meldet das Case Management an die Lenkungsgruppe.',
  education:
    'Seiteneinsteigende Kinder und Jugendliche werden über das Kommunale Integrationszentrum den Schulen zugewiesen. Die Schulen melden freie Plätze in Sprachfördergruppen monatlich.',
  'vocational-training':
    'Der Jugendmigrationsdienst begleitet junge Menschen bis 27 Jahre beim Übergang in Ausbildung. Die Agentur für Arbeit bietet Berufsorientierung in den internationalen Förderklassen an.',
  work: 'Das Jobcenter und die Agentur für Arbeit beraten zu Arbeit und Ausbildung. Anerkennungsberatung bietet die IQ-Beratungsstelle.\nDie Unterarbeitsgruppe Arbeitsmarktintegration vereinbart feste Ansprechpersonen für Beschäftigungserlaubnisse und verfolgt die Antwortzeiten bei Vermittlungen.',
  income:
    'Leistungen nach dem AsylbLG bewilligt das Sozialamt, nach dem SGB II das Jobcenter. Beim Rechtskreiswechsel darf keine Lücke in der Leistung entstehen; das Verfahren ist im Schnittstellenregister beschrieben.',
  housing:
    'Die Kommunen bringen Geflüchtete in Übergangswohnheimen unter. Der Übergang in eigenen Wohnraum wird mit den Wohnungsbaugesellschaften und der Caritas-Wohnraumberatung unterstützt.',
  health:
    'Die Gesundheitsversorgung nach dem AsylbLG läuft über die elektronische Gesundheitskarte. Psychosoziale Beratung vermittelt die Diakonie; Wartezeiten werden gemeinsam beobachtet.',
  family:
    'Das Jugendamt und die Familienzentren beraten Familien; Kita-Plätze für neu zugewanderte Kinder werden über die Kommunen vermittelt.',
  participation:
    'Integrationsräte und Migrantenorganisationen werden vor jeder Fortschreibung beteiligt (Beschluss LG 2026/9). Ehrenamtliche Patenschaften werden über die Wohlfahrtsverbände koordiniert.',
  naturalisation:
    'Die Einbürgerungsbehörde informiert in den Kommunen über das neue Staatsangehörigkeitsrecht. Das Case Management verweist bei erfüllten Voraussetzungen auf die Einbürgerungsberatung.',
  other:
    'Weitere Themen, etwa Mobilität im ländlichen Raum, werden in der Lenkungsgruppe aufgerufen, wenn sie sich aus den Systemrückmeldungen ergeben.',
}

const steering2026 =
  'Die Lenkungsgruppe tagt viermal im Jahr und vereinbart Ziele mit Indikatoren. Strukturelle Hindernisse, die das Case Management in Fällen sieht, werden als Systemrückmeldung gesammelt und in die Unterarbeitsgruppen gegeben. Der Sozialausschuss wird jährlich unterrichtet.'

type DemoCell = [LifeDomain, string, 'responsible' | 'contributing']

const grid2016: DemoCell[] = [
  ['residence', abh, 'responsible'],
  ['language', vhs, 'responsible'],
  ['work', jobcenter, 'responsible'],
  ['work', agentur, 'contributing'],
  ['housing', sozialamt, 'responsible'],
  ['participation', caritas, 'contributing'],
]

const grid2026: DemoCell[] = [
  ['residence', abh, 'responsible'],
  ['residence', fluechtlingsberatung, 'contributing'],
  ['residence', ki, 'contributing'],
  ['language', vhs, 'responsible'],
  ['language', jobcenter, 'contributing'],
  ['language', ki, 'contributing'],
  ['education', ki, 'responsible'],
  ['education', jugendamt, 'contributing'],
  ['vocational-training', agentur, 'responsible'],
  ['vocational-training', jmd, 'contributing'],
  ['work', jobcenter, 'responsible'],
  ['work', agentur, 'responsible'],
  ['work', abh, 'contributing'],
  ['work', caritas, 'contributing'],
  ['income', jobcenter, 'responsible'],
  ['income', sozialamt, 'responsible'],
  ['housing', sozialamt, 'responsible'],
  ['housing', caritas, 'contributing'],
  ['health', sozialamt, 'responsible'],
  ['health', diakonie, 'contributing'],
  ['family', jugendamt, 'responsible'],
  ['family', diakonie, 'contributing'],
  ['participation', ki, 'responsible'],
  ['participation', integrationsratTroisdorf, 'contributing'],
  ['participation', caritas, 'contributing'],
  ['naturalisation', abh, 'responsible'],
  ['naturalisation', ki, 'contributing'],
]

type DemoInterface = {
  a: string
  b: string
  domain: LifeDomain | null
  process: string
  problem: string
  solution: string
  status: 'open' | 'in_progress' | 'solved'
}

/** Interfaces already named in 2016, as they stood then and as they stand now. */
const carriedInterfaces: { in2016: DemoInterface; now: DemoInterface }[] = [
  {
    in2016: {
      a: jobcenter,
      b: abh,
      domain: 'work',
      process: 'Beschäftigungserlaubnis bei Arbeitsaufnahme',
      problem:
        'Arbeitgeber warten wochenlang auf die Beschäftigungserlaubnis; Stellen werden anderweitig besetzt.',
      solution: '',
      status: 'open',
    },
    now: {
      a: jobcenter,
      b: abh,
      domain: 'work',
      process: 'Beschäftigungserlaubnis bei Arbeitsaufnahme',
      problem:
        'Arbeitgeber warten wochenlang auf die Beschäftigungserlaubnis; Stellen werden anderweitig besetzt.',
      solution:
        'Feste Ansprechperson in der Ausländerbehörde; das Jobcenter sendet den Antrag mit vollständigen Unterlagen per Funktionspostfach, Bearbeitung binnen zehn Arbeitstagen.',
      status: 'in_progress',
    },
  },
  {
    in2016: {
      a: sozialamt,
      b: jobcenter,
      domain: 'income',
      process: 'Rechtskreiswechsel vom AsylbLG ins SGB II',
      problem:
        'Nach der Anerkennung entsteht eine Lücke in der Leistung, weil der Antrag beim Jobcenter zu spät gestellt wird.',
      solution: '',
      status: 'open',
    },
    now: {
      a: sozialamt,
      b: jobcenter,
      domain: 'income',
      process: 'Rechtskreiswechsel vom AsylbLG ins SGB II',
      problem:
        'Nach der Anerkennung entsteht eine Lücke in der Leistung, weil der Antrag beim Jobcenter zu spät gestellt wird.',
      solution:
        'Das Sozialamt meldet die Anerkennung am Tag des Bescheids; das Case Management begleitet den Erstantrag, das Jobcenter bietet binnen 30 Tagen einen Ersttermin an. Leistungen laufen bis zur Bewilligung weiter.',
      status: 'solved',
    },
  },
]

const newInterfaces: DemoInterface[] = [
  {
    a: jobcenter,
    b: agentur,
    domain: 'vocational-training',
    process: 'Übergang U25 in Ausbildung',
    problem: 'Junge Menschen werden zwischen Berufsberatung und Jobcenter hin- und herverwiesen.',
    solution: 'Gemeinsame Fallbesprechungen in der Jugendberufsagentur, eine federführende Stelle je Fall.',
    status: 'in_progress',
  },
  {
    a: abh,
    b: ki,
    domain: 'residence',
    process: 'Termine bei ablaufenden Aufenthaltstiteln',
    problem:
      'Termine zur Verlängerung sind erst nach Ablauf des Titels frei; Arbeitgeber verlangen einen gültigen Nachweis.',
    solution: '',
    status: 'open',
  },
  {
    a: sozialamt,
    b: jugendamt,
    domain: 'family',
    process: 'Unterbringung von Familien mit Kleinkindern',
    problem:
      'Familien mit Kleinkindern werden in Gemeinschaftsunterkünften ohne Rückzugsraum untergebracht; die Frühen Hilfen erfahren davon spät.',
    solution:
      'Das Sozialamt informiert die Frühen Hilfen bei Zuweisung einer Familie mit Kindern unter drei Jahren.',
    status: 'solved',
  },
  {
    a: vhs,
    b: jobcenter,
    domain: 'language',
    process: 'Anschluss Berufssprachkurs nach dem Integrationskurs',
    problem:
      'Zwischen Integrationskurs und Berufssprachkurs liegen oft mehr als drei Monate ohne Sprachförderung.',
    solution: '',
    status: 'open',
  },
  {
    a: diakonie,
    b: sozialamt,
    domain: 'health',
    process: 'Psychotherapie für Geflüchtete im AsylbLG',
    problem:
      'Anträge auf Kostenübernahme für Dolmetschende in der Psychotherapie bleiben lange unbeschieden.',
    solution: 'Pauschale Kostenzusage für die ersten fünf Sitzungen, danach Einzelfallprüfung.',
    status: 'in_progress',
  },
]

export type ConceptSeedIds = {
  districtId: string
  organisations: Map<string, string>
  bodies: Map<string, string>
  coordinatorId: string
  today: string
  councilsCircle: string
}

/** Seeds the concept's two versions inside steering's seeding transaction. */
export async function seedDemoConcept(trx: Transaction<DB>, ids: ConceptSeedIds) {
  const { districtId } = ids
  const organisation = (name: string) => ids.organisations.get(name)
  const sectionKeys = new Map<string, string>([
    ['intro', randomUUID()],
    ...lifeDomains.map((domain) => [domain, randomUUID()] as [string, string]),
  ])
  const interfaceKeys = carriedInterfaces.map(() => randomUUID())

  const first = await insertVersion(trx, {
    district_id: districtId,
    number: 1,
    title: 'Integrationskonzept des Rhein-Sieg-Kreises',
    status: 'adopted',
    based_on_id: null,
    created_by: ids.coordinatorId,
    adopted_on: '2016-12-15',
    adopted_reference: 'Kreistag, Drucksache 2016/0421',
    adopted_by: ids.coordinatorId,
    created_at: '2016-11-02T09:00:00Z',
  })
  const second = await insertVersion(trx, {
    district_id: districtId,
    number: 2,
    title: 'Integrationskonzept des Rhein-Sieg-Kreises – Fortschreibung 2026',
    status: 'draft',
    based_on_id: first,
    created_by: ids.coordinatorId,
  })

  const sectionsOf = (
    versionId: string,
    intro: string,
    bodies: Partial<Record<LifeDomain, string>>,
    extra: { title: string; body: string }[],
  ) => [
    {
      district_id: districtId,
      version_id: versionId,
      section_key: sectionKeys.get('intro') as string,
      position: 1,
      kind: 'intro',
      domain: null,
      title: 'Einleitung',
      body: intro,
    },
    ...lifeDomains.map((domain, index) => ({
      district_id: districtId,
      version_id: versionId,
      section_key: sectionKeys.get(domain) as string,
      position: index + 2,
      kind: 'domain',
      domain,
      title: '',
      body: bodies[domain] ?? '',
    })),
    ...extra.map((section, index) => ({
      district_id: districtId,
      version_id: versionId,
      position: lifeDomains.length + 2 + index,
      kind: 'other',
      domain: null,
      ...section,
    })),
  ]
  await insertSections(trx, sectionsOf(first, intro2016, sections2016, []))
  await insertSections(
    trx,
    sectionsOf(second, intro2026, sections2026, [{ title: 'Steuerung und Beteiligung', body: steering2026 }]),
  )

  const cellsOf = (cells: DemoCell[]) =>
    cells.flatMap(([domain, name, role]) => {
      const organisationId = organisation(name)
      return organisationId ? [{ domain, organisation_id: organisationId, role }] : []
    })
  await replaceGridCells(trx, districtId, first, cellsOf(grid2016))
  await replaceGridCells(trx, districtId, second, cellsOf(grid2026))

  const interfaceRows = (versionId: string, entries: { entry: DemoInterface; key?: string }[]) =>
    entries.flatMap(({ entry, key }, index) => {
      const a = organisation(entry.a)
      const b = organisation(entry.b)
      if (!a || !b) return []
      return [
        {
          district_id: districtId,
          version_id: versionId,
          ...(key ? { interface_key: key } : {}),
          position: index + 1,
          organisation_a_id: a,
          organisation_b_id: b,
          domain: entry.domain,
          process: entry.process,
          problem: entry.problem,
          solution: entry.solution,
          status: entry.status,
        },
      ]
    })
  await insertInterfaces(
    trx,
    interfaceRows(
      first,
      carriedInterfaces.map(({ in2016 }, index) => ({ entry: in2016, key: interfaceKeys[index] })),
    ),
  )
  await insertInterfaces(
    trx,
    interfaceRows(second, [
      ...carriedInterfaces.map(({ now }, index) => ({ entry: now, key: interfaceKeys[index] })),
      ...newInterfaces.map((entry) => ({ entry })),
    ]),
  )

  const circle = ids.bodies.get(ids.councilsCircle)
  if (circle) {
    await insertConsultation(trx, {
      district_id: districtId,
      version_id: second,
      body_id: circle,
      held_on: addDays(ids.today, -7),
      feedback:
        'Der Arbeitskreis begrüßt die Fortschreibung und bittet, Migrantenorganisationen im Raster beim Handlungsfeld Soziale Teilhabe als mitwirkend aufzunehmen. Die Wartezeit zwischen Integrations- und Berufssprachkurs wird als dringend beschrieben; der Arbeitskreis bietet an, Sprachmittlung für Elternabende zu organisieren.',
      created_by: ids.coordinatorId,
    })
  }
}
