import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { TimelineEntry } from '../../../../common/casework.ts'
import {
  type ConsentState,
  categoryOfField,
  consentCovers,
  consentStateOn,
  type ShareableField,
  shareableFieldNames,
} from '../../../../common/consent.ts'
import {
  type InboxPage,
  type inboxQuerySchema,
  type Referral,
  type ReferralStatus,
  type ReferralStep,
  type referralInputSchema,
  referralSteps,
} from '../../../../common/referral.ts'
import type { DB } from '../../../db/schema.ts'
import type { RequestContext } from '../../../platform/access.ts'
import { districtTime, districtTodays } from '../../../platform/district-time.ts'
import { Forbidden, fieldError, HiddenByPolicy, NotFound } from '../../../platform/errors.ts'
import {
  type Action,
  type Actor,
  assertRecordVisible,
  authorize,
  can,
  ownDistrict,
} from '../../../platform/policy.ts'
import { recordAudit, recordAuditAlone } from '../../audit/index.ts'
import {
  authorizeCaseRead,
  authorizeCaseWork,
  caseOutline,
  caseReferences,
  caseSubjectFor,
  ensureFollowUpTasks,
  measureOfCase,
  personNames,
  sharedFieldValues,
} from '../../casework/index.ts'
import { displayNames, organisationNames } from '../../identity/index.ts'
import { publishEvent } from '../../integration/index.ts'
import { consentById, consentsByIds, type GateConsent } from '../consents/consent.service.ts'
import { referrableService } from '../services/service.service.ts'
import {
  insertReferral,
  insertStatusChange,
  moveReferral,
  type ReferralRow,
  selectCaseReferralHistory,
  selectInboxPage,
  selectOverrides,
  selectReferral,
  selectReferralFacts,
  selectReferralHistory,
  selectReferralsNeedingFollowUp,
  selectReferralsOfCase,
} from './referral.queries.ts'

type ReferralInput = z.output<typeof referralInputSchema>
type InboxQuery = z.output<typeof inboxQuerySchema>

const categoriesOf = (fields: readonly ShareableField[]) => [...new Set(fields.map(categoryOfField))]

/** Whether the referral may show its shared fields today: its consent covers them, or it rests on a legal basis. */
async function sharingState(
  db: Kysely<DB>,
  row: ReferralRow,
  today: string,
  preloaded?: Map<string, GateConsent>,
): Promise<{ allowed: boolean; consentState: ConsentState | null }> {
  if (!row.consent_id) return { allowed: row.override_legal_basis !== null, consentState: null }
  const consent = preloaded
    ? (preloaded.get(row.consent_id) ?? null)
    : await consentById(db, row.district_id, row.consent_id)
  if (!consent) return { allowed: false, consentState: null }
  const allowed = consentCovers(consent, {
    organisationId: row.organisation_id,
    purpose: row.purpose as Referral['purpose'],
    dataCategories: categoriesOf(row.shared_fields as ShareableField[]),
    on: today,
  })
  return { allowed, consentState: consentStateOn(consent, today) }
}

type View = 'case' | 'partner'

