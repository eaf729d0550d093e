import type { Insertable, Kysely } from 'kysely'
import {
  casePhases,
  closingReasons,
  contactChannels,
  type LifeDomain,
  lifeDomains,
  type ResidenceStatusKind,
  residenceStatusParagraphs,
} from '../../../common/casework.ts'
import { earliestDay, isPlaceholderBirthDate, latestDay } from '../../../common/partial-date.ts'
import type { ContactTable } from '../../db/schema.casework.ts'
import type { DB } from '../../db/schema.ts'
import { seededRandom } from '../../db/seed/random.ts'
import { defaultTimeZone, localDay } from '../../platform/district-time.ts'
import { recordAudit } from '../audit/index.ts'
import { districtMunicipalities } from '../districts/index.ts'
import { demoOrganisationNames, districtOrganisations, usersByUsername } from '../identity/index.ts'
import { refreshCaseNames } from './cases/case.queries.ts'
import {
  insertDemoAssessment,
  insertDemoAssessmentEntries,
  insertDemoCase,
  insertDemoCaseManager,
  insertDemoCasePersons,
  insertDemoContacts,
  insertDemoGoal,
  insertDemoHouseholdRelation,
  insertDemoMatchKeys,
  insertDemoMeasure,
  insertDemoPerson,
  insertDemoPhaseChanges,
  insertDemoResidence,
  insertDemoShortConsultations,
  insertDemoTask,
  selectAnyPerson,
  updateDemoCaseCounters,
} from './casework.seed.queries.ts'
import { type DemoPerson, generateDemoPersons } from './demo-names.ts'
import { matchKeys, nameCodes } from './matching/index.ts'
import { refreshResidenceExpiryTasks } from './tasks/task.service.ts'

/**
 * Demo case work for the Rhein-Sieg-Kreis: about 300 persons in households, cases in every phase
 * and twelve months of counselling contacts with a rising trend. Deterministic (seeded), and
 * skipped when the district already has persons.
 */

const dayMs = 24 * 60 * 60 * 1000
// Demo districts count their days in Europe/Berlin, like every district unless set otherwise.
const isoDay = (date: Date) => localDay(date, defaultTimeZone)
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * dayMs)

/** The shared seeded generator, with whole numbers in a closed range for dates and counts. */
function prng(seed: number) {
  const random = seededRandom(seed)
  return { ...random, int: (min: number, max: number) => min + random.below(max - min + 1) }
}
type Random = ReturnType<typeof prng>

// Larger towns get more cases: the weights follow their population roughly.
const municipalityWeights: Record<string, number> = {
  Troisdorf: 8,
  'Sankt Augustin': 6,
  Siegburg: 5,
  'Hennef (Sieg)': 5,
  Königswinter: 4,
  Bornheim: 4,
  Niederkassel: 4,
  Meckenheim: 3,
  Lohmar: 3,
  Rheinbach: 3,
  'Bad Honnef': 3,
  Alfter: 2,
  Eitorf: 2,
  Wachtberg: 2,
  Swisttal: 2,
  Windeck: 2,
  'Neunkirchen-Seelscheid': 2,
  Much: 1,
  Ruppichteroth: 1,
}

const phaseShares: [string, number][] = [
  ['intake', 0.1],
  ['assessment', 0.1],
  ['planning', 0.1],
  ['implementation', 0.38],
  ['evaluation', 0.1],
  ['closed', 0.22],
]
const phaseOrder: readonly string[] = casePhases

/** What a case manager notes on a phase change, without personal data, so the timeline shows notes. */
const phaseNotes: Record<string, string> = {
  assessment: 'Erstgespräch geführt, Unterlagen liegen vor.',
  planning: 'Ergebnis des Assessments gemeinsam besprochen.',
  implementation: 'Hilfeplan gemeinsam vereinbart und unterschrieben.',
  evaluation: 'Zwischenstand gemeinsam ausgewertet.',
  closed: 'Abschlussgespräch geführt; die Kontaktdaten der Beratungsstelle sind bekannt.',
}

