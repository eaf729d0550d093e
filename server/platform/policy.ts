import { type Abilities, type Action, actions } from '../../common/abilities.ts'
import { type Role, roles } from '../../common/identity.ts'
import { Forbidden, HiddenByPolicy, NotFound, ProcessingRestricted, type TriedRecord } from './errors.ts'

/** Who is acting: resolved from the session for every request. */
export type Actor = {
  userId: string
  districtId: string
  organisationId: string | null
  roles: readonly Role[]
  teamIds: readonly string[]
  /** Signed in with a role that needs a second factor they have not set up yet: own account only. */
  mustEnrolSecondFactor?: boolean
  /**
   * Set when the request came with an API token: the actions the token was given. The actor may
   * do only what both the token's scopes and the creating administrator's own rights allow.
   */
  scopes?: readonly Action[]
}

/** What an action is about. Each kind names the facts the rules need, never more. */
export type Subject =
  | { type: 'district'; districtId: string }
  | { type: 'user'; districtId: string; userId: string }
  | { type: 'audit'; districtId: string }
  | CaseSubject
  | PersonSubject
  | { type: 'task'; id?: string; districtId: string; assigneeId: string; createdBy: string | null }
  | OrganisationSubject
  | ReferralSubject
  | StaffContractSubject

/** An employee's contract as the rules see it: whose it is (the staff member's user account, if linked). */
export type StaffContractSubject = {
  type: 'staff-contract'
  id?: string
  districtId: string
  staffUserId: string | null
}

/** An organisation of the network as the rules see it: its district, and which one it is. */
export type OrganisationSubject = { type: 'organisation'; districtId: string; organisationId: string }

// The ids of cases, persons and tasks decide nothing; a refusal names them in the audit trail.

/** A case as the rules see it: where it belongs and who is responsible, nothing of its content. */
export type CaseSubject = {
  type: 'case'
  id?: string
  districtId: string
  teamId: string | null
  managerIds: readonly string[]
  /** The district's setting whether case managers may read their team's cases. */
  teamCasesVisible: boolean
  /** A closed case keeps its records as they are; unknown (lists, general abilities) counts as open. */
  closed?: boolean
  /** Processing of one of its persons is restricted (Art. 18 GDPR): the case may be stored and read, no more. */
  restricted?: boolean
  /** Users holding an active break-glass grant for it: a reason stated, flagged for review (decision 0021). */
  breakGlassGrantees?: readonly string[]
}

/** A person as the rules see it: the teams and managers of their cases, and who registered them. */
export type PersonSubject = {
  type: 'person'
  id?: string
  districtId: string
  teamIds: readonly string[]
  managerIds: readonly string[]
  registeredBy: string
  teamCasesVisible: boolean
  /** Processing is restricted (Art. 18 GDPR): the record may be stored and read, no more. */
  restricted?: boolean
}

/**
 * A referral as a partner organisation sees it: addressed to which organisation, and whether it
 * has left the drafts. Case managers reach referrals through their case (`case.read`, `case.work`).
 */
export type ReferralSubject = {
  type: 'referral'
  id?: string
  districtId: string
  organisationId: string
  status: string
}

export { type Action, actions }

// Small named predicates; the rules below are built only from these.
const hasRole = (actor: Actor, ...wanted: Role[]) => wanted.some((role) => actor.roles.includes(role))
const sameDistrict = (actor: Actor, subject: { districtId: string }) =>
  actor.districtId === subject.districtId
const isSelf = (actor: Actor, subject: { userId: string }) => actor.userId === subject.userId
const isResponsible = (actor: Actor, subject: { managerIds: readonly string[] }) =>
  subject.managerIds.includes(actor.userId)
const inTeam = (actor: Actor, teamId: string | null) => teamId !== null && actor.teamIds.includes(teamId)
const inAnyTeam = (actor: Actor, teamIds: readonly string[]) =>
  teamIds.some((teamId) => inTeam(actor, teamId))
