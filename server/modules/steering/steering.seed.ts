import { createHash } from 'node:crypto'
import ExcelJS from 'exceljs'
import type { Kysely, Transaction } from 'kysely'
import { addDays, instantOfLocalTime, localDay } from '../../../common/dates.ts'
import type { AttendanceStatus, BodyKind, MembershipRole } from '../../../common/steering.ts'
import type { DB } from '../../db/schema.ts'
import { districtTimeZone } from '../../platform/district-time.ts'
import { createActionItemTask, demoCasesForNetwork } from '../casework/index.ts'
import { districtMunicipalities } from '../districts/index.ts'
import { activeUsersWithRole, districtOrganisations } from '../identity/index.ts'
import { insertBody, insertMembership, selectBodies, selectSeats } from './bodies/body.queries.ts'
import { seedDemoConcept } from './concept/concept.seed.ts'
import { insertAgendaDocument } from './documents/agenda-document.queries.ts'
import { seedDemoGoalAgreements } from './goals/goals.seed.ts'
import {
  insertActionItem,
  insertAgendaItem,
  insertAmendment,
  insertDecision,
  insertMeeting,
  setRecordedMinutes,
  upsertAttendance,
} from './meetings/meeting.queries.ts'
import { actionItemSourceKey } from './meetings/meeting.service.ts'
import { seedDemoObstacles } from './obstacles/obstacle.seed.ts'

/**
 * Demo data of steering for the Rhein-Sieg-Kreis, as the committee minutes describe it: the
 * steering group (Lenkungsgruppe) with the heads of Jobcenter and Agentur für Arbeit, the welfare
 * associations, Sozialamt, Ausländerbehörde, youth and school, and five named representatives of
 * the municipalities, a few seats still unfilled; its last meeting, in which the goal agreements
 * were agreed (the decisions, and the agreements with their indicators in goals/goals.seed.ts); two working groups with
 * practitioners; and the circle of integration councils and migrant organisations, which was
 * informed about the concept last week; the integration concept itself comes from
 * concept/concept.seed.ts. People are invented.
 */

type DemoSeat = { label: string; kind: string | null; holder?: DemoMember }
type DemoMember = { organisation?: string; representative: string; deputy?: string; role?: MembershipRole }

const steeringSeats: DemoSeat[] = [
  {
    label: 'Vorsitz: Kommunales Integrationszentrum',
    kind: 'kommunales_integrationszentrum',
    holder: {
      organisation: 'Kommunales Integrationszentrum Rhein-Sieg-Kreis',
      representative: 'Birgit Dinslaken',
      deputy: 'Jonas Wagner',
      role: 'chair',
    },
  },
  {
    label: 'Geschäftsführung Jobcenter',
    kind: 'jobcenter',
    holder: {
      organisation: 'Jobcenter Rhein-Sieg',
      representative: 'Dr. Ralf Overbeck',
      deputy: 'Murat Demir',
    },
  },
  {
    label: 'Geschäftsführung Agentur für Arbeit',
    kind: 'agentur_fuer_arbeit',
    holder: {
      organisation: 'Agentur für Arbeit Bonn',
      representative: 'Ulrike Sander',
      deputy: 'Tobias Brandt',
    },
  },
  {
    label: 'Wohlfahrtsverband: Caritas',
    kind: 'wohlfahrtsverband',
    holder: { organisation: 'Caritasverband Rhein-Sieg', representative: 'Michael Schäfer' },
  },
  {
    label: 'Wohlfahrtsverband: Diakonie',
    kind: 'wohlfahrtsverband',
    holder: { organisation: 'Diakonie An Sieg und Rhein', representative: 'Katrin Vogel' },
  },
  {
    label: 'Wohlfahrtsverband: AWO',
    kind: 'wohlfahrtsverband',
    holder: { organisation: 'AWO Kreisverband Rhein-Sieg', representative: 'Hakan Aydın' },
  },
  {
    label: 'Wohlfahrtsverband: DRK',
    kind: 'wohlfahrtsverband',
    holder: { organisation: 'DRK-Kreisverband Rhein-Sieg', representative: 'Sandra Klein' },
  },
  { label: 'Wohlfahrtsverband: Der Paritätische', kind: 'wohlfahrtsverband' },
  {
    label: 'Sozialamt',
    kind: 'sozialamt',
    holder: {
      organisation: 'Sozialamt Rhein-Sieg-Kreis',
      representative: 'Werner Pohl',
      deputy: 'Anja Roth',
    },
  },
  {
    label: 'Ausländerbehörde',
    kind: 'auslaenderbehoerde',
    holder: { organisation: 'Ausländerbehörde Rhein-Sieg-Kreis', representative: 'Stefan Lehmann' },
  },
  {
    label: 'Jugendbereich',
    kind: 'jugendamt',
    holder: { organisation: 'Jugendamt Rhein-Sieg-Kreis', representative: 'Nicole Franke' },
  },
  { label: 'Schulbereich', kind: 'schulamt' },
  {
    label: 'Kommune 1',
    kind: 'kommune',
    holder: { organisation: 'Stadt Troisdorf', representative: 'Bürgermeister Frank Heuser' },
  },
  {
    label: 'Kommune 2',
    kind: 'kommune',
    holder: { organisation: 'Stadt Sankt Augustin', representative: 'Beigeordnete Elke Möller' },
  },
  {
    label: 'Kommune 3',
    kind: 'kommune',
    holder: { organisation: 'Kreisstadt Siegburg', representative: 'Fachbereichsleiter Jan Kowalski' },
  },
  { label: 'Kommune 4', kind: 'kommune' },
  { label: 'Kommune 5', kind: 'kommune' },
]

