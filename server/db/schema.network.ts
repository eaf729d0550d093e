import type { ColumnType, Generated } from 'kysely'

/** Row types of the network's consent ledger and referrals (migration 0011). */
type Timestamp = ColumnType<string, string | undefined, string>
type TextArray = ColumnType<string[], string[], string[]>

export interface ConsentTable {
  id: Generated<string>
  district_id: string
  person_id: string
  recipient_organisation_ids: TextArray
  purposes: TextArray
  data_categories: TextArray
  legal_basis: string
  form: string
  text_version: string
  form_language: string | null
  valid_from: string
  valid_until: string
  note: Generated<string>
  recorded_by: string
  recorded_at: Timestamp
  revoked_on: string | null
  revoked_at: string | null
  revoked_by: string | null
  revocation_note: string | null
  version: Generated<number>
}

export interface ConsentFormFileTable {
  consent_id: string
  district_id: string
  file_name: string
  media_type: string
  size_bytes: number
  sha256: string
  content: Buffer
  uploaded_by: string
  uploaded_at: Timestamp
}

export interface ReferralTable {
  id: Generated<string>
  district_id: string
  case_id: string
  person_id: string
  organisation_id: string
  measure_id: string | null
  /** Migration 0043: the service referred to, and its name as it was then. */
  service_id: Generated<string | null>
  service_name: Generated<string | null>
  consent_id: string | null
  purpose: string
  shared_fields: TextArray
  message: Generated<string>
  due_on: string
  status: string
  override_legal_basis: string | null
  override_reason: string | null
  complete_by: string | null
  feedback: string | null
  created_by: string
  created_at: Timestamp
  sent_at: string | null
  answered_at: string | null
  answered_by: string | null
  closed_at: string | null
  closed_by: string | null
  version: Generated<number>
  updated_at: Timestamp
}

export interface ReferralStatusChangeTable {
  id: Generated<string>
  district_id: string
  referral_id: string
  from_status: string | null
  to_status: string
  note: Generated<string>
  changed_by: string
  changed_at: Timestamp
}

export interface NetworkTables {
  consent: ConsentTable
  consent_form_file: ConsentFormFileTable
  referral: ReferralTable
  referral_status_change: ReferralStatusChangeTable
}
