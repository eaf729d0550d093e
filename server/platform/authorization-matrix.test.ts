import { createHash, randomUUID } from 'node:crypto'
import type { InjectOptions } from 'fastify'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../common/identity.ts'
import { useTestApp } from '../test/app.ts'
import { loginAs, type TestSession, testPassword, useDemoData } from '../test/auth.ts'
import { databaseKinds } from '../test/database.ts'
import { isoDay } from '../test/expectations.ts'
import type { RouteAccessEntry } from './access.ts'
import { type Action, type Actor, can, districtAbilities, type Subject } from './policy.ts'

/**
 * Every /api route × every demo role and anonymous × an object of the own district and one of
 * another district. The routes come from the app itself, so a new route is covered the day it
 * lands; if it needs a body to get past validation, add one to `bodies` below.
 */

const actors: { username: string; role: Role }[] = [
  { username: 'admin', role: 'admin' },
  { username: 'koordination', role: 'coordinator' },
  { username: 'fallmanagement', role: 'case_manager' },
  { username: 'teamleitung', role: 'team_lead' },
  { username: 'partner.jobcenter', role: 'partner' },
  { username: 'bericht', role: 'report_reader' },
  { username: 'datenschutz', role: 'dpo' },
]
const anonymous = 'anonymous'

type Variant = 'own' | 'other'
type Objects = {
  districtId: string
  userId: string
  sessionId: string
  teamId: string
  organisationId: string
  // Case work: records a case manager of the district made (see beforeAll).
  caseId: string
  personId: string
  taskId: string
  goalId: string
  measureId: string
  documentId: string
  viewId: string
  // Network: a service of the district's test organisation.
  serviceId: string
  // The network: a consent of the person and a referral of the case to a partner organisation.
  consentId: string
  referralId: string
  // Not in URLs, for bodies: the municipality, team and case manager of those records.
  municipalityId: string
  caseTeamId: string
  caseManagerId: string
  // Steering: a body and a meeting of the district, made by its coordination (see beforeAll).
  bodyId: string
  meetingId: string
  // Staffing: a position and a contract on it, entered by the district's coordination or administration.
  positionId: string
  contractId: string
  // Goal agreements: an agreement of the district with an indicator kept by hand.
  agreementId: string
  indicatorId: string
  /** A structural obstacle of the district, raised by its coordination. */
  obstacleId: string
  /** The district's draft of the integration concept. */
  versionId: string
  /** The organisation the consent names and the referral goes to (own district: the Jobcenter). */
  recipientOrganisationId: string
}
type Case = {
  route: RouteAccessEntry
  actor: string
  role: Role | null
  /** Who acted, as the policy sees them; null for anonymous callers. */
  facts: Actor | null
  variant: Variant
  status: number
  problemCode: string | undefined
}

// The district's day (Europe/Berlin): a UTC date is yesterday there after 23:00 UTC.
const today = () => isoDay()
/** A tiny PDF: enough for the upload route to take it as one. */
const matrixPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
)
const multipartPdf = async (fileName: string) => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(matrixPdf)], { type: 'application/pdf' }), fileName)
  const encoded = new Response(form)
  return {
    payload: Buffer.from(await encoded.arrayBuffer()),
    contentType: encoded.headers.get('content-type') as string,
  }
}
const matrixPerson = (objects: Objects) => ({
  familyName: 'Matrixperson',
  givenNames: 'Erika',
  birthDate: '1980',
  sex: 'female',
  municipalityId: objects.municipalityId,
})
const matrixGoal = { domain: 'language', statement: 'Matrix-Ziel' }
const matrixMeasure = { description: 'Matrix-Maßnahme', owner: 'client' }
const matrixMeeting = {
  title: 'Matrix-Sitzung',
  date: '2027-03-29',
  startTime: '10:00',
  endTime: '11:00',
  place: 'Matrix-Saal',
}

const matrixAgreement = {
  title: 'Matrix-Zielvereinbarung',
  goalStatement: 'Matrix-Ziel',
  startsOn: '2026-01-01',
  endsOn: '2027-12-31',
}
const matrixIndicator = {
  name: 'Matrix-Indikator',
  unit: 'count',
  baseline: 1,
  target: 10,
  direction: 'increase',
  source: 'manual',
}
const matrixInterface = (objects: Objects) => ({
  organisationAId: objects.organisationId,
  // Another district's recipient is the organisation itself; an unknown one is a 422 after the policy.
  organisationBId: randomUUID(),
  process: 'Matrix-Prozess',
  problem: 'Matrix-Problem',
})

let createdUsers = 0
/**
 * Minimal valid bodies, so that validation does not answer before the policy does. Writes that
 * succeed must leave the objects usable for the routes after them: no merge, no closing, no
 * change of team or manager. Where a domain rule answers after the policy (a 404 for a random
 * duplicate or household member, a 422 for a phase skipped), the policy has been reached.
 */
