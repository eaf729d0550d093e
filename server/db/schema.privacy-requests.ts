import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<string, string | undefined, string>

/** One decision to restrict or lift the restriction of a person's processing (migration 0030). */
export interface ProcessingRestrictionTable {
  id: Generated<string>
  district_id: string
  person_id: string
  restricted: boolean
  reason: string
  decided_by: string
  decided_at: Timestamp
}

/** One saved version of the record of processing activities (migration 0030); never updated. */
export interface ProcessingRecordVersionTable {
  id: Generated<string>
  district_id: string
  number: number
  content: ColumnType<unknown, string, never>
  note: Generated<string>
  saved_by: string | null
  saved_at: Timestamp
}

export interface PrivacyRequestTables {
  processing_restriction: ProcessingRestrictionTable
  processing_record_version: ProcessingRecordVersionTable
}
