import type { ColumnType, Generated } from 'kysely'

/** Row types of steering's goal agreements and indicators (migration 0016). */
type Timestamp = ColumnType<string, string | undefined, string>
type Json<T> = ColumnType<T, string | undefined, string>

export interface GoalAgreementTable {
  id: Generated<string>
  district_id: string
  title: string
  goal_statement: string
  starts_on: string
  ends_on: string
  decision_id: string | null
  responsible_organisation_id: string | null
  created_by: string
  version: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface GoalAgreementPartyTable {
  district_id: string
  agreement_id: string
  organisation_id: string
}

export interface GoalIndicatorTable {
  id: Generated<string>
  district_id: string
  agreement_id: string
  position: number
  name: string
  unit: string
  baseline: number
  target: number
  direction: string
  source: string
  metric: string | null
  parameters: Json<Record<string, unknown>>
  created_by: string
  created_at: Timestamp
}

export interface GoalIndicatorValueTable {
  id: Generated<string>
  district_id: string
  indicator_id: string
  measured_on: string
  value: number
  note: Generated<string>
  recorded_by: string
  recorded_at: Timestamp
}

export interface GoalTables {
  goal_agreement: GoalAgreementTable
  goal_agreement_party: GoalAgreementPartyTable
  goal_indicator: GoalIndicatorTable
  goal_indicator_value: GoalIndicatorValueTable
}
