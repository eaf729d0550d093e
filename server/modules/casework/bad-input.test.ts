import { beforeAll, describe, expect, it } from 'vitest'
import type { Goal, Measure, Task } from '../../../common/casework.ts'
import { useTestApp } from '../../test/app.ts'
import { loginAs, type TestSession, useDemoData } from '../../test/auth.ts'
import { databaseKinds } from '../../test/database.ts'
import {
  assessmentBody,
  caseWorkTables,
  contactBody,
  countAll,
  createTeam,
  createUser,
  expectProblem,
  goalBody,
  isoDay,
  municipalityIds,
  personBody,
  personWithCase,
  registerPerson,
} from './casework.test-helpers.ts'

/** Everything a bad request needs to name: own records, and records of another district. */
type Fixtures = {
  municipality: string
  personId: string
  otherPersonId: string
  caseId: string
  caseVersion: number
  goal: Goal
  measure: Measure
  task: Task
  coordinatorId: string
  caseManagerId: string
  partnerId: string
  foreignMunicipality: string
  foreignPersonId: string
  foreignCaseId: string
  foreignTeam: string
  foreignOrganisation: string
}

type BadRequest = {
  label: string
  as?: 'admin'
  method: 'POST' | 'PUT'
  url: (f: Fixtures) => string
  payload: (f: Fixtures) => unknown
  ifMatch?: string
  status: number
  path?: string
  message?: string
}

const long = (length: number) => 'a'.repeat(length)

const personPayload = (f: Fixtures, overrides: Record<string, unknown>) =>
  personBody(f.municipality, overrides)
const persons = '/api/persons'
const person = (f: Fixtures) => `/api/persons/${f.personId}`
const kase = (f: Fixtures) => `/api/cases/${f.caseId}`
const caseOpen = (f: Fixtures, overrides: Record<string, unknown> = {}) => ({
  personIds: [f.personId],
  municipalityId: f.municipality,
  ...overrides,
})
const taskPayload = (overrides: Record<string, unknown>) => ({
  title: 'Unterlagen prüfen',
  dueOn: isoDay(3),
  ...overrides,
})
const settings = (overrides: Record<string, unknown>) => ({
  teamCasesVisibleToCaseManagers: true,
  residenceExpiryLeadDays: 90,
  ...overrides,
})
const shortConsultation = (f: Fixtures, overrides: Record<string, unknown>) => ({
  occurredOn: isoDay(),
  municipalityId: f.municipality,
  domains: ['work'],
  language: 'ar',
  channel: 'phone',
  ...overrides,
})

