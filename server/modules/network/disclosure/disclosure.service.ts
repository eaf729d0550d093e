import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.ts'
import { displayNames, organisationNames } from '../../identity/index.ts'
import {
  selectConferenceActionRows,
  selectConferenceRows,
  selectConsentRows,
  selectHandoverStepRows,
  selectLegalSphereChangeRows,
  selectParticipantRows,
  selectReferralChangeRows,
  selectReferralRows,
} from './disclosure.queries.ts'

/**
 * The network's part of a data subject's access report (Art. 15 GDPR): consents, referrals (to
 * whom data went, which fields), conferences of the person's cases and legal-sphere changes, with
 * organisations and staff named. The privacy module authorises and audits; this only gathers.
 */
export type NetworkDisclosure = Awaited<ReturnType<typeof personNetworkDisclosure>>

export async function personNetworkDisclosure(
  db: Kysely<DB>,
  districtId: string,
  personId: string,
  caseReferences: ReadonlyMap<string, string>,
) {
  const caseIds = [...caseReferences.keys()]
  const [consents, referrals, conferences, changes] = await Promise.all([
    selectConsentRows(db, districtId, personId),
    selectReferralRows(db, districtId, personId),
    selectConferenceRows(db, districtId, caseIds),
    selectLegalSphereChangeRows(db, districtId, personId),
  ])
  const [referralChanges, participants, actions, steps] = await Promise.all([
    selectReferralChangeRows(
      db,
      referrals.map((row) => row.id),
    ),
    selectParticipantRows(
      db,
      conferences.map((row) => row.id),
    ),
    selectConferenceActionRows(
      db,
      conferences.map((row) => row.id),
    ),
    selectHandoverStepRows(
      db,
      changes.map((row) => row.id),
    ),
  ])
  const organisationIds = [
    ...consents.flatMap((row) => row.recipient_organisation_ids),
    ...referrals.map((row) => row.organisation_id),
    ...participants.flatMap((row) => (row.organisation_id ? [row.organisation_id] : [])),
  ]
  const userIds = [
    ...consents.flatMap((row) => [row.recorded_by, row.revoked_by ?? '']),
    ...referrals.flatMap((row) => [row.created_by, row.answered_by ?? '', row.closed_by ?? '']),
    ...referralChanges.map((row) => row.changed_by),
    ...conferences.map((row) => row.recorded_by),
    ...actions.map((row) => row.assignee_id),
    ...changes.map((row) => row.recorded_by),
  ].filter(Boolean)
  const [organisations, users] = await Promise.all([
    organisationNames(db, districtId, organisationIds),
    displayNames(db, districtId, userIds),
  ])
  const organisation = (id: string | null) => (id ? (organisations.get(id) ?? id) : null)
  const user = (id: string | null) => (id ? (users.get(id) ?? id) : null)
  const caseRef = (id: string | null) => (id ? (caseReferences.get(id) ?? null) : null)

  return {
    consents: consents.map((row) => ({
      recipients: row.recipient_organisation_ids.map((id) => organisation(id)),
      purposes: row.purposes,
      dataCategories: row.data_categories,
      legalBasis: row.legal_basis,
      form: row.form,
      textVersion: row.text_version,
      formLanguage: row.form_language,
      validFrom: row.valid_from,
      validUntil: row.valid_until,
      note: row.note,
      recordedBy: user(row.recorded_by),
      recordedAt: row.recorded_at,
      revokedOn: row.revoked_on,
      revokedBy: user(row.revoked_by),
      revocationNote: row.revocation_note,
      signedForm: row.form_file_name
        ? { fileName: row.form_file_name, sizeBytes: row.form_size_bytes, uploadedAt: row.form_uploaded_at }
        : null,
    })),
    referrals: referrals.map((row) => ({
      case: caseRef(row.case_id),
      recipient: organisation(row.organisation_id),
      service: row.service_name,
      purpose: row.purpose,
      sharedFields: row.shared_fields,
      message: row.message,
      status: row.status,
      underConsent: row.consent_id !== null,
      overrideLegalBasis: row.override_legal_basis,
      overrideReason: row.override_reason,
      dueOn: row.due_on,
      completeBy: row.complete_by,
      feedback: row.feedback,
      createdBy: user(row.created_by),
      createdAt: row.created_at,
      sentAt: row.sent_at,
      answeredAt: row.answered_at,
      answeredBy: user(row.answered_by),
      closedAt: row.closed_at,
      closedBy: user(row.closed_by),
      statusChanges: referralChanges
        .filter((change) => change.referral_id === row.id)
        .map((change) => ({
          fromStatus: change.from_status,
          toStatus: change.to_status,
          note: change.note,
          changedBy: user(change.changed_by),
          changedAt: change.changed_at,
        })),
    })),
    conferences: conferences.map((row) => ({
      case: caseRef(row.case_id),
      kind: row.kind,
      heldOn: row.held_on,
      summary: row.summary,
      staff: row.staff,
      outcomes: row.outcomes,
      recordedBy: user(row.recorded_by),
      participants: participants
        .filter((participant) => participant.conference_id === row.id)
        .map((participant) => ({
          organisation: organisation(participant.organisation_id),
          people: participant.people,
          underConsent: participant.consent_ids.length > 0,
        })),
      actions: actions
        .filter((action) => action.conference_id === row.id)
        .map((action) => ({
          description: action.description,
          assignee: user(action.assignee_id),
          dueOn: action.due_on,
        })),
    })),
    legalSphereChanges: changes.map((row) => ({
      case: caseRef(row.case_id),
      fromSphere: row.from_sphere,
      toSphere: row.to_sphere,
      effectiveOn: row.effective_on,
      reason: row.reason,
      note: row.note,
      appliedAt: row.applied_at,
      recordedBy: user(row.recorded_by),
      handoverSteps: steps
        .filter((step) => step.change_id === row.id)
        .map((step) => ({ step: step.step, dueOn: step.due_on, doneOn: step.done_on })),
    })),
    /** Ids of every record above, for the audit trail's "who accessed it" (never shown). */
    recordIds: [
      ...consents.map((row) => row.id),
      ...referrals.map((row) => row.id),
      ...conferences.map((row) => row.id),
      ...changes.map((row) => row.id),
    ],
  }
}