async function presentReferrals(
  db: Kysely<DB>,
  actor: Actor,
  rows: readonly ReferralRow[],
  options: { view: View; today: string; withData: boolean; fields?: readonly ShareableField[] },
): Promise<Referral[]> {
  const history = await selectReferralHistory(
    db,
    rows.map((row) => row.id),
  )
  const [organisations, names, references] = await Promise.all([
    organisationNames(
      db,
      actor.districtId,
      rows.map((row) => row.organisation_id),
    ),
    displayNames(db, actor.districtId, [
      ...rows.map((row) => row.created_by),
      ...history.map((change) => change.changed_by),
    ]),
    options.view === 'case'
      ? caseReferences(
          db,
          rows.map((row) => row.case_id),
        )
      : Promise.resolve(new Map<string, string>()),
  ])
  const caseSubjects = new Map<string, Awaited<ReturnType<typeof caseSubjectFor>>>()
  if (options.view === 'case') {
    for (const caseId of new Set(rows.map((row) => row.case_id)))
      caseSubjects.set(caseId, await caseSubjectFor(db, actor, caseId))
  }
  const presented: Referral[] = []
  for (const row of rows) {
    const sharing = await sharingState(db, row, options.today)
    const status = row.status as ReferralStatus
    const sharedFields = row.shared_fields as ShareableField[]
    const shown = options.fields ?? sharedFields
    const sharedData =
      options.withData && sharing.allowed
        ? await sharedFieldValues(db, { caseId: row.case_id, personId: row.person_id }, shown)
        : null
    const caseSubject = caseSubjects.get(row.case_id)
    const caseWork = caseSubject ? can(actor, 'case.work', caseSubject) : false
    const partnerSubject = {
      type: 'referral' as const,
      id: row.id,
      districtId: row.district_id,
      organisationId: row.organisation_id,
      status,
    }
    const answers = options.view === 'partner' && can(actor, 'referral.answer', partnerSubject)
    const stepAllowed = (step: ReferralStep) =>
      (referralSteps[step].from as readonly string[]).includes(status)
    presented.push({
      id: row.id,
      caseId: options.view === 'case' ? row.case_id : null,
      caseReference: options.view === 'case' ? (references.get(row.case_id) ?? null) : null,
      personId: options.view === 'case' ? row.person_id : null,
      organisation: { id: row.organisation_id, name: organisations.get(row.organisation_id) ?? '' },
      service: row.service_name !== null ? { id: row.service_id, name: row.service_name } : null,
      purpose: row.purpose as Referral['purpose'],
      sharedFields,
      sharedData: sharedData as Referral['sharedData'],
      consentId: row.consent_id,
      consentState: sharing.consentState,
      override:
        row.override_legal_basis && row.override_reason
          ? {
              legalBasis: row.override_legal_basis as NonNullable<Referral['override']>['legalBasis'],
              reason: row.override_reason,
            }
          : null,
      // The message may speak of the person: for the partner it follows the consent like the fields.
      message: options.view === 'case' || sharing.allowed ? row.message : null,
      measureId: options.view === 'case' ? row.measure_id : null,
      dueOn: row.due_on,
      overdue:
        (status === 'sent' && row.due_on < options.today) ||
        (status === 'accepted' && row.complete_by !== null && row.complete_by < options.today),
      completeBy: row.complete_by,
      status,
      feedback: row.feedback,
      referredBy: names.get(row.created_by) ?? '',
      createdAt: row.created_at,
      sentAt: row.sent_at,
      answeredAt: row.answered_at,
      closedAt: row.closed_at,
      history: history
        .filter((change) => change.referral_id === row.id)
        .map((change) => ({
          from: change.from_status as ReferralStatus | null,
          to: change.to_status as ReferralStatus,
          at: change.changed_at,
          by: names.get(change.changed_by) ?? '',
          note: change.note,
        })),
      abilities: {
        send: caseWork && stepAllowed('send'),
        cancel: caseWork && stepAllowed('cancel'),
        accept: answers && stepAllowed('accept') && sharing.allowed,
        decline: answers && stepAllowed('decline'),
        complete: answers && stepAllowed('complete'),
      },
      version: row.version,
    })
  }
  return presented
}

/** A refusal of a referral that stores nothing: audited with its reason, then thrown. */
async function refuse(
  db: Kysely<DB>,
  request: RequestContext,
  attempt: { action: string; subjectType: string; subjectId: string; reason: string },
  error: Error,
): Promise<never> {
  await recordAuditAlone(db, {
    ...request,
    action: attempt.action,
    outcome: 'denied',
    subjectType: attempt.subjectType,
    subjectId: attempt.subjectId,
    purpose: attempt.reason,
  })
  throw error
}

/** Why a consent does not carry a referral, for the audit trail (never shown to anyone but the DPO). */
function consentGap(
  consent: NonNullable<Awaited<ReturnType<typeof consentById>>>,
  wanted: { organisationId: string; purpose: string; categories: readonly string[]; today: string },
): string | null {
  const state = consentStateOn(consent, wanted.today)
  if (state !== 'valid') return `consent-${state}`
  if (!consent.recipientOrganisationIds.includes(wanted.organisationId)) return 'consent-other-recipient'
  if (!consent.purposes.includes(wanted.purpose as never)) return 'consent-other-purpose'
  if (!wanted.categories.every((category) => consent.dataCategories.includes(category as never)))
    return 'consent-categories-missing'
  return null
}