const doesCaseWork = (actor: Actor) => hasRole(actor, 'case_manager', 'team_lead')
const isPartnerOfOrganisation = (actor: Actor) => hasRole(actor, 'partner') && actor.organisationId !== null
/** A partner sees a referral only when it is addressed to their own organisation and was sent. */
const addressedTo = (actor: Actor, subject: ReferralSubject) =>
  sameDistrict(actor, subject) &&
  isPartnerOfOrganisation(actor) &&
  subject.organisationId === actor.organisationId &&
  subject.status !== 'draft'

/** The role of whoever may be made responsible for a case; lists of candidates select by it. */
export const caseHolderRole: Role = 'case_manager'
/** Who may be made responsible for a case: case managers only. */
export const takesCases = (userRoles: readonly Role[]) => userRoles.includes(caseHolderRole)
/** Who keeps reminders (tasks): everyone but partners, who work in their own organisation's systems. */
export const keepsTasks = (userRoles: readonly Role[]) => !userRoles.includes('partner')
/** A partner acts for its own organisation: its directory entry and its services. */
const actsFor = (actor: Actor, subject: OrganisationSubject) =>
  hasRole(actor, 'partner') &&
  actor.organisationId !== null &&
  actor.organisationId === subject.organisationId
/** Who keeps the network's map: coordination and administration for every organisation, a partner for its own. */
const keepsNetworkEntry = (actor: Actor, subject: Subject | undefined) =>
  subject?.type === 'organisation' &&
  sameDistrict(actor, subject) &&
  (hasRole(actor, 'coordinator', 'admin') || actsFor(actor, subject))
const inDistrict = (actor: Actor, subject: Subject | undefined) =>
  subject?.type === 'district' && sameDistrict(actor, subject)
/** Who keeps positions, contracts and the budget: coordination and administration. */
const keepsStaffing = (actor: Actor) => hasRole(actor, 'coordinator', 'admin')
/** A case manager's own contract: the staff member is linked to their user account. */
const isOwnContract = (actor: Actor, subject: StaffContractSubject) =>
  subject.staffUserId !== null && subject.staffUserId === actor.userId

/**
 * Which cases of the own district an actor reads, as data: the cases they manage (when
 * `managedBy` is set) and every case of the named teams. The rule `case.read` and the SQL of the
 * case list are both made from this one value, so they cannot drift apart
 * (`case-read-scope.test.ts` proves it on random actors and cases).
 */
export type CaseReadScope = { managedBy: string | null; teamIds: readonly string[] }

/** Case managers read their own cases and, where the district allows, their team's; team leads their team's. */
export function caseReadScope(actor: Actor, teamCasesVisible: boolean): CaseReadScope {
  const managesCases = hasRole(actor, 'case_manager')
  const readsTeamCases = hasRole(actor, 'team_lead') || (managesCases && teamCasesVisible)
  return { managedBy: managesCases ? actor.userId : null, teamIds: readsTeamCases ? actor.teamIds : [] }
}

/** Whether a case lies within a read scope; the SQL twin is `visibleCases` in case.queries.ts. */
const withinScope = (scope: CaseReadScope, subject: CaseSubject) =>
  (scope.managedBy !== null && subject.managerIds.includes(scope.managedBy)) ||
  (subject.teamId !== null && scope.teamIds.includes(subject.teamId))

const readsCaseInScope = (actor: Actor, subject: CaseSubject) =>
  sameDistrict(actor, subject) && withinScope(caseReadScope(actor, subject.teamCasesVisible), subject)

/** A case manager who stated a reason to open a case outside their caseload reads it until the grant ends. */
const holdsBreakGlass = (actor: Actor, subject: CaseSubject) =>
  sameDistrict(actor, subject) &&
  hasRole(actor, 'case_manager') &&
  (subject.breakGlassGrantees ?? []).includes(actor.userId)

const readsCase = (actor: Actor, subject: CaseSubject) =>
  readsCaseInScope(actor, subject) || holdsBreakGlass(actor, subject)

/**
 * Whether reading a case is only possible through break-glass: the actor reads it by a grant, not
 * by their caseload or team. Such reads are audited as break-glass reads.
 */
export const readsOnlyByBreakGlass = (actor: Actor, subject: CaseSubject) =>
  !readsCaseInScope(actor, subject) && holdsBreakGlass(actor, subject)

