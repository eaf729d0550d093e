import type { ColumnType, Generated } from 'kysely'

/** Row types of the network's directory and service map (migration 0010). */
type Timestamp = ColumnType<string, string | undefined, string>
type TextArray = ColumnType<string[], string[] | undefined, string[]>

export interface PartnerProfileTable {
  organisation_id: string
  district_id: string
  street: string
  postcode: string
  city: string
  phone: string
  email: string
  website: string
  opening_hours: string
  municipality_ids: TextArray
  version: Generated<number>
  updated_by: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface PartnerContactPersonTable {
  id: Generated<string>
  district_id: string
  organisation_id: string
  position: number
  name: string
  function: string
  phone: string
  email: string
}

export interface ServiceTable {
  id: Generated<string>
  district_id: string
  organisation_id: string
  name: string
  description: string
  domains: TextArray
  target_groups: TextArray
  municipality_ids: TextArray
  languages: TextArray
  eligibility: string
  contact: string
  starts_on: string | null
  ends_on: string | null
  created_by: string
  version: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface ServiceCellTable {
  district_id: string
  service_id: string
  organisation_id: string
  domain: string
  target_group: string
  municipality_id: string
}

export interface ServiceOverlapDecisionTable {
  district_id: string
  first_service_id: string
  second_service_id: string
  reason: string
  decided_by: string
  decided_at: Timestamp
}

export interface NetworkDirectoryTables {
  partner_profile: PartnerProfileTable
  partner_contact_person: PartnerContactPersonTable
  service: ServiceTable
  service_cell: ServiceCellTable
  service_overlap_decision: ServiceOverlapDecisionTable
}
