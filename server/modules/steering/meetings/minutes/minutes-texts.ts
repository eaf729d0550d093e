import type {
  AttendanceStatus,
  BodyKind,
  MeetingDetail,
  MembershipRole,
} from '../../../../../common/steering.ts'

/** The words of the exported minutes (Niederschrift), in German and English. */
export const minutesLanguages = ['de', 'en'] as const
export type MinutesLanguage = (typeof minutesLanguages)[number]

const texts = {
  de: {
    title: 'Niederschrift',
    draft: 'Entwurf – noch nicht genehmigt',
    approved: 'Genehmigt am {date} von {name}',
    body: 'Gremium',
    date: 'Datum',
    time: 'Zeit',
    place: 'Ort',
    video: 'Videokonferenz',
    agenda: 'Tagesordnung',
    agendaItem: 'TOP {position}: {title}',
    attendance: 'Anwesenheit',
    quorum: 'Beschlussfähigkeit',
    quorumReached:
      'beschlussfähig: {present} von {voting} stimmberechtigten Mitgliedern anwesend (erforderlich: {required})',
    quorumMissed:
      'nicht beschlussfähig: {present} von {voting} stimmberechtigten Mitgliedern anwesend (erforderlich: {required})',
    minutes: 'Verlauf',
    decisions: 'Beschlüsse',
    decision: 'Beschluss',
    votes: 'Ja {for} · Nein {against} · Enthaltung {abstentions}',
    actionItems: 'Aufgaben',
    owner: 'Verantwortlich',
    due: 'fällig am',
    amendments: 'Nachträge',
    none: '–',
    member: 'Mitglied',
    organisation: 'Organisation',
    role: 'Rolle',
    status: 'Status',
    roles: { chair: 'Vorsitz', member: 'Mitglied', guest: 'Gast' } satisfies Record<MembershipRole, string>,
    statuses: {
      present: 'anwesend',
      excused: 'entschuldigt',
      absent: 'abwesend',
      unknown: 'nicht erfasst',
    } satisfies Record<AttendanceStatus | 'unknown', string>,
    kinds: {
      steering_group: 'Lenkungsgruppe',
      working_group: 'Unterarbeitsgruppe',
      councils_circle: 'Arbeitskreis Integrationsräte und Migrantenorganisationen',
      committee: 'Ausschuss',
      planning_conference: 'Planungskonferenz',
    } satisfies Record<BodyKind, string>,
    oclock: 'Uhr',
  },
  en: {
    title: 'Minutes',
    draft: 'Draft – not yet approved',
    approved: 'Approved on {date} by {name}',
    body: 'Body',
    date: 'Date',
    time: 'Time',
    place: 'Place',
    video: 'Video conference',
    agenda: 'Agenda',
    agendaItem: 'Item {position}: {title}',
    attendance: 'Attendance',
    quorum: 'Quorum',
    quorumReached: 'quorate: {present} of {voting} voting members present (required: {required})',
    quorumMissed: 'not quorate: {present} of {voting} voting members present (required: {required})',
    minutes: 'Proceedings',
    decisions: 'Decisions',
    decision: 'Decision',
    votes: 'Yes {for} · No {against} · Abstained {abstentions}',
    actionItems: 'Action items',
    owner: 'Owner',
    due: 'due on',
    amendments: 'Amendments',
    none: '–',
    member: 'Member',
    organisation: 'Organisation',
    role: 'Role',
    status: 'Status',
    roles: { chair: 'Chair', member: 'Member', guest: 'Guest' },
    statuses: { present: 'present', excused: 'excused', absent: 'absent', unknown: 'not recorded' },
    kinds: {
      steering_group: 'Steering group',
      working_group: 'Working group',
      councils_circle: "Integration councils' and migrant organisations' circle",
      committee: 'Committee',
      planning_conference: 'Planning conference',
    },
    oclock: '',
  },
} as const

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_match, key: string) => String(values[key] ?? ''))

const displayDay = (iso: string, language: MinutesLanguage) => {
  const [year, month, day] = iso.slice(0, 10).split('-')
  return language === 'de' ? `${day}.${month}.${year}` : `${year}-${month}-${day}`
}