const readsPerson = (actor: Actor, subject: PersonSubject) =>
  sameDistrict(actor, subject) &&
  ((hasRole(actor, 'case_manager') &&
    (isResponsible(actor, subject) ||
      subject.registeredBy === actor.userId ||
      (subject.teamCasesVisible && inAnyTeam(actor, subject.teamIds)))) ||
    (hasRole(actor, 'team_lead') && inAnyTeam(actor, subject.teamIds)))

/** Changing a person's record is for whoever is responsible for them, or registered them before any case. */
const changesPerson = (actor: Actor, subject: PersonSubject) =>
  sameDistrict(actor, subject) &&
  hasRole(actor, 'case_manager') &&
  (isResponsible(actor, subject) ||
    (subject.registeredBy === actor.userId && subject.managerIds.length === 0))

type Rule = (actor: Actor, subject: Subject | undefined) => boolean

/**
 * What restriction of processing (Art. 18 GDPR) stops: every change to a person's record and
 * their cases, every referral, share and conference. Reading stays, so the responsible staff see
 * the restriction and the data protection officer can answer for the record; storage stays.
 */
const usesPersonalData: ReadonlySet<Action> = new Set<Action>([
  'person.update',
  'person.merge',
  'consent.manage',
  'case.work',
  'case.record',
  'case.assign',
])
const restrictedUse = (action: Action, subject: Subject | undefined) =>
  usesPersonalData.has(action) &&
  (subject?.type === 'person' || subject?.type === 'case') &&
  subject.restricted === true

