import { sql } from 'kysely'
import { type DistrictContext, dayFromToday } from './context.ts'

const workingGroups: [string, string][] = [
  ['AG Arbeit und Ausbildung', 'work'],
  ['AG Sprache und Bildung', 'language'],
  ['AG Wohnen', 'housing'],
]
const obstacleTitles: [string, string][] = [
  ['Wartezeiten auf Termine der Ausländerbehörde', 'residence'],
  ['Zu wenige Integrationskursplätze mit Kinderbetreuung', 'language'],
  ['Anerkennung ausländischer Abschlüsse dauert zu lange', 'work'],
  ['Kaum bezahlbarer Wohnraum für große Familien', 'housing'],
  ['Dolmetschkosten im Gesundheitswesen ungeklärt', 'health'],
  ['Rechtskreiswechsel: Leistungslücken beim Übergang ins SGB II', 'income'],
  ['Schulplätze für Seiteneinsteiger fehlen', 'education'],
  ['Ehrenamtliche Patenschaften enden ohne Übergabe', 'participation'],
]
const statusPath = ['new', 'triaged', 'assigned', 'measure_agreed', 'resolved'] as const

/** Meeting days every `months` months from `fromMonths` ago to `toMonths` ahead; the summer months moved to September. */
function meetingDays(months: number, fromMonths: number, toMonths: number): string[] {
  const today = new Date()
  const days: string[] = []
  for (let ago = -fromMonths; ago <= toMonths; ago += months) {
    const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + ago, 12))
    if (day.getUTCMonth() === 6 || day.getUTCMonth() === 7) day.setUTCMonth(8)
    const iso = day.toISOString().slice(0, 10)
    if (!days.includes(iso)) days.push(iso)
  }
  return days
}

export type SteeringDistrict = { bodies: number; meetings: number; agreements: number; obstacles: number }

/**
 * Steering of one district: the steering group with three working groups and a councils' circle,
 * seats held by partner organisations, meetings of the last two years (none in the summer
 * holidays) with agenda, attendance, decisions and action items, three goal agreements with
 * computed and manual indicators, and structural obstacles at every stage with evidence from cases.
 */
