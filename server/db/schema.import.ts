import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<string, string | undefined, string>
type Json<T> = ColumnType<T, string, string>

/** One uploaded spreadsheet and where its import stands (migration 0036). */
export interface ImportJobTable {
  id: Generated<string>
  district_id: string
  file_name: string
  format: 'csv' | 'xlsx'
  encoding: string | null
  delimiter: string | null
  size_bytes: number
  sha256: string
  content: Buffer
  header_row: number
  headers: Json<string[]>
  mapping: ColumnType<Record<string, string> | null, string | null, string | null>
  case_manager_id: string | null
  status: Generated<string>
  row_count: Generated<number>
  imported: Generated<number>
  rejected: Generated<number>
  duplicates: Generated<number>
  batches_done: Generated<number>
  created_by: string
  created_at: Timestamp
  updated_at: Timestamp
  version: Generated<number>
  /** cases or counts (migration 0040). */
  kind: Generated<string>
}

/** One data row of an uploaded file, its check and its outcome (migration 0036). */
export interface ImportRowTable {
  import_id: string
  district_id: string
  row_number: number
  cells: Json<unknown[]>
  state: Generated<string>
  problems: ColumnType<unknown[], string | undefined, string>
  fingerprint: string | null
  match_person_id: string | null
  match_score: number | null
  match_decision: string | null
  outcome: string | null
  reason: string | null
  batch: number | null
  person_id: string | null
  case_id: string | null
}

/** A row once imported in the district, by its fingerprint (migration 0036). */
export interface ImportFingerprintTable {
  district_id: string
  fingerprint: string
  import_id: string
  row_number: number
  case_id: string | null
}

/** A header name and the field the district mapped it to (migration 0036). */
export interface ImportHeaderMappingTable {
  district_id: string
  header: string
  field: string
  updated_at: Timestamp
}

/** Counselling counts of one month before Lotse, imported from a spreadsheet (migration 0040). */
export interface ImportedMonthTallyTable {
  id: Generated<string>
  district_id: string
  month: ColumnType<string, string, string>
  municipality_id: string
  team_id: string | null
  domain: string | null
  contacts: number | null
  persons: number | null
  short_consultations: number | null
  cases_new: number | null
  cases_closed: number | null
  import_id: string
  row_number: number
  created_at: Timestamp
  updated_at: Timestamp
}

export interface ImportTables {
  import_job: ImportJobTable
  import_row: ImportRowTable
  import_fingerprint: ImportFingerprintTable
  import_header_mapping: ImportHeaderMappingTable
  imported_month_tally: ImportedMonthTallyTable
}