const rules: Record<Action, Rule> = {
  'district.read': (actor, subject) => subject?.type === 'district' && sameDistrict(actor, subject),
  'session.own': () => true,
  'user.read': (actor, subject) =>
    subject?.type === 'user' &&
    sameDistrict(actor, subject) &&
    (isSelf(actor, subject) || hasRole(actor, 'admin', 'dpo')),
  'user.manage': (actor, subject) =>
    subject?.type === 'user' && sameDistrict(actor, subject) && hasRole(actor, 'admin'),
  'organisation.manage': (actor, subject) =>
    subject?.type === 'district' && sameDistrict(actor, subject) && hasRole(actor, 'admin'),
  'organisation.read': (actor, subject) => subject?.type === 'district' && sameDistrict(actor, subject),
  'audit.read': (actor, subject) =>
    subject?.type === 'audit' && sameDistrict(actor, subject) && hasRole(actor, 'admin', 'dpo'),
  'identity-policy.manage': (actor, subject) =>
    subject?.type === 'district' && sameDistrict(actor, subject) && hasRole(actor, 'admin'),
  'audit.export': (actor, subject) =>
    subject?.type === 'audit' && sameDistrict(actor, subject) && hasRole(actor, 'dpo', 'admin'),
  'person.register': (actor, subject) => inDistrict(actor, subject) && doesCaseWork(actor),
  'person.read': (actor, subject) => subject?.type === 'person' && readsPerson(actor, subject),
  'person.update': (actor, subject) => subject?.type === 'person' && changesPerson(actor, subject),
  'person.merge': (actor, subject) =>
    subject?.type === 'person' &&
    readsPerson(actor, subject) &&
    (changesPerson(actor, subject) || hasRole(actor, 'team_lead')),
  'case.list': (actor, subject) => inDistrict(actor, subject) && doesCaseWork(actor),
  'case.create': (actor, subject) => inDistrict(actor, subject) && doesCaseWork(actor),
  'case.read': (actor, subject) => subject?.type === 'case' && readsCase(actor, subject),
  'case.work': (actor, subject) =>
    subject?.type === 'case' &&
    sameDistrict(actor, subject) &&
    hasRole(actor, 'case_manager') &&
    isResponsible(actor, subject),
  // Adding to a case's records (contacts, assessments, plan, documents): case work on an open case.
  'case.record': (actor, subject) =>
    subject?.type === 'case' && subject.closed !== true && rules['case.work'](actor, subject),
  // Break-glass (decision 0021): a case manager of the district may open a case outside their
  // caseload after stating a reason; reading only, and flagged for the data protection officer.
  // Not for a case they already read, and never for partners, report readers or other districts.
  'case.break-glass': (actor, subject) =>
    (subject?.type === 'district' || subject?.type === 'case') &&
    sameDistrict(actor, subject) &&
    hasRole(actor, 'case_manager') &&
    (subject.type === 'district' || !readsCase(actor, subject)),
  'case.assign': (actor, subject) =>
    subject?.type === 'case' &&
    sameDistrict(actor, subject) &&
    ((hasRole(actor, 'team_lead') && inTeam(actor, subject.teamId)) ||
      (hasRole(actor, 'case_manager') && isResponsible(actor, subject))),
  'short-consultation.record': (actor, subject) =>
    inDistrict(actor, subject) && hasRole(actor, 'case_manager'),
  'task.own': (actor, subject) => inDistrict(actor, subject) && keepsTasks(actor.roles),
  'task.manage': (actor, subject) =>
    subject?.type === 'task' &&
    sameDistrict(actor, subject) &&
    keepsTasks(actor.roles) &&
    (subject.assigneeId === actor.userId || subject.createdBy === actor.userId),
  'casework-settings.manage': (actor, subject) => inDistrict(actor, subject) && hasRole(actor, 'admin'),
  // The district's list of legal-sphere changes: for case work; each row still needs person.read.
  'legal-sphere-change.list': (actor, subject) => inDistrict(actor, subject) && doesCaseWork(actor),
  // Days to the first Jobcenter contact: an aggregate, also for the steering side.
  'legal-sphere-change.figure': (actor, subject) =>
    inDistrict(actor, subject) && hasRole(actor, 'case_manager', 'team_lead', 'coordinator', 'report_reader'),
  // The district's case conferences: case work sees those of readable cases in full, the
  // coordination (who organises them) their date, kind and organisations, no case content.
  'case-conference.list': (actor, subject) =>
    inDistrict(actor, subject) && hasRole(actor, 'case_manager', 'team_lead', 'coordinator'),
  // The directory and the service map hold no personal data of clients: every role of the district reads them.
  'network.read': (actor, subject) => inDistrict(actor, subject),
  'directory.edit': keepsNetworkEntry,
  'service.edit': keepsNetworkEntry,
  // Whether a duplicate structure is intended is the steering side's call, not a provider's.
  'overlap.decide': (actor, subject) => inDistrict(actor, subject) && hasRole(actor, 'coordinator', 'admin'),
  // Consents belong to the person's record: whoever may change the record records and revokes them.
  'consent.manage': (actor, subject) => subject?.type === 'person' && changesPerson(actor, subject),
  // Revoking is the person's right at any time (Art. 7 (3) GDPR): it narrows processing, so a
  // restriction of processing does not stop it (it is not among `usesPersonalData`).
  'consent.revoke': (actor, subject) => subject?.type === 'person' && changesPerson(actor, subject),
  'referral.inbox': (actor, subject) => inDistrict(actor, subject) && isPartnerOfOrganisation(actor),
  'referral.open': (actor, subject) => subject?.type === 'referral' && addressedTo(actor, subject),
  'referral.answer': (actor, subject) => subject?.type === 'referral' && addressedTo(actor, subject),
  // Referrals sent without consent, on a legal basis: the data protection officer reviews them.
  'referral.review': (actor, subject) => inDistrict(actor, subject) && hasRole(actor, 'dpo'),
  // Bodies, meetings and minutes: the district's staff and partners read them (minutes name the
  // people who attended); coordination and administration keep them.
  'steering.read': (actor, subject) =>
    inDistrict(actor, subject) &&
    hasRole(actor, 'coordinator', 'admin', 'case_manager', 'team_lead', 'partner', 'dpo'),
  'steering.manage': (actor, subject) => inDistrict(actor, subject) && hasRole(actor, 'coordinator', 'admin'),
  // Structural obstacles hold no personal data (the service refuses names and dates): case work
  // raises them from its cases (each case link still needs case.work), coordination directly.
  'obstacle.raise': (actor, subject) =>
    inDistrict(actor, subject) && hasRole(actor, 'case_manager', 'coordinator', 'admin'),
  // The register of decisions holds no personal data: report readers (administration, committee) read it too.
  'decision.read': (actor, subject) =>
    inDistrict(actor, subject) &&
    hasRole(actor, 'coordinator', 'admin', 'case_manager', 'team_lead', 'partner', 'dpo', 'report_reader'),
  // Positions, contracts, warnings and the budget name employees: personal data of staff, read
  // and kept by coordination and administration only (every read is audited).
  'staffing.read': (actor, subject) => inDistrict(actor, subject) && keepsStaffing(actor),
  'staffing.manage': (actor, subject) => inDistrict(actor, subject) && keepsStaffing(actor),
  // A case manager sees their own contract, nobody else's.
  'contract.read': (actor, subject) =>
    subject?.type === 'staff-contract' &&
    sameDistrict(actor, subject) &&
    (keepsStaffing(actor) || (hasRole(actor, 'case_manager') && isOwnContract(actor, subject))),
  // Goal agreements and their indicators are aggregates (small counts suppressed) and name only
  // organisations: report readers, who report them to the committee, read them too.
  'goal-agreement.read': (actor, subject) =>
    inDistrict(actor, subject) &&
    hasRole(actor, 'coordinator', 'admin', 'case_manager', 'team_lead', 'partner', 'dpo', 'report_reader'),
  // Aggregates only, every small cell withheld: the steering side, administration, team leads,
  // report readers (administration, committee) and case managers. Partners and the DPO see none.
  'figures.read': (actor, subject) =>
    inDistrict(actor, subject) &&
    hasRole(actor, 'coordinator', 'admin', 'team_lead', 'case_manager', 'report_reader'),
  // Thresholds decide what is published: coordination and administration set them (never below the defaults).
  'reporting-settings.manage': (actor, subject) =>
    inDistrict(actor, subject) && hasRole(actor, 'coordinator', 'admin'),
  // A frozen evaluation is what the committee is given: coordination and administration make them;
  // everyone with figures.read reads them.
  'evaluation.manage': (actor, subject) =>
    inDistrict(actor, subject) && hasRole(actor, 'coordinator', 'admin'),
  // Whose start page is the reporting dashboard: report readers (administration, committee), who
  // have no case work, steering or staffing to start from. No route asks for it; the web does.
  'reporting.start-page': (actor, subject) =>
    inDistrict(actor, subject) && hasRole(actor, 'report_reader') && rules['figures.read'](actor, subject),
  // Committee reports publish aggregates only: the steering side and the report readers (the
  // administration that presents them) read and download them; coordination writes them.
  'report.read': (actor, subject) =>
    inDistrict(actor, subject) && hasRole(actor, 'coordinator', 'admin', 'team_lead', 'report_reader'),
  'report.manage': (actor, subject) => inDistrict(actor, subject) && hasRole(actor, 'coordinator', 'admin'),
  // The year's aggregates for the state: coordination reports them, administration and report
  // readers (who answer the state's questions) download them too. Every download is audited.
  'state-report.export': (actor, subject) =>
    inDistrict(actor, subject) && hasRole(actor, 'coordinator', 'admin', 'report_reader'),
  // Retention rules, their preview and the list of legal holds: the data protection officer and
  // administration, who answer for the deletion concept.
  'retention.manage': (actor, subject) => inDistrict(actor, subject) && hasRole(actor, 'dpo', 'admin'),
  'legal-hold.read': (actor, subject) => inDistrict(actor, subject) && hasRole(actor, 'dpo', 'admin'),
  // Holding a case back from deletion only keeps data: the responsible case manager may do it
  // (they learn of a lawsuit first); lifting it lets deletion go ahead, which only the DPO and admin decide.
  'legal-hold.set': (actor, subject) =>
    subject?.type === 'case' &&
    sameDistrict(actor, subject) &&
    (hasRole(actor, 'dpo', 'admin') || rules['case.work'](actor, subject)),
  'legal-hold.lift': (actor, subject) => inDistrict(actor, subject) && hasRole(actor, 'dpo', 'admin'),
  // Erasure on request (Art. 17 GDPR) is decided by the data protection officer or administration.
  'person.erase': (actor, subject) =>
    (subject?.type === 'person' || subject?.type === 'district') &&
    sameDistrict(actor, subject) &&
    hasRole(actor, 'dpo', 'admin'),
  // Requests of data subjects (access, restriction, rectification on request) are the data
  // protection officer's: administration keeps the system, not the clients' records.
  'privacy-request.handle': (actor, subject) =>
    (subject?.type === 'district' || subject?.type === 'person') &&
    sameDistrict(actor, subject) &&
    hasRole(actor, 'dpo'),
  // The record of processing holds no client data: administration reads it, the DPO keeps it.
  'processing-record.read': (actor, subject) => inDistrict(actor, subject) && hasRole(actor, 'dpo', 'admin'),
  'processing-record.manage': (actor, subject) => inDistrict(actor, subject) && hasRole(actor, 'dpo'),
  // Who read which case or person, and the flags (break-glass, outside the caseload, night, exports):
  // the data protection officer and administration read them; marking reviewed is the DPO's.
  'access-review.read': (actor, subject) => inDistrict(actor, subject) && hasRole(actor, 'dpo', 'admin'),
  'access-review.decide': (actor, subject) => inDistrict(actor, subject) && hasRole(actor, 'dpo'),
  /** Importing spreadsheets of cases and counts: coordination and administration, who move the office in. */
  'import.manage': (actor, subject) => inDistrict(actor, subject) && hasRole(actor, 'coordinator', 'admin'),
  // Integrations reach the district's data without a person at the keyboard: administration only.
  'api-token.manage': (actor, subject) => inDistrict(actor, subject) && hasRole(actor, 'admin'),
  'webhook.manage': (actor, subject) => inDistrict(actor, subject) && hasRole(actor, 'admin'),
  // The whole district as one file, for moving between installations: administration only.
  'district.export': (actor, subject) => inDistrict(actor, subject) && hasRole(actor, 'admin'),
}