/**
 * Checks the consent gate for a referral about to be made or sent. Refusals store nothing and
 * are audited against the case.
 */
async function checkGate(
  db: Kysely<DB>,
  actor: Actor,
  request: RequestContext,
  caseId: string,
  wanted: {
    consentId: string | null
    organisationId: string
    purpose: string
    fields: readonly ShareableField[]
    personId: string
    today: string
  },
) {
  const attempt = (reason: string) => ({
    action: 'referral.create',
    subjectType: 'case',
    subjectId: caseId,
    reason,
  })
  if (!wanted.consentId) return
  const consent = await consentById(db, actor.districtId, wanted.consentId)
  if (!consent || consent.personId !== wanted.personId)
    await refuse(
      db,
      request,
      attempt('consent-missing'),
      fieldError('consent-not-valid', 'rule-broken', 'consentId'),
    )
  const gap = consentGap(consent as NonNullable<typeof consent>, {
    organisationId: wanted.organisationId,
    purpose: wanted.purpose,
    categories: categoriesOf(wanted.fields),
    today: wanted.today,
  })
  if (gap)
    await refuse(db, request, attempt(gap), fieldError('consent-not-valid', 'rule-broken', 'consentId'))
}

/**
 * A referral from a case to a partner organisation, about one person of the case. Sent at once
 * unless it is a draft. Without a valid consent covering recipient, purpose and every shared
 * field's category it is refused; without any consent it needs a legal basis and a reason and is
 * flagged for the data protection officer.
 */
export async function createReferral(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  input: ReferralInput,
  request: RequestContext,
): Promise<Referral> {
  await authorizeCaseWork(db, actor, caseId)
  const attempt = (reason: string) => ({
    action: 'referral.create',
    subjectType: 'case',
    subjectId: caseId,
    reason,
  })
  const outline = await caseOutline(db, caseId)
  if (!outline) throw new NotFound()
  const { today } = await districtTime(db, actor.districtId, request.now)
  const known = await organisationNames(db, actor.districtId, [input.organisationId])
  if (known.size !== 1)
    await refuse(
      db,
      request,
      attempt('unknown-organisation'),
      fieldError('unknown-reference', 'rule-broken', 'organisationId'),
    )
  if (input.consentId && input.override)
    await refuse(
      db,
      request,
      attempt('consent-and-override'),
      fieldError('invalid-input', 'invalid', 'override'),
    )
  if (!input.consentId && !input.override)
    await refuse(
      db,
      request,
      attempt('consent-missing'),
      fieldError('referral-legal-basis-required', 'rule-broken', 'consentId'),
    )
  let personId = input.personId
  if (input.consentId) {
    const consent = await consentById(db, actor.districtId, input.consentId)
    if (!consent)
      await refuse(
        db,
        request,
        attempt('consent-missing'),
        fieldError('consent-not-valid', 'rule-broken', 'consentId'),
      )
    personId ??= consent?.personId
  }
  if (!personId || !outline.personIds.includes(personId))
    await refuse(
      db,
      request,
      attempt('person-not-in-case'),
      fieldError('person-not-in-case', 'rule-broken', 'personId'),
    )
  await checkGate(db, actor, request, caseId, {
    consentId: input.consentId,
    organisationId: input.organisationId,
    purpose: input.purpose,
    fields: input.sharedFields,
    personId: personId as string,
    today,
  })
  if (input.measureId) {
    const measure = await measureOfCase(db, caseId, input.measureId)
    if (measure.owner !== 'partner' || measure.organisationId !== input.organisationId)
      await refuse(
        db,
        request,
        attempt('measure-not-partner'),
        fieldError('measure-not-partner', 'rule-broken', 'measureId'),
      )
  }
  const service = input.serviceId
    ? await referrableService(db, {
        districtId: actor.districtId,
        organisationId: input.organisationId,
        serviceId: input.serviceId,
        on: today,
      })
    : null
  if (input.serviceId && !service)
    await refuse(
      db,
      request,
      attempt('service-not-of-organisation'),
      fieldError('unknown-reference', 'rule-broken', 'serviceId'),
    )
  const status: ReferralStatus = input.draft ? 'draft' : 'sent'
  const now = new Date().toISOString()
  const id = await db.transaction().execute(async (trx) => {
    const referralId = await insertReferral(trx, {
      district_id: actor.districtId,
      case_id: caseId,
      person_id: personId as string,
      organisation_id: input.organisationId,
      measure_id: input.measureId,
      service_id: service?.id ?? null,
      service_name: service?.name ?? null,
      consent_id: input.consentId,
      purpose: input.purpose,
      shared_fields: input.sharedFields,
      message: input.message,
      due_on: input.dueOn,
      status,
      override_legal_basis: input.override?.legalBasis ?? null,
      override_reason: input.override?.reason ?? null,
      created_by: actor.userId,
      sent_at: status === 'sent' ? now : null,
    })
    await insertStatusChange(trx, {
      district_id: actor.districtId,
      referral_id: referralId,
      from_status: null,
      to_status: status,
      note: '',
      changed_by: actor.userId,
    })
    await recordAudit(trx, {
      ...request,
      action: status === 'sent' ? 'referral.send' : 'referral.create',
      subjectType: 'referral',
      subjectId: referralId,
      // A referral without consent is marked so the data protection officer finds it in the trail.
      purpose: input.override ? `override:${input.override.legalBasis}` : null,
    })
    await publishEvent(trx, actor.districtId, 'referral.status-changed', {
      referralId,
      caseId,
      organisationId: input.organisationId,
      fromStatus: null,
      toStatus: status,
    })
    return referralId
  })
  return readForCase(db, actor, id, request.now)
}

