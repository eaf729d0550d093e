import type { Kysely, Transaction } from 'kysely'
import type { z } from 'zod'
import type {
  householdLinkSchema,
  LegalSphere,
  MatchCandidateView,
  mergeRequestSchema,
  Person,
  personWriteSchema,
  residenceStatusInputSchema,
} from '../../../../common/casework.ts'
import { earliestDay, isPlaceholderBirthDate, latestDay } from '../../../../common/partial-date.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { districtTime } from '../../../platform/district-time.ts'
import { Conflict, PreconditionRequired } from '../../../platform/errors.ts'
import {
  type Actor,
  abilitiesFor,
  authorize,
  can,
  ownDistrict,
  type PersonSubject,
} from '../../../platform/policy.ts'
import { recordAudit, recordAuditAlone } from '../../audit/index.ts'
import { teamNames } from '../../identity/index.ts'
import { refreshCaseNames } from '../cases/case.queries.ts'
import {
  assertReferences,
  type LoadedPersonSubject,
  loadPersonSubject,
  personSubjects,
  ruleViolation,
} from '../casework.access.ts'
import {
  duplicateThreshold,
  matchKeys,
  matchKeyVersion,
  mayReachScore,
  nameCodes,
  scoreMatch,
} from '../matching/index.ts'
import { refreshResidenceExpiryTasks } from '../tasks/task.service.ts'
import {
  insertMatchKeysOf,
  insertPerson,
  insertPersons,
  insertResidenceStatus,
  lockMatchingKeyVersion,
  markMerged,
  moveReferences,
  type PersonColumns,
  type PersonRow,
  replaceKeysOfPersons,
  replaceMatchKeys,
  selectCandidateIds,
  selectCandidateIdsBatch,
  selectCaseLinks,
  selectHousehold,
  selectPersonNamesAfter,
  selectPersons,
  selectResidenceStatuses,
  setMatchingKeyVersion,
  setPersonLegalSphere,
  updatePersonIfVersion,
  upsertHouseholdRelation,
} from './person.queries.ts'

type PersonWrite = z.output<typeof personWriteSchema>
type ResidenceStatusWrite = z.output<typeof residenceStatusInputSchema>

const personAbilities = ['person.update', 'person.merge'] as const

export const personSummary = (row: PersonRow) => ({
  id: row.id,
  familyName: row.family_name,
  givenNames: row.given_names,
  birthDate: row.birth_date,
  birthDateIsPlaceholder: row.birth_date_placeholder,
  sex: row.sex as Person['sex'],
  municipalityId: row.municipality_id,
})

/** Dates a person's record must keep in order; each answers next to its field. `today` is the district's. */
function checkPersonDates(input: PersonWrite, today: string) {
  if (earliestDay(input.birthDate) > today) throw ruleViolation('date-in-future', 'birthDate', 'invalid')
  if (input.arrivalDate !== null) {
    if (input.arrivalDate > today) throw ruleViolation('date-in-future', 'arrivalDate', 'invalid')
    if (input.arrivalDate < earliestDay(input.birthDate))
      throw ruleViolation('birth-after-arrival', 'arrivalDate', 'invalid')
  }
}

type PersonName = {
  familyName: string
  givenNames: string
  otherSpellings: string[]
  birthName: string | null
}

/** The spellings matching knows a person by: the birth name counts as one more spelling. */
const spellingsOf = (name: PersonName) => ({
  familyName: name.familyName,
  givenNames: name.givenNames,
  otherSpellings: [...name.otherSpellings, ...(name.birthName ? [name.birthName] : [])],
})
const codesOf = (name: PersonName) => nameCodes(spellingsOf(name))
const keysOf = (name: PersonName) => matchKeys(spellingsOf(name))

function personColumns(input: PersonWrite): Omit<PersonColumns, 'registered_by' | 'registered_team_id'> {
  return {
    family_name: input.familyName,
    given_names: input.givenNames,
    birth_name: input.birthName,
    other_spellings: input.otherSpellings,
    name_codes: codesOf(input),
    name_in_original_script: input.nameInOriginalScript,
    birth_date: input.birthDate,
    birth_date_earliest: earliestDay(input.birthDate),
    birth_date_latest: latestDay(input.birthDate),
    birth_date_placeholder: isPlaceholderBirthDate(input.birthDate),
    sex: input.sex,
    nationalities: [...new Set(input.nationalities)],
    languages: JSON.stringify(input.languages),
    municipality_id: input.municipalityId,
    address_street: input.address.street,
    address_postcode: input.address.postcode,
    address_city: input.address.city,
    phone: input.phone,
    email: input.email,
    arrival_date: input.arrivalDate,
    legal_sphere: input.legalSphere,
  }
}