const goalTexts: Record<LifeDomain, string> = {
  residence: 'Aufenthaltstitel ist verlängert',
  language: 'Integrationskurs bis B1 abgeschlossen',
  education: 'Kinder sind in Kita und Schule angemeldet',
  'vocational-training': 'Ausbildungsplatz ist gefunden',
  work: 'Berufsabschluss ist anerkannt und eine Stelle gefunden',
  income: 'Leistungen nach dem Rechtskreiswechsel sind bewilligt',
  housing: 'Eigene Wohnung ist bezogen',
  health: 'Hausärztliche Versorgung ist geklärt',
  family: 'Betreuung der Kinder ist gesichert',
  participation: 'Anschluss an einen Verein oder eine Initiative',
  naturalisation: 'Einbürgerungsantrag ist gestellt',
  other: 'Offene Fragen sind geklärt',
}
const measureTexts = [
  'Termin bei der Ausländerbehörde begleiten',
  'Anmeldung zum Integrationskurs',
  'Unterlagen für die Anerkennung zusammenstellen',
  'Antrag beim Jobcenter vorbereiten',
  'Wohnungsbewerbungen gemeinsam schreiben',
  'Kontakt zur Migrationsberatung herstellen',
]

function pickPhase(random: Random): string {
  let roll = random.next()
  for (const [phase, share] of phaseShares) {
    roll -= share
    if (roll <= 0) return phase
  }
  return 'implementation'
}

type Staff = { id: string; teamId: string | null }

const knownToTeamSouth: DemoPerson = {
  familyName: 'Al-Hassan',
  givenNames: 'Mohammad',
  nameInOriginalScript: 'محمد الحسن',
  otherSpellings: [],
  sex: 'male',
  birthDate: '1987-01-01',
  nationalities: ['SY'],
  languages: [
    { code: 'ar', interpreterNeeded: true },
    { code: 'ku', interpreterNeeded: false },
  ],
  arrivalDate: '2016-03-14',
  origin: 'SY',
}