export async function writeSteeringDistrict(
  context: DistrictContext,
  organisationIds: string[],
): Promise<SteeringDistrict> {
  const { exec, did, random, uuid } = context
  const by = sql`${context.coordinatorId}::uuid`
  const steeringGroup = uuid()
  const bodies = [
    {
      id: steeringGroup,
      kind: 'steering_group',
      name: 'Lenkungsgruppe KIM',
      parent: null as string | null,
      seats: 10,
    },
    ...workingGroups.map(([name]) => ({
      id: uuid(),
      kind: 'working_group',
      name,
      parent: steeringGroup,
      seats: 6,
    })),
    {
      id: uuid(),
      kind: 'councils_circle',
      name: 'Runder Tisch der Integrationsräte',
      parent: null,
      seats: 5,
    },
  ]
  await exec(sql`INSERT INTO steering_body (id, district_id, kind, name, topic, parent_body_id, quorum, starts_on, created_by)
    SELECT id, ${did}, kind, name, name, parent, CASE WHEN kind = 'steering_group' THEN 5 END, current_date - 800, ${by}
    FROM unnest(${bodies.map((b) => b.id)}::uuid[], ${bodies.map((b) => b.kind)}::text[], ${bodies.map((b) => b.name)}::text[],
      ${bodies.map((b) => b.parent)}::uuid[]) AS b(id, kind, name, parent)`)
  const memberships: { id: string; body: string; organisation: string; role: string; name: string }[] = []
  for (const body of bodies)
    for (let seat = 0; seat < body.seats; seat++)
      memberships.push({
        id: uuid(),
        body: body.id,
        organisation: organisationIds[(seat * 3 + memberships.length) % organisationIds.length] as string,
        role: seat === 0 ? 'chair' : seat === body.seats - 1 ? 'guest' : 'member',
        name: `Vertretung ${seat + 1}`,
      })
  await exec(sql`INSERT INTO body_membership (id, district_id, body_id, organisation_id, representative, role, from_on)
    SELECT id, ${did}, body, organisation, name, role, current_date - 800
    FROM unnest(${memberships.map((m) => m.id)}::uuid[], ${memberships.map((m) => m.body)}::uuid[],
      ${memberships.map((m) => m.organisation)}::uuid[], ${memberships.map((m) => m.name)}::text[],
      ${memberships.map((m) => m.role)}::text[]) AS m(id, body, organisation, name, role)`)

  const meetings: { id: string; body: string; day: string; title: string }[] = []
  for (const body of bodies) {
    const days = body.kind === 'steering_group' ? meetingDays(3, 21, 3) : meetingDays(2, 22, 2)
    for (const [index, day] of days.entries())
      meetings.push({ id: uuid(), body: body.id, day, title: `${body.name}: ${index + 1}. Sitzung` })
  }
  const today = dayFromToday(0)
  await exec(sql`INSERT INTO meeting (id, district_id, body_id, title, starts_at, ends_at, place, minutes, approved_at, approved_by, created_by)
    SELECT id, ${did}, body, title, day + time '13:00', day + time '15:00', 'Kreishaus, Sitzungssaal',
      CASE WHEN day < ${today}::date THEN 'Protokoll der Sitzung' ELSE '' END,
      CASE WHEN day < ${today}::date - 30 THEN day + 14 + time '09:00' END,
      CASE WHEN day < ${today}::date - 30 THEN ${by} END, ${by}
    FROM unnest(${meetings.map((m) => m.id)}::uuid[], ${meetings.map((m) => m.body)}::uuid[],
      ${meetings.map((m) => m.day)}::date[], ${meetings.map((m) => m.title)}::text[]) AS m(id, body, day, title)`)
  await exec(sql`INSERT INTO agenda_item (district_id, meeting_id, position, title)
    SELECT ${did}, m.id, p, (ARRAY['Begrüßung und Protokoll', 'Bericht aus dem Fallmanagement', 'Zielvereinbarungen', 'Verschiedenes'])[p]
    FROM meeting m CROSS JOIN generate_series(1, 4) AS p WHERE m.district_id = ${did}`)
  await exec(sql`INSERT INTO meeting_attendance (district_id, meeting_id, membership_id, status)
    SELECT ${did}, m.id, b.id,
      CASE WHEN abs(hashtext(m.id::text || b.id::text)) % 20 < 16 THEN 'present'
        WHEN abs(hashtext(m.id::text || b.id::text)) % 20 < 19 THEN 'excused' ELSE 'absent' END
    FROM meeting m JOIN body_membership b ON b.body_id = m.body_id
    WHERE m.district_id = ${did} AND m.starts_at < now()`)
  await exec(sql`INSERT INTO steering_decision (district_id, body_id, meeting_id, agenda_item_id, number, text, votes_for, votes_against, abstentions, created_by, created_at)
    SELECT ${did}, m.body_id, m.id, a.id,
      extract(year FROM m.starts_at)::int || '/' || row_number() OVER (PARTITION BY m.body_id, extract(year FROM m.starts_at) ORDER BY m.starts_at, a.position),
      'Beschluss zu ' || a.title, 7, 0, 1, ${by}, m.ends_at
    FROM meeting m JOIN agenda_item a ON a.meeting_id = m.id AND a.position IN (2, 3)
    WHERE m.district_id = ${did} AND m.starts_at < now()`)
  await exec(sql`INSERT INTO action_item (district_id, meeting_id, decision_id, title, owner_id, organisation_id, due_on, created_by, created_at)
    SELECT d.district_id, d.meeting_id, d.id, 'Umsetzung: ' || d.text, ${by},
      (${organisationIds}::uuid[])[1 + abs(hashtext(d.id::text)) % ${organisationIds.length}],
      d.created_at::date + 42, ${by}, d.created_at
    FROM steering_decision d WHERE d.district_id = ${did}`)
  const decision = (
    await exec<{
      id: string
    }>(sql`SELECT d.id FROM steering_decision d JOIN steering_body b ON b.id = d.body_id
      WHERE d.district_id = ${did} AND b.kind = 'steering_group' ORDER BY d.created_at, d.number LIMIT 1`)
  )[0]?.id

  // Goal agreements over two years, eleven months of them past.
  const agreements = [
    {
      title: 'Arbeitsmarktintegration',
      statement: 'Mehr Geflüchtete finden eine sozialversicherungspflichtige Beschäftigung.',
      indicators: [
        ['Beratungskontakte je Monat', 'count', 100, 140, 'increase', 'counselling-contacts'],
        [
          'Rückmeldung des Jobcenters binnen 14 Tagen',
          'percent',
          60,
          85,
          'increase',
          'jobcenter-referrals-answered-14d',
        ],
      ],
    },
    {
      title: 'Schneller zum Hilfeplan',
      statement: 'Der Hilfeplan steht bald nach dem Erstkontakt.',
      indicators: [
        [
          'Tage vom Erstkontakt bis zum Hilfeplan (Median)',
          'days',
          40,
          21,
          'decrease',
          'median-days-contact-to-plan',
        ],
        ['Teilnehmende an Integrationskursen', 'count', 200, 260, 'increase', null],
      ],
    },
    {
      title: 'Rechtskreiswechsel ohne Lücke',
      statement: 'Nach dem Wechsel ins SGB II folgt der Termin beim Jobcenter binnen 30 Tagen.',
      indicators: [
        [
          'Jobcenter-Termin binnen 30 Tagen',
          'percent',
          50,
          80,
          'increase',
          'legal-sphere-changes-jobcenter-30d',
        ],
      ],
    },
  ] as const
  const agreementIds = agreements.map(() => uuid())
  await exec(sql`INSERT INTO goal_agreement (id, district_id, title, goal_statement, starts_on, ends_on, decision_id, responsible_organisation_id, created_by)
    SELECT id, ${did}, title, statement, date_trunc('month', current_date)::date - interval '11 months',
      date_trunc('month', current_date)::date + interval '13 months' - interval '1 day', ${decision ?? null}::uuid, ${organisationIds[0]}::uuid, ${by}
    FROM unnest(${agreementIds}::uuid[], ${agreements.map((a) => a.title)}::text[], ${agreements.map((a) => a.statement)}::text[])
      AS a(id, title, statement)`)
  await exec(sql`INSERT INTO goal_agreement_party (district_id, agreement_id, organisation_id)
    SELECT ${did}, a, o FROM unnest(${agreementIds}::uuid[]) AS a,
      unnest(${organisationIds.slice(0, 3)}::uuid[]) AS o`)
  const indicators = agreements.flatMap((agreement, index) =>
    agreement.indicators.map(([name, unit, baseline, target, direction, metric], position) => ({
      id: uuid(),
      agreement: agreementIds[index] as string,
      position: position + 1,
      name,
      unit,
      baseline,
      target,
      direction,
      metric,
    })),
  )
  await exec(sql`INSERT INTO goal_indicator (id, district_id, agreement_id, position, name, unit, baseline, target, direction, source, metric, created_by)
    SELECT id, ${did}, agreement, position, name, unit, baseline, target, direction,
      CASE WHEN metric IS NULL THEN 'manual' ELSE 'computed' END, metric, ${by}
    FROM unnest(${indicators.map((i) => i.id)}::uuid[], ${indicators.map((i) => i.agreement)}::uuid[],
      ${indicators.map((i) => i.position)}::int[], ${indicators.map((i) => i.name)}::text[], ${indicators.map((i) => i.unit)}::text[],
      ${indicators.map((i) => i.baseline)}::float8[], ${indicators.map((i) => i.target)}::float8[],
      ${indicators.map((i) => i.direction)}::text[], ${indicators.map((i) => i.metric)}::text[])
      AS i(id, agreement, position, name, unit, baseline, target, direction, metric)`)
  // The manual indicator's monthly values, rising towards the target.
  await exec(sql`INSERT INTO goal_indicator_value (district_id, indicator_id, measured_on, value, recorded_by)
    SELECT ${did}, i.id, (date_trunc('month', current_date) - (m || ' months')::interval)::date - 1,
      i.baseline + (i.target - i.baseline) * (11 - m) / 16.0 + (abs(hashtext(i.id::text || m)) % 10), ${by}
    FROM goal_indicator i CROSS JOIN generate_series(0, 10) AS m
    WHERE i.district_id = ${did} AND i.source = 'manual'`)

  // Obstacles at every stage; those assigned or later have their working group.
  const obstacles = obstacleTitles.map(([title, domain], index) => {
    const status =
      index === obstacleTitles.length - 1 ? 'rejected' : (statusPath[index % statusPath.length] as string)
    return {
      id: uuid(),
      title,
      domain,
      status,
      group: bodies[1 + (index % 3)]?.id as string,
      raisedDaysAgo: 30 + random.below(500),
    }
  })
  const withGroup = (status: string) => ['assigned', 'measure_agreed', 'resolved'].includes(status)
  await exec(sql`INSERT INTO obstacle (id, district_id, domain, title, description, status, working_group_id, raised_by, created_at, updated_at)
    SELECT id, ${did}, domain, title, 'Beobachtet in mehreren Fällen: ' || title, status, grp, ${by},
      current_date - days + time '10:00', current_date - days / 2 + time '10:00'
    FROM unnest(${obstacles.map((o) => o.id)}::uuid[], ${obstacles.map((o) => o.domain)}::text[], ${obstacles.map((o) => o.title)}::text[],
      ${obstacles.map((o) => o.status)}::text[], ${obstacles.map((o) => (withGroup(o.status) ? o.group : null))}::uuid[],
      ${obstacles.map((o) => o.raisedDaysAgo)}::int[]) AS o(id, domain, title, status, grp, days)`)
  const changes = obstacles.flatMap((obstacle) => {
    const path: string[] =
      obstacle.status === 'rejected'
        ? ['new', 'triaged', 'rejected']
        : statusPath.slice(0, statusPath.indexOf(obstacle.status as (typeof statusPath)[number]) + 1)
    return path.map((status, index) => ({
      obstacle: obstacle.id,
      from: index === 0 ? null : (path[index - 1] as string),
      to: status,
      group: withGroup(status) ? obstacle.group : null,
      daysAgo: Math.round(obstacle.raisedDaysAgo * (1 - index / (path.length + 1))),
    }))
  })
  await exec(sql`INSERT INTO obstacle_status_change (district_id, obstacle_id, from_status, to_status, working_group_id, changed_by, changed_at)
    SELECT ${did}, obstacle, from_status, to_status, grp, ${by}, current_date - days + time '10:00'
    FROM unnest(${changes.map((c) => c.obstacle)}::uuid[], ${changes.map((c) => c.from)}::text[], ${changes.map((c) => c.to)}::text[],
      ${changes.map((c) => c.group)}::uuid[], ${changes.map((c) => c.daysAgo)}::int[]) AS c(obstacle, from_status, to_status, grp, days)`)
  await exec(sql`INSERT INTO obstacle_organisation (district_id, obstacle_id, organisation_id)
    SELECT ${did}, o, (${organisationIds}::uuid[])[1 + ord::int % ${organisationIds.length}]
    FROM unnest(${obstacles.map((o) => o.id)}::uuid[]) WITH ORDINALITY AS x(o, ord)`)
  // Evidence: three cases of the district's domain each (the first cases by id, deterministic).
  await exec(sql`INSERT INTO obstacle_evidence (district_id, obstacle_id, case_id, added_by)
    SELECT ${did}, o.id, c.id, ${by}
    FROM obstacle o CROSS JOIN LATERAL (SELECT id FROM client_case WHERE district_id = ${did}
      AND abs(hashtext(id::text || o.id::text)) % 50 = 0 ORDER BY id LIMIT 3) c
    WHERE o.district_id = ${did}`)
  await exec(sql`INSERT INTO obstacle_goal_agreement (district_id, obstacle_id, agreement_id, linked_by)
    SELECT ${did}, o.id, ${agreementIds[0]}::uuid, ${by} FROM obstacle o
    WHERE o.district_id = ${did} AND o.status IN ('measure_agreed', 'resolved')`)
  return {
    bodies: bodies.length,
    meetings: meetings.length,
    agreements: agreements.length,
    obstacles: obstacles.length,
  }
}