/** The actor's own district as a subject, for the district-wide actions (register, list, settings). */
export const ownDistrict = (actor: Actor): Subject => ({ type: 'district', districtId: actor.districtId })

/** Deny by default: an action without a rule, or a rule that does not say yes, is refused. */
export function can(actor: Actor, action: Action, subject?: Subject): boolean {
  if (actor.mustEnrolSecondFactor && action !== 'session.own') return false
  if (actor.scopes && !actor.scopes.includes(action)) return false
  const rule = rules[action]
  return rule ? rule(actor, subject) && !restrictedUse(action, subject) : false
}

/**
 * Throws unless allowed. Outside the actor's district the answer is "not found", so that
 * nobody learns a record exists; inside it, a plain refusal.
 */
export function authorize(actor: Actor, action: Action, subject: Subject): void {
  if (can(actor, action, subject)) return
  const tried = triedRecord(subject)
  if (!sameDistrict(actor, subject)) throw new HiddenByPolicy(tried)
  if (restrictedUse(action, subject) && can(actor, action, { ...subject, restricted: false } as Subject)) {
    throw new ProcessingRestricted(action, tried)
  }
  throw new Forbidden(action, tried)
}

/**
 * Existence first, the one rule for "hidden versus not found": a record of another district
 * answers exactly like a missing one (404), so nobody learns it exists, and only the former is
 * marked for the audit trail as a refusal. `recordDistrictId` is where the record belongs,
 * looked up across districts; undefined when there is no such record.
 */
