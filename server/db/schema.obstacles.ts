import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<string, string | undefined, string>

/** Structural obstacles of steering (migration 0017). */
export interface ObstacleTable {
  id: Generated<string>
  district_id: string
  domain: string
  title: string
  description: string
  status: Generated<string>
  working_group_id: string | null
  raised_by: string
  version: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface ObstacleOrganisationTable {
  district_id: string
  obstacle_id: string
  organisation_id: string
}

export interface ObstacleEvidenceTable {
  id: Generated<string>
  district_id: string
  obstacle_id: string
  case_id: string
  raised: Generated<boolean>
  added_by: string
  created_at: Timestamp
}

export interface ObstacleStatusChangeTable {
  id: Generated<string>
  district_id: string
  obstacle_id: string
  from_status: string | null
  to_status: string
  working_group_id: string | null
  note: Generated<string>
  changed_by: string
  changed_at: Timestamp
}

/** Links of obstacles to the goal agreements that take them up (migration 0021). */
export interface ObstacleGoalAgreementTable {
  district_id: string
  obstacle_id: string
  agreement_id: string
  linked_by: string
  linked_at: Timestamp
}

export interface ObstacleTables {
  obstacle: ObstacleTable
  obstacle_organisation: ObstacleOrganisationTable
  obstacle_evidence: ObstacleEvidenceTable
  obstacle_status_change: ObstacleStatusChangeTable
  obstacle_goal_agreement: ObstacleGoalAgreementTable
}