/** The words an invitation's description uses: its agenda heading and items, in the reader's language. */
export function invitationTexts(language: MinutesLanguage) {
  const t = texts[language]
  return {
    agendaHeading: t.agenda,
    agendaLine: (item: { position: number; title: string }) =>
      fill(t.agendaItem, { position: item.position, title: item.title }),
  }
}

/**
 * The minutes as plain strings, laid out the same way by the DOCX and the PDF export: each value
 * is text, never markup.
 */
export function minutesDocument(meeting: MeetingDetail, districtName: string, language: MinutesLanguage) {
  const t = texts[language]
  const decisionsByAgenda = new Map<string | null, MeetingDetail['decisions']>()
  for (const decision of meeting.decisions) {
    const list = decisionsByAgenda.get(decision.agendaItemId) ?? []
    list.push(decision)
    decisionsByAgenda.set(decision.agendaItemId, list)
  }
  const voteLine = (decision: MeetingDetail['decisions'][number]) =>
    decision.votesFor === null && decision.votesAgainst === null && decision.abstentions === null
      ? ''
      : fill(t.votes, {
          for: decision.votesFor ?? 0,
          against: decision.votesAgainst ?? 0,
          abstentions: decision.abstentions ?? 0,
        })
  return {
    lang: language,
    district: districtName,
    title: `${t.title}: ${meeting.title}`,
    status: meeting.approvedAt
      ? fill(t.approved, {
          date: displayDay(meeting.approvedAt, language),
          name: meeting.approvedByName ?? '',
        })
      : t.draft,
    facts: [
      { label: t.body, value: `${meeting.bodyName} (${t.kinds[meeting.bodyKind]})` },
      { label: t.date, value: displayDay(meeting.date, language) },
      { label: t.time, value: `${meeting.startTime}–${meeting.endTime} ${t.oclock}`.trim() },
      ...(meeting.place ? [{ label: t.place, value: meeting.place }] : []),
      ...(meeting.videoUrl ? [{ label: t.video, value: meeting.videoUrl }] : []),
    ],
    headings: {
      agenda: t.agenda,
      attendance: t.attendance,
      quorum: t.quorum,
      minutes: t.minutes,
      decisions: t.decisions,
      actionItems: t.actionItems,
      amendments: t.amendments,
    },
    attendanceColumns: [t.member, t.organisation, t.role, t.status],
    attendance: meeting.attendance.map((entry) => [
      entry.representative,
      entry.organisationName ?? entry.seatLabel ?? t.none,
      t.roles[entry.role],
      t.statuses[entry.status ?? 'unknown'],
    ]),
    quorum: fill(meeting.quorum.reached ? t.quorumReached : t.quorumMissed, {
      present: meeting.quorum.present,
      voting: meeting.quorum.votingMembers,
      required: meeting.quorum.required,
    }),
    agenda: meeting.agenda.map((item) => ({
      heading: fill(t.agendaItem, { position: item.position, title: item.title }),
      description: item.description,
      decisions: (decisionsByAgenda.get(item.id) ?? []).map((decision) => ({
        heading: `${t.decision} ${decision.number}`,
        text: decision.text,
        votes: voteLine(decision),
      })),
    })),
    minutes: meeting.minutes,
    otherDecisions: (decisionsByAgenda.get(null) ?? []).map((decision) => ({
      heading: `${t.decision} ${decision.number}`,
      text: decision.text,
      votes: voteLine(decision),
    })),
    actionItems: meeting.actionItems.map(
      (item) =>
        `${item.title} – ${t.owner}: ${item.ownerName}${item.organisationName ? ` (${item.organisationName})` : ''}, ${t.due} ${displayDay(item.dueOn, language)}`,
    ),
    amendments: meeting.amendments.map(
      (amendment) =>
        `${displayDay(amendment.createdAt, language)}, ${amendment.createdByName}: ${amendment.text}`,
    ),
  }
}
export type MinutesDocument = ReturnType<typeof minutesDocument>