export async function createPerson(
  db: Kysely<DB>,
  actor: Actor,
  input: PersonWrite,
  request: RequestContext,
): Promise<Person> {
  authorize(actor, 'person.register', ownDistrict(actor))
  checkPersonDates(input, (await districtTime(db, actor.districtId, request.now)).today)
  await assertReferences(db, actor.districtId, [
    { table: 'municipality', ids: [input.municipalityId], field: 'municipalityId' },
  ])
  const personId = await db.transaction().execute(async (trx) => {
    const id = await insertPerson(trx, actor.districtId, {
      ...personColumns(input),
      registered_by: actor.userId,
      registered_team_id: actor.teamIds[0] ?? null,
    })
    await replaceMatchKeys(trx, actor.districtId, id, keysOf(input))
    await recordAudit(trx, { ...request, action: 'person.create', subjectType: 'person', subjectId: id })
    return id
  })
  return presentPerson(db, actor, personId)
}

/** Reads a person for the actor and audits the read; a merged duplicate answers with its survivor. */
export async function readPerson(
  db: Kysely<DB>,
  actor: Actor,
  personId: string,
  request: RequestContext,
): Promise<Person> {
  let subject = await loadPersonSubject(db, actor, personId)
  let id = personId
  if (subject.mergedInto) {
    id = subject.mergedInto
    subject = await loadPersonSubject(db, actor, id)
  }
  authorize(actor, 'person.read', subject)
  // A case manager reading a person of none of their cases (through the team) is outside their caseload.
  const outside =
    actor.roles.includes('case_manager') &&
    !subject.managerIds.includes(actor.userId) &&
    subject.registeredBy !== actor.userId
  await recordAuditAlone(db, {
    ...request,
    action: 'person.read',
    subjectType: 'person',
    subjectId: id,
    purpose: outside ? 'outside-caseload' : null,
  })
  return presentPerson(db, actor, id, subject)
}

async function presentPerson(
  db: Kysely<DB>,
  actor: Actor,
  personId: string,
  known?: LoadedPersonSubject,
): Promise<Person> {
  const subject = known ?? (await loadPersonSubject(db, actor, personId))
  const [[row], statuses, household, links] = await Promise.all([
    selectPersons(db, [personId]),
    selectResidenceStatuses(db, personId),
    selectHousehold(db, personId),
    selectCaseLinks(db, [personId]),
  ])
  if (!row) throw new Error('person vanished while being read')
  return {
    ...personSummary(row),
    birthName: row.birth_name,
    otherSpellings: row.other_spellings,
    nameInOriginalScript: row.name_in_original_script,
    nationalities: row.nationalities,
    languages: row.languages,
    address: { street: row.address_street, postcode: row.address_postcode, city: row.address_city },
    phone: row.phone,
    email: row.email,
    arrivalDate: row.arrival_date,
    legalSphere: row.legal_sphere as Person['legalSphere'],
    residenceStatuses: statuses.map((status) => ({
      id: status.id,
      status: status.status as Person['residenceStatuses'][number]['status'],
      legalParagraph: status.legal_paragraph,
      validFrom: status.valid_from,
      validUntil: status.valid_until,
      recordedAt: status.recorded_at,
    })),
    household: household.map((member) => ({
      personId: member.person_id,
      relation: member.relation as Person['household'][number]['relation'],
      familyName: member.family_name,
      givenNames: member.given_names,
      birthDate: member.birth_date,
    })),
    caseIds: [...new Set(links.map((link) => link.case_id))],
    version: row.version,
    abilities: abilitiesFor(actor, subject, personAbilities),
  }
}

