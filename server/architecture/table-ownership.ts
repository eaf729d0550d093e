/**
 * Which module owns which table. A module reads and writes only its own tables; it learns about
 * anything else through the owning module's service (its index.ts). `table-ownership.test.ts`
 * holds every `*.queries.ts` to this map, and every table of the migrations must appear here once.
 */
export const tableOwners = {
  districts: ['district', 'municipality'],
  identity: [
    'organisation',
    'team',
    'app_user',
    'user_team',
    'session',
    'login_throttle',
    'recovery_code',
    'identity_policy',
    'password_reset',
    'sso_provider',
    'sso_login',
    'installation_secret',
    // API tokens for integrations (migration 0037)
    'api_token',
  ],
  audit: ['audit_event', 'audit_event_record'],
  casework: [
    'person',
    'person_match_key',
    'residence_status',
    'household_relation',
    'client_case',
    'case_counter',
    'case_person',
    // the one-word search's codes of a case, one row each (migration 0042)
    'case_name_code',
    'case_manager',
    'case_phase_change',
    'assessment',
    'assessment_entry',
    'goal',
    'measure',
    'contact',
    'short_consultation',
    'task',
    'case_document',
    'case_document_content',
    'saved_case_view',
    // break-glass/: stated reasons to open a case outside one's caseload (migration 0035)
    'break_glass_grant',
    'case_work_setting',
    'matching_key_version',
    // sharing/: figures kept by trigger (migration 0026, decision 0015)
    'contact_day_figure',
    'person_counselled_figure',
    'case_plan_figure',
    'person_month_count',
    'person_month_previous_count',
    'person_day_neighbour_count',
  ],
  network: [
    'legal_sphere_change',
    'legal_sphere_handover_step',
    'case_conference',
    'case_conference_participant',
    'case_conference_action',
    // directory/ and services/ (migration 0010)
    'partner_profile',
    'partner_contact_person',
    'service',
    'service_cell',
    'service_overlap_decision',
    // consents/ and referrals/ (migration 0011)
    'consent',
    'consent_form_file',
    'referral',
    'referral_status_change',
  ],
  steering: [
    // bodies/ and meetings/ (migration 0014)
    'steering_body',
    'body_seat',
    'body_membership',
    'meeting',
    'agenda_item',
    'meeting_attendance',
    'steering_decision',
    'action_item',
    'minutes_amendment',
    // goals/ (migration 0016)
    'goal_agreement',
    'goal_agreement_party',
    'goal_indicator',
    'goal_indicator_value',
    // obstacles/ (migration 0017)
    'obstacle',
    'obstacle_organisation',
    'obstacle_evidence',
    'obstacle_status_change',
    // concept/ (migration 0018)
    'concept_version',
    'concept_section',
    'concept_grid_cell',
    'concept_interface',
    'concept_consultation',
    // meetings/ documents and bodies/ feed tokens (migration 0019)
    'agenda_item_document',
    'agenda_item_document_content',
    'body_feed_token',
    // obstacles/ and goal agreements (migration 0021)
    'obstacle_goal_agreement',
  ],
  staffing: [
    // positions/, contracts/, budget/ (migration 0020)
    'staff_position',
    'funding_rate',
    'pay_grade_cost',
    'staff_member',
    'staff_contract',
    'staff_contract_version',
    'planned_departure',
  ],
  /**
   * Reporting owns only its settings and frozen evaluations: every figure comes from the owning
   * module's aggregates (case work's sharing/, the network's figures/), never from their tables.
   */
  reporting: ['reporting_setting', 'evaluation', 'report_template', 'report'],
  /** Retention and erasure (migration 0029): rules, legal holds, the erasure ledger, the run lease. */
  /** Data subject requests: the restriction ledger and the record of processing (migration 0030). */
  privacy: [
    'retention_rule',
    'legal_hold',
    'erasure_ledger',
    'retention_run',
    'processing_restriction',
    'processing_record_version',
    // access-review/: the DPO's reviews of flagged audit entries (migration 0035)
    'access_review',
  ],
  /** Import of case lists (migration 0036, decision 0022): the uploaded file, its staged rows, fingerprints, saved mappings. */
  import: ['import_job', 'import_row', 'import_fingerprint', 'import_header_mapping', 'imported_month_tally'],
  /** Signed webhooks and their outbox (migration 0037, decision 0023). */
  integration: ['integration_setting', 'webhook', 'webhook_event', 'webhook_delivery', 'webhook_attempt'],
  /** server/db/: the migration ledger and the backup, which copies every table by design. */
  db: ['lotse_migration', 'encryption_key', 'scheduled_job'],
} as const satisfies Record<string, readonly string[]>

export type Owner = keyof typeof tableOwners