async function readForCase(db: Kysely<DB>, actor: Actor, referralId: string, now: Date): Promise<Referral> {
  const row = await selectReferral(db, referralId)
  if (!row) throw new NotFound()
  const { today } = await districtTime(db, actor.districtId, now)
  const [referral] = await presentReferrals(db, actor, [row], { view: 'case', today, withData: true })
  return referral as Referral
}

export async function listCaseReferrals(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  request: RequestContext,
): Promise<Referral[]> {
  await authorizeCaseRead(db, actor, caseId)
  const rows = await selectReferralsOfCase(db, caseId)
  const { today } = await districtTime(db, actor.districtId, request.now)
  return presentReferrals(db, actor, rows, { view: 'case', today, withData: false })
}

/**
 * The partner's subject of a referral. Whatever the reason a partner may not see it (another
 * organisation, another district, a draft, a missing one), the answer is 404, and the policy's
 * refusals are audited.
 */
async function loadForPartner(db: Kysely<DB>, actor: Actor, referralId: string, action: Action) {
  const facts = await selectReferralFacts(db, referralId)
  if (!facts) throw new NotFound()
  const subject = {
    type: 'referral' as const,
    id: referralId,
    districtId: facts.district_id,
    organisationId: facts.organisation_id,
    status: facts.status,
  }
  if (!can(actor, action, subject)) throw new HiddenByPolicy({ type: 'referral', id: referralId })
  return subject
}

/** Whether the actor works referrals from a receiving organisation's inbox, by the policy's rule. */
const readsFromInbox = (actor: Actor) => can(actor, 'referral.inbox', ownDistrict(actor))

function parseFields(fields: string | undefined): ShareableField[] | undefined {
  if (fields === undefined) return undefined
  const names = fields
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
  const unknown = names.filter((name) => !(shareableFieldNames as string[]).includes(name))
  if (unknown.length > 0 || names.length === 0) throw fieldError('invalid-input', 'invalid', 'fields')
  return [...new Set(names)] as ShareableField[]
}

/**
 * One referral. The case's readers see all of it; a partner of the receiving organisation sees the
 * shared fields only while the consent holds (read afresh on every request), and every opening is
 * audited, as is asking for a field that was not shared.
 */