export async function updatePerson(
  db: Kysely<DB>,
  actor: Actor,
  personId: string,
  expectedVersion: number | undefined,
  input: PersonWrite,
  request: RequestContext,
): Promise<Person> {
  const subject = await loadPersonSubject(db, actor, personId)
  authorize(actor, 'person.update', subject)
  if (expectedVersion === undefined) throw new PreconditionRequired()
  checkPersonDates(input, (await districtTime(db, actor.districtId, request.now)).today)
  await assertReferences(db, actor.districtId, [
    { table: 'municipality', ids: [input.municipalityId], field: 'municipalityId' },
  ])
  await db.transaction().execute(async (trx) => {
    if (!(await updatePersonIfVersion(trx, personId, expectedVersion, personColumns(input))))
      throw new Conflict()
    await replaceMatchKeys(trx, actor.districtId, personId, keysOf(input))
    await refreshCaseNames(trx, { personId })
    await recordAudit(trx, {
      ...request,
      action: 'person.update',
      subjectType: 'person',
      subjectId: personId,
    })
  })
  return presentPerson(db, actor, personId)
}

export async function addResidenceStatus(
  db: Kysely<DB>,
  actor: Actor,
  personId: string,
  input: ResidenceStatusWrite,
  request: RequestContext,
): Promise<Person> {
  const subject = await loadPersonSubject(db, actor, personId)
  authorize(actor, 'person.update', subject)
  if (input.validFrom && input.validUntil && input.validUntil < input.validFrom)
    throw ruleViolation('date-order', 'validUntil', 'invalid')
  await db.transaction().execute(async (trx) => {
    const { id } = await insertResidenceStatus(trx, {
      district_id: actor.districtId,
      person_id: personId,
      status: input.status,
      legal_paragraph: input.legalParagraph,
      valid_from: input.validFrom,
      valid_until: input.validUntil,
      recorded_by: actor.userId,
    })
    await recordAudit(trx, {
      ...request,
      action: 'person.residence-status.create',
      subjectType: 'person',
      subjectId: personId,
    })
    await refreshResidenceExpiryTasks(trx, actor.districtId, { now: request.now, residenceStatusId: id })
  })
  return presentPerson(db, actor, personId)
}

type HouseholdRelation = z.output<typeof householdLinkSchema>['relation']

/** The relation as seen from the other person; TypeScript demands one for every relation. */
const inverseRelation: Record<HouseholdRelation, HouseholdRelation> = {
  partner: 'partner',
  child: 'parent',
  parent: 'child',
  sibling: 'sibling',
  other: 'other',
}

export async function linkHouseholdMember(
  db: Kysely<DB>,
  actor: Actor,
  personId: string,
  input: z.output<typeof householdLinkSchema>,
  request: RequestContext,
): Promise<Person> {
  const subject = await loadPersonSubject(db, actor, personId)
  authorize(actor, 'person.update', subject)
  if (input.relatedPersonId === personId) throw ruleViolation('merge-same-person', 'relatedPersonId')
  authorize(actor, 'person.read', await loadPersonSubject(db, actor, input.relatedPersonId))
  await db.transaction().execute(async (trx) => {
    await upsertHouseholdRelation(trx, actor.districtId, personId, input.relatedPersonId, input.relation)
    await upsertHouseholdRelation(
      trx,
      actor.districtId,
      input.relatedPersonId,
      personId,
      inverseRelation[input.relation],
    )
    await recordAudit(trx, {
      ...request,
      action: 'person.household.link',
      subjectType: 'person',
      subjectId: personId,
    })
  })
  return presentPerson(db, actor, personId)
}

const candidateLimit = 500
const resultLimit = 10

export type MatchQuery = { familyName: string; givenNames: string; birthDate: string | null }

/** Scored persons of the district for a name, best first, above the given threshold. */
export async function scoredCandidates(
  db: Kysely<DB>,
  districtId: string,
  query: MatchQuery,
  threshold: number,
): Promise<{ row: PersonRow; score: number; reasons: string[] }[]> {
  const keys = matchKeys({ familyName: query.familyName, givenNames: query.givenNames })
  const birthYear = query.birthDate ? Number(query.birthDate.slice(0, 4)) : null
  const ids = await selectCandidateIds(db, districtId, keys, birthYear, candidateLimit)
  const rows = (await selectPersons(db, ids)).filter((row) => row.merged_into === null)
  return rows
    .map((row) => {
      const { score, reasons } = scoreMatch(query, {
        familyName: row.family_name,
        givenNames: row.given_names,
        birthDate: row.birth_date,
        otherSpellings: [...row.other_spellings, ...(row.birth_name ? [row.birth_name] : [])],
      })
      return { row, score, reasons: [...reasons] }
    })
    .filter((candidate) => candidate.score >= threshold)
    .sort(byScore)
}

