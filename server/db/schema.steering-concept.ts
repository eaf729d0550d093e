import type { ColumnType, Generated } from 'kysely'

/** Row types of steering's integration concept (migration 0018). */
type Timestamp = ColumnType<string, string | undefined, string>

export interface ConceptVersionTable {
  id: Generated<string>
  district_id: string
  number: number
  title: string
  status: string
  based_on_id: string | null
  adopted_on: string | null
  adopted_body_id: string | null
  adopted_decision_id: string | null
  adopted_reference: Generated<string>
  adopted_by: string | null
  created_by: string
  version: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface ConceptSectionTable {
  id: Generated<string>
  district_id: string
  version_id: string
  section_key: Generated<string>
  position: number
  kind: string
  domain: string | null
  title: Generated<string>
  body: Generated<string>
  version: Generated<number>
}

export interface ConceptGridCellTable {
  district_id: string
  version_id: string
  domain: string
  organisation_id: string
  role: string
}

export interface ConceptInterfaceTable {
  id: Generated<string>
  district_id: string
  version_id: string
  interface_key: Generated<string>
  position: number
  organisation_a_id: string
  organisation_b_id: string
  domain: string | null
  process: string
  problem: string
  solution: Generated<string>
  status: string
}

export interface ConceptConsultationTable {
  id: Generated<string>
  district_id: string
  version_id: string
  body_id: string
  held_on: string
  feedback: Generated<string>
  created_by: string
  created_at: Timestamp
}

export interface SteeringConceptTables {
  concept_version: ConceptVersionTable
  concept_section: ConceptSectionTable
  concept_grid_cell: ConceptGridCellTable
  concept_interface: ConceptInterfaceTable
  concept_consultation: ConceptConsultationTable
}