export async function readReferral(
  db: Kysely<DB>,
  actor: Actor,
  referralId: string,
  query: { fields?: string },
  request: RequestContext,
): Promise<Referral> {
  const fields = parseFields(query.fields)
  if (!readsFromInbox(actor)) {
    const facts = await selectReferralFacts(db, referralId)
    assertRecordVisible(actor, facts?.district_id, { type: 'referral', id: referralId })
    await authorizeCaseRead(db, actor, (facts as { case_id: string }).case_id)
    await recordAuditAlone(db, {
      ...request,
      action: 'referral.read',
      subjectType: 'referral',
      subjectId: referralId,
    })
    return readForCase(db, actor, referralId, request.now)
  }
  await loadForPartner(db, actor, referralId, 'referral.open')
  const row = (await selectReferral(db, referralId)) as ReferralRow
  if (fields?.some((field) => !row.shared_fields.includes(field)))
    throw new Forbidden('field not shared', { type: 'referral', id: referralId })
  const { today } = await districtTime(db, actor.districtId, request.now)
  const [referral] = await presentReferrals(db, actor, [row], {
    view: 'partner',
    today,
    withData: true,
    fields,
  })
  const shared = referral?.sharedData ? Object.keys(referral.sharedData) : []
  await db.transaction().execute(async (trx) => {
    await recordAudit(trx, {
      ...request,
      action: 'referral.open',
      subjectType: 'referral',
      subjectId: referralId,
      purpose: referral?.sharedData ? `shared:${shared.join(',')}` : 'consent-not-valid',
    })
    // The person's data left case work: the person's own trail says so, and to whom.
    if (referral?.sharedData)
      await recordAudit(trx, {
        ...request,
        action: 'person.read',
        subjectType: 'person',
        subjectId: row.person_id,
        purpose: `referral:${referralId}`,
      })
  })
  return referral as Referral
}

/** The partner's inbox: referrals to the own organisation, the next due first, names only while the consent holds. */
export async function readInbox(
  db: Kysely<DB>,
  actor: Actor,
  query: InboxQuery,
  request: RequestContext,
): Promise<InboxPage> {
  authorize(actor, 'referral.inbox', ownDistrict(actor))
  const organisationId = actor.organisationId as string
  const statuses = query.status ? [query.status] : query.include === 'open' ? ['sent', 'accepted'] : null
  const [{ items, total }, { today }] = await Promise.all([
    selectInboxPage(db, { organisationId, statuses, limit: query.limit, offset: query.offset }),
    districtTime(db, actor.districtId, request.now),
  ])
  const consents = await consentsByIds(
    db,
    actor.districtId,
    items.flatMap((row) => (row.consent_id ? [row.consent_id] : [])),
  )
  const sharing = await Promise.all(items.map((row) => sharingState(db, row, today, consents)))
  const namedIds = items
    .filter((_row, index) => sharing[index]?.allowed)
    .filter((row) => row.shared_fields.includes('familyName') || row.shared_fields.includes('givenNames'))
    .map((row) => row.person_id)
  const [names, staff] = await Promise.all([
    personNames(db, namedIds),
    displayNames(
      db,
      actor.districtId,
      items.map((row) => row.created_by),
    ),
  ])
  const page = items.map((row, index) => {
    const allowed = sharing[index]?.allowed ?? false
    const name = allowed ? names.get(row.person_id) : undefined
    return {
      id: row.id,
      status: row.status as ReferralStatus,
      purpose: row.purpose as Referral['purpose'],
      serviceName: row.service_name,
      dueOn: row.due_on,
      overdue:
        (row.status === 'sent' && row.due_on < today) ||
        (row.status === 'accepted' && row.complete_by !== null && row.complete_by < today),
      completeBy: row.complete_by,
      sentAt: row.sent_at,
      referredBy: staff.get(row.created_by) ?? '',
      consentValid: allowed,
      person: name
        ? {
            familyName: row.shared_fields.includes('familyName') ? name.familyName : null,
            givenNames: row.shared_fields.includes('givenNames') ? name.givenNames : null,
          }
        : null,
    }
  })
  const shownWithNames = page.filter((item) => item.person !== null).map((item) => item.id)
  await recordAuditAlone(db, {
    ...request,
    action: 'referral.inbox',
    subjectType: 'organisation',
    subjectId: organisationId,
    purpose: shownWithNames.length > 0 ? `names:${shownWithNames.join(',')}` : null,
  })
  return { items: page, total, limit: query.limit, offset: query.offset }
}

