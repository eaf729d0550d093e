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

/** A district's committee-report template (migration 0027): ordered blocks kept whole as JSON. */
export interface ReportTemplateTable {
  id: Generated<string>
  district_id: string
  name: string
  kind: string
  title: string
  blocks: ColumnType<unknown, string, string>
  version: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

/** A committee report (migration 0027): header, texts and the files it made, for an evaluation. */
export interface ReportTable {
  id: Generated<string>
  district_id: string
  evaluation_id: ColumnType<string, string, never>
  template_id: ColumnType<string, string, never>
  template_name: string
  kind: string
  language: Generated<string>
  title: string
  document_title: string
  header: ColumnType<unknown, string, never>
  blocks: ColumnType<unknown, string, string>
  status: Generated<string>
  step: Generated<string>
  texts_version: Generated<number>
  files_texts_version: number | null
  docx: Buffer | null
  pdf: Buffer | null
  generated_at: string | null
  version: Generated<number>
  created_by: string
  created_at: Timestamp
  updated_at: Timestamp
}

export interface ReportTables {
  report_template: ReportTemplateTable
  report: ReportTable
}
