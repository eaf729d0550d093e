import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<string, string | undefined, string>

/** A case manager's stated reason to open a case outside their caseload, and until when it holds (migration 0035). */
export interface BreakGlassGrantTable {
  id: Generated<string>
  district_id: string
  case_id: string
  user_id: string
  reason: string
  granted_at: Timestamp
  expires_at: string
  audit_event_id: number
}

/** The data protection officer's review of one flagged audit entry (migration 0035); never updated. */
export interface AccessReviewTable {
  audit_event_id: number
  district_id: string
  reviewed_by: string
  reviewed_at: Timestamp
  comment: string
}

export interface AccessReviewTables {
  break_glass_grant: BreakGlassGrantTable
  access_review: AccessReviewTable
}