/** The one place a referral changes status: the step must fit the status it is in, and is recorded. */
async function step(
  db: Kysely<DB>,
  actor: Actor,
  referralId: string,
  name: ReferralStep,
  extra: {
    current: string
    note: string
    set?: Parameters<typeof moveReferral>[3]
    /** Named in the webhook event: which case, which organisation (ids only). */
    referral: { case_id: string; organisation_id: string }
  },
  request: RequestContext,
) {
  const { from, to } = referralSteps[name]
  const now = new Date().toISOString()
  const set: Parameters<typeof moveReferral>[3] = { status: to, ...extra.set }
  if (name === 'send') set.sent_at = now
  if (name === 'accept' || name === 'decline')
    Object.assign(set, { answered_at: now, answered_by: actor.userId })
  if (name === 'complete' || name === 'cancel' || name === 'decline')
    Object.assign(set, { closed_at: now, closed_by: actor.userId })
  await db.transaction().execute(async (trx) => {
    if (!(await moveReferral(trx, referralId, from, set)))
      throw fieldError('referral-status-not-allowed', 'conflict', '')
    await insertStatusChange(trx, {
      district_id: actor.districtId,
      referral_id: referralId,
      from_status: extra.current,
      to_status: to,
      note: extra.note,
      changed_by: actor.userId,
    })
    await recordAudit(trx, {
      ...request,
      action: `referral.${name}`,
      subjectType: 'referral',
      subjectId: referralId,
    })
    await publishEvent(trx, actor.districtId, 'referral.status-changed', {
      referralId,
      caseId: extra.referral.case_id,
      organisationId: extra.referral.organisation_id,
      fromStatus: extra.current,
      toStatus: to,
    })
  })
}

/** The case manager's steps: send a draft (the consent is checked again) or cancel. */
export async function caseManagerStep(
  db: Kysely<DB>,
  actor: Actor,
  referralId: string,
  name: 'send' | 'cancel',
  note: string,
  request: RequestContext,
): Promise<Referral> {
  const facts = await selectReferralFacts(db, referralId)
  assertRecordVisible(actor, facts?.district_id, { type: 'referral', id: referralId })
  // A partner never learns of a referral that is not theirs, not even that it exists.
  if (readsFromInbox(actor)) throw new HiddenByPolicy({ type: 'referral', id: referralId })
  const row = (await selectReferral(db, referralId)) as ReferralRow
  await authorizeCaseWork(db, actor, row.case_id)
  if (!(referralSteps[name].from as readonly string[]).includes(row.status))
    throw fieldError('referral-status-not-allowed', 'conflict', '')
  if (name === 'send') {
    const { today } = await districtTime(db, actor.districtId, request.now)
    await checkGate(db, actor, request, row.case_id, {
      consentId: row.consent_id,
      organisationId: row.organisation_id,
      purpose: row.purpose,
      fields: row.shared_fields as ShareableField[],
      personId: row.person_id,
      today,
    })
  }
  await step(db, actor, referralId, name, { current: row.status, note, referral: row }, request)
  return readForCase(db, actor, referralId, request.now)
}