type DemoBody = {
  kind: BodyKind
  name: string
  topic?: string
  mandate?: string
  startsOn?: string
  endsOn?: string
  parent?: string
  seats?: DemoSeat[]
  members?: DemoMember[]
}

const steeringGroup = 'Lenkungsgruppe KIM Rhein-Sieg-Kreis'
const councilsCircle = 'Arbeitskreis der Integrationsräte und Migrantenorganisationen'

const bodies: DemoBody[] = [
  {
    kind: 'steering_group',
    name: steeringGroup,
    topic: 'Strategische Steuerung des Kommunalen Integrationsmanagements',
    mandate:
      'Bringt alle Akteure der Integrationsarbeit an einen Tisch, vereinbart Ziele, vermeidet Dopplungsstrukturen und begleitet die Fortschreibung des Integrationskonzepts von 2016.',
    startsOn: '2026-01-15',
    seats: steeringSeats,
  },
  {
    kind: 'working_group',
    name: 'Unterarbeitsgruppe Arbeitsmarktintegration',
    topic: 'Übergänge in Ausbildung und Arbeit, Anerkennung von Abschlüssen',
    mandate:
      'Füllt das Raster des Konzepts für das Handlungsfeld Arbeit mit Praktikerinnen und Praktikern und klärt die Schnittstellen zwischen Jobcenter, Agentur für Arbeit und Beratungsdiensten.',
    startsOn: '2026-07-01',
    endsOn: '2027-06-30',
    parent: steeringGroup,
    members: [
      { organisation: 'Jobcenter Rhein-Sieg', representative: 'Sabine Krüger', role: 'chair' },
      { organisation: 'Agentur für Arbeit Bonn', representative: 'Tobias Brandt' },
      { organisation: 'Volkshochschule Rhein-Sieg', representative: 'Petra Wolff' },
      { organisation: 'Caritasverband Rhein-Sieg', representative: 'Lena Hartmann' },
    ],
  },
  {
    kind: 'working_group',
    name: 'Unterarbeitsgruppe Rechtskreiswechsel',
    topic: 'Nahtlose Übergänge vom AsylbLG ins SGB II',
    mandate:
      'Beschreibt den Übergang nach der Anerkennung Schritt für Schritt, damit keine Leistungslücke entsteht, und schlägt der Lenkungsgruppe Vereinbarungen zwischen Sozialamt, Ausländerbehörde und Jobcenter vor.',
    startsOn: '2026-07-01',
    endsOn: '2027-06-30',
    parent: steeringGroup,
    members: [
      { organisation: 'Sozialamt Rhein-Sieg-Kreis', representative: 'Anja Roth', role: 'chair' },
      { organisation: 'Ausländerbehörde Rhein-Sieg-Kreis', representative: 'Stefan Lehmann' },
      { organisation: 'Jobcenter Rhein-Sieg', representative: 'Murat Demir' },
      { organisation: 'Regionale Flüchtlingsberatung Rhein-Sieg', representative: 'Yasmin Haddad' },
    ],
  },
  {
    kind: 'councils_circle',
    name: councilsCircle,
    topic: 'Beteiligung der Integrationsräte und Migrantenorganisationen',
    mandate: 'Wird über den Stand des KIM-Konzepts unterrichtet und bringt die Sicht der Communities ein.',
    startsOn: '2026-01-15',
    members: [
      { organisation: 'Integrationsrat der Stadt Troisdorf', representative: 'Gülay Arslan', role: 'chair' },
      { organisation: 'Integrationsrat der Stadt Sankt Augustin', representative: 'Dimitrios Papadakis' },
      { organisation: 'Ukrainischer Verein Rhein-Sieg e. V.', representative: 'Olena Kovalenko' },
      { organisation: 'Syrisch-Deutscher Kulturverein Troisdorf e. V.', representative: 'Ahmad Al-Khatib' },
      {
        organisation: 'Kommunales Integrationszentrum Rhein-Sieg-Kreis',
        representative: 'Jonas Wagner',
        role: 'guest',
      },
    ],
  },
  {
    kind: 'committee',
    name: 'Sozialausschuss des Rhein-Sieg-Kreises',
    topic: 'Wird regelmäßig über KIM unterrichtet (Verwaltungsvorlage, Sachstandsbericht)',
    startsOn: '2026-01-01',
  },
]

