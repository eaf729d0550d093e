import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../../db/schema.ts'
import { acrossDistricts } from '../../../platform/tenant-context.ts'
import { municipalityNames } from '../../districts/index.ts'
import { displayNames, organisationNames, teamNames } from '../../identity/index.ts'
import { selectDistrictOfRecord } from '../casework.queries.ts'
import {
  selectAssessmentRows,
  selectCaseIdsOfPerson,
  selectCaseManagerRows,
  selectCaseRows,
  selectContactRows,
  selectDocumentRows,
  selectGoalRows,
  selectHouseholdRows,
  selectMeasureRows,
  selectPersonHeadline,
  selectPersonRow,
  selectPersonsByName,
  selectPhaseChangeRows,
  selectResidenceRows,
  selectTaskRows,
  updateProcessingRestricted,
} from './disclosure.queries.ts'

/**
 * Case work's part of a data subject's access report (Art. 15 GDPR): the person's master data and
 * everything recorded in their cases, with people, teams and places named, never as bare ids. The
 * privacy module authorises and audits the request; this only gathers, in the person's district.
 */
export type CaseWorkDisclosure = Awaited<ReturnType<typeof gather>>

export async function personCaseWorkDisclosure(
  db: Kysely<DB>,
  districtId: string,
  personId: string,
): Promise<CaseWorkDisclosure | undefined> {
  const person = await selectPersonRow(db, districtId, personId)
  if (!person) return undefined
  return gather(db, districtId, person)
}

type PersonRow = NonNullable<Awaited<ReturnType<typeof selectPersonRow>>>

async function gather(db: Kysely<DB>, districtId: string, person: PersonRow) {
  const caseIds = await selectCaseIdsOfPerson(db, person.id)
  const [
    residence,
    household,
    cases,
    managers,
    phaseChanges,
    assessments,
    goals,
    measures,
    contacts,
    tasks,
    documents,
  ] = await Promise.all([
    selectResidenceRows(db, person.id),
    selectHouseholdRows(db, person.id),
    selectCaseRows(db, caseIds),
    selectCaseManagerRows(db, caseIds),
    selectPhaseChangeRows(db, caseIds),
    selectAssessmentRows(db, caseIds),
    selectGoalRows(db, caseIds),
    selectMeasureRows(db, caseIds),
    selectContactRows(db, person.id, caseIds),
    selectTaskRows(db, person.id, caseIds),
    selectDocumentRows(db, caseIds),
  ])
  const userIds = [
    person.registered_by,
    ...residence.map((row) => row.recorded_by),
    ...cases.map((row) => row.created_by),
    ...managers.map((row) => row.user_id),
    ...phaseChanges.map((row) => row.changed_by),
    ...assessments.map((row) => row.created_by),
    ...goals.map((row) => row.created_by),
    ...measures.map((row) => row.created_by),
    ...contacts.map((row) => row.created_by),
    ...tasks.flatMap((row) => [row.assignee_id, row.created_by ?? '']),
    ...documents.map((row) => row.uploaded_by),
  ].filter(Boolean)
  const [users, places, teams, organisations] = await Promise.all([
    displayNames(db, districtId, userIds),
    municipalityNames(db, districtId, [person.municipality_id, ...cases.map((row) => row.municipality_id)]),
    teamNames(db, districtId, [
      ...(person.registered_team_id ? [person.registered_team_id] : []),
      ...cases.flatMap((row) => (row.team_id ? [row.team_id] : [])),
    ]),
    organisationNames(
      db,
      districtId,
      measures.flatMap((row) => (row.organisation_id ? [row.organisation_id] : [])),
    ),
  ])
  const user = (id: string | null) => (id ? (users.get(id) ?? id) : null)
  const referenceOf = new Map(cases.map((row) => [row.id, row.reference]))
  const caseRef = (id: string | null) => (id ? (referenceOf.get(id) ?? null) : null)

  return {
    caseIds,
    person: {
      id: person.id,
      familyName: person.family_name,
      givenNames: person.given_names,
      birthName: person.birth_name,
      otherSpellings: person.other_spellings,
      nameInOriginalScript: person.name_in_original_script,
      birthDate: person.birth_date,
      birthDateIsPlaceholder: person.birth_date_placeholder,
      sex: person.sex,
      nationalities: person.nationalities,
      languages: person.languages,
      municipality: places.get(person.municipality_id) ?? person.municipality_id,
      addressStreet: person.address_street,
      addressPostcode: person.address_postcode,
      addressCity: person.address_city,
      phone: person.phone,
      email: person.email,
      arrivalDate: person.arrival_date,
      legalSphere: person.legal_sphere,
      registeredBy: user(person.registered_by),
      registeredTeam: person.registered_team_id ? (teams.get(person.registered_team_id) ?? null) : null,
      mergedInto: person.merged_into,
      processingRestricted: person.processing_restricted,
      createdAt: person.created_at,
      updatedAt: person.updated_at,
    },
    residenceStatuses: residence.map((row) => ({
      status: row.status,
      legalParagraph: row.legal_paragraph,
      validFrom: row.valid_from,
      validUntil: row.valid_until,
      recordedBy: user(row.recorded_by),
      recordedAt: row.recorded_at,
    })),
    household: household.map((row) => ({
      relation: row.relation,
      familyName: row.family_name,
      givenNames: row.given_names,
      birthDate: row.birth_date,
    })),
    cases: cases.map((row) => ({
      id: row.id,
      reference: row.reference,
      municipality: places.get(row.municipality_id) ?? row.municipality_id,
      team: row.team_id ? (teams.get(row.team_id) ?? null) : null,
      phase: row.phase,
      openedOn: row.opened_on,
      closedOn: row.closed_on,
      closingReason: row.closing_reason,
      lastContactAt: row.last_contact_at,
      managers: managers.filter((m) => m.case_id === row.id).map((m) => user(m.user_id)),
      createdBy: user(row.created_by),
      phaseChanges: phaseChanges
        .filter((change) => change.case_id === row.id)
        .map((change) => ({
          fromPhase: change.from_phase,
          toPhase: change.to_phase,
          reason: change.reason,
          note: change.note,
          changedBy: user(change.changed_by),
          changedAt: change.changed_at,
        })),
    })),
    assessments: assessments.map((row) => ({
      case: caseRef(row.case_id),
      assessedOn: row.assessed_on,
      domain: row.domain,
      needLevel: row.need_level,
      resources: row.resources,
      note: row.note,
      recordedBy: user(row.created_by),
    })),
    goals: goals.map((row) => ({
      case: caseRef(row.case_id),
      domain: row.domain,
      statement: row.statement,
      indicator: row.indicator,
      targetDate: row.target_date,
      status: row.status,
      outcome: row.outcome,
      createdBy: user(row.created_by),
      createdAt: row.created_at,
    })),
    measures: measures.map((row) => ({
      case: caseRef(row.case_id),
      description: row.description,
      owner: row.owner,
      organisation: row.organisation_id ? (organisations.get(row.organisation_id) ?? null) : null,
      dueOn: row.due_on,
      status: row.status,
      createdBy: user(row.created_by),
      createdAt: row.created_at,
    })),
    contacts: contacts.map((row) => ({
      case: caseRef(row.case_id),
      occurredAt: row.occurred_at,
      durationMinutes: row.duration_minutes,
      channel: row.channel,
      otherParticipants: row.other_participants,
      language: row.language,
      interpreterUsed: row.interpreter_used,
      interpreterLanguage: row.interpreter_language,
      domains: row.domains,
      note: row.note,
      recordedBy: user(row.created_by),
      recordedAt: row.created_at,
    })),
    tasks: tasks.map((row) => ({
      case: caseRef(row.case_id),
      title: row.title,
      dueOn: row.due_on,
      assignee: user(row.assignee_id),
      source: row.source,
      doneAt: row.done_at,
      createdBy: user(row.created_by),
      createdAt: row.created_at,
    })),
    documents: documents.map((row) => ({
      id: row.id,
      case: caseRef(row.case_id),
      fileName: row.file_name,
      mediaType: row.media_type,
      sizeBytes: row.size_bytes,
      sha256: row.sha256,
      uploadedBy: user(row.uploaded_by),
      uploadedAt: row.uploaded_at,
    })),
    /** Ids of every record above, for the audit trail's "who accessed it" (never shown). */
    recordIds: [
      ...cases.map((row) => row.id),
      ...goals.map((row) => row.id),
      ...measures.map((row) => row.id),
      ...contacts.map((row) => row.id),
      ...tasks.map((row) => row.id),
      ...documents.map((row) => row.id),
    ],
  }
}

