import type { ColumnType, Generated } from 'kysely'

/** Row types of staffing and funding (migration 0020). Numeric columns arrive as numbers. */
type Timestamp = ColumnType<string, string | undefined, string>
type Numeric = ColumnType<number, number | string, number | string>

export interface StaffPositionTable {
  id: Generated<string>
  district_id: string
  baustein: string
  title: string
  fte: Numeric
  employer_kind: string
  employer_organisation_id: string | null
  municipality_id: string | null
  area: Generated<string>
  pay_grade: Generated<string>
  funding_programme: Generated<string>
  funded_from: string | null
  funded_until: string | null
  workplace_set_up_on: string | null
  in_recruitment: Generated<boolean>
  created_by: string
  version: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface FundingRateTable {
  id: Generated<string>
  district_id: string
  baustein: string
  kind: string
  amount: Numeric
  fte_basis: ColumnType<number, number | string | undefined, number | string>
  valid_from: string
  valid_until: string
  programme: Generated<string>
  created_by: string
  created_at: Timestamp
}

export interface PayGradeCostTable {
  id: Generated<string>
  district_id: string
  pay_grade: string
  annual_cost: Numeric
  valid_from: string
  valid_until: string | null
  created_by: string
  created_at: Timestamp
}

export interface StaffMemberTable {
  id: Generated<string>
  district_id: string
  family_name: string
  given_names: Generated<string>
  user_id: string | null
  created_at: Timestamp
}

export interface StaffContractTable {
  id: Generated<string>
  district_id: string
  position_id: string
  staff_member_id: string | null
  fte: Numeric
  starts_on: string
  ends_on: string | null
  fixed_term_reason: Generated<string>
  created_by: string
  version: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface StaffContractVersionTable {
  district_id: string
  contract_id: string
  version: number
  fte: Numeric
  starts_on: string
  ends_on: string | null
  fixed_term_reason: string
  changed_by: string
  changed_at: Timestamp
}

export interface PlannedDepartureTable {
  id: Generated<string>
  district_id: string
  contract_id: string
  leaves_on: string
  note: Generated<string>
  created_by: string
  created_at: Timestamp
}

export interface StaffingTables {
  staff_position: StaffPositionTable
  funding_rate: FundingRateTable
  pay_grade_cost: PayGradeCostTable
  staff_member: StaffMemberTable
  staff_contract: StaffContractTable
  staff_contract_version: StaffContractVersionTable
  planned_departure: PlannedDepartureTable
}
