import type { Kysely } from 'kysely'
import type { DB } from '../../../db/schema.ts'

/*
 * Everything the network holds about one person, for an access request (Art. 15 GDPR): consents,
 * the referrals that carried their data to whom, the conferences of their cases and their
 * legal-sphere changes. Whole rows; the signed consent form's bytes stay out (named by metadata).
 */

export function selectConsentRows(db: Kysely<DB>, districtId: string, personId: string) {
  return db
    .selectFrom('consent')
    .leftJoin('consent_form_file', 'consent_form_file.consent_id', 'consent.id')
    .selectAll('consent')
    .select([
      'consent_form_file.file_name as form_file_name',
      'consent_form_file.size_bytes as form_size_bytes',
      'consent_form_file.uploaded_at as form_uploaded_at',
    ])
    .where('consent.district_id', '=', districtId)
    .where('consent.person_id', '=', personId)
    .orderBy('consent.valid_from')
    .execute()
}

export function selectReferralRows(db: Kysely<DB>, districtId: string, personId: string) {
  return db
    .selectFrom('referral')
    .selectAll()
    .where('district_id', '=', districtId)
    .where('person_id', '=', personId)
    .orderBy('created_at')
    .execute()
}

export function selectReferralChangeRows(db: Kysely<DB>, referralIds: readonly string[]) {
  if (referralIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('referral_status_change')
    .selectAll()
    .where('referral_id', 'in', referralIds)
    .orderBy('changed_at')
    .execute()
}

export function selectConferenceRows(db: Kysely<DB>, districtId: string, caseIds: readonly string[]) {
  if (caseIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('case_conference')
    .selectAll()
    .where('district_id', '=', districtId)
    .where('case_id', 'in', caseIds)
    .orderBy('held_on')
    .execute()
}

export function selectParticipantRows(db: Kysely<DB>, conferenceIds: readonly string[]) {
  if (conferenceIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('case_conference_participant')
    .selectAll()
    .where('conference_id', 'in', conferenceIds)
    .execute()
}

export function selectConferenceActionRows(db: Kysely<DB>, conferenceIds: readonly string[]) {
  if (conferenceIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('case_conference_action')
    .selectAll()
    .where('conference_id', 'in', conferenceIds)
    .orderBy('due_on')
    .execute()
}

export function selectLegalSphereChangeRows(db: Kysely<DB>, districtId: string, personId: string) {
  return db
    .selectFrom('legal_sphere_change')
    .selectAll()
    .where('district_id', '=', districtId)
    .where('person_id', '=', personId)
    .orderBy('effective_on')
    .execute()
}

export function selectHandoverStepRows(db: Kysely<DB>, changeIds: readonly string[]) {
  if (changeIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('legal_sphere_handover_step')
    .selectAll()
    .where('change_id', 'in', changeIds)
    .orderBy('due_on')
    .execute()
}