/** A person as the subject of a data protection request: enough to be sure it is the right one. */
export type PersonHeadline = {
  id: string
  familyName: string
  givenNames: string
  birthDate: string
  city: string
  processingRestricted: boolean
}

const headline = (row: {
  id: string
  family_name: string
  given_names: string
  birth_date: string
  address_city: string
  processing_restricted: boolean
}): PersonHeadline => ({
  id: row.id,
  familyName: row.family_name,
  givenNames: row.given_names,
  birthDate: row.birth_date,
  city: row.address_city,
  processingRestricted: row.processing_restricted,
})

export async function findPersonsByName(
  db: Kysely<DB>,
  districtId: string,
  text: string,
  limit = 20,
): Promise<PersonHeadline[]> {
  return (await selectPersonsByName(db, districtId, text, limit)).map(headline)
}

export async function personHeadline(
  db: Kysely<DB>,
  districtId: string,
  personId: string,
): Promise<PersonHeadline | undefined> {
  const row = await selectPersonHeadline(db, districtId, personId)
  return row ? headline(row) : undefined
}

/**
 * Sets the person's restriction flag, which every policy subject of the person and their cases
 * carries. Inside the caller's transaction, so the flag and its ledger entry commit together.
 */
export async function setProcessingRestriction(
  trx: Transaction<DB>,
  districtId: string,
  personId: string,
  restricted: boolean,
): Promise<boolean> {
  return updateProcessingRestricted(trx, districtId, personId, restricted)
}

/** The district a person belongs to, looked up across districts; undefined when there is no such person. */
export const personDistrict = (db: Kysely<DB>, personId: string): Promise<string | undefined> =>
  acrossDistricts(() => selectDistrictOfRecord(db, 'person', personId))