/** Best score first; among equal scores the person's id decides, so that the order is stable. */
const byScore = (a: { row: PersonRow; score: number }, b: { row: PersonRow; score: number }) =>
  b.score - a.score || (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0)

const refreshBatch = 1000

/**
 * Recomputes the stored match keys and name codes of every person, in every district, when they
 * were computed by another version of the matcher's rules (`matchKeyVersion`). Called at start-up
 * with the owner's connection (no district set) after the migrations. One transaction holds the
 * version row locked, so with several servers starting together one recomputes and the others
 * wait and then find the version current. Merged duplicates keep no keys. Answers how many
 * persons were recomputed (0 when the keys were current).
 */
export async function refreshStaleMatchKeys(ownerDb: Kysely<DB>): Promise<number> {
  return ownerDb.transaction().execute(async (trx) => {
    if ((await lockMatchingKeyVersion(trx)) === matchKeyVersion) return 0
    let refreshed = 0
    let afterId: string | null = null
    for (;;) {
      const rows = await selectPersonNamesAfter(trx, afterId, refreshBatch)
      if (rows.length === 0) break
      afterId = (rows.at(-1) as (typeof rows)[number]).id
      await replaceKeysOfPersons(
        trx,
        rows.map((row) => {
          const name = {
            familyName: row.family_name,
            givenNames: row.given_names,
            otherSpellings: row.other_spellings,
            birthName: row.birth_name,
          }
          const merged = row.merged_into !== null
          return {
            id: row.id,
            districtId: row.district_id,
            codes: codesOf(name),
            keys: merged ? [] : keysOf(name),
          }
        }),
      )
      refreshed += rows.length
    }
    if (refreshed > 0) await refreshCaseNames(trx, { everyDistrict: true })
    await setMatchingKeyVersion(trx, matchKeyVersion)
    return refreshed
  })
}

/**
 * Likely existing records of the same person across the whole district. Outside the actor's own
 * caseload only the score and the team to ask come back, never the person's data.
 */
export async function matchPersons(
  db: Kysely<DB>,
  actor: Actor,
  query: MatchQuery,
  request: RequestContext,
): Promise<{ candidates: MatchCandidateView[] }> {
  authorize(actor, 'person.register', ownDistrict(actor))
  const scored = (await scoredCandidates(db, actor.districtId, query, duplicateThreshold)).slice(
    0,
    resultLimit,
  )
  const subjects = await personSubjects(
    db,
    actor.districtId,
    scored.map((candidate) => candidate.row),
  )
  const teams = await teamNames(
    db,
    actor.districtId,
    [...subjects.values()].flatMap((subject) => subject.teamIds),
  )
  const candidates = scored.map(({ row, score, reasons }) => {
    const subject = subjects.get(row.id) as PersonSubject
    const visible = can(actor, 'person.read', subject)
    return {
      personId: row.id,
      score: Math.round(score * 1000) / 1000,
      reasons,
      visible,
      person: visible ? personSummary(row) : null,
      contactTeams: subject.teamIds.flatMap((teamId) => {
        const name = teams.get(teamId)
        return name === undefined ? [] : [{ id: teamId, name }]
      }),
    }
  })
  await recordAuditAlone(db, {
    ...request,
    action: 'person.match',
    purpose: `candidates:${candidates.length}`,
  })
  return { candidates }
}