/** The partner's answers. Accepting needs the consent to hold still; declining and completing close the referral. */
export async function partnerStep(
  db: Kysely<DB>,
  actor: Actor,
  referralId: string,
  name: 'accept' | 'decline' | 'complete',
  input: { note?: string; completeBy?: string | null; reason?: string; feedback?: string },
  request: RequestContext,
): Promise<Referral> {
  await loadForPartner(db, actor, referralId, 'referral.answer')
  const row = (await selectReferral(db, referralId)) as ReferralRow
  if (!(referralSteps[name].from as readonly string[]).includes(row.status))
    throw fieldError('referral-status-not-allowed', 'conflict', '')
  const { today } = await districtTime(db, actor.districtId, request.now)
  if (name === 'accept') {
    if (!(await sharingState(db, row, today)).allowed)
      await refuse(
        db,
        request,
        {
          action: 'referral.accept',
          subjectType: 'referral',
          subjectId: referralId,
          reason: 'consent-not-valid',
        },
        fieldError('consent-not-valid', 'rule-broken', ''),
      )
    if (input.completeBy && input.completeBy < today) throw fieldError('date-order', 'invalid', 'completeBy')
  }
  const note =
    name === 'decline'
      ? (input.reason ?? '')
      : name === 'complete'
        ? (input.feedback ?? '')
        : (input.note ?? '')
  await step(
    db,
    actor,
    referralId,
    name,
    {
      current: row.status,
      note,
      referral: row,
      set:
        name === 'accept'
          ? { complete_by: input.completeBy ?? null }
          : name === 'complete' || name === 'decline'
            ? { feedback: note }
            : {},
    },
    request,
  )
  const updated = (await selectReferral(db, referralId)) as ReferralRow
  const [referral] = await presentReferrals(db, actor, [updated], { view: 'partner', today, withData: false })
  return referral as Referral
}

/** Referrals made on a legal basis without consent, for the data protection officer's review. */
export async function listOverrides(
  db: Kysely<DB>,
  actor: Actor,
  request: RequestContext,
): Promise<Referral[]> {
  authorize(actor, 'referral.review', ownDistrict(actor))
  const rows = await selectOverrides(db)
  const { today } = await districtTime(db, actor.districtId, request.now)
  await recordAuditAlone(db, { ...request, action: 'referral.review', subjectType: null, subjectId: null })
  return presentReferrals(db, actor, rows, { view: 'case', today, withData: false })
}

/** Each step of the case's referrals on its timeline. */
export async function referralTimeline(
  db: Kysely<DB>,
  subject: { districtId: string; caseId: string },
): Promise<TimelineEntry[]> {
  const changes = await selectCaseReferralHistory(db, subject.caseId)
  const [organisations, names] = await Promise.all([
    organisationNames(
      db,
      subject.districtId,
      changes.map((change) => change.organisation_id),
    ),
    displayNames(
      db,
      subject.districtId,
      changes.map((change) => change.changed_by),
    ),
  ])
  return changes.map((change) => ({
    kind: 'referral' as const,
    id: change.id,
    at: change.changed_at,
    actorName: names.get(change.changed_by) ?? null,
    summary: {
      referralId: change.referral_id,
      organisation: organisations.get(change.organisation_id) ?? '',
      service: change.service_name,
      status: change.to_status,
      purpose: change.purpose,
      dueOn: change.due_on,
      note: change.note || null,
      override: change.override_legal_basis,
    },
  }))
}

/**
 * Reminders for case managers, so that no referral is forgotten: one task per referral that was
 * not answered by its due day, and one per accepted referral not completed by the partner's day.
 * Idempotent: the source key makes each at most once.
 */
export async function refreshReferralFollowUps(db: Kysely<DB>, now: Date): Promise<number> {
  const days = await districtTodays(db, null, now)
  const rows = await selectReferralsNeedingFollowUp(db, days)
  const byDistrict = new Map<string, typeof rows>()
  for (const row of rows) byDistrict.set(row.district_id, [...(byDistrict.get(row.district_id) ?? []), row])
  let created = 0
  for (const [districtId, districtRows] of byDistrict) {
    const organisations = await organisationNames(
      db,
      districtId,
      districtRows.map((row) => row.organisation_id),
    )
    created += await ensureFollowUpTasks(
      db,
      districtRows.map((row) => {
        const organisation = organisations.get(row.organisation_id) ?? ''
        const unanswered = row.status === 'sent'
        return {
          districtId,
          caseId: row.case_id,
          personId: row.person_id,
          title: unanswered
            ? `Vermittlung an ${organisation} unbeantwortet`
            : `Vermittlung an ${organisation} überfällig`,
          dueOn: row.overdue_since,
          sourceKey: `${unanswered ? 'referral-unanswered' : 'referral-overdue'}:${row.id}`,
        }
      }),
    )
  }
  return created
}