const badRequests: BadRequest[] = [
  // Registering and changing persons
  {
    label: 'a family name of 201 characters',
    method: 'POST',
    url: () => persons,
    payload: (f) => personPayload(f, { familyName: long(201) }),
    status: 400,
    path: 'body.familyName',
    message: 'name-too-long',
  },
  {
    label: 'an empty given name',
    method: 'POST',
    url: () => persons,
    payload: (f) => personPayload(f, { givenNames: '   ' }),
    status: 400,
    path: 'body.givenNames',
    message: 'name-empty',
  },
  {
    label: 'a birth date as a number',
    method: 'POST',
    url: () => persons,
    payload: (f) => personPayload(f, { birthDate: 1988 }),
    status: 400,
    path: 'body.birthDate',
  },
  {
    label: 'an unknown sex',
    method: 'POST',
    url: () => persons,
    payload: (f) => personPayload(f, { sex: 'x' }),
    status: 400,
    path: 'body.sex',
  },
  {
    label: 'a municipality id that is no uuid',
    method: 'POST',
    url: () => persons,
    payload: (f) => personPayload(f, { municipalityId: 'Siegburg' }),
    status: 400,
    path: 'body.municipalityId',
  },
  {
    label: "another district's municipality",
    method: 'POST',
    url: () => persons,
    payload: (f) => personPayload(f, { municipalityId: f.foreignMunicipality }),
    status: 422,
    path: 'body.municipalityId',
    message: 'unknown-reference',
  },
  {
    label: 'a district id smuggled in',
    method: 'POST',
    url: () => persons,
    payload: (f) => personPayload(f, { districtId: f.foreignMunicipality }),
    status: 400,
    path: 'body',
  },
  {
    label: 'eleven other spellings',
    method: 'POST',
    url: () => persons,
    payload: (f) =>
      personPayload(f, { otherSpellings: Array.from({ length: 11 }, (_, i) => `Berger${'e'.repeat(i)}`) }),
    status: 400,
    path: 'body.otherSpellings',
  },
  {
    label: 'a nationality written out',
    method: 'POST',
    url: () => persons,
    payload: (f) => personPayload(f, { nationalities: ['Syrien'] }),
    status: 400,
    path: 'body.nationalities.0',
  },
  {
    label: 'a postcode of three digits',
    method: 'POST',
    url: () => persons,
    payload: (f) => personPayload(f, { address: { street: 'Markt 1', postcode: '537', city: 'Siegburg' } }),
    status: 400,
    path: 'body.address.postcode',
  },
  {
    label: 'a language that is no ISO code',
    method: 'POST',
    url: () => persons,
    payload: (f) => personPayload(f, { languages: [{ code: 'Arabisch' }] }),
    status: 400,
    path: 'body.languages.0.code',
  },
  {
    label: 'a person change with a stale version',
    method: 'PUT',
    url: person,
    payload: (f) => personPayload(f, { familyName: 'Veraltet' }),
    ifMatch: '"7"',
    status: 409,
  },
  ...['version-eins', '"2147483648"', '"1e30"', '"99999999999999999999"', 'W/"-1"'].map(
    (ifMatch): BadRequest => ({
      label: `a person change with the unusable If-Match ${ifMatch}`,
      method: 'PUT',
      url: person,
      payload: (f) => personPayload(f, { familyName: 'Unlesbar' }),
      ifMatch,
      status: 400,
      path: 'headers.if-match',
      message: 'if-match-invalid',
    }),
  ),
  {
    label: 'a case phase change with a version beyond the integer range',
    method: 'POST',
    url: (f) => `${kase(f)}/phase`,
    payload: () => ({ to: 'assessment' }),
    ifMatch: '"2147483648"',
    status: 400,
    path: 'headers.if-match',
    message: 'if-match-invalid',
  },
  {
    label: "a change of another district's person",
    method: 'PUT',
    url: (f) => `/api/persons/${f.foreignPersonId}`,
    payload: (f) => personPayload(f, { familyName: 'Übergriff' }),
    ifMatch: '"1"',
    status: 404,
  },
  {
    label: 'a duplicate check for 30 February',
    method: 'POST',
    url: () => '/api/persons/match',
    payload: () => ({ familyName: 'Berger', givenNames: 'Lena', birthDate: '1990-02-30' }),
    status: 400,
    path: 'body.birthDate',
  },
  {
    label: 'a duplicate check without given names',
    method: 'POST',
    url: () => '/api/persons/match',
    payload: () => ({ familyName: 'Berger' }),
    status: 400,
    path: 'body.givenNames',
  },
  // Residence, household, merge
  {
    label: 'a residence title ending before it starts',
    method: 'POST',
    url: (f) => `${person(f)}/residence-statuses`,
    payload: () => ({ status: 'residence-permit', validFrom: isoDay(-10), validUntil: isoDay(-20) }),
    status: 400,
    path: 'body.validUntil',
    message: 'date-order',
  },
  {
    label: 'a residence permit by purpose (§ 25) without its paragraph',
    method: 'POST',
    url: (f) => `${person(f)}/residence-statuses`,
    payload: () => ({
      status: 'residence-permit-humanitarian',
      legalParagraph: '  ',
      validUntil: isoDay(200),
    }),
    status: 400,
    path: 'body.legalParagraph',
    message: 'paragraph-required',
  },
  {
    label: 'an unknown residence status',
    method: 'POST',
    url: (f) => `${person(f)}/residence-statuses`,
    payload: () => ({ status: 'asylum' }),
    status: 400,
    path: 'body.status',
  },
  {
    label: 'a residence title valid until 30 February',
    method: 'POST',
    url: (f) => `${person(f)}/residence-statuses`,
    payload: () => ({ status: 'visa', validUntil: '2030-02-30' }),
    status: 400,
    path: 'body.validUntil',
  },
  {
    label: 'a residence title valid until 2200',
    method: 'POST',
    url: (f) => `${person(f)}/residence-statuses`,
    payload: () => ({ status: 'visa', validUntil: '2200-01-31' }),
    status: 400,
    path: 'body.validUntil',
    message: 'date-too-far-ahead',
  },
  {
    label: 'an arrival in year 0019',
    method: 'POST',
    url: () => persons,
    payload: (f) => personPayload(f, { arrivalDate: '0019-09-01' }),
    status: 400,
    path: 'body.arrivalDate',
    message: 'date-too-early',
  },
  {
    label: 'an unknown household relation',
    method: 'POST',
    url: (f) => `${person(f)}/household`,
    payload: (f) => ({ relatedPersonId: f.otherPersonId, relation: 'cousin' }),
    status: 400,
    path: 'body.relation',
  },
  {
    label: 'a person as their own household member',
    method: 'POST',
    url: (f) => `${person(f)}/household`,
    payload: (f) => ({ relatedPersonId: f.personId, relation: 'sibling' }),
    status: 422,
    path: 'body.relatedPersonId',
  },
  {
    label: "another district's person as household member",
    method: 'POST',
    url: (f) => `${person(f)}/household`,
    payload: (f) => ({ relatedPersonId: f.foreignPersonId, relation: 'sibling' }),
    status: 404,
  },
  {
    label: 'a merge with a free-text reason',
    method: 'POST',
    url: (f) => `${person(f)}/merge`,
    payload: (f) => ({ duplicatePersonId: f.otherPersonId, reason: 'Tippfehler bei der Aufnahme' }),
    status: 400,
    path: 'body.reason',
  },
  {
    label: 'a merge of a person with themselves',
    method: 'POST',
    url: (f) => `${person(f)}/merge`,
    payload: (f) => ({ duplicatePersonId: f.personId, reason: 'registered-twice' }),
    status: 422,
    path: 'body.duplicatePersonId',
    message: 'merge-same-person',
  },
  {
    label: "a merge of another district's person",
    method: 'POST',
    url: (f) => `${person(f)}/merge`,
    payload: (f) => ({ duplicatePersonId: f.foreignPersonId, reason: 'registered-twice' }),
    status: 404,
  },
  // Cases
  {
    label: 'a case without persons',
    method: 'POST',
    url: () => '/api/cases',
    payload: (f) => caseOpen(f, { personIds: [] }),
    status: 400,
    path: 'body.personIds',
  },
  {
    label: "a case for another district's person",
    method: 'POST',
    url: () => '/api/cases',
    payload: (f) => caseOpen(f, { personIds: [f.foreignPersonId] }),
    status: 404,
  },
  {
    label: "a case in another district's municipality",
    method: 'POST',
    url: () => '/api/cases',
    payload: (f) => caseOpen(f, { municipalityId: f.foreignMunicipality }),
    status: 422,
    path: 'body.municipalityId',
    message: 'unknown-reference',
  },
  {
    label: "a case for another district's team",
    method: 'POST',
    url: () => '/api/cases',
    payload: (f) => caseOpen(f, { teamId: f.foreignTeam }),
    status: 422,
    path: 'body.teamId',
    message: 'unknown-reference',
  },
  {
    label: 'a coordinator as case manager',
    method: 'POST',
    url: () => '/api/cases',
    payload: (f) => caseOpen(f, { managerIds: [f.coordinatorId] }),
    status: 422,
    path: 'body.managerIds',
    message: 'unknown-reference',
  },
  {
    label: 'a case opened tomorrow',
    method: 'POST',
    url: () => '/api/cases',
    payload: (f) => caseOpen(f, { openedOn: isoDay(1) }),
    status: 400,
    path: 'body.openedOn',
    message: 'date-in-future',
  },
  {
    label: 'a case opened in year 0024',
    method: 'POST',
    url: () => '/api/cases',
    payload: (f) => caseOpen(f, { openedOn: '0024-05-01' }),
    status: 400,
    path: 'body.openedOn',
    message: 'date-before-1990',
  },
  {
    label: 'a case without any case manager on reassignment',
    method: 'PUT',
    url: kase,
    payload: (f) => ({ municipalityId: f.municipality, teamId: null, managerIds: [] }),
    ifMatch: '"1"',
    status: 400,
    path: 'body.managerIds',
  },
  {
    label: 'a coordinator as case manager on reassignment',
    method: 'PUT',
    url: kase,
    payload: (f) => ({ municipalityId: f.municipality, teamId: null, managerIds: [f.coordinatorId] }),
    ifMatch: '"1"',
    status: 422,
    path: 'body.managerIds',
  },
  {
    label: 'a reassignment with a stale version',
    method: 'PUT',
    url: kase,
    payload: (f) => ({ municipalityId: f.municipality, teamId: null, managerIds: [f.caseManagerId] }),
    ifMatch: '"9"',
    status: 409,
  },
  {
    label: 'an unknown phase',
    method: 'POST',
    url: (f) => `${kase(f)}/phase`,
    payload: () => ({ to: 'archived' }),
    ifMatch: '"1"',
    status: 400,
    path: 'body.to',
  },
  {
    label: 'a closing reason in free text',
    method: 'POST',
    url: (f) => `${kase(f)}/phase`,
    payload: () => ({ to: 'closed', closingReason: 'keine Lust mehr' }),
    ifMatch: '"1"',
    status: 400,
    path: 'body.closingReason',
  },
  {
    label: 'a phase change with a stale version',
    method: 'POST',
    url: (f) => `${kase(f)}/phase`,
    payload: () => ({ to: 'assessment' }),
    ifMatch: '"9"',
    status: 409,
  },
  // Assessment, plan
  {
    label: 'a need level of 4',
    method: 'POST',
    url: (f) => `${kase(f)}/assessments`,
    payload: () => ({ assessedOn: isoDay(-1), entries: [{ domain: 'work', needLevel: 4 }] }),
    status: 400,
    path: 'body.entries.0.needLevel',
  },
  {
    label: 'an assessment without entries',
    method: 'POST',
    url: (f) => `${kase(f)}/assessments`,
    payload: () => ({ assessedOn: isoDay(-1), entries: [] }),
    status: 400,
    path: 'body.entries',
  },
  {
    label: 'an assessment on 30 February',
    method: 'POST',
    url: (f) => `${kase(f)}/assessments`,
    payload: () => ({ ...assessmentBody(), assessedOn: '2024-02-30' }),
    status: 400,
    path: 'body.assessedOn',
  },
  {
    label: 'a goal statement of two characters',
    method: 'POST',
    url: (f) => `${kase(f)}/goals`,
    payload: () => goalBody({ statement: 'ab' }),
    status: 400,
    path: 'body.statement',
  },
  {
    label: 'a goal statement of 501 characters',
    method: 'POST',
    url: (f) => `${kase(f)}/goals`,
    payload: () => goalBody({ statement: long(501) }),
    status: 400,
    path: 'body.statement',
  },
  {
    label: 'an unknown life domain',
    method: 'POST',
    url: (f) => `${kase(f)}/goals`,
    payload: () => goalBody({ domain: 'money' }),
    status: 400,
    path: 'body.domain',
  },
  {
    label: 'a goal change with a stale version',
    method: 'PUT',
    url: (f) => `${kase(f)}/goals/${f.goal.id}`,
    payload: () => goalBody({ statement: 'Veraltet' }),
    ifMatch: '"5"',
    status: 409,
  },
  {
    label: 'an unknown measure owner',
    method: 'POST',
    url: (f) => `${kase(f)}/measures`,
    payload: () => ({ description: 'Sprachkurs', owner: 'state' }),
    status: 400,
    path: 'body.owner',
  },
  {
    label: "another district's organisation as partner",
    method: 'POST',
    url: (f) => `${kase(f)}/measures`,
    payload: (f) => ({ description: 'Sprachkurs', owner: 'partner', organisationId: f.foreignOrganisation }),
    status: 422,
    path: 'body.organisationId',
    message: 'unknown-reference',
  },
  {
    label: 'a measure change with a stale version',
    method: 'PUT',
    url: (f) => `${kase(f)}/measures/${f.measure.id}`,
    payload: () => ({ description: 'Veraltet', owner: 'client' }),
    ifMatch: '"5"',
    status: 409,
  },
  // Contacts
  {
    label: 'a contact of 0 minutes',
    method: 'POST',
    url: (f) => `${kase(f)}/contacts`,
    payload: () => contactBody({ durationMinutes: 0 }),
    status: 400,
    path: 'body.durationMinutes',
  },
  {
    label: 'a contact duration as text',
    method: 'POST',
    url: (f) => `${kase(f)}/contacts`,
    payload: () => contactBody({ durationMinutes: '30' }),
    status: 400,
    path: 'body.durationMinutes',
  },
  {
    label: 'a contact of eleven hours',
    method: 'POST',
    url: (f) => `${kase(f)}/contacts`,
    payload: () => contactBody({ durationMinutes: 660 }),
    status: 400,
    path: 'body.durationMinutes',
  },
  {
    label: 'a contact by fax',
    method: 'POST',
    url: (f) => `${kase(f)}/contacts`,
    payload: () => contactBody({ channel: 'fax' }),
    status: 400,
    path: 'body.channel',
  },
  {
    label: 'a contact language written out',
    method: 'POST',
    url: (f) => `${kase(f)}/contacts`,
    payload: () => contactBody({ language: 'Deutsch' }),
    status: 400,
    path: 'body.language',
  },
  {
    label: 'a contact without life domains',
    method: 'POST',
    url: (f) => `${kase(f)}/contacts`,
    payload: () => contactBody({ domains: [] }),
    status: 400,
    path: 'body.domains',
  },
  {
    label: 'a contact note of 5001 characters',
    method: 'POST',
    url: (f) => `${kase(f)}/contacts`,
    payload: () => contactBody({ note: long(5001) }),
    status: 400,
    path: 'body.note',
  },
  {
    label: 'a contact time without time zone',
    method: 'POST',
    url: (f) => `${kase(f)}/contacts`,
    payload: () => contactBody({ occurredAt: `${isoDay(-1)}T10:00:00` }),
    status: 400,
    path: 'body.occurredAt',
  },
  {
    label: 'a contact typed in year 0024',
    method: 'POST',
    url: (f) => `${kase(f)}/contacts`,
    payload: () => contactBody({ occurredAt: '0024-05-01T10:00:00Z' }),
    status: 400,
    path: 'body.occurredAt',
    message: 'date-before-1990',
  },
  {
    label: 'a contact the day after tomorrow',
    method: 'POST',
    url: (f) => `${kase(f)}/contacts`,
    payload: () => contactBody({ occurredAt: `${isoDay(2)}T10:00:00+01:00` }),
    status: 400,
    path: 'body.occurredAt',
    message: 'date-in-future',
  },
  {
    label: "another district's person as participant",
    method: 'POST',
    url: (f) => `${kase(f)}/contacts`,
    payload: (f) => contactBody({ participantPersonIds: [f.foreignPersonId] }),
    status: 422,
    path: 'body.participantPersonIds',
  },
  {
    label: "a contact for another district's case",
    method: 'POST',
    url: (f) => `/api/cases/${f.foreignCaseId}/contacts`,
    payload: () => contactBody(),
    status: 404,
  },
  // Tasks
  {
    label: 'a task title of one character',
    method: 'POST',
    url: () => '/api/tasks',
    payload: () => taskPayload({ title: 'x' }),
    status: 400,
    path: 'body.title',
  },
  {
    label: 'a due day in words',
    method: 'POST',
    url: () => '/api/tasks',
    payload: () => taskPayload({ dueOn: 'morgen' }),
    status: 400,
    path: 'body.dueOn',
  },
  {
    label: 'a due day before 1990',
    method: 'POST',
    url: () => '/api/tasks',
    payload: () => taskPayload({ dueOn: '1989-12-31' }),
    status: 400,
    path: 'body.dueOn',
    message: 'date-before-1990',
  },
  {
    label: 'a due day typed with a two-digit year (0024)',
    method: 'POST',
    url: () => '/api/tasks',
    payload: () => taskPayload({ dueOn: '0024-05-01' }),
    status: 400,
    path: 'body.dueOn',
    message: 'date-before-1990',
  },
  {
    label: 'a due day more than ten years ahead',
    method: 'POST',
    url: () => '/api/tasks',
    payload: () => taskPayload({ dueOn: '2126-05-01' }),
    status: 400,
    path: 'body.dueOn',
    message: 'date-too-far-ahead',
  },
  {
    label: 'a partner as assignee',
    method: 'POST',
    url: () => '/api/tasks',
    payload: (f) => taskPayload({ assigneeId: f.partnerId }),
    status: 422,
    path: 'body.assigneeId',
  },
  {
    label: "a task about another district's case",
    method: 'POST',
    url: () => '/api/tasks',
    payload: (f) => taskPayload({ caseId: f.foreignCaseId }),
    status: 404,
  },
  {
    label: 'a task change with a stale version',
    method: 'PUT',
    url: (f) => `/api/tasks/${f.task.id}`,
    payload: (f) => ({ title: f.task.title, dueOn: f.task.dueOn, assigneeId: f.task.assigneeId, done: true }),
    ifMatch: '"4"',
    status: 409,
  },
  {
    label: 'a task done as text',
    method: 'PUT',
    url: (f) => `/api/tasks/${f.task.id}`,
    payload: (f) => ({ title: f.task.title, dueOn: f.task.dueOn, assigneeId: f.task.assigneeId, done: 'ja' }),
    ifMatch: '"1"',
    status: 400,
    path: 'body.done',
  },
  // Views, settings, short consultations
  {
    label: 'a view without name',
    method: 'POST',
    url: () => '/api/case-views',
    payload: () => ({ name: '', filters: {} }),
    status: 400,
    path: 'body.name',
  },
  {
    label: 'a view with nested filters',
    method: 'POST',
    url: () => '/api/case-views',
    payload: () => ({ name: 'Verschachtelt', filters: { phase: { in: ['intake'] } } }),
    status: 400,
    path: 'body.filters.phase',
  },
  {
    label: 'a lead time of five days',
    as: 'admin',
    method: 'PUT',
    url: () => '/api/case-work-settings',
    payload: () => settings({ residenceExpiryLeadDays: 5 }),
    status: 400,
    path: 'body.residenceExpiryLeadDays',
  },
  {
    label: 'a team visibility as text',
    as: 'admin',
    method: 'PUT',
    url: () => '/api/case-work-settings',
    payload: () => settings({ teamCasesVisibleToCaseManagers: 'ja' }),
    status: 400,
    path: 'body.teamCasesVisibleToCaseManagers',
  },
  {
    label: 'a short consultation tomorrow',
    method: 'POST',
    url: () => '/api/short-consultations',
    payload: (f) => shortConsultation(f, { occurredOn: isoDay(1) }),
    status: 400,
    path: 'body.occurredOn',
    message: 'date-in-future',
  },
  {
    label: 'a short consultation typed in year 0024',
    method: 'POST',
    url: () => '/api/short-consultations',
    payload: (f) => shortConsultation(f, { occurredOn: '0024-05-01' }),
    status: 400,
    path: 'body.occurredOn',
    message: 'date-before-1990',
  },
  {
    label: "a short consultation in another district's municipality",
    method: 'POST',
    url: () => '/api/short-consultations',
    payload: (f) => shortConsultation(f, { municipalityId: f.foreignMunicipality }),
    status: 422,
    path: 'body.municipalityId',
  },
]