const bodies: Record<string, (username: string | null, objects: Objects) => unknown> = {
  'POST /api/auth/login': (username) => ({ username: username ?? 'bericht', password: testPassword }),
  'POST /api/users': () => ({
    username: `matrix.created.${++createdUsers}`,
    displayName: 'Matrix Neu',
    roles: ['case_manager'],
    password: testPassword,
  }),
  'PATCH /api/users/:userId': () => ({ displayName: 'Matrix geändert' }),
  // Break-glass on the matrix's case: every role is refused (its case manager already reads it).
  'POST /api/cases/:caseId/break-glass': () => ({ reason: 'Matrix: Vertretung während des Urlaubs' }),
  // An entry that is no reviewable access of the district: past the policy (404 or 422), nothing stored.
  'POST /api/access-review/reviews': () => ({ auditEventId: 1, comment: 'Matrix-Prüfung' }),
  // Lifting a restriction that is not set: past the policy (409), and the matrix's person stays usable.
  'PUT /api/persons/:personId/restriction': () => ({ restricted: false, reason: 'Matrix-Prüfung' }),
  // An import that does not exist: past the policy (404) for coordination and administration.
  'PUT /api/imports/:importId/mapping': () => ({ columns: { '0': 'familyName' } }),
  'PUT /api/imports/:importId/rows/:rowNumber/match': () => ({ decision: 'same' }),
  'PUT /api/processing-record': () => ({
    basedOn: 1,
    content: {
      controller: { name: 'Matrix', address: '', representative: '', dataProtectionOfficer: '' },
      activities: [
        {
          name: 'Matrix',
          purposes: 'Prüfung',
          legalBasis: 'Art. 6',
          personCategories: [],
          dataCategories: [],
          recipients: [],
          thirdCountryTransfers: '',
          deletionPeriods: '',
        },
      ],
      technicalMeasures: [],
    },
  }),
  'POST /api/teams': () => ({ name: `Matrix Team ${++createdUsers}` }),
  'PATCH /api/teams/:teamId': () => ({ name: `Matrix Team umbenannt ${++createdUsers}` }),
  'POST /api/organisations': () => ({ name: `Matrix Träger ${++createdUsers}`, kind: 'bildungstraeger' }),
  'PUT /api/organisations/:organisationId': () => ({
    name: `Matrix Träger neu ${++createdUsers}`,
    kind: 'bildungstraeger',
  }),
  // The demo districts already require nobody; setting that again changes nothing.
  'PUT /api/identity-policy': () => ({ roles: [] }),
  // A provider nobody signs in with: disabled, so its issuer is never contacted.
  'PUT /api/identity-policy/sso': () => ({
    label: 'Matrix-Anmeldung',
    issuer: 'https://login.example.org/realms/lotse',
    clientId: 'lotse',
    roleMappings: [{ value: 'lotse-admins', roles: ['admin'] }],
  }),
  // A wrong current password: the route is reached, but nobody's password changes.
  'POST /api/account/password': () => ({
    currentPassword: 'not the current password',
    newPassword: 'a fresh matrix passphrase',
  }),
  // Case work
  'POST /api/persons/match': () => ({ familyName: 'Matrixperson', givenNames: 'Erika' }),
  'POST /api/persons': (_username, objects) => matrixPerson(objects),
  // The same data again: the record stays as it was, only its version moves.
  'PUT /api/persons/:personId': (_username, objects) => matrixPerson(objects),
  // No end date, so no reminder task is made.
  'POST /api/persons/:personId/residence-statuses': () => ({
    status: 'residence-permit',
    legalParagraph: '§ 25 Abs. 2 AufenthG',
  }),
  // A member and a duplicate that do not exist: 404 after the policy, nothing linked or merged.
  'POST /api/persons/:personId/household': () => ({ relatedPersonId: randomUUID(), relation: 'sibling' }),
  'POST /api/persons/:personId/merge': () => ({
    duplicatePersonId: randomUUID(),
    reason: 'registered-twice',
  }),
  'POST /api/cases': (_username, objects) => ({
    personIds: [objects.personId],
    municipalityId: objects.municipalityId,
  }),
  // Team and manager as they are, so that the case stays visible to the same people.
  'PUT /api/cases/:caseId': (_username, objects) => ({
    municipalityId: objects.municipalityId,
    teamId: objects.caseTeamId || null,
    managerIds: [objects.caseManagerId],
  }),
  // From intake, planning is not allowed: a 422 after the policy, the phase stays.
  'POST /api/cases/:caseId/phase': () => ({ to: 'planning' }),
  'POST /api/case-views': () => ({ name: `Matrix Ansicht ${++createdUsers}`, filters: { phase: 'open' } }),
  // The defaults again.
  'PUT /api/case-work-settings': () => ({
    teamCasesVisibleToCaseManagers: true,
    residenceExpiryLeadDays: 90,
  }),
  'POST /api/cases/:caseId/assessments': () => ({
    assessedOn: '2024-01-15',
    entries: [{ domain: 'language', needLevel: 1 }],
  }),
  'POST /api/cases/:caseId/goals': () => matrixGoal,
  'PUT /api/cases/:caseId/goals/:goalId': () => matrixGoal,
  'POST /api/cases/:caseId/measures': () => matrixMeasure,
  'PUT /api/cases/:caseId/measures/:measureId': () => matrixMeasure,
  'POST /api/cases/:caseId/contacts': () => ({
    occurredAt: new Date().toISOString(),
    durationMinutes: 15,
    channel: 'phone',
    language: 'de',
    domains: ['language'],
  }),
  'POST /api/tasks': () => ({ title: 'Matrix-Aufgabe', dueOn: today() }),
  'PUT /api/tasks/:taskId': (_username, objects) => ({
    title: 'Matrix-Aufgabe',
    dueOn: today(),
    assigneeId: objects.caseManagerId,
    done: false,
  }),
  // Steering
  'POST /api/bodies': () => ({ kind: 'committee', name: `Matrix Gremium ${++createdUsers}` }),
  'PUT /api/bodies/:bodyId': () => ({ name: `Matrix Gremium umbenannt ${++createdUsers}` }),
  'POST /api/bodies/:bodyId/members': () => ({
    representative: 'Matrix Gast',
    role: 'guest',
    fromOn: today(),
  }),
  'PUT /api/bodies/:bodyId/members/:membershipId/until': () => ({ untilOn: null }),
  'POST /api/meetings': (_username, objects) => ({ bodyId: objects.bodyId, ...matrixMeeting }),
  'PUT /api/meetings/:meetingId': () => matrixMeeting,
  'POST /api/meetings/:meetingId/agenda-items': () => ({ title: 'Matrix-TOP' }),
  // Somebody who is no member: a 422 after the policy, nothing recorded.
  'PUT /api/meetings/:meetingId/attendance': () => ({
    entries: [{ membershipId: randomUUID(), status: 'present' }],
  }),
  'PUT /api/meetings/:meetingId/minutes': () => ({ minutes: 'Matrix-Protokoll' }),
  'POST /api/meetings/:meetingId/decisions': () => ({ text: 'Matrix-Beschluss' }),
  'POST /api/meetings/:meetingId/action-items': (_username, objects) => ({
    title: 'Matrix-Aufgabe',
    ownerId: objects.caseManagerId,
    dueOn: today(),
  }),
  // Before approval: a 422 after the policy.
  'POST /api/meetings/:meetingId/amendments': () => ({ text: 'Matrix-Nachtrag' }),
  'POST /api/goal-agreements': () => matrixAgreement,
  'PUT /api/goal-agreements/:agreementId': () => matrixAgreement,
  'POST /api/goal-agreements/:agreementId/indicators': () => matrixIndicator,
  'PUT /api/goal-agreements/:agreementId/indicators/:indicatorId': () => matrixIndicator,
  'POST /api/goal-agreements/:agreementId/indicators/:indicatorId/values': () => ({
    measuredOn: today(),
    value: 5,
  }),
  'POST /api/obstacles': () => ({
    domain: 'housing',
    title: 'Matrix-Hindernis',
    description: 'Matrix-Beschreibung',
  }),
  // The case of the matrix's case manager: only case work on it passes (route access case.work).
  'POST /api/obstacles/:obstacleId/evidence': (_username, objects) => ({ caseId: objects.caseId }),
  // After the first move a second one is a 409 after the policy.
  'POST /api/obstacles/:obstacleId/status': () => ({ status: 'triaged', note: 'Matrix-Sichtung' }),
  'POST /api/obstacles/:obstacleId/agenda-items': (_username, objects) => ({ meetingId: objects.meetingId }),
  // The concept: a draft exists already (409 after the policy); the first manager to adopt it
  // freezes it, and later changes answer 409 after the policy too.
  'POST /api/concept/versions': () => ({}),
  'PUT /api/concept/versions/:versionId': () => ({ title: 'Matrix-Konzept' }),
  'POST /api/concept/versions/:versionId/adoption': () => ({
    adoptedOn: today(),
    reference: 'Matrix-Beschluss',
  }),
  'POST /api/concept/versions/:versionId/sections': () => ({ title: 'Matrix-Abschnitt' }),
  'PUT /api/concept/versions/:versionId/sections/:sectionId': () => ({ body: 'Matrix-Text' }),
  'PUT /api/concept/versions/:versionId/grid': () => ({ cells: [] }),
  'POST /api/concept/versions/:versionId/interfaces': (_username, objects) => matrixInterface(objects),
  'PUT /api/concept/versions/:versionId/interfaces/:interfaceId': (_username, objects) =>
    matrixInterface(objects),
  'POST /api/concept/versions/:versionId/consultations': (_username, objects) => ({
    bodyId: objects.bodyId,
    heldOn: today(),
  }),
  // Corrections of records the meeting does not have: a 404 (or 422) after the policy, nothing changed.
  'PUT /api/meetings/:meetingId/agenda-items/:agendaItemId': () => ({ title: 'Matrix-TOP geändert' }),
  'PUT /api/meetings/:meetingId/agenda-order': () => ({ agendaItemIds: [randomUUID()] }),
  'PUT /api/meetings/:meetingId/decisions/:decisionId': () => ({ text: 'Matrix-Beschluss geändert' }),
  'PUT /api/meetings/:meetingId/action-items/:actionItemId': (_username, objects) => ({
    title: 'Matrix-Aufgabe geändert',
    ownerId: objects.caseManagerId,
    dueOn: today(),
  }),
  // An agreement that does not exist: a 422 after the policy, nothing linked.
  'POST /api/obstacles/:obstacleId/goal-agreements': () => ({ goalAgreementId: randomUUID() }),
  // The network: a consent for the recipient, a referral resting on it, and the partner's answers.
  'POST /api/persons/:personId/consents': (_username, objects) => ({
    recipientOrganisationIds: [objects.recipientOrganisationId],
    purposes: ['referral'],
    dataCategories: ['identity'],
    validFrom: today(),
    validUntil: '2030-12-31',
  }),
  'POST /api/cases/:caseId/referrals': (_username, objects) => ({
    organisationId: objects.recipientOrganisationId,
    consentId: objects.consentId,
    sharedFields: ['familyName'],
    dueOn: '2030-01-01',
  }),
  'POST /api/referrals/:referralId/decline': () => ({ reason: 'Matrix-Grund' }),
  'POST /api/referrals/:referralId/complete': () => ({ feedback: 'Matrix-Rückmeldung' }),
  'POST /api/persons/:personId/legal-sphere-changes': () => ({
    fromSphere: 'none',
    toSphere: 'SGB II',
    effectiveOn: today(),
    reason: 'recognition',
  }),
  'PATCH /api/legal-sphere-handover-steps/:stepId': () => ({ doneOn: null }),
  // Refused for want of consent where the policy allows it (422), which the matrix takes as passing the policy.
  'POST /api/cases/:caseId/conferences': (_username, objects) => ({
    kind: 'case-conference',
    heldOn: today(),
    participants: [{ organisationId: objects.organisationId }],
    summary: 'Eine Person, 27–44 Jahre.',
  }),
  'POST /api/short-consultations': (_username, objects) => ({
    occurredOn: today(),
    municipalityId: objects.municipalityId,
    domains: ['language'],
    language: 'de',
    channel: 'phone',
  }),
  // Network: the directory entry as it is (defaults), a service of the own test organisation, and a
  // pair of services that do not exist (422 after the policy, nothing marked).
  'PUT /api/directory/:organisationId': () => ({}),
  'POST /api/services': (_username, objects) => ({
    organisationId: objects.organisationId,
    name: 'Matrix-Angebot',
    domains: ['language'],
    targetGroups: ['refugees'],
    municipalityIds: [objects.municipalityId],
  }),
  'PUT /api/services/:serviceId': (_username, objects) => ({
    organisationId: objects.organisationId,
    name: 'Matrix-Angebot',
    domains: ['language'],
    targetGroups: ['refugees'],
    municipalityIds: [objects.municipalityId],
  }),
  // Staffing: a position, a contract on a position that does not exist (422 after the policy), the
  // contract's share and period as they are, and rates far ahead that no budget of the tests reads.
  'POST /api/positions': () => ({ baustein: 'case-management', title: 'Matrix-Stelle', fte: 1 }),
  'POST /api/contracts': () => ({ positionId: randomUUID(), fte: 0.5, startsOn: today(), endsOn: null }),
  'PUT /api/positions/:positionId': () => ({ baustein: 'case-management', title: 'Matrix-Stelle', fte: 1 }),
  'PUT /api/contracts/:contractId': () => ({ fte: 0.5, startsOn: '2025-01-01', endsOn: null }),
  'POST /api/funding-rates': () => ({
    baustein: 'case-management',
    amount: 57_000,
    validFrom: '2035-01-01',
    validUntil: '2035-12-31',
  }),
  // Reporting: the default thresholds again, and a one-day evaluation (frozen, never changed).
  'PUT /api/reporting-settings': () => ({ threshold: 3, specialThreshold: 5 }),
  'PUT /api/open-data-setting': () => ({ enabled: false }),
  'POST /api/evaluations': () => ({ name: 'Matrix-Auswertung', from: today(), to: today() }),
  // Committee reports: an evaluation that does not exist (404 after the policy) and a template
  // and texts that pass validation.
  'POST /api/reports': () => ({
    evaluationId: randomUUID(),
    header: { committee: 'Matrix-Ausschuss', sessionDate: '2026-05-20' },
  }),
  'PUT /api/reports/:reportId/texts': () => ({ title: 'Matrix-Bericht', blocks: [] }),
  'POST /api/report-templates': () => ({
    name: 'Matrix-Vorlage',
    kind: 'sachstandsbericht',
    title: 'Matrix {{zeitraum}}',
    blocks: [{ type: 'generated', id: 'zahlen', heading: 'Zahlen', generated: 'key-figures' }],
  }),
  'PUT /api/report-templates/:templateId': () => ({
    name: 'Matrix-Vorlage',
    kind: 'sachstandsbericht',
    title: 'Matrix {{zeitraum}}',
    blocks: [{ type: 'generated', id: 'zahlen', heading: 'Zahlen', generated: 'key-figures' }],
  }),
  // Retention: the defaults saved as the district's own (If-Match "0" is stale after the first), a
  // legal hold with its reason, an erasure on the ground of an objection.
  'PUT /api/retention-rules': () => ({
    rules: [
      { recordKind: 'closed-case', startEvent: 'case-closed', periodMonths: 36, action: 'anonymise' },
      { recordKind: 'unattached-person', startEvent: 'last-activity', periodMonths: 12, action: 'delete' },
    ],
  }),
  'POST /api/cases/:caseId/legal-holds': () => ({ reason: 'Matrix-Sperre' }),
  'POST /api/legal-holds': () => ({ caseReference: '1999-9999', reason: 'Matrix-Sperre' }),
  'POST /api/legal-holds/:holdId/lift': () => ({ reason: 'Matrix-Aufhebung' }),
  'POST /api/persons/:personId/erasure': () => ({ reason: 'objection' }),
  'POST /api/funding-rates/:rateId/close': () => ({ validUntil: '2035-06-30' }),
  'POST /api/pay-grades': () => ({ payGrade: 'Matrix', annualCost: 60_000, validFrom: '2035-01-01' }),
  // Integrations: a token with one scope, a webhook to a public address (never sent: no job runs
  // here), the setting as it is by default.
  'POST /api/api-tokens': () => ({ name: 'Matrix-Token', scopes: ['network.read'], expiresOn: today() }),
  'POST /api/webhooks': () => ({
    name: 'Matrix-Webhook',
    url: 'https://example.org/lotse-matrix',
    events: ['task.created'],
  }),
  'PUT /api/webhooks/:webhookId': () => ({
    name: 'Matrix-Webhook',
    url: 'https://example.org/lotse-matrix',
    events: ['task.created'],
  }),
  'PUT /api/integration-settings': () => ({ allowPrivateAddresses: false }),
  'POST /api/services/overlaps/intended': () => ({
    serviceIds: [randomUUID(), randomUUID()],
    reason: 'Matrix-Begründung',
  }),
}
/** Routes that take a file instead of JSON. */
const multipartRoutes = new Set([
  'POST /api/imports',
  'POST /api/cases/:caseId/documents',
  'POST /api/consents/:consentId/signed-form',
  'POST /api/meetings/:meetingId/agenda-items/:agendaItemId/documents',
])
/** Routes that need If-Match besides PUT and PATCH. */
const versionedPosts = new Set(['POST /api/cases/:caseId/phase'])