export async function mergePersons(
  db: Kysely<DB>,
  actor: Actor,
  survivorId: string,
  input: z.output<typeof mergeRequestSchema>,
  request: RequestContext,
): Promise<Person> {
  const survivor = await loadPersonSubject(db, actor, survivorId)
  const duplicate = await loadPersonSubject(db, actor, input.duplicatePersonId)
  authorize(actor, 'person.merge', survivor)
  authorize(actor, 'person.merge', duplicate)
  if (survivorId === input.duplicatePersonId || survivor.mergedInto || duplicate.mergedInto)
    throw ruleViolation('merge-same-person', 'duplicatePersonId')
  await db.transaction().execute(async (trx) => {
    const [survivorRow, duplicateRow] = await Promise.all([
      selectPersons(trx, [survivorId]).then((rows) => rows[0] as PersonRow),
      selectPersons(trx, [input.duplicatePersonId]).then((rows) => rows[0] as PersonRow),
    ])
    // The duplicate's spellings stay findable: a later search in its spelling finds the survivor.
    const otherSpellings = [
      ...new Set([
        ...survivorRow.other_spellings,
        `${duplicateRow.given_names} ${duplicateRow.family_name}`,
        ...duplicateRow.other_spellings,
      ]),
    ].slice(0, 20)
    await moveReferences(trx, survivorId, input.duplicatePersonId)
    await refreshCaseNames(trx, { personId: survivorId })
    await markMerged(trx, input.duplicatePersonId, survivorId)
    const survivorName = {
      familyName: survivorRow.family_name,
      givenNames: survivorRow.given_names,
      otherSpellings,
      birthName: survivorRow.birth_name,
    }
    const changes = { other_spellings: otherSpellings, name_codes: codesOf(survivorName) }
    if (!(await updatePersonIfVersion(trx, survivorId, survivorRow.version, changes))) throw new Conflict()
    await replaceMatchKeys(trx, actor.districtId, survivorId, keysOf(survivorName))
    for (const subjectId of [survivorId, input.duplicatePersonId]) {
      await recordAudit(trx, {
        ...request,
        action: 'person.merge',
        subjectType: 'person',
        subjectId,
        purpose: input.reason,
      })
    }
  })
  return presentPerson(db, actor, survivorId)
}

/**
 * For another module that records a change of a person's legal sphere: the person must be the
 * actor's to change (`person.update`), and not a merged duplicate. Answers the current sphere.
 */
export async function authorizeLegalSphereChange(
  db: Kysely<DB>,
  actor: Actor,
  personId: string,
): Promise<{ legalSphere: LegalSphere }> {
  const subject = await loadPersonSubject(db, actor, personId)
  authorize(actor, 'person.update', subject)
  if (subject.mergedInto) throw ruleViolation('person-merged', 'personId', 'conflict')
  const [row] = await selectPersons(db, [personId])
  return { legalSphere: row?.legal_sphere as LegalSphere }
}

/**
 * Sets the person's current legal sphere inside the caller's transaction; audited as a person
 * update. Answers false, changing nothing, for a merged duplicate.
 */
export async function setLegalSphere(
  trx: Transaction<DB>,
  personId: string,
  sphere: LegalSphere,
  request: RequestContext,
): Promise<boolean> {
  if (!(await setPersonLegalSphere(trx, personId, sphere))) return false
  await recordAudit(trx, {
    ...request,
    action: 'person.update',
    subjectType: 'person',
    subjectId: personId,
    purpose: 'legal-sphere-change',
  })
  return true
}

/**
 * The persons among the ids the actor may read, with their names and what a pseudonymised
 * summary may use (birth date for an age group, sex); one batch through the policy.
 */
export async function readablePersons(
  db: Kysely<DB>,
  actor: Actor,
  personIds: readonly string[],
): Promise<Map<string, { familyName: string; givenNames: string; birthDate: string; sex: string }>> {
  const rows = (await selectPersons(db, [...new Set(personIds)])).filter(
    (row) => row.district_id === actor.districtId,
  )
  const subjects = await personSubjects(db, actor.districtId, rows)
  const readable = new Map<
    string,
    { familyName: string; givenNames: string; birthDate: string; sex: string }
  >()
  for (const row of rows) {
    const subject = subjects.get(row.id)
    if (subject && can(actor, 'person.read', subject))
      readable.set(row.id, {
        familyName: row.family_name,
        givenNames: row.given_names,
        birthDate: row.birth_date,
        sex: row.sex,
      })
  }
  return readable
}

/** For another module showing records of a person: the actor must read the person (`person.read`). */
export async function authorizePersonRead(db: Kysely<DB>, actor: Actor, personId: string): Promise<void> {
  authorize(actor, 'person.read', await loadPersonSubject(db, actor, personId))
}

/** A person of an imported row, checked by the import before it comes here. */
export type ImportedPerson = Pick<
  PersonWrite,
  'familyName' | 'givenNames' | 'birthDate' | 'sex' | 'municipalityId'
>

/**
 * Registers the persons of an import's batch inside its transaction, with the match keys persons
 * registered by hand get, in a few statements for the whole batch. The import module authorises
 * (`import.manage`), checks the rows and audits the batch in one entry naming every person and
 * case it created (decision 0035); this keeps the columns case work's. Answers the new ids in the
 * order given.
 */