type DemoMeeting = {
  body: string
  title: string
  /** Days from the seeding day, so the demo always has a recent and a coming meeting. */
  inDays: number
  start: string
  end: string
  place: string
  videoUrl?: string
  approved: boolean
  agenda: {
    title: string
    description?: string
    /** A paper for the item (Vorlage), made as a spreadsheet when seeding. */
    sheet?: { fileName: string; rows: (string | number)[][] }
    decisions?: { number: string; text: string; votes?: [number, number, number] }[]
  }[]
  minutes: string
  attendance: Partial<Record<string, AttendanceStatus>>
  actionItems?: { title: string; dueInDays: number }[]
  amendment?: string
}

/** The decision that agreed the goal agreements (goals/goals.seed.ts). */
const goalAgreementDecision = 'LG 2026/7'

const meetings: DemoMeeting[] = [
  // The first two sittings lie months back, so an evaluation of any two months of the past year
  // (the minutes' first one covers March to April) finds steering activity in the demo.
  {
    body: steeringGroup,
    title: '1. Sitzung: Konstituierung',
    inDays: -268,
    start: '10:00',
    end: '12:00',
    place: 'Kreishaus Siegburg, Kaiser-Wilhelm-Platz 1, Sitzungssaal 2',
    approved: true,
    agenda: [
      { title: 'Begrüßung und Vorstellung der Mitglieder' },
      {
        title: 'Geschäftsordnung der Lenkungsgruppe',
        decisions: [
          {
            number: 'LG 2026/1',
            text: 'Die Lenkungsgruppe gibt sich die vorgelegte Geschäftsordnung. Den Vorsitz führt die Sozialdezernentin des Kreises.',
            votes: [11, 0, 0],
          },
        ],
      },
      {
        title: 'Auftrag aus dem Sozialausschuss',
        decisions: [
          {
            number: 'LG 2026/2',
            text: 'Die Koordination legt bis zur 2. Sitzung eine Bestandsaufnahme der Angebote und der Schnittstellen zwischen den Akteuren vor.',
            votes: [11, 0, 0],
          },
          {
            number: 'LG 2026/3',
            text: 'Die Lenkungsgruppe tagt mindestens viermal im Jahr.',
            votes: [10, 0, 1],
          },
        ],
      },
    ],
    minutes:
      'Frau Dinslaken eröffnet die konstituierende Sitzung und stellt die Beschlussfähigkeit fest.\nDie Koordination erläutert den Auftrag des Sozialausschusses und das Landesprogramm KIM.',
    attendance: {
      'Birgit Dinslaken': 'present',
      'Dr. Ralf Overbeck': 'present',
      'Ulrike Sander': 'present',
      'Michael Schäfer': 'present',
      'Katrin Vogel': 'present',
      'Hakan Aydın': 'present',
      'Sandra Klein': 'excused',
      'Werner Pohl': 'present',
      'Stefan Lehmann': 'present',
      'Nicole Franke': 'present',
      'Bürgermeister Frank Heuser (Troisdorf)': 'present',
      'Beigeordnete Elke Möller (Sankt Augustin)': 'excused',
      'Fachbereichsleiter Jan Kowalski (Siegburg)': 'present',
    },
  },
  {
    body: steeringGroup,
    title: '2. Sitzung: Bestandsaufnahme',
    inDays: -146,
    start: '10:00',
    end: '12:30',
    place: 'Kreishaus Siegburg, Kaiser-Wilhelm-Platz 1, Sitzungssaal 2',
    approved: true,
    agenda: [
      { title: 'Genehmigung der Niederschrift der 1. Sitzung' },
      {
        title: 'Bestandsaufnahme der Angebote und Schnittstellen',
        description: 'Angebotslandkarte und mögliche Dopplungsstrukturen.',
        decisions: [
          {
            number: 'LG 2026/4',
            text: 'Die Lenkungsgruppe nimmt die Bestandsaufnahme zur Kenntnis. Doppelte Angebote der Erstberatung werden in den Kommunen abgestimmt.',
            votes: [12, 0, 0],
          },
          {
            number: 'LG 2026/5',
            text: 'Die Koordination erarbeitet mit allen Akteuren Entwürfe für Zielvereinbarungen.',
            votes: [12, 0, 0],
          },
        ],
      },
      {
        title: 'Berichterstattung an den Sozialausschuss',
        decisions: [
          {
            number: 'LG 2026/6',
            text: 'Dem Sozialausschuss wird ein Sachstandsbericht mit der ersten Auswertung der Beratungszahlen vorgelegt.',
            votes: [12, 0, 0],
          },
        ],
      },
    ],
    minutes:
      'Die Niederschrift der 1. Sitzung wird ohne Änderungen genehmigt.\nDie Koordination stellt die Angebotslandkarte vor; die Wohlfahrtsverbände und die Kommunen ergänzen fehlende Angebote.',
    attendance: {
      'Birgit Dinslaken': 'present',
      'Dr. Ralf Overbeck': 'present',
      'Ulrike Sander': 'excused',
      'Michael Schäfer': 'present',
      'Katrin Vogel': 'present',
      'Hakan Aydın': 'present',
      'Sandra Klein': 'present',
      'Werner Pohl': 'present',
      'Stefan Lehmann': 'absent',
      'Nicole Franke': 'present',
      'Bürgermeister Frank Heuser (Troisdorf)': 'present',
      'Beigeordnete Elke Möller (Sankt Augustin)': 'present',
      'Fachbereichsleiter Jan Kowalski (Siegburg)': 'present',
    },
  },
  {
    body: steeringGroup,
    title: '3. Sitzung: Zielvereinbarungen',
    inDays: -24,
    start: '10:00',
    end: '12:30',
    place: 'Kreishaus Siegburg, Kaiser-Wilhelm-Platz 1, Sitzungssaal 2',
    approved: true,
    agenda: [
      { title: 'Begrüßung und Genehmigung der Niederschrift der 2. Sitzung' },
      {
        title: 'Zielvereinbarungen KIM 2026/2027',
        description: 'Entwurf der Koordination nach den Gesprächen mit allen Akteuren.',
        decisions: [
          {
            number: 'LG 2026/7',
            text: 'Die Lenkungsgruppe beschließt die Zielvereinbarungen KIM 2026/2027 in der vorgelegten Fassung. Die Koordination berichtet in jeder Sitzung über den Stand der Indikatoren.',
            votes: [12, 0, 1],
          },
        ],
      },
      {
        title: 'Unterarbeitsgruppen',
        decisions: [
          {
            number: 'LG 2026/8',
            text: 'Es werden die Unterarbeitsgruppen „Arbeitsmarktintegration“ und „Rechtskreiswechsel“ mit Praktikerinnen und Praktikern eingerichtet; sie berichten der Lenkungsgruppe.',
            votes: [13, 0, 0],
          },
        ],
      },
      {
        title: 'Beteiligung der Integrationsräte und Migrantenorganisationen',
        decisions: [
          {
            number: 'LG 2026/9',
            text: 'Der Arbeitskreis der Integrationsräte und Migrantenorganisationen wird vor jeder Fortschreibung des Konzepts unterrichtet und um Rückmeldung gebeten.',
          },
        ],
      },
    ],
    minutes:
      'Frau Dinslaken begrüßt die Mitglieder und stellt die Beschlussfähigkeit fest.\nDie Koordination stellt den Entwurf der Zielvereinbarungen vor; Jobcenter und Agentur für Arbeit regen an, die Antwortzeiten bei Vermittlungen als Indikator aufzunehmen.\nDie Kommunen betonen, Dopplungsstrukturen zur bestehenden Integrationsarbeit zu vermeiden.',
    attendance: {
      'Birgit Dinslaken': 'present',
      'Dr. Ralf Overbeck': 'present',
      'Ulrike Sander': 'present',
      'Michael Schäfer': 'present',
      'Katrin Vogel': 'excused',
      'Hakan Aydın': 'present',
      'Sandra Klein': 'present',
      'Werner Pohl': 'present',
      'Stefan Lehmann': 'present',
      'Nicole Franke': 'absent',
      'Bürgermeister Frank Heuser (Troisdorf)': 'present',
      'Beigeordnete Elke Möller (Sankt Augustin)': 'present',
      'Fachbereichsleiter Jan Kowalski (Siegburg)': 'excused',
    },
    actionItems: [
      { title: 'Beschlossene Zielvereinbarungen an alle Mitglieder versenden', dueInDays: -17 },
      { title: 'Konstituierende Sitzungen der Unterarbeitsgruppen einladen', dueInDays: 10 },
    ],
    amendment:
      'Berichtigung zu TOP 2: Die Enthaltung kam von der Vertretung des Jugendbereichs, die nachträglich zugeschaltet war.',
  },
  {
    body: councilsCircle,
    title: 'Sitzung: Stand des KIM-Konzepts',
    inDays: -7,
    start: '17:30',
    end: '19:00',
    place: 'Rathaus Troisdorf, Kölner Straße 176',
    approved: false,
    agenda: [
      {
        title: 'Bericht der Koordination zum Stand des Konzepts (Raster und Schnittstellen)',
        decisions: [
          {
            number: 'AK 2026/2',
            text: 'Der Arbeitskreis nimmt den Bericht zur Kenntnis und benennt zwei Mitglieder für die Unterarbeitsgruppen.',
          },
        ],
      },
    ],
    minutes:
      'Die Koordination berichtet über das grobe Raster und die Schnittstellen des Konzepts. Der Arbeitskreis begrüßt die Beteiligung.',
    attendance: {
      'Gülay Arslan': 'present',
      'Dimitrios Papadakis': 'present',
      'Olena Kovalenko': 'present',
      'Ahmad Al-Khatib': 'excused',
      'Jonas Wagner': 'present',
    },
  },
  {
    body: steeringGroup,
    title: '4. Sitzung',
    inDays: 21,
    start: '10:00',
    end: '12:00',
    place: 'Kreishaus Siegburg, Sitzungssaal 2',
    videoUrl: 'https://video.rhein-sieg-kreis.example/lenkungsgruppe',
    approved: false,
    agenda: [
      {
        title: 'Stand der Indikatoren der Zielvereinbarungen',
        sheet: {
          fileName: 'Indikatoren Zielvereinbarungen KIM.xlsx',
          rows: [
            ['Indikator', 'Einheit', 'Ausgangswert', 'Zielwert', 'Aktuell'],
            ['Beratungskontakte je Monat (Kreis)', 'Kontakte', 310, 400, 352],
            ['Überleitungen an das Jobcenter binnen 14 Tagen beantwortet', '%', 48, 80, 61],
            ['Tage vom Erstkontakt bis zum Förderplan (Median)', 'Tage', 42, 28, 35],
          ],
        },
      },
      { title: 'Berichte der Unterarbeitsgruppen' },
    ],
    minutes: '',
    attendance: {},
  },
  {
    body: 'Unterarbeitsgruppe Rechtskreiswechsel',
    title: '2. Sitzung: Übergabe Sozialamt – Jobcenter',
    inDays: 9,
    start: '14:00',
    end: '15:30',
    place: '',
    videoUrl: 'https://video.rhein-sieg-kreis.example/uag-rechtskreiswechsel',
    approved: false,
    agenda: [
      { title: 'Fälle des letzten Quartals: wo die Übergabe stockte' },
      { title: 'Entwurf einer Übergabecheckliste' },
    ],
    minutes: '',
    attendance: {},
  },
  {
    body: 'Unterarbeitsgruppe Arbeitsmarktintegration',
    title: '2. Sitzung: Sprachkurse und Arbeitsgelegenheiten',
    inDays: 14,
    start: '09:30',
    end: '11:00',
    place: 'Jobcenter Rhein-Sieg, Siegburg, Raum 104',
    approved: false,
    agenda: [{ title: 'Wartezeiten auf Berufssprachkurse' }, { title: 'Verschiedenes' }],
    minutes: '',
    attendance: {},
  },
]