const objectParams = new Set([
  'districtId',
  'userId',
  'sessionId',
  'teamId',
  'organisationId',
  'caseId',
  'personId',
  'taskId',
  'goalId',
  'measureId',
  'documentId',
  'viewId',
  'bodyId',
  'meetingId',
  'agreementId',
  'indicatorId',
  'obstacleId',
  'versionId',
  'serviceId',
  'consentId',
  'referralId',
  'positionId',
  'contractId',
])
const paramsOf = (url: string) => [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1] as string)
/** Parameters that are numbers, not ids (a row of an import). */
const numberParams = new Set(['rowNumber'])
const fillUrl = (url: string, objects: Objects) =>
  url.replace(/:([A-Za-z0-9_]+)(\([^)]*\))?/g, (_match, name: string) =>
    objectParams.has(name) ? objects[name as keyof Objects] : numberParams.has(name) ? '2' : randomUUID(),
  )
/** The case-work records of the own district as the policy sees them, for object-dependent rules. */
type OwnSubjects = { case: Subject; person: Subject; task: Subject; referral: Subject }
let ownSubjects: OwnSubjects | undefined
const publicSessionId = (session: TestSession) =>
  createHash('sha256')
    .update(session.cookie.slice(session.cookie.indexOf('=') + 1))
    .digest('hex')
    .slice(0, 16)