describe.each(databaseKinds)('bad input to case work on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let admin: TestSession
  let caseManager: TestSession
  let f: Fixtures

  beforeAll(async () => {
    admin = await loginAs(ctx.app, 'admin')
    caseManager = await loginAs(ctx.app, 'fallmanagement')
    const lindenauAdmin = await loginAs(ctx.app, 'admin.lindenau')
    await createUser(lindenauAdmin, 'eingabe.lindenau', ['case_manager'])
    const lindenauCaseManager = await loginAs(ctx.app, 'eingabe.lindenau')
    const [municipality] = (await municipalityIds(ctx.database, caseManager.districtId)) as [string]
    const [foreignMunicipality] = (await municipalityIds(ctx.database, lindenauAdmin.districtId)) as [string]
    const own = await personWithCase(caseManager, municipality, { familyName: 'Eingabe' })
    const other = await registerPerson(caseManager, municipality, { familyName: 'Nebenan' })
    const foreign = await personWithCase(lindenauCaseManager, foreignMunicipality, { familyName: 'Fremd' })
    const goals = await caseManager.request({
      method: 'POST',
      url: `/api/cases/${own.case.id}/goals`,
      payload: goalBody(),
    })
    const goal = goals.json().goals[0] as Goal
    const measures = await caseManager.request({
      method: 'POST',
      url: `/api/cases/${own.case.id}/measures`,
      payload: { goalId: goal.id, description: 'Kurs anmelden', owner: 'client' },
    })
    const task = await caseManager.request({
      method: 'POST',
      url: '/api/tasks',
      payload: { title: 'Kurs prüfen', dueOn: isoDay(3), caseId: own.case.id },
    })
    const users = await ctx.database.db.selectFrom('app_user').select(['id', 'username']).execute()
    const userId = (username: string) => users.find((user) => user.username === username)?.id as string
    const organisation = await lindenauAdmin.request({
      method: 'POST',
      url: '/api/organisations',
      payload: { name: 'Sprachschule Lindenau', kind: 'bildungstraeger' },
    })
    f = {
      municipality,
      personId: own.person.id,
      otherPersonId: other.id,
      caseId: own.case.id,
      caseVersion: own.case.version,
      goal,
      measure: measures.json().measures[0],
      task: task.json(),
      coordinatorId: userId('koordination'),
      caseManagerId: caseManager.userId,
      partnerId: userId('partner.jobcenter'),
      foreignMunicipality,
      foreignPersonId: foreign.person.id,
      foreignCaseId: foreign.case.id,
      foreignTeam: await createTeam(lindenauAdmin, 'Team Lindenau'),
      foreignOrganisation: organisation.json().id,
    }
  })

  /** The own records the bad requests aim at, to show they are unchanged. */
  const snapshot = async () => ({
    counts: await countAll(ctx.database, caseWorkTables),
    person: await ctx.database.db
      .selectFrom('person')
      .selectAll()
      .where('id', '=', f.personId)
      .executeTakeFirst(),
    case: await ctx.database.db
      .selectFrom('client_case')
      .selectAll()
      .where('id', '=', f.caseId)
      .executeTakeFirst(),
    goal: await ctx.database.db.selectFrom('goal').selectAll().where('id', '=', f.goal.id).executeTakeFirst(),
    measure: await ctx.database.db
      .selectFrom('measure')
      .selectAll()
      .where('id', '=', f.measure.id)
      .executeTakeFirst(),
    task: await ctx.database.db.selectFrom('task').selectAll().where('id', '=', f.task.id).executeTakeFirst(),
  })

  it.each(badRequests.map((request) => [request.label, request] as const))(
    'answers %s with a 4xx problem and stores nothing',
    async (_label, bad) => {
      const before = await snapshot()
      const session = bad.as === 'admin' ? admin : caseManager
      const response = await session.request({
        method: bad.method,
        url: bad.url(f),
        payload: bad.payload(f) as object,
        headers: bad.ifMatch ? { 'if-match': bad.ifMatch } : {},
      })
      expectProblem(response, bad.status, bad.path, bad.message)
      expect(await snapshot()).toEqual(before)
    },
  )

  it.each([
    ['/api/persons', 'POST'],
    ['/api/cases', 'POST'],
    ['contacts', 'POST'],
    ['/api/tasks', 'POST'],
  ] as const)(
    'answers malformed JSON to %s with 400 malformed-json and stores nothing',
    async (target, method) => {
      const before = await snapshot()
      const url = target.startsWith('/') ? target : `/api/cases/${f.caseId}/${target}`
      const response = await caseManager.request({
        method,
        url,
        payload: '{"familyName": "Berger", "givenNames":',
        headers: { 'content-type': 'application/json' },
      })
      const problem = expectProblem(response, 400)
      expect(problem.code).toBe('malformed-json')
      expect(await snapshot()).toEqual(before)
    },
  )

  it('answers a body of the wrong type with 400 or 415 and stores nothing', async () => {
    const before = await snapshot()
    const asText = await caseManager.request({
      method: 'POST',
      url: '/api/persons',
      payload: 'familyName=Berger',
      headers: { 'content-type': 'text/plain' },
    })
    expect([400, 415]).toContain(asText.statusCode)
    expect(String(asText.headers['content-type'])).toContain('application/problem+json')
    const asArray = await caseManager.request({
      method: 'POST',
      url: '/api/persons',
      payload: [personBody(f.municipality)],
    })
    expectProblem(asArray, 400)
    expect(await snapshot()).toEqual(before)
  })

  it('keeps serving after all of it', async () => {
    const response = await caseManager.request({ method: 'GET', url: `/api/cases/${f.caseId}` })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ id: f.caseId, version: f.caseVersion, phase: 'intake' })
  })
})