export function assertRecordVisible(
  actor: Actor,
  recordDistrictId: string | null | undefined,
  tried: TriedRecord,
): void {
  if (recordDistrictId === undefined || recordDistrictId === null) throw new NotFound()
  if (recordDistrictId !== actor.districtId) throw new HiddenByPolicy(tried)
}

/** The record a subject stands for, when it stands for one (not a whole district or its audit trail). */
function triedRecord(subject: Subject): TriedRecord | undefined {
  switch (subject.type) {
    case 'user':
      return subject.userId ? { type: 'user', id: subject.userId } : undefined
    case 'case':
    case 'person':
    case 'task':
    case 'referral':
      return subject.id ? { type: subject.type, id: subject.id } : undefined
    case 'organisation':
      return { type: 'organisation', id: subject.organisationId }
    case 'staff-contract':
      return subject.id ? { type: 'staff_contract', id: subject.id } : undefined
    case 'district':
    case 'audit':
      return undefined
  }
}

/** The abilities the UI needs to show or hide controls for a subject. */
export function abilitiesFor(actor: Actor, subject: Subject, wanted: readonly Action[]): Abilities {
  return Object.fromEntries(wanted.map((action) => [action, can(actor, action, subject)]))
}

/** A subject of each kind in the actor's district that is not the actor's own, for general abilities. */
function genericSubject(action: Action, actor: Actor): Subject {
  if (action.startsWith('user.')) return { type: 'user', districtId: actor.districtId, userId: '' }
  if (action.startsWith('audit.')) return { type: 'audit', districtId: actor.districtId }
  // The general ability for case work: a case of the actor's own, in the actor's team.
  if (
    action === 'case.read' ||
    action === 'case.work' ||
    action === 'case.record' ||
    action === 'case.assign' ||
    action === 'legal-hold.set'
  ) {
    return {
      type: 'case',
      districtId: actor.districtId,
      teamId: actor.teamIds[0] ?? null,
      managerIds: [actor.userId],
      teamCasesVisible: true,
    }
  }
  if (
    action === 'person.read' ||
    action === 'person.update' ||
    action === 'person.merge' ||
    action === 'consent.manage' ||
    action === 'consent.revoke'
  ) {
    return {
      type: 'person',
      districtId: actor.districtId,
      teamIds: actor.teamIds,
      managerIds: [actor.userId],
      registeredBy: actor.userId,
      teamCasesVisible: true,
    }
  }
  if (action === 'task.manage') {
    return { type: 'task', districtId: actor.districtId, assigneeId: actor.userId, createdBy: actor.userId }
  }
  // The general ability to keep the network's map: for the actor's own organisation, if any.
  if (action === 'directory.edit' || action === 'service.edit') {
    return { type: 'organisation', districtId: actor.districtId, organisationId: actor.organisationId ?? '' }
  }
  if (action === 'referral.open' || action === 'referral.answer') {
    return {
      type: 'referral',
      districtId: actor.districtId,
      organisationId: actor.organisationId ?? '',
      status: 'sent',
    }
  }
  // The general ability to read contracts: one's own.
  if (action === 'contract.read') {
    return { type: 'staff-contract', districtId: actor.districtId, staffUserId: actor.userId }
  }
  return { type: 'district', districtId: actor.districtId }
}

