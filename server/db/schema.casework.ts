import type { ColumnType, Generated } from 'kysely'

/** Row types of the case-work tables (migration 0007). */
type Timestamp = ColumnType<string, string | undefined, string>
type TextArray = ColumnType<string[], string[] | undefined, string[]>
type Json<T> = ColumnType<T, string | undefined, string>

export type PersonLanguageRow = { code: string; interpreterNeeded: boolean }

export interface PersonTable {
  id: Generated<string>
  district_id: string
  family_name: string
  given_names: string
  birth_name: string | null
  other_spellings: TextArray
  name_codes: TextArray
  name_in_original_script: string | null
  birth_date: string
  birth_date_earliest: string
  birth_date_latest: string
  birth_date_placeholder: boolean
  sex: string
  nationalities: TextArray
  languages: Json<PersonLanguageRow[]>
  municipality_id: string
  address_street: string
  address_postcode: string
  address_city: string
  /** Migration 0011: how to reach the person, so that a referral can share it. */
  phone: string | null
  email: string | null
  arrival_date: string | null
  legal_sphere: string
  registered_by: string
  registered_team_id: string | null
  merged_into: string | null
  merged_at: string | null
  /** Migration 0029: set when retention or an erasure request anonymised the record. */
  anonymised_at: string | null
  /** Migration 0030: restriction of processing (Art. 18 GDPR); only storage and reading remain. */
  processing_restricted: Generated<boolean>
  version: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

/** Which version of the matcher's rules computed the stored match keys and name codes (one row). */
export interface MatchingKeyVersionTable {
  only_row: Generated<boolean>
  version: number
  refreshed_at: Date | null
}

export interface PersonMatchKeyTable {
  district_id: string
  key: string
  person_id: string
}

export interface ResidenceStatusTable {
  id: Generated<string>
  district_id: string
  person_id: string
  status: string
  legal_paragraph: string
  valid_from: string | null
  valid_until: string | null
  recorded_by: string
  recorded_at: Timestamp
}

export interface HouseholdRelationTable {
  district_id: string
  person_id: string
  related_person_id: string
  relation: string
}

export interface ClientCaseTable {
  id: Generated<string>
  district_id: string
  reference: string
  municipality_id: string
  team_id: string | null
  phase: Generated<string>
  opened_on: string
  closed_on: string | null
  closing_reason: string | null
  last_contact_at: string | null
  /** Migration 0029: set when retention or an erasure request anonymised the case. */
  anonymised_at: string | null
  sort_name: Generated<string>
  name_codes: TextArray
  created_by: string
  version: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface CaseCounterTable {
  district_id: string
  year: number
  last_number: number
}

export interface CasePersonTable {
  case_id: string
  person_id: string
  district_id: string
}

/** One phonetic code of a case's persons a row, with the case's team (kept from client_case by trigger; migration 0042). */
export interface CaseNameCodeTable {
  case_id: string
  code: string
  district_id: string
  team_id: string | null
}

export interface CaseManagerTable {
  case_id: string
  user_id: string
  district_id: string
}

export interface CasePhaseChangeTable {
  id: Generated<string>
  district_id: string
  case_id: string
  from_phase: string | null
  to_phase: string
  reason: string | null
  note: Generated<string>
  changed_by: string
  changed_at: Timestamp
}

export interface AssessmentTable {
  id: Generated<string>
  district_id: string
  case_id: string
  assessed_on: string
  created_by: string
  created_at: Timestamp
}

export interface AssessmentEntryTable {
  assessment_id: string
  district_id: string
  domain: string
  need_level: number
  resources: string
  note: string
}

export interface GoalTable {
  id: Generated<string>
  district_id: string
  case_id: string
  domain: string
  statement: string
  indicator: string
  target_date: string | null
  status: string
  outcome: string | null
  created_by: string
  version: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface MeasureTable {
  id: Generated<string>
  district_id: string
  case_id: string
  goal_id: string | null
  description: string
  owner: string
  organisation_id: string | null
  due_on: string | null
  status: string
  created_by: string
  version: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface ContactTable {
  id: Generated<string>
  district_id: string
  case_id: string
  occurred_at: string
  duration_minutes: number
  channel: string
  participant_person_ids: TextArray
  other_participants: string
  language: string
  interpreter_used: boolean
  interpreter_language: string | null
  domains: TextArray
  note: string
  created_by: string
  created_at: Timestamp
}

/** Contacts per district day and dimension, kept by trigger (migration 0026). */
export interface ContactDayFigureTable {
  district_id: string
  dimension: string
  day: string
  key: string
  contacts: number
}

/** Persons who took part in a contact, per district month and year, kept by trigger (migration 0026). */
export interface PersonCounselledFigureTable {
  district_id: string
  period: string
  starts_on: string
  person_id: string
  contacts: number
  /** The month row's days with a contact as bits, bit 0 the 1st (migration 0045); 0 on year rows. */
  days: Generated<number>
}

/** Each planned case's plan day and first contact day, kept by trigger (migration 0026). */
export interface CasePlanFigureTable {
  case_id: string
  district_id: string
  planned_on: string
  first_contact_on: string | null
}

/** Distinct persons as recorded per district month, kept by trigger (migration 0026). */
export interface PersonMonthCountTable {
  district_id: string
  starts_on: string
  persons: number
}

/** Persons (as recorded) per month by the month they were counselled before (migration 0038). */
export interface PersonMonthPreviousCountTable {
  district_id: string
  starts_on: string
  previous_on: string
  persons: number
}

/** Persons per contact day by the day of their contact before or after it (migration 0045). */
export interface PersonDayNeighbourCountTable {
  district_id: string
  side: string
  day: string
  neighbour_on: string
  persons: number
}

export interface ShortConsultationTable {
  id: Generated<string>
  district_id: string
  occurred_on: string
  municipality_id: string
  domains: TextArray
  language: string
  channel: string
  recorded_by: string
  created_at: Timestamp
}

export interface TaskTable {
  id: Generated<string>
  district_id: string
  title: string
  due_on: string
  assignee_id: string
  case_id: string | null
  person_id: string | null
  source: Generated<string>
  source_key: string | null
  done_at: string | null
  created_by: string | null
  version: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface CaseDocumentTable {
  id: Generated<string>
  district_id: string
  case_id: string
  file_name: string
  media_type: string
  size_bytes: number
  sha256: string
  uploaded_by: string
  uploaded_at: Timestamp
}

export interface CaseDocumentContentTable {
  document_id: string
  district_id: string
  content: Buffer
}

export interface SavedCaseViewTable {
  id: Generated<string>
  district_id: string
  user_id: string
  name: string
  filters: Json<Record<string, string | number | boolean>>
  created_at: Timestamp
}

export interface CaseWorkSettingTable {
  district_id: string
  team_cases_visible: boolean
  residence_expiry_lead_days: number
  version: Generated<number>
  updated_at: Timestamp
}

export interface CaseWorkTables {
  person: PersonTable
  person_match_key: PersonMatchKeyTable
  matching_key_version: MatchingKeyVersionTable
  residence_status: ResidenceStatusTable
  household_relation: HouseholdRelationTable
  client_case: ClientCaseTable
  case_counter: CaseCounterTable
  case_person: CasePersonTable
  case_name_code: CaseNameCodeTable
  case_manager: CaseManagerTable
  case_phase_change: CasePhaseChangeTable
  assessment: AssessmentTable
  assessment_entry: AssessmentEntryTable
  goal: GoalTable
  measure: MeasureTable
  contact: ContactTable
  short_consultation: ShortConsultationTable
  task: TaskTable
  case_document: CaseDocumentTable
  case_document_content: CaseDocumentContentTable
  saved_case_view: SavedCaseViewTable
  case_work_setting: CaseWorkSettingTable
  contact_day_figure: ContactDayFigureTable
  person_counselled_figure: PersonCounselledFigureTable
  case_plan_figure: CasePlanFigureTable
  person_month_count: PersonMonthCountTable
  person_month_previous_count: PersonMonthPreviousCountTable
  person_day_neighbour_count: PersonDayNeighbourCountTable
}