const allowedFor = (role: Role, access: RouteAccessEntry['access']): boolean => {
  if (access === 'public' || access === 'authenticated') return true
  const abilities = districtAbilities({
    userId: 'me',
    districtId: 'd',
    // A partner belongs to an organisation, as every partner account does.
    organisationId: role === 'partner' ? 'organisation' : null,
    roles: [role],
    teamIds: [],
  })
  return abilities[access]
}

/**
 * Whether the policy lets this actor do the route's action. Case-work routes about one record
 * depend on the record (whose case, which team), so they are asked with the real record of the
 * own district; everything else with the role's general abilities.
 */
const expectedAllowed = (each: Case): boolean => {
  const role = each.role as Role
  const params = paramsOf(each.route.url)
  const access = each.route.access
  // A referral: the receiving partner decides by the referral, everyone else reads it through its case.
  if (params.includes('referralId') && each.facts && ownSubjects) {
    if (role === 'partner') return can(each.facts, access as Action, ownSubjects.referral)
    if (access === 'referral.open') return can(each.facts, 'case.read', ownSubjects.case)
    return can(each.facts, access as Action, ownSubjects.case)
  }
  // The matrix's contract belongs to nobody who signs in: only those who keep staffing read it.
  if (params.includes('contractId') && access === 'contract.read' && each.facts) {
    return can(each.facts, access, {
      type: 'staff-contract',
      districtId: each.facts.districtId,
      staffUserId: null,
    })
  }
  // The directory entry and services of the matrix's own organisation, which is not the partner's.
  if ((access === 'directory.edit' || access === 'service.edit') && each.facts) {
    return can(each.facts, access, {
      type: 'organisation',
      districtId: each.facts.districtId,
      organisationId: 'matrix',
    })
  }
  const subject = params.includes('taskId')
    ? ownSubjects?.task
    : params.includes('caseId')
      ? ownSubjects?.case
      : params.includes('personId') || params.includes('consentId')
        ? ownSubjects?.person
        : undefined
  if (subject && each.facts && access !== 'public' && access !== 'authenticated') {
    return can(each.facts, access as Action, subject)
  }
  return allowedFor(role, access)
}

const describeCase = (each: Case) =>
  `${each.route.method} ${each.route.url} [${each.route.access}] as ${each.actor} on ${each.variant} object → ${each.status}${each.problemCode ? ` ${each.problemCode}` : ''}`