/** A spreadsheet as a body's paper: what a coordinator would attach to an agenda item. */
async function spreadsheet(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Indikatoren')
  for (const row of rows) sheet.addRow(row)
  sheet.getRow(1).font = { bold: true }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

async function seedBody(
  trx: Transaction<DB>,
  districtId: string,
  body: DemoBody,
  ids: { organisations: Map<string, string>; bodies: Map<string, string>; coordinatorId: string },
) {
  const bodyId = await insertBody(
    trx,
    {
      district_id: districtId,
      kind: body.kind,
      name: body.name,
      topic: body.topic ?? '',
      mandate: body.mandate ?? '',
      starts_on: body.startsOn ?? null,
      ends_on: body.endsOn ?? null,
      parent_body_id: body.parent ? (ids.bodies.get(body.parent) ?? null) : null,
      quorum: null,
      created_by: ids.coordinatorId,
    },
    (body.seats ?? []).map((seat) => ({ label: seat.label, organisation_kind: seat.kind })),
  )
  ids.bodies.set(body.name, bodyId)
  const seats = await selectSeats(trx, bodyId)
  const members: { seatId: string | null; member: DemoMember }[] = [
    ...(body.seats ?? []).flatMap((seat, index) =>
      seat.holder ? [{ seatId: seats[index]?.id ?? null, member: seat.holder }] : [],
    ),
    ...(body.members ?? []).map((member) => ({ seatId: null, member })),
  ]
  const membershipIds = new Map<string, string>()
  for (const { seatId, member } of members) {
    const id = await insertMembership(trx, {
      district_id: districtId,
      body_id: bodyId,
      seat_id: seatId,
      organisation_id: member.organisation ? (ids.organisations.get(member.organisation) ?? null) : null,
      representative: member.representative,
      deputy: member.deputy ?? '',
      role: member.role ?? 'member',
      from_on: body.startsOn ?? '2026-01-01',
      until_on: null,
    })
    membershipIds.set(member.representative, id)
  }
  return membershipIds
}

/** Seeds steering's demo data once; answers how many bodies were made. */
export async function seedDemoSteering(
  db: Kysely<DB>,
  districtId: string,
  now = new Date(),
): Promise<number> {
  if ((await selectBodies(db, districtId, '1990-01-01')).length > 0) return 0
  const [organisations, coordinators, timeZone, municipalities, demoCases] = await Promise.all([
    districtOrganisations(db, districtId),
    activeUsersWithRole(db, districtId, 'coordinator'),
    districtTimeZone(db, districtId),
    districtMunicipalities(db, districtId),
    demoCasesForNetwork(db, districtId, 8),
  ])
  const coordinator = coordinators[0]
  if (!coordinator) return 0
  const today = localDay(now, timeZone)
  const ids = {
    organisations: new Map(organisations.map((organisation) => [organisation.name, organisation.id])),
    bodies: new Map<string, string>(),
    coordinatorId: coordinator.id,
  }
  return db.transaction().execute(async (trx) => {
    const memberships = new Map<string, Map<string, string>>()
    let goalDecisionId: string | null = null
    for (const body of bodies) memberships.set(body.name, await seedBody(trx, districtId, body, ids))
    const meetingIds = new Map<string, string>()
    for (const meeting of meetings) {
      const bodyId = ids.bodies.get(meeting.body) as string
      const day = addDays(today, meeting.inDays)
      const meetingId = await insertMeeting(trx, {
        district_id: districtId,
        body_id: bodyId,
        title: meeting.title,
        starts_at: instantOfLocalTime(day, meeting.start, timeZone),
        ends_at: instantOfLocalTime(day, meeting.end, timeZone),
        place: meeting.place,
        video_url: meeting.videoUrl ?? '',
        created_by: coordinator.id,
      })
      meetingIds.set(meeting.title, meetingId)
      for (const item of meeting.agenda) {
        const agendaItemId = await insertAgendaItem(trx, {
          district_id: districtId,
          meeting_id: meetingId,
          title: item.title,
          description: item.description ?? '',
        })
        if (item.sheet) {
          const content = await spreadsheet(item.sheet.rows)
          await insertAgendaDocument(
            trx,
            {
              district_id: districtId,
              agenda_item_id: agendaItemId,
              file_name: item.sheet.fileName,
              media_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
              size_bytes: content.length,
              sha256: createHash('sha256').update(content).digest('hex'),
              uploaded_by: coordinator.id,
            },
            content,
          )
        }
        for (const decision of item.decisions ?? []) {
          const decisionId = await insertDecision(trx, {
            district_id: districtId,
            body_id: bodyId,
            meeting_id: meetingId,
            agenda_item_id: agendaItemId,
            number: decision.number,
            text: decision.text,
            votes_for: decision.votes?.[0] ?? null,
            votes_against: decision.votes?.[1] ?? null,
            abstentions: decision.votes?.[2] ?? null,
            created_by: coordinator.id,
          })
          if (decision.number === goalAgreementDecision) goalDecisionId = decisionId
        }
      }
      const members = memberships.get(meeting.body) ?? new Map()
      const attendance = Object.entries(meeting.attendance).flatMap(([name, status]) => {
        const membershipId = members.get(name)
        return membershipId && status
          ? [{ district_id: districtId, meeting_id: meetingId, membership_id: membershipId, status }]
          : []
      })
      if (attendance.length > 0) await upsertAttendance(trx, attendance)
      for (const item of meeting.actionItems ?? []) {
        const dueOn = addDays(today, item.dueInDays)
        const itemId = await insertActionItem(trx, {
          district_id: districtId,
          meeting_id: meetingId,
          decision_id: null,
          title: item.title,
          owner_id: coordinator.id,
          organisation_id: ids.organisations.get('Kommunales Integrationszentrum Rhein-Sieg-Kreis') ?? null,
          due_on: dueOn,
          created_by: coordinator.id,
        })
        await createActionItemTask(trx, {
          districtId,
          title: `${meeting.body}: ${item.title}`,
          dueOn,
          assigneeId: coordinator.id,
          createdBy: coordinator.id,
          sourceKey: actionItemSourceKey(itemId),
        })
      }
      await setRecordedMinutes(trx, meetingId, {
        minutes: meeting.minutes,
        approvedAt: meeting.approved ? instantOfLocalTime(addDays(day, 7), '09:00', timeZone) : null,
        approvedBy: meeting.approved ? coordinator.id : null,
      })
      if (meeting.amendment) {
        await insertAmendment(trx, {
          district_id: districtId,
          meeting_id: meetingId,
          text: meeting.amendment,
          created_by: coordinator.id,
        })
      }
    }
    await seedDemoGoalAgreements(trx, {
      districtId,
      today,
      coordinatorId: coordinator.id,
      decisionId: goalDecisionId,
      organisations: ids.organisations,
      municipalities: new Map(municipalities.map((municipality) => [municipality.name, municipality.id])),
    })
    await seedDemoConcept(trx, {
      districtId,
      organisations: ids.organisations,
      bodies: ids.bodies,
      coordinatorId: coordinator.id,
      today,
      councilsCircle,
    })
    await seedDemoObstacles(trx, {
      districtId,
      coordinatorId: coordinator.id,
      organisations: ids.organisations,
      bodies: ids.bodies,
      meetings: meetingIds,
      cases: demoCases,
    })
    return bodies.length
  })
}
