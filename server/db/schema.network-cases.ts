import type { ColumnType, Generated } from 'kysely'

/** Row types of the network's case-side tables: legal-sphere changes and case conferences (migration 0012). */
type Timestamp = ColumnType<string, string | undefined, string>

export interface LegalSphereChangeTable {
  id: Generated<string>
  district_id: string
  person_id: string
  case_id: string | null
  from_sphere: string
  to_sphere: string
  effective_on: string
  reason: string
  note: Generated<string>
  applied_at: string | null
  recorded_by: string
  version: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface LegalSphereHandoverStepTable {
  id: Generated<string>
  district_id: string
  change_id: string
  step: string
  task_id: string | null
  due_on: string
  done_on: string | null
  version: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface CaseConferenceTable {
  id: Generated<string>
  district_id: string
  case_id: string
  kind: string
  held_on: string
  summary: Generated<string>
  staff: Generated<string>
  outcomes: Generated<string>
  recorded_by: string
  version: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface CaseConferenceParticipantTable {
  id: Generated<string>
  district_id: string
  conference_id: string
  organisation_id: string | null
  consent_ids: ColumnType<string[], string[] | undefined, string[]>
  people: Generated<string>
}

export interface CaseConferenceActionTable {
  id: Generated<string>
  district_id: string
  conference_id: string
  description: string
  assignee_id: string
  due_on: string
  task_id: string | null
}

export interface NetworkCaseTables {
  legal_sphere_change: LegalSphereChangeTable
  legal_sphere_handover_step: LegalSphereHandoverStepTable
  case_conference: CaseConferenceTable
  case_conference_participant: CaseConferenceParticipantTable
  case_conference_action: CaseConferenceActionTable
}
