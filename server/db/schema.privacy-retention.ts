import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<string, string | undefined, string>
type Json<T> = ColumnType<T, string | undefined, string>

/** A district's retention rule for one kind of record (migration 0029). */
export interface RetentionRuleTable {
  district_id: string
  record_kind: string
  start_event: string
  period_months: number
  action: string
  version: Generated<number>
  updated_by: string | null
  updated_at: Timestamp
}

/** A legal hold on a case: while active, neither retention nor erasure touches its persons. */
export interface LegalHoldTable {
  id: Generated<string>
  district_id: string
  case_id: string
  reason: string
  set_by: string
  set_at: Timestamp
  lifted_by: string | null
  lifted_at: string | null
  lift_reason: string | null
}

/** What was erased, without personal data: replayed after a restore. */
export interface ErasureLedgerTable {
  id: Generated<string>
  district_id: string
  record_kind: string
  id_hash: string
  action: string
  rule: string
  erased_on: string
  recorded_at: Timestamp
}

/** The daily retention run's lease and last result per district. */
export interface RetentionRunTable {
  district_id: string
  last_run_on: string | null
  last_run_at: string | null
  last_counts: Json<Record<string, number>>
}

export interface PrivacyRetentionTables {
  retention_rule: RetentionRuleTable
  legal_hold: LegalHoldTable
  erasure_ledger: ErasureLedgerTable
  retention_run: RetentionRunTable
}