export async function seedDemoCaseWork(
  db: Kysely<DB>,
  districtId: string,
  today = new Date(),
): Promise<number> {
  if (await selectAnyPerson(db, districtId)) return 0
  const staff: Map<string, Staff> = await usersByUsername(db, districtId, [
    'fallmanagement',
    'fallmanagement.sued',
  ])
  const north = staff.get('fallmanagement')
  const south = staff.get('fallmanagement.sued') ?? north
  if (!north || !south) return 0
  const municipalities = await districtMunicipalities(db, districtId)
  const weighted = municipalities.flatMap((municipality) =>
    Array.from({ length: municipalityWeights[municipality.name] ?? 1 }, () => municipality.id),
  )
  // Partners in the order the demo created them, so that the demo's cases stay as they were.
  const creationOrder = (name: string) =>
    demoOrganisationNames.includes(name) ? demoOrganisationNames.indexOf(name) : demoOrganisationNames.length
  const organisations = (await districtOrganisations(db, districtId)).sort(
    (a, b) => creationOrder(a.name) - creationOrder(b.name),
  )
  const random = prng(20_261_125)
  const generated = generateDemoPersons(299, 4711)
  const households = generated.households
  // A client already in Team Süd's caseload: registering "Muhammad Alhassan" in Team Nord shows
  // the duplicate warning with the team to ask, without revealing the record.
  const persons: DemoPerson[] = [...generated.persons, knownToTeamSouth]

  return db.transaction().execute(async (trx) => {
    // Persons first, each registered by the team that will hold their case.
    const householdOf = new Map<number, number>()
    households.forEach((household, index) => {
      for (const member of household.memberIndexes) householdOf.set(member, index)
    })
    const groups: number[][] = [
      ...households.map((household) => [...household.memberIndexes]),
      ...persons
        .map((_, index) => index)
        .filter((index) => !householdOf.has(index))
        .map((index) => [index]),
    ]
    const personIds: string[] = []
    const groupStaff = groups.map((group) =>
      group.includes(persons.length - 1) ? south : random.chance(0.65) ? north : south,
    )
    const groupMunicipality = groups.map(() => random.pick(weighted))
    const staffOfPerson = new Map<number, Staff>()
    const municipalityOfPerson = new Map<number, string>()
    groups.forEach((group, index) => {
      for (const member of group) {
        staffOfPerson.set(member, groupStaff[index] as Staff)
        municipalityOfPerson.set(member, groupMunicipality[index] as string)
      }
    })
    for (const [index, person] of persons.entries()) {
      const registrant = staffOfPerson.get(index) as Staff
      const personId = await insertDemoPerson(
        trx,
        personValues(districtId, person, registrant, municipalityOfPerson.get(index) as string, random),
      )
      personIds.push(personId)
      const keys = matchKeys({
        familyName: person.familyName,
        givenNames: person.givenNames,
        otherSpellings: person.otherSpellings,
      })
      if (keys.length > 0)
        await insertDemoMatchKeys(
          trx,
          keys.map((key) => ({ district_id: districtId, key, person_id: personId })),
        )
      await insertDemoResidence(
        trx,
        residenceValues(districtId, personId, person, registrant.id, today, random),
      )
    }
    for (const household of households) {
      for (const relation of household.relations) {
        await insertDemoHouseholdRelation(trx, {
          district_id: districtId,
          person_id: personIds[relation.from] as string,
          related_person_id: personIds[relation.to] as string,
          relation: relation.relation,
        })
      }
    }

    // Cases: most groups have one; the newest are opened most often, so the numbers rise.
    const plans = groups.flatMap((group, index) => {
      if (random.chance(0.08)) return []
      const ageDays = Math.floor(400 * Math.sqrt(random.next()))
      return [{ group, index, ageDays, openedOn: addDays(today, -ageDays - 5) }]
    })
    plans.sort((a, b) => a.openedOn.getTime() - b.openedOn.getTime())
    const numbers = new Map<number, number>()
    for (const plan of plans) {
      const year = plan.openedOn.getUTCFullYear()
      numbers.set(year, (numbers.get(year) ?? 0) + 1)
      await seedCase(trx, {
        districtId,
        reference: `${year}-${String(numbers.get(year)).padStart(4, '0')}`,
        personIds: plan.group.map((member) => personIds[member] as string),
        municipalityId: groupMunicipality[plan.index] as string,
        manager: groupStaff[plan.index] as Staff,
        openedOn: plan.openedOn,
        phase: plan.ageDays < 45 ? random.pick(['intake', 'assessment', 'planning']) : pickPhase(random),
        today,
        random,
        partnerIds: organisations.map((organisation) => organisation.id),
        language: persons[plan.group[0] as number]?.languages[0]?.code ?? 'de',
      })
    }
    await updateDemoCaseCounters(trx, districtId)

    // Short consultations: counted without a case, a few a week, more lately.
    const consultations = Array.from({ length: 420 }, () => {
      const ageDays = Math.floor(365 * Math.sqrt(random.next()))
      return {
        district_id: districtId,
        occurred_on: isoDay(addDays(today, -ageDays)),
        municipality_id: random.pick(weighted),
        domains: [random.pick(lifeDomains)],
        language: random.pick(['ar', 'uk', 'fa', 'tr', 'ti', 'de', 'ru', 'ps']),
        channel: random.pick(['in-person', 'phone', 'in-person', 'email']),
        recorded_by: random.chance(0.6) ? north.id : south.id,
      }
    })
    await insertDemoShortConsultations(trx, consultations)
    await refreshCaseNames(trx, { districtId })
    await refreshResidenceExpiryTasks(trx, districtId, { now: today })
    await recordAudit(trx, {
      districtId,
      actorId: null,
      action: 'casework.demo-seed',
      purpose: `persons:${persons.length}`,
    })
    return persons.length
  })
}

/**
 * A made-up mobile number for two of three demo persons, from the name (not from the random
 * sequence, so that the rest of the demo data stays as it was). 0151 0… is not handed out.
 */
function demoPhone(person: DemoPerson): string | null {
  let hash = 0
  for (const char of `${person.familyName}|${person.givenNames}|${person.birthDate}`)
    hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  if (hash % 3 === 0) return null
  return `+49 151 0${String(hash % 10_000_000).padStart(7, '0')}`
}

function personValues(
  districtId: string,
  person: DemoPerson,
  registrant: Staff,
  municipalityId: string,
  random: Random,
) {
  return {
    district_id: districtId,
    family_name: person.familyName,
    given_names: person.givenNames,
    birth_name: null,
    other_spellings: person.otherSpellings,
    name_codes: nameCodes(person),
    name_in_original_script: person.nameInOriginalScript,
    birth_date: person.birthDate,
    birth_date_earliest: earliestDay(person.birthDate),
    birth_date_latest: latestDay(person.birthDate),
    birth_date_placeholder: isPlaceholderBirthDate(person.birthDate),
    sex: person.sex,
    nationalities: person.nationalities,
    languages: JSON.stringify(person.languages),
    municipality_id: municipalityId,
    address_street: '',
    address_postcode: '',
    address_city: '',
    phone: demoPhone(person),
    email: null,
    arrival_date: person.arrivalDate,
    legal_sphere: random.pick(['AsylbLG', 'SGB II', 'SGB II', 'SGB XII', 'SGB III', 'none']),
    registered_by: registrant.id,
    registered_team_id: registrant.teamId,
  }
}