describe.each(databaseKinds)('authorisation matrix on %s', (kind) => {
  const ctx = useTestApp(kind)
  useDemoData(ctx)
  let routes: RouteAccessEntry[] = []
  const cases: Case[] = []
  let foreign: Objects
  let foreignVersion: number
  let foreignRecords: Record<string, unknown>
  let foreignSteering: Record<string, unknown>
  let foreignStaffing: Record<string, unknown>

  /** A district's staffing records, to compare: the position, its contracts and their history. */
  const staffingSnapshot = async (objects: Objects) => {
    const db = ctx.database.db
    return {
      position: await db
        .selectFrom('staff_position')
        .selectAll()
        .where('id', '=', objects.positionId)
        .executeTakeFirst(),
      contracts: await db
        .selectFrom('staff_contract')
        .selectAll()
        .where('position_id', '=', objects.positionId)
        .orderBy('id')
        .execute(),
      versions: (
        await db
          .selectFrom('staff_contract_version')
          .select('version')
          .where('contract_id', '=', objects.contractId)
          .execute()
      ).length,
    }
  }
  const positionVersion = async (positionId: string) =>
    (
      await ctx.database.db
        .selectFrom('staff_position')
        .select('version')
        .where('id', '=', positionId)
        .executeTakeFirst()
    )?.version
  const contractVersion = async (contractId: string) =>
    (
      await ctx.database.db
        .selectFrom('staff_contract')
        .select('version')
        .where('id', '=', contractId)
        .executeTakeFirst()
    )?.version

  /** A district's steering records, to compare: the body, the meeting and everything recorded in it. */
  const steeringSnapshot = async (objects: Objects) => {
    const db = ctx.database.db
    const byMeeting = async (
      table: 'agenda_item' | 'meeting_attendance' | 'steering_decision' | 'action_item' | 'minutes_amendment',
    ) =>
      (await db.selectFrom(table).select('meeting_id').where('meeting_id', '=', objects.meetingId).execute())
        .length
    return {
      body: await db
        .selectFrom('steering_body')
        .selectAll()
        .where('id', '=', objects.bodyId)
        .executeTakeFirst(),
      members: (
        await db.selectFrom('body_membership').selectAll().where('body_id', '=', objects.bodyId).execute()
      ).length,
      meeting: await db
        .selectFrom('meeting')
        .selectAll()
        .where('id', '=', objects.meetingId)
        .executeTakeFirst(),
      agenda: await byMeeting('agenda_item'),
      attendance: await byMeeting('meeting_attendance'),
      decisions: await byMeeting('steering_decision'),
      obstacle: await db
        .selectFrom('obstacle')
        .selectAll()
        .where('id', '=', objects.obstacleId)
        .executeTakeFirst(),
      obstacleEvidence: (
        await db
          .selectFrom('obstacle_evidence')
          .select('id')
          .where('obstacle_id', '=', objects.obstacleId)
          .execute()
      ).length,
      actions: await byMeeting('action_item'),
      amendments: await byMeeting('minutes_amendment'),
      agreement: await db
        .selectFrom('goal_agreement')
        .selectAll()
        .where('id', '=', objects.agreementId)
        .executeTakeFirst(),
      indicators: (
        await db
          .selectFrom('goal_indicator')
          .select('id')
          .where('agreement_id', '=', objects.agreementId)
          .execute()
      ).length,
      indicatorValues: (
        await db
          .selectFrom('goal_indicator_value')
          .select('id')
          .where('indicator_id', '=', objects.indicatorId)
          .execute()
      ).length,
      concept: await db
        .selectFrom('concept_version')
        .selectAll()
        .where('id', '=', objects.versionId)
        .executeTakeFirst(),
      conceptContent: await Promise.all(
        (['concept_section', 'concept_grid_cell', 'concept_interface', 'concept_consultation'] as const).map(
          async (table) =>
            (
              await db
                .selectFrom(table)
                .select('version_id')
                .where('version_id', '=', objects.versionId)
                .execute()
            ).length,
        ),
      ),
    }
  }

  const userVersion = async (userId: string) =>
    (
      await ctx.database.db
        .selectFrom('app_user')
        .select('version')
        .where('id', '=', userId)
        .executeTakeFirst()
    )?.version

  const caseVersion = async (caseId: string) =>
    (
      await ctx.database.db
        .selectFrom('client_case')
        .select('version')
        .where('id', '=', caseId)
        .executeTakeFirst()
    )?.version

  /** A person with a case, a goal, a measure, a task, a document and a saved view, made through the API. */
  const caseWorkRecords = async (session: TestSession, caseTeamId: string | null, recipient: string) => {
    const created = async (url: string, payload: object) => {
      const response = await session.request({ method: 'POST', url, payload })
      expect(response.statusCode, response.body).toBe(201)
      return response.json()
    }
    const municipality = await ctx.database.db
      .selectFrom('municipality')
      .select('id')
      .where('district_id', '=', session.districtId)
      .orderBy('code')
      .executeTakeFirstOrThrow()
    const person = await created('/api/persons', {
      familyName: 'Matrixperson',
      givenNames: 'Erika',
      birthDate: '1980',
      sex: 'female',
      municipalityId: municipality.id,
    })
    const kase = await created('/api/cases', { personIds: [person.id], municipalityId: municipality.id })
    expect(kase.teamId).toBe(caseTeamId)
    const caseUrl = `/api/cases/${kase.id}`
    const goal = (await created(`${caseUrl}/goals`, matrixGoal)).goals[0]
    const measure = (await created(`${caseUrl}/measures`, matrixMeasure)).measures[0]
    const task = await created('/api/tasks', { title: 'Matrix-Aufgabe', dueOn: today(), caseId: kase.id })
    const { payload, contentType } = await multipartPdf('Matrix-Vorlage.pdf')
    const uploaded = await session.request({
      method: 'POST',
      url: `${caseUrl}/documents`,
      payload,
      headers: { 'content-type': contentType },
    })
    expect(uploaded.statusCode, uploaded.body).toBe(201)
    const view = await created('/api/case-views', { name: 'Matrix Vorlage', filters: { phase: 'open' } })
    const consent = await created(`/api/persons/${person.id}/consents`, {
      recipientOrganisationIds: [recipient],
      purposes: ['referral'],
      dataCategories: ['identity', 'contact'],
      validFrom: today(),
      validUntil: '2030-12-31',
    })
    const referral = await created(`${caseUrl}/referrals`, {
      organisationId: recipient,
      consentId: consent.id,
      sharedFields: ['familyName', 'givenNames'],
      dueOn: '2030-01-01',
    })
    return {
      caseId: kase.id as string,
      personId: person.id as string,
      taskId: task.id as string,
      goalId: goal.id as string,
      measureId: measure.id as string,
      documentId: uploaded.json()[0].id as string,
      viewId: view.id as string,
      consentId: consent.id as string,
      referralId: referral.id as string,
      recipientOrganisationId: recipient,
      municipalityId: municipality.id,
      caseTeamId: caseTeamId ?? '',
      caseManagerId: session.userId,
    }
  }

  /** The case-work records of a set of objects and everything attached to their case, to compare. */
  const caseWorkSnapshot = async (objects: Objects) => {
    const db = ctx.database.db
    const byCase = async (
      table: 'contact' | 'assessment' | 'goal' | 'measure' | 'task' | 'case_document' | 'referral',
    ) => (await db.selectFrom(table).select('id').where('case_id', '=', objects.caseId).execute()).length
    return {
      person: await db.selectFrom('person').selectAll().where('id', '=', objects.personId).executeTakeFirst(),
      case: await db
        .selectFrom('client_case')
        .selectAll()
        .where('id', '=', objects.caseId)
        .executeTakeFirst(),
      goal: await db.selectFrom('goal').selectAll().where('id', '=', objects.goalId).executeTakeFirst(),
      measure: await db
        .selectFrom('measure')
        .selectAll()
        .where('id', '=', objects.measureId)
        .executeTakeFirst(),
      task: await db.selectFrom('task').selectAll().where('id', '=', objects.taskId).executeTakeFirst(),
      document: await db
        .selectFrom('case_document')
        .selectAll()
        .where('id', '=', objects.documentId)
        .executeTakeFirst(),
      service: await db
        .selectFrom('service')
        .selectAll()
        .where('id', '=', objects.serviceId)
        .executeTakeFirst(),
      view: await db
        .selectFrom('saved_case_view')
        .selectAll()
        .where('id', '=', objects.viewId)
        .executeTakeFirst(),
      residenceStatuses: (
        await db
          .selectFrom('residence_status')
          .select('id')
          .where('person_id', '=', objects.personId)
          .execute()
      ).length,
      cases: (
        await db
          .selectFrom('case_person')
          .select('case_id')
          .where('person_id', '=', objects.personId)
          .execute()
      ).length,
      contacts: await byCase('contact'),
      assessments: await byCase('assessment'),
      goals: await byCase('goal'),
      measures: await byCase('measure'),
      tasks: await byCase('task'),
      documents: await byCase('case_document'),
      consent: await db
        .selectFrom('consent')
        .selectAll()
        .where('id', '=', objects.consentId)
        .executeTakeFirst(),
      referral: await db
        .selectFrom('referral')
        .selectAll()
        .where('id', '=', objects.referralId)
        .executeTakeFirst(),
      referrals: await byCase('referral'),
    }
  }

  beforeAll(async () => {
    // HEAD routes mirror their GET routes.
    routes = ctx.app.routeAccessTable.filter((route) => route.method !== 'HEAD')
    const admin = await loginAs(ctx.app, 'admin')
    const lindenauAdmin = await loginAs(ctx.app, 'admin.lindenau')
    const createTarget = async (session: TestSession, username: string) => {
      const response = await session.request({
        method: 'POST',
        url: '/api/users',
        payload: { username, displayName: 'Matrix Ziel', roles: ['case_manager'], password: testPassword },
      })
      expect(response.statusCode).toBe(201)
      return response.json().id as string
    }
    // Users nobody acts as, so that ending their sessions or changing them disturbs no actor.
    const ownTarget = await createTarget(admin, 'matrix.target')
    const foreignTarget = await createTarget(lindenauAdmin, 'matrix.foreign')
    const foreignSession = await loginAs(ctx.app, 'matrix.foreign')
    const createNamed = async (session: TestSession, url: string, payload: object) => {
      const response = await session.request({ method: 'POST', url, payload })
      expect(response.statusCode).toBe(201)
      return response.json().id as string
    }
    const ownTeam = await createNamed(admin, '/api/teams', { name: 'Matrix Zielteam' })
    const ownOrganisation = await createNamed(admin, '/api/organisations', {
      name: 'Matrix Ziel',
      kind: 'kommune',
    })
    const caseManager = await loginAs(ctx.app, 'fallmanagement')
    const teamNord = await ctx.database.db
      .selectFrom('team')
      .select('id')
      .where('district_id', '=', admin.districtId)
      .where('name', '=', 'Team Nord')
      .executeTakeFirstOrThrow()
    const jobcenter = await ctx.database.db
      .selectFrom('organisation')
      .select('id')
      .where('district_id', '=', admin.districtId)
      .where('name', '=', 'Jobcenter Rhein-Sieg')
      .executeTakeFirstOrThrow()
    const ownCaseWork = await caseWorkRecords(caseManager, teamNord.id, jobcenter.id)
    const foreignOrganisation = await createNamed(lindenauAdmin, '/api/organisations', {
      name: 'Matrix Fremd',
      kind: 'kommune',
    })
    /**
     * A body and a meeting of a district, made by whoever manages steering there, and the district's
     * draft of the concept (the demo district has one; another starts its first).
     */
    const steeringRecords = async (session: TestSession) => {
      const body = await createNamed(session, '/api/bodies', { kind: 'working_group', name: 'Matrix UAG' })
      const meeting = await createNamed(session, '/api/meetings', { bodyId: body, ...matrixMeeting })
      const agreementId = await createNamed(session, '/api/goal-agreements', matrixAgreement)
      const withIndicator = await session.request({
        method: 'POST',
        url: `/api/goal-agreements/${agreementId}/indicators`,
        payload: matrixIndicator,
      })
      expect(withIndicator.statusCode).toBe(201)
      const indicatorId = withIndicator.json().indicators[0].id as string
      const obstacle = await createNamed(session, '/api/obstacles', {
        domain: 'language',
        title: 'Matrix-Systemrückmeldung',
        description: 'Matrix-Beschreibung',
      })
      const draft = await ctx.database.db
        .selectFrom('concept_version')
        .select('id')
        .where('district_id', '=', session.districtId)
        .where('status', '=', 'draft')
        .executeTakeFirst()
      const versionId = draft?.id ?? (await createNamed(session, '/api/concept/versions', {}))
      return { bodyId: body, meetingId: meeting, agreementId, indicatorId, obstacleId: obstacle, versionId }
    }
    const ownSteering = await steeringRecords(await loginAs(ctx.app, 'koordination'))
    /** A position and a contract on it (of a staff member nobody signs in as), made by whoever keeps staffing. */
    const staffingRecords = async (session: TestSession) => {
      const positionId = await createNamed(session, '/api/positions', {
        baustein: 'case-management',
        title: 'Matrix-Stelle',
        fte: 1,
      })
      const contractId = await createNamed(session, '/api/contracts', {
        positionId,
        fte: 0.5,
        startsOn: '2025-01-01',
        endsOn: null,
        staffMember: { familyName: 'Matrix' },
      })
      return { positionId, contractId }
    }
    const ownStaffing = await staffingRecords(await loginAs(ctx.app, 'koordination'))
    // matrix.foreign is a case manager of Kreis Lindenau without a team.
    const foreignCaseWork = await caseWorkRecords(foreignSession, null, foreignOrganisation)
    const matrixService = (organisationId: string, municipalityId: string) => ({
      organisationId,
      name: 'Matrix-Angebot',
      domains: ['language'],
      targetGroups: ['refugees'],
      municipalityIds: [municipalityId],
    })
    foreign = {
      districtId: lindenauAdmin.districtId,
      userId: foreignTarget,
      sessionId: publicSessionId(foreignSession),
      teamId: await createNamed(lindenauAdmin, '/api/teams', { name: 'Matrix Fremdteam' }),
      organisationId: foreignOrganisation,
      serviceId: await createNamed(
        lindenauAdmin,
        '/api/services',
        matrixService(foreignOrganisation, foreignCaseWork.municipalityId),
      ),
      ...foreignCaseWork,
      ...(await steeringRecords(lindenauAdmin)),
      ...(await staffingRecords(lindenauAdmin)),
    }
    const ownService = await createNamed(
      admin,
      '/api/services',
      matrixService(ownOrganisation, ownCaseWork.municipalityId),
    )
    foreignVersion = (await userVersion(foreignTarget)) as number
    foreignRecords = await caseWorkSnapshot(foreign)
    foreignSteering = await steeringSnapshot(foreign)
    foreignStaffing = await staffingSnapshot(foreign)
    ownSubjects = {
      case: {
        type: 'case',
        districtId: admin.districtId,
        teamId: teamNord.id,
        managerIds: [caseManager.userId],
        teamCasesVisible: true,
      },
      person: {
        type: 'person',
        districtId: admin.districtId,
        teamIds: [teamNord.id],
        managerIds: [caseManager.userId],
        registeredBy: caseManager.userId,
        teamCasesVisible: true,
      },
      task: {
        type: 'task',
        districtId: admin.districtId,
        assigneeId: caseManager.userId,
        createdBy: caseManager.userId,
      },
      referral: {
        type: 'referral',
        districtId: admin.districtId,
        organisationId: jobcenter.id,
        status: 'sent',
      },
    }

    const send = async (
      route: RouteAccessEntry,
      username: string | null,
      objects: Objects,
      session: TestSession | null,
    ) => {
      const key = `${route.method} ${route.url}`
      const headers: Record<string, string> = {}
      if (route.method === 'PATCH' || route.method === 'PUT' || versionedPosts.has(key)) {
        // The real version where earlier writes move it, so that the answer is the policy's, not a 409.
        const params = paramsOf(route.url)
        const version = params.includes('userId')
          ? await userVersion(objects.userId)
          : route.url === '/api/cases/:caseId' || versionedPosts.has(key)
            ? await caseVersion(objects.caseId)
            : params.includes('contractId')
              ? await contractVersion(objects.contractId)
              : params.includes('positionId')
                ? await positionVersion(objects.positionId)
                : undefined
        headers['if-match'] = `"${version ?? 1}"`
      }
      let body = bodies[key]?.(username, objects)
      if (multipartRoutes.has(key)) {
        const { payload, contentType } = await multipartPdf('Matrix.pdf')
        body = payload
        headers['content-type'] = contentType
      }
      const options: InjectOptions = {
        method: route.method as InjectOptions['method'],
        url: fillUrl(route.url, objects),
        headers,
        ...(body !== undefined ? { payload: body as object } : {}),
      }
      return session ? session.request(options) : ctx.app.inject(options)
    }

    for (const actor of [...actors, { username: anonymous, role: null }]) {
      const isAnonymous = actor.role === null
      let session = isAnonymous ? null : await loginAs(ctx.app, actor.username)
      const spare = isAnonymous ? null : await loginAs(ctx.app, actor.username)
      const facts: Actor | null = session
        ? {
            userId: session.userId,
            districtId: session.districtId,
            organisationId:
              (
                await ctx.database.db
                  .selectFrom('app_user')
                  .select('organisation_id')
                  .where('id', '=', session.userId)
                  .executeTakeFirst()
              )?.organisation_id ?? null,
            roles: [actor.role as Role],
            teamIds: (
              await ctx.database.db
                .selectFrom('user_team')
                .select('team_id')
                .where('user_id', '=', session.userId)
                .execute()
            ).map((row) => row.team_id),
          }
        : null
      const own: Objects = {
        districtId: admin.districtId,
        userId: ownTarget,
        sessionId: spare ? publicSessionId(spare) : foreign.sessionId,
        teamId: ownTeam,
        organisationId: ownOrganisation,
        serviceId: ownService,
        ...ownCaseWork,
        ...ownSteering,
        ...ownStaffing,
      }
      for (const route of routes) {
        const variants: Variant[] = paramsOf(route.url).some((name) => objectParams.has(name))
          ? ['own', 'other']
          : ['own']
        for (const variant of variants) {
          const response = await send(
            route,
            isAnonymous ? null : actor.username,
            variant === 'own' ? own : foreign,
            session,
          )
          const problemCode = String(response.headers['content-type']).includes('problem+json')
            ? response.json().code
            : undefined
          cases.push({
            route,
            actor: actor.username,
            role: actor.role,
            facts,
            variant,
            status: response.statusCode,
            problemCode,
          })
          // Signing out (or any other write) may have ended the actor's session: sign in again.
          if (session && route.method !== 'GET') {
            const check = await session.request({ method: 'GET', url: '/api/auth/session' })
            if (check.statusCode === 401) session = await loginAs(ctx.app, actor.username)
          }
        }
      }
    }
  }, 600_000)

  it('collects every /api route with its declared access from the app', () => {
    const keys = routes.map((route) => `${route.method} ${route.url}`)
    expect(keys).toEqual(
      expect.arrayContaining([
        'POST /api/auth/login',
        'GET /api/users/:userId',
        'PATCH /api/users/:userId',
        'DELETE /api/account/sessions/:sessionId',
        'GET /api/districts/:districtId',
        'GET /api/audit/export.csv',
        'GET /api/cases/:caseId',
        'POST /api/cases/:caseId/documents',
        'PUT /api/tasks/:taskId',
      ]),
    )
    expect(routes.find((route) => route.url === '/api/audit')?.access).toBe('audit.read')
    expect(new Set(cases.map((each) => `${each.route.method} ${each.route.url}`)).size).toBe(routes.length)
  })

  it('never answers with a server error', () => {
    expect(cases.filter((each) => each.status >= 500).map(describeCase)).toEqual([])
  })

  it('asks anonymous callers to sign in on every route that is not public', () => {
    const anonymousCases = cases.filter((each) => each.role === null && each.route.access !== 'public')
    expect(anonymousCases.length).toBeGreaterThan(0)
    expect(anonymousCases.filter((each) => each.status !== 401).map(describeCase)).toEqual([])
  })

  it('answers every role with 404 for objects of another district', () => {
    const foreignCases = cases.filter((each) => each.variant === 'other' && each.role !== null)
    expect(foreignCases.length).toBeGreaterThan(0)
    expect(foreignCases.filter((each) => each.status !== 404).map(describeCase)).toEqual([])
  })

  it('leaves the objects of another district unchanged', async () => {
    expect(await userVersion(foreign.userId)).toBe(foreignVersion)
    const sessions = await ctx.database.db
      .selectFrom('session')
      .select('token_hash')
      .where('user_id', '=', foreign.userId)
      .execute()
    expect(sessions.map((row) => row.token_hash.slice(0, 16))).toEqual([foreign.sessionId])
    expect(await caseWorkSnapshot(foreign)).toEqual(foreignRecords)
    expect(await steeringSnapshot(foreign)).toEqual(foreignSteering)
    expect(await staffingSnapshot(foreign)).toEqual(foreignStaffing)
  })

  it('refuses with 403 or 404 what the policy denies a role in its own district', () => {
    const denied = cases.filter(
      (each) => each.variant === 'own' && each.role !== null && !expectedAllowed(each),
    )
    expect(denied.length).toBeGreaterThan(0)
    expect(denied.filter((each) => each.status !== 403 && each.status !== 404).map(describeCase)).toEqual([])
  })

  it("answers the case manager's and the team lead's reads of their team's case-work records with 200", () => {
    const caseWorkParams = ['caseId', 'personId', 'taskId', 'goalId', 'measureId', 'documentId', 'viewId']
    const reads = cases.filter(
      (each) =>
        each.variant === 'own' &&
        (each.role === 'case_manager' || each.role === 'team_lead') &&
        each.route.method === 'GET' &&
        // Access requests about a person are the data protection officer's, not case work's reads.
        each.route.access !== 'privacy-request.handle' &&
        paramsOf(each.route.url).some((name) => caseWorkParams.includes(name)),
    )
    expect(reads.length).toBeGreaterThanOrEqual(2 * 9)
    expect(reads.filter((each) => each.status !== 200).map(describeCase)).toEqual([])
  })

  it('hides a referral from partners of other organisations and of other districts: 404, audited, nothing changed', async () => {
    const admin = await loginAs(ctx.app, 'admin')
    const lindenauAdmin = await loginAs(ctx.app, 'admin.lindenau')
    const caritas = await ctx.database.db
      .selectFrom('organisation')
      .select('id')
      .where('district_id', '=', admin.districtId)
      .where('name', '=', 'Caritasverband Rhein-Sieg')
      .executeTakeFirstOrThrow()
    const partnerOf = async (session: TestSession, username: string, organisationId: string) => {
      const response = await session.request({
        method: 'POST',
        url: '/api/users',
        payload: {
          username,
          displayName: 'Matrix Partner',
          roles: ['partner'],
          organisationId,
          password: testPassword,
        },
      })
      expect(response.statusCode, response.body).toBe(201)
      return loginAs(ctx.app, username)
    }
    const otherOrganisation = await partnerOf(admin, 'matrix.partner.caritas', caritas.id)
    const otherDistrict = await partnerOf(
      lindenauAdmin,
      'matrix.partner.lindenau',
      foreign.recipientOrganisationId,
    )
    const target = await ctx.database.db
      .selectFrom('referral')
      .select(['id', 'status', 'version'])
      .where(
        'organisation_id',
        '=',
        (ownSubjects as OwnSubjects).referral.type === 'referral'
          ? ((ownSubjects as OwnSubjects).referral as { organisationId: string }).organisationId
          : '',
      )
      .orderBy('created_at')
      .executeTakeFirstOrThrow()
    const referralRoutes = routes.filter((route) => route.url.includes(':referralId'))
    expect(referralRoutes.length).toBeGreaterThanOrEqual(6)
    const deniedBefore = (
      await ctx.database.db
        .selectFrom('audit_event')
        .select('id')
        .where('subject_id', '=', target.id)
        .where('outcome', '=', 'denied')
        .execute()
    ).length
    const answers: string[] = []
    for (const session of [otherOrganisation, otherDistrict]) {
      for (const route of referralRoutes) {
        const response = await session.request({
          method: route.method as InjectOptions['method'],
          url: route.url.replace(':referralId', target.id),
          ...(route.method === 'POST'
            ? { payload: (bodies[`${route.method} ${route.url}`]?.(null, foreign) ?? {}) as object }
            : {}),
        })
        answers.push(`${route.method} ${route.url} → ${response.statusCode}`)
      }
      const inbox = await session.request({ method: 'GET', url: '/api/referrals/inbox?include=all' })
      expect(inbox.statusCode).toBe(200)
      expect(inbox.json().items.map((item: { id: string }) => item.id)).not.toContain(target.id)
    }
    expect(answers.filter((line) => !line.endsWith('404'))).toEqual([])
    const deniedAfter = (
      await ctx.database.db
        .selectFrom('audit_event')
        .select('id')
        .where('subject_id', '=', target.id)
        .where('outcome', '=', 'denied')
        .execute()
    ).length
    expect(deniedAfter - deniedBefore).toBe(answers.filter((line) => line.endsWith('404')).length)
    const after = await ctx.database.db
      .selectFrom('referral')
      .select(['status', 'version'])
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow()
    expect(after).toEqual({ status: target.status, version: target.version })
  })

  it('lets through what the policy allows a role in its own district', () => {
    const allowed = cases.filter(
      (each) => each.variant === 'own' && each.role !== null && expectedAllowed(each),
    )
    expect(allowed.length).toBeGreaterThan(0)
    expect(allowed.filter((each) => each.status === 401 || each.status === 403).map(describeCase)).toEqual([])
  })
})