export async function registerImportedPersons(
  trx: Transaction<DB>,
  actor: Actor,
  persons: readonly ImportedPerson[],
): Promise<string[]> {
  authorize(actor, 'import.manage', ownDistrict(actor))
  const inputs: PersonWrite[] = persons.map((person) => ({
    ...person,
    birthName: null,
    otherSpellings: [],
    nameInOriginalScript: null,
    nationalities: [],
    languages: [],
    address: { street: '', postcode: '', city: '' },
    phone: null,
    email: null,
    arrivalDate: null,
    legalSphere: 'none',
  }))
  const ids = await insertPersons(
    trx,
    actor.districtId,
    inputs.map((input) => ({
      ...personColumns(input),
      registered_by: actor.userId,
      registered_team_id: actor.teamIds[0] ?? null,
    })),
  )
  await insertMatchKeysOf(
    trx,
    actor.districtId,
    inputs.map((input, index) => ({ personId: ids[index] as string, keys: keysOf(input) })),
  )
  return ids
}

/**
 * `importMatchCandidate` for a whole batch of rows: the candidates of every row in one query, the
 * persons in one more, scored as `scoredCandidates` scores them. A row whose candidates the limit
 * cuts (more than `candidateLimit` persons share a key with it) is matched alone, as before, so the
 * answers are those of the per-row matcher. Answers one entry per query, in the order given.
 */
export async function importMatchCandidates(
  db: Kysely<DB>,
  actor: Actor,
  queries: readonly MatchQuery[],
): Promise<({ personId: string; score: number; reasons: string[] } | null)[]> {
  authorize(actor, 'import.manage', ownDistrict(actor))
  if (queries.length === 0) return []
  const found = await selectCandidateIdsBatch(
    db,
    actor.districtId,
    queries.map((query) => ({
      keys: matchKeys({ familyName: query.familyName, givenNames: query.givenNames }),
      birthYear: query.birthDate ? Number(query.birthDate.slice(0, 4)) : null,
    })),
    candidateLimit,
  )
  const idsOf = new Map<number, string[]>()
  const cut = new Set<number>()
  for (const { query, person_id, total } of found) {
    if (total > candidateLimit) cut.add(query)
    const ids = idsOf.get(query) ?? []
    ids.push(person_id)
    idsOf.set(query, ids)
  }
  const persons = new Map(
    (await selectPersons(db, [...new Set(found.map((row) => row.person_id))]))
      .filter((row) => row.merged_into === null)
      .map((row) => [row.id, row]),
  )
  const answers: ({ personId: string; score: number; reasons: string[] } | null)[] = []
  for (const [index, query] of queries.entries()) {
    if (cut.has(index)) {
      answers.push(await importMatchCandidate(db, actor, query))
      continue
    }
    let best: { row: PersonRow; score: number; reasons: string[] } | null = null
    for (const id of idsOf.get(index) ?? []) {
      const row = persons.get(id)
      if (!row) continue
      // Most candidates sharing a name key were born another day: their names need no comparing.
      if (!mayReachScore(query, { ...query, birthDate: row.birth_date }, duplicateThreshold)) continue
      const { score, reasons } = scoreMatch(query, {
        familyName: row.family_name,
        givenNames: row.given_names,
        birthDate: row.birth_date,
        otherSpellings: [...row.other_spellings, ...(row.birth_name ? [row.birth_name] : [])],
      })
      if (score < duplicateThreshold) continue
      const candidate = { row, score, reasons: [...reasons] }
      if (!best || byScore(candidate, best) < 0) best = candidate
    }
    answers.push(best ? { personId: best.row.id, score: best.score, reasons: best.reasons } : null)
  }
  return answers
}

/** The likeliest existing person of the district for an imported row, when the matcher finds one. */
export async function importMatchCandidate(
  db: Kysely<DB>,
  actor: Actor,
  query: MatchQuery,
): Promise<{ personId: string; score: number; reasons: string[] } | null> {
  authorize(actor, 'import.manage', ownDistrict(actor))
  const [best] = await scoredCandidates(db, actor.districtId, query, duplicateThreshold)
  return best ? { personId: best.row.id, score: best.score, reasons: best.reasons } : null
}
