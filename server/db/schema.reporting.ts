import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<string, string | undefined, string>

/** The district's suppression thresholds (migration 0023). */
export interface ReportingSettingTable {
  district_id: string
  threshold: number
  special_threshold: number
  version: Generated<number>
  updated_at: Timestamp
  /** Whether the public open-data endpoint answers for the district (migration 0028). */
  open_data: Generated<boolean>
}

/** A frozen period evaluation (migration 0023): figures as computed and protected, never updated. */
export interface EvaluationTable {
  id: Generated<string>
  district_id: string
  name: string
  period_from: ColumnType<string, string, never>
  period_to: ColumnType<string, string, never>
  catalogue_version: string
  threshold: number
  special_threshold: number
  figures: ColumnType<unknown, string, never>
  created_by: string
  created_at: Timestamp
}

export interface ReportingTables {
  reporting_setting: ReportingSettingTable
  evaluation: EvaluationTable
}