const demoBaseStatuses = [
  'permission-to-reside',
  'toleration',
  'residence-permit',
  'temporary-protection',
  'settlement-permit',
  'eu-free-movement',
] as const satisfies readonly ResidenceStatusKind[]

/** Kinds that a demo person with a base kind may hold instead, so every kind a KIM office meets shows. */
const demoStatusVariants: Partial<Record<ResidenceStatusKind, readonly ResidenceStatusKind[]>> = {
  toleration: ['toleration', 'toleration', 'fictional-certificate'],
  'residence-permit': [
    'residence-permit-humanitarian',
    'residence-permit-humanitarian',
    'residence-permit-employment',
    'residence-permit-education',
    'eu-blue-card',
    'opportunity-card',
    'residence-permit',
  ],
  'settlement-permit': ['settlement-permit', 'eu-long-term-residence'],
}
const demoParagraphs: Partial<Record<ResidenceStatusKind, string>> = {
  'residence-permit-humanitarian': '§ 25 Abs. 2 AufenthG',
  'residence-permit-employment': '§ 18a AufenthG',
  'residence-permit-education': '§ 16a AufenthG',
  'residence-permit': '§ 28 AufenthG',
}
const nameHash = (person: DemoPerson) =>
  [...`${person.familyName}|${person.givenNames}`].reduce(
    (hash, char) => (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0,
    7,
  )

function residenceValues(
  districtId: string,
  personId: string,
  person: DemoPerson,
  recordedBy: string,
  today: Date,
  random: Random,
) {
  const ukrainian = person.nationalities.includes('UA')
  const base = ukrainian ? 'temporary-protection' : random.pick(demoBaseStatuses)
  const from = addDays(today, -random.int(60, 700))
  // A few titles run out within the next three months, so reminders show in the demo.
  const until =
    base === 'settlement-permit' || base === 'eu-free-movement'
      ? null
      : addDays(today, random.chance(0.15) ? random.int(10, 85) : random.int(120, 900))
  // The finer kind comes from the name, not from `random`, so the rest of the demo stays as it was.
  const variants = demoStatusVariants[base]
  const status = variants ? (variants[nameHash(person) % variants.length] ?? base) : base
  return {
    district_id: districtId,
    person_id: personId,
    status,
    legal_paragraph: demoParagraphs[status] ?? residenceStatusParagraphs[status] ?? '',
    valid_from: isoDay(from),
    valid_until: until ? isoDay(until) : null,
    recorded_by: recordedBy,
  }
}

type CaseSeed = {
  districtId: string
  reference: string
  personIds: string[]
  municipalityId: string
  manager: Staff
  openedOn: Date
  phase: string
  today: Date
  random: Random
  partnerIds: string[]
  language: string
}

async function seedCase(trx: Kysely<DB>, seed: CaseSeed): Promise<void> {
  const { districtId, manager, random, today } = seed
  const phaseIndex = phaseOrder.indexOf(seed.phase)
  const openDays = Math.max(5, Math.floor((today.getTime() - seed.openedOn.getTime()) / dayMs))
  const closedOn = seed.phase === 'closed' ? addDays(seed.openedOn, Math.floor(openDays * 0.9)) : null
  const closingReason = closedOn ? random.pick(closingReasons.slice(0, 5)) : null
  const caseId = await insertDemoCase(trx, {
    district_id: districtId,
    reference: seed.reference,
    municipality_id: seed.municipalityId,
    team_id: manager.teamId,
    phase: seed.phase,
    opened_on: isoDay(seed.openedOn),
    closed_on: closedOn ? isoDay(closedOn) : null,
    closing_reason: closingReason,
    created_by: manager.id,
  })
  await insertDemoCasePersons(
    trx,
    seed.personIds.map((personId) => ({ case_id: caseId, person_id: personId, district_id: districtId })),
  )
  await insertDemoCaseManager(trx, { case_id: caseId, user_id: manager.id, district_id: districtId })

  // One phase change per step, spread over the life of the case.
  const end = closedOn ?? today
  const span = end.getTime() - seed.openedOn.getTime()
  const stepDate = (step: number) => new Date(seed.openedOn.getTime() + (span * step) / (phaseIndex + 1))
  await insertDemoPhaseChanges(
    trx,
    phaseOrder.slice(0, phaseIndex + 1).map((phase, step) => ({
      district_id: districtId,
      case_id: caseId,
      from_phase: step === 0 ? null : (phaseOrder[step - 1] as string),
      to_phase: step === 0 ? 'intake' : phase,
      reason: phase === 'closed' ? closingReason : null,
      note: step === 0 ? '' : (phaseNotes[phase] ?? ''),
      changed_by: manager.id,
      changed_at: stepDate(step).toISOString(),
    })),
  )

  const domains = [...lifeDomains].sort(() => random.next() - 0.5).slice(0, random.int(2, 4)) as LifeDomain[]
  if (phaseIndex >= 1) {
    const rounds = phaseIndex >= 3 ? 2 + (openDays > 200 ? 1 : 0) : 1
    for (let round = 0; round < rounds; round += 1) {
      const assessedOn = new Date(seed.openedOn.getTime() + ((span * 0.8) / rounds) * round + 3 * dayMs)
      const id = await insertDemoAssessment(trx, {
        district_id: districtId,
        case_id: caseId,
        assessed_on: isoDay(assessedOn),
        created_by: manager.id,
        created_at: assessedOn.toISOString(),
      })
      await insertDemoAssessmentEntries(
        trx,
        lifeDomains.map((domain) => ({
          assessment_id: id,
          district_id: districtId,
          domain,
          need_level: domains.includes(domain) ? Math.max(0, 3 - round - random.int(0, 1)) : random.int(0, 1),
          resources: '',
          note: '',
        })),
      )
    }
  }
  if (phaseIndex >= 2) {
    for (const domain of domains) {
      const outcome =
        seed.phase === 'closed' ? random.pick(['reached', 'reached', 'partly', 'not-reached']) : null
      const goalId = await insertDemoGoal(trx, {
        district_id: districtId,
        case_id: caseId,
        domain,
        statement: goalTexts[domain],
        indicator: '',
        target_date: isoDay(addDays(seed.openedOn, random.int(120, 360))),
        status: outcome === 'reached' ? 'achieved' : phaseIndex >= 3 ? 'in-progress' : 'open',
        outcome,
        created_by: manager.id,
        created_at: stepDate(2).toISOString(),
      })
      const partner = random.chance(0.4) ? random.pick(seed.partnerIds) : null
      await insertDemoMeasure(trx, {
        district_id: districtId,
        case_id: caseId,
        goal_id: goalId,
        description: random.pick(measureTexts),
        owner: partner ? 'partner' : random.pick(['client', 'case-manager']),
        organisation_id: partner,
        due_on: isoDay(addDays(seed.openedOn, random.int(30, 200))),
        status: seed.phase === 'closed' ? 'done' : random.pick(['planned', 'in-progress', 'done']),
        created_by: manager.id,
        created_at: stepDate(2).toISOString(),
      })
    }
  }

  // Contacts every two to four weeks while the case is open.
  const contacts: Insertable<ContactTable>[] = []
  for (let at = seed.openedOn.getTime(); at <= end.getTime(); at += random.int(12, 30) * dayMs) {
    const when = new Date(at)
    when.setUTCHours(random.int(7, 15), random.pick([0, 15, 30, 45]), 0, 0)
    if (when.getTime() > Date.now()) break
    const interpreter = seed.language !== 'de' && random.chance(0.3)
    contacts.push({
      district_id: districtId,
      case_id: caseId,
      occurred_at: when.toISOString(),
      duration_minutes: random.pick([15, 30, 30, 45, 60, 90]),
      channel: random.pick([...contactChannels, 'in-person', 'in-person', 'phone']),
      participant_person_ids: [seed.personIds[0] as string],
      other_participants: '',
      language: interpreter ? seed.language : 'de',
      interpreter_used: interpreter,
      interpreter_language: interpreter ? seed.language : null,
      domains: [random.pick(domains)],
      note: '',
      created_by: manager.id,
    })
  }
  if (contacts.length > 0) {
    await insertDemoContacts(trx, caseId, contacts)
  }
  if (seed.phase !== 'closed' && random.chance(0.5)) {
    const due = addDays(today, random.int(-14, 30))
    await insertDemoTask(trx, {
      district_id: districtId,
      title: random.pick(['Unterlagen nachfordern', 'Rückmeldung Jobcenter abfragen', 'Termin vereinbaren']),
      due_on: isoDay(due),
      assignee_id: manager.id,
      case_id: caseId,
      created_by: manager.id,
    })
  }
}