/** What the actor may do in their district in general: sent with the session so the UI can hide the rest. */
export function districtAbilities(actor: Actor): Record<Action, boolean> {
  return Object.fromEntries(
    actions.map((action) => [action, can(actor, action, genericSubject(action, actor))]),
  ) as Record<Action, boolean>
}

export const allRoles: readonly Role[] = roles

/** A situation the permissions document shows: a subject as the rules see it, relative to the actor. */
type Situation = { label: string; subject: (visible: boolean) => Subject }

/** Whether the rule allows a situation: always, only while the district shows team cases, or never. */
export type Verdict = 'yes' | 'team-setting' | 'no'

const me = 'me'
const myTeam = 'team-a'
const otherTeam = 'team-b'

/**
 * Realistic subjects in the actor's district for each kind of action: the own record, one of the
 * own team, one of another team. The actor is in a team, as team leads and case managers are.
 */
function situationsFor(action: Action, districtId: string): Situation[] {
  const caseOf = (teamId: string, managerIds: string[]) => (visible: boolean) =>
    ({ type: 'case', districtId, teamId, managerIds, teamCasesVisible: visible }) as const
  const personOf = (teamIds: string[], managerIds: string[], registeredBy: string) => (visible: boolean) =>
    ({ type: 'person', districtId, teamIds, managerIds, registeredBy, teamCasesVisible: visible }) as const
  if (action.startsWith('user.')) {
    return [
      { label: 'own', subject: () => ({ type: 'user', districtId, userId: me }) },
      { label: 'others', subject: () => ({ type: 'user', districtId, userId: 'colleague' }) },
    ]
  }
  if (action.startsWith('audit.'))
    return [{ label: 'district', subject: () => ({ type: 'audit', districtId }) }]
  if (
    action === 'case.read' ||
    action === 'case.work' ||
    action === 'case.record' ||
    action === 'case.assign' ||
    action === 'case.break-glass' ||
    action === 'legal-hold.set'
  ) {
    return [
      { label: 'own', subject: caseOf(myTeam, [me]) },
      { label: 'team', subject: caseOf(myTeam, ['colleague']) },
      { label: 'other team', subject: caseOf(otherTeam, ['someone']) },
      ...(action === 'case.record'
        ? [
            {
              label: 'own, closed',
              subject: (visible: boolean) => ({ ...caseOf(myTeam, [me])(visible), closed: true }),
            },
          ]
        : []),
    ]
  }
  if (
    action === 'person.read' ||
    action === 'person.update' ||
    action === 'person.merge' ||
    action === 'consent.manage' ||
    action === 'consent.revoke'
  ) {
    return [
      { label: 'own', subject: personOf([myTeam], [me], 'colleague') },
      // Registered by the actor for the own team, no case yet.
      { label: 'registered', subject: personOf([myTeam], [], me) },
      { label: 'team', subject: personOf([myTeam], ['colleague'], 'colleague') },
      { label: 'other team', subject: personOf([otherTeam], ['someone'], 'someone') },
    ]
  }
  if (action === 'task.manage') {
    const task = (assigneeId: string, createdBy: string) => () =>
      ({ type: 'task', districtId, assigneeId, createdBy }) as const
    return [
      { label: 'own', subject: task(me, 'colleague') },
      { label: 'created', subject: task('colleague', me) },
      { label: 'others', subject: task('colleague', 'someone') },
    ]
  }
  if (action === 'directory.edit' || action === 'service.edit') {
    const organisation = (organisationId: string) => () =>
      ({ type: 'organisation', districtId, organisationId }) as const
    return [
      { label: 'own', subject: organisation('organisation') },
      { label: 'others', subject: organisation('other-organisation') },
    ]
  }
  if (action === 'referral.open' || action === 'referral.answer') {
    const referral = (organisationId: string, status: string) => () =>
      ({ type: 'referral', districtId, organisationId, status }) as const
    return [
      { label: 'own organisation', subject: referral('organisation', 'sent') },
      { label: 'own organisation, draft', subject: referral('organisation', 'draft') },
      { label: 'other organisation', subject: referral('other-organisation', 'sent') },
    ]
  }
  if (action === 'contract.read') {
    const contract = (staffUserId: string) => () =>
      ({ type: 'staff-contract', districtId, staffUserId }) as const
    return [
      { label: 'own', subject: contract(me) },
      { label: 'others', subject: contract('colleague') },
    ]
  }
  return [{ label: 'district', subject: () => ({ type: 'district', districtId }) }]
}

/**
 * The role × action table for docs/permissions.md, from the same rules and with subjects as real
 * as the ones the services build: for each role and action, which situations it allows.
 */
export function permissionTable(): {
  action: Action
  roles: Record<Role, { label: string; verdict: Verdict }[]>
}[] {
  const districtId = 'd'
  return actions.map((action) => ({
    action,
    roles: Object.fromEntries(
      allRoles.map((role) => {
        const actor: Actor = {
          userId: me,
          districtId,
          organisationId: role === 'partner' ? 'organisation' : null,
          roles: [role],
          teamIds: [myTeam],
        }
        const verdicts = situationsFor(action, districtId).map(({ label, subject }) => {
          const whenVisible = can(actor, action, subject(true))
          const whenHidden = can(actor, action, subject(false))
          const verdict: Verdict = whenHidden ? 'yes' : whenVisible ? 'team-setting' : 'no'
          return { label, verdict }
        })
        return [role, verdicts]
      }),
    ) as Record<Role, { label: string; verdict: Verdict }[]>,
  }))
}
