/**
 * Which columns hold personal data, for every table of the schema, in one place. Each personal
 * column is tagged `<whose>.<category>`:
 *
 * - whose: `client` (the persons counselled), `staff` (users and employees), `contact` (people of
 *   partner organisations and steering bodies, named in minutes and the directory);
 * - category: `identifying` (names, dates, addresses, ways to reach someone, and the facts that
 *   describe them), `special` (Art. 9 GDPR and social data of the same weight: health and need
 *   assessments, residence status, legal sphere, nationality, documents and consent forms),
 *   `free-text` (whatever a person typed: it may hold anything, so it is treated like special),
 *   `pseudonymous` (an id that points at a person or their case).
 *
 * Every other column is declared in `nonPersonal`. `classification.test.ts` reads the live schema
 * and fails on any column in neither list, so a new table or column cannot go unclassified.
 * Retention, erasure and the exports work from these tags instead of their own column lists.
 */
export type DataSubject = 'client' | 'staff' | 'contact'
export type DataCategory = 'identifying' | 'special' | 'free-text' | 'pseudonymous'
export type Tag = `${DataSubject}.${DataCategory}`

export type TableClassification = {
  readonly personal?: Readonly<Record<string, Tag>>
  readonly nonPersonal: readonly string[]
}

export const classification = {
  // The DPO's review of a flagged audit entry (migration 0035): the reviewer and their comment.
  access_review: {
    personal: {
      reviewed_by: 'staff.pseudonymous',
      comment: 'staff.free-text',
    },
    nonPersonal: ['audit_event_id', 'district_id', 'reviewed_at'],
  },
  action_item: {
    personal: {
      title: 'contact.free-text',
      owner_id: 'staff.pseudonymous',
      created_by: 'staff.pseudonymous',
    },
    nonPersonal: [
      'id',
      'district_id',
      'meeting_id',
      'decision_id',
      'organisation_id',
      'due_on',
      'created_at',
    ],
  },
  agenda_item: {
    personal: {
      title: 'contact.free-text',
      description: 'contact.free-text',
    },
    nonPersonal: ['id', 'district_id', 'meeting_id', 'position', 'obstacle_id'],
  },
  agenda_item_document: {
    personal: {
      file_name: 'contact.free-text',
      uploaded_by: 'staff.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'agenda_item_id', 'media_type', 'size_bytes', 'sha256', 'uploaded_at'],
  },
  agenda_item_document_content: {
    personal: {
      content: 'contact.free-text',
    },
    nonPersonal: ['document_id', 'district_id'],
  },
  // token_hash is a secret (the SHA-256 of a token shown once), not personal data; see decision 0023.
  api_token: {
    personal: {
      created_by: 'staff.pseudonymous',
      revoked_by: 'staff.pseudonymous',
      last_used_at: 'staff.identifying',
    },
    nonPersonal: [
      'id',
      'district_id',
      'name',
      'token_hash',
      'token_prefix',
      'scopes',
      'created_at',
      'expires_at',
      'revoked_at',
    ],
  },
  app_user: {
    personal: {
      username: 'staff.identifying',
      display_name: 'staff.identifying',
      password_hash: 'staff.identifying',
      password_changed_at: 'staff.identifying',
      roles: 'staff.identifying',
      disabled_at: 'staff.identifying',
      totp_secret: 'staff.identifying',
      totp_enabled_at: 'staff.identifying',
      totp_last_step: 'staff.identifying',
      sso_issuer: 'staff.identifying',
      sso_subject: 'staff.identifying',
    },
    nonPersonal: ['id', 'district_id', 'organisation_id', 'version', 'created_at', 'updated_at'],
  },
  assessment: {
    personal: {
      case_id: 'client.pseudonymous',
      created_by: 'staff.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'assessed_on', 'created_at'],
  },
  assessment_entry: {
    personal: {
      domain: 'client.special',
      need_level: 'client.special',
      resources: 'client.free-text',
      note: 'client.free-text',
    },
    nonPersonal: ['assessment_id', 'district_id'],
  },
  audit_event: {
    personal: {
      actor_id: 'staff.pseudonymous',
      actor_roles: 'staff.identifying',
      subject_id: 'client.pseudonymous',
      purpose: 'staff.free-text',
      client_pseudonym: 'staff.pseudonymous',
    },
    nonPersonal: [
      'id',
      'occurred_at',
      'district_id',
      'action',
      'outcome',
      'subject_type',
      'request_id',
      'previous_hash',
      'hash',
      'records_sha256',
    ],
  },
  audit_event_record: {
    personal: { subject_id: 'client.pseudonymous' },
    nonPersonal: ['audit_event_id', 'district_id', 'subject_type'],
  },
  body_feed_token: {
    personal: {
      user_id: 'staff.pseudonymous',
      token_hash: 'staff.identifying',
      last_used_at: 'staff.identifying',
    },
    nonPersonal: ['id', 'district_id', 'body_id', 'created_at'],
  },
  body_membership: {
    personal: {
      representative: 'contact.identifying',
      deputy: 'contact.identifying',
    },
    nonPersonal: [
      'id',
      'district_id',
      'body_id',
      'seat_id',
      'organisation_id',
      'role',
      'from_on',
      'until_on',
      'created_at',
    ],
  },
  body_seat: {
    nonPersonal: ['id', 'district_id', 'body_id', 'position', 'label', 'organisation_kind'],
  },
  case_conference: {
    personal: {
      case_id: 'client.pseudonymous',
      summary: 'client.free-text',
      staff: 'client.free-text',
      outcomes: 'client.free-text',
      recorded_by: 'staff.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'kind', 'held_on', 'version', 'created_at', 'updated_at'],
  },
  case_conference_action: {
    personal: {
      description: 'client.free-text',
      assignee_id: 'staff.pseudonymous',
      task_id: 'client.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'conference_id', 'due_on'],
  },
  case_conference_participant: {
    personal: {
      consent_ids: 'client.pseudonymous',
      people: 'client.free-text',
    },
    nonPersonal: ['id', 'district_id', 'conference_id', 'organisation_id'],
  },
  case_counter: {
    nonPersonal: ['district_id', 'year', 'last_number'],
  },
  case_document: {
    personal: {
      case_id: 'client.pseudonymous',
      file_name: 'client.free-text',
      sha256: 'client.pseudonymous',
      uploaded_by: 'staff.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'media_type', 'size_bytes', 'uploaded_at'],
  },
  case_document_content: {
    personal: {
      document_id: 'client.pseudonymous',
      content: 'client.special',
    },
    nonPersonal: ['district_id'],
  },
  case_manager: {
    personal: {
      case_id: 'client.pseudonymous',
      user_id: 'staff.pseudonymous',
    },
    nonPersonal: ['district_id'],
  },
  case_name_code: {
    personal: {
      code: 'client.identifying',
      case_id: 'client.pseudonymous',
    },
    nonPersonal: ['district_id', 'team_id'],
  },
  case_person: {
    personal: {
      case_id: 'client.pseudonymous',
      person_id: 'client.pseudonymous',
    },
    nonPersonal: ['district_id'],
  },
  case_phase_change: {
    personal: {
      case_id: 'client.pseudonymous',
      reason: 'client.identifying',
      note: 'client.free-text',
      changed_by: 'staff.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'from_phase', 'to_phase', 'changed_at'],
  },
  case_plan_figure: {
    personal: {
      case_id: 'client.pseudonymous',
    },
    nonPersonal: ['district_id', 'planned_on', 'first_contact_on'],
  },
  case_work_setting: {
    nonPersonal: ['district_id', 'team_cases_visible', 'residence_expiry_lead_days', 'version', 'updated_at'],
  },
  client_case: {
    personal: {
      reference: 'client.identifying',
      opened_on: 'client.identifying',
      closed_on: 'client.identifying',
      closing_reason: 'client.identifying',
      last_contact_at: 'client.identifying',
      sort_name: 'client.identifying',
      created_by: 'staff.pseudonymous',
      name_codes: 'client.identifying',
      anonymised_at: 'client.identifying',
    },
    nonPersonal: [
      'id',
      'district_id',
      'municipality_id',
      'team_id',
      'phase',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  concept_consultation: {
    personal: {
      feedback: 'contact.free-text',
      created_by: 'staff.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'version_id', 'body_id', 'held_on', 'created_at'],
  },
  concept_grid_cell: {
    nonPersonal: ['district_id', 'version_id', 'domain', 'organisation_id', 'role'],
  },
  concept_interface: {
    personal: {
      problem: 'contact.free-text',
      solution: 'contact.free-text',
    },
    nonPersonal: [
      'id',
      'district_id',
      'version_id',
      'interface_key',
      'position',
      'organisation_a_id',
      'organisation_b_id',
      'domain',
      'process',
      'status',
    ],
  },
  concept_section: {
    nonPersonal: [
      'id',
      'district_id',
      'version_id',
      'section_key',
      'position',
      'kind',
      'domain',
      'title',
      'body',
      'version',
    ],
  },
  concept_version: {
    personal: {
      adopted_by: 'staff.pseudonymous',
      created_by: 'staff.pseudonymous',
    },
    nonPersonal: [
      'id',
      'district_id',
      'number',
      'title',
      'status',
      'based_on_id',
      'adopted_on',
      'adopted_body_id',
      'adopted_decision_id',
      'adopted_reference',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  consent: {
    personal: {
      person_id: 'client.pseudonymous',
      recipient_organisation_ids: 'client.identifying',
      purposes: 'client.identifying',
      data_categories: 'client.identifying',
      legal_basis: 'client.identifying',
      valid_from: 'client.identifying',
      valid_until: 'client.identifying',
      note: 'client.free-text',
      recorded_by: 'staff.pseudonymous',
      revoked_on: 'client.identifying',
      revoked_by: 'staff.pseudonymous',
      revocation_note: 'client.free-text',
    },
    nonPersonal: [
      'id',
      'district_id',
      'form',
      'text_version',
      'form_language',
      'recorded_at',
      'revoked_at',
      'version',
    ],
  },
  consent_form_file: {
    personal: {
      consent_id: 'client.pseudonymous',
      file_name: 'client.free-text',
      sha256: 'client.pseudonymous',
      content: 'client.special',
      uploaded_by: 'staff.pseudonymous',
    },
    nonPersonal: ['district_id', 'media_type', 'size_bytes', 'uploaded_at'],
  },
  contact: {
    personal: {
      case_id: 'client.pseudonymous',
      occurred_at: 'client.identifying',
      duration_minutes: 'client.identifying',
      channel: 'client.identifying',
      participant_person_ids: 'client.pseudonymous',
      other_participants: 'client.free-text',
      language: 'client.identifying',
      interpreter_used: 'client.identifying',
      interpreter_language: 'client.identifying',
      domains: 'client.special',
      note: 'client.free-text',
      created_by: 'staff.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'created_at'],
  },
  contact_day_figure: {
    nonPersonal: ['district_id', 'dimension', 'day', 'key', 'contacts'],
  },
  district: {
    nonPersonal: [
      'id',
      'code',
      'name',
      'kind',
      'state_code',
      'version',
      'created_at',
      'updated_at',
      'time_zone',
    ],
  },
  erasure_ledger: {
    nonPersonal: [
      'id',
      'district_id',
      'record_kind',
      'id_hash',
      'action',
      'rule',
      'erased_on',
      'recorded_at',
    ],
  },
  evaluation: {
    personal: {
      created_by: 'staff.pseudonymous',
    },
    nonPersonal: [
      'id',
      'district_id',
      'name',
      'period_from',
      'period_to',
      'catalogue_version',
      'threshold',
      'special_threshold',
      'figures',
      'created_at',
    ],
  },
  funding_rate: {
    personal: {
      created_by: 'staff.pseudonymous',
    },
    nonPersonal: [
      'id',
      'district_id',
      'baustein',
      'kind',
      'amount',
      'fte_basis',
      'valid_from',
      'valid_until',
      'programme',
      'created_at',
    ],
  },
  goal: {
    personal: {
      case_id: 'client.pseudonymous',
      domain: 'client.special',
      statement: 'client.free-text',
      indicator: 'client.free-text',
      target_date: 'client.identifying',
      status: 'client.identifying',
      outcome: 'client.identifying',
      created_by: 'staff.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'version', 'created_at', 'updated_at'],
  },
  goal_agreement: {
    personal: {
      created_by: 'staff.pseudonymous',
    },
    nonPersonal: [
      'id',
      'district_id',
      'title',
      'goal_statement',
      'starts_on',
      'ends_on',
      'decision_id',
      'responsible_organisation_id',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  goal_agreement_party: {
    nonPersonal: ['district_id', 'agreement_id', 'organisation_id'],
  },
  goal_indicator: {
    personal: {
      created_by: 'staff.pseudonymous',
    },
    nonPersonal: [
      'id',
      'district_id',
      'agreement_id',
      'position',
      'name',
      'unit',
      'baseline',
      'target',
      'direction',
      'source',
      'metric',
      'parameters',
      'created_at',
    ],
  },
  goal_indicator_value: {
    personal: {
      note: 'contact.free-text',
      recorded_by: 'staff.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'indicator_id', 'measured_on', 'value', 'recorded_at'],
  },
  household_relation: {
    personal: {
      person_id: 'client.pseudonymous',
      related_person_id: 'client.pseudonymous',
      relation: 'client.identifying',
    },
    nonPersonal: ['district_id'],
  },
  identity_policy: {
    nonPersonal: ['district_id', 'second_factor_roles', 'version', 'updated_at'],
  },
  encryption_key: {
    nonPersonal: ['key_id', 'first_used_at', 'retired_at'],
  },
  import_fingerprint: {
    personal: {
      fingerprint: 'client.pseudonymous',
      case_id: 'client.pseudonymous',
    },
    nonPersonal: ['district_id', 'import_id', 'row_number'],
  },
  import_header_mapping: {
    nonPersonal: ['district_id', 'header', 'field', 'updated_at'],
  },
  import_job: {
    personal: {
      file_name: 'client.free-text',
      content: 'client.special',
      created_by: 'staff.pseudonymous',
      case_manager_id: 'staff.pseudonymous',
    },
    nonPersonal: [
      'id',
      'district_id',
      'format',
      'encoding',
      'delimiter',
      'size_bytes',
      'sha256',
      'header_row',
      'headers',
      'mapping',
      'status',
      'row_count',
      'imported',
      'rejected',
      'duplicates',
      'batches_done',
      'created_at',
      'updated_at',
      'version',
      'kind',
    ],
  },
  // Monthly counts before Lotse (migration 0040): counts per month and municipality, no person.
  imported_month_tally: {
    nonPersonal: [
      'id',
      'district_id',
      'month',
      'municipality_id',
      'team_id',
      'domain',
      'contacts',
      'persons',
      'short_consultations',
      'cases_new',
      'cases_closed',
      'import_id',
      'row_number',
      'created_at',
      'updated_at',
    ],
  },
  import_row: {
    personal: {
      cells: 'client.special',
      problems: 'client.identifying',
      fingerprint: 'client.pseudonymous',
      match_person_id: 'client.pseudonymous',
      person_id: 'client.pseudonymous',
      case_id: 'client.pseudonymous',
    },
    nonPersonal: [
      'import_id',
      'district_id',
      'row_number',
      'state',
      'match_score',
      'match_decision',
      'outcome',
      'reason',
      'batch',
    ],
  },
  installation_secret: {
    nonPersonal: ['name', 'value', 'created_at'],
  },
  integration_setting: {
    nonPersonal: ['district_id', 'allow_private_addresses', 'version', 'updated_at'],
  },
  legal_hold: {
    personal: {
      case_id: 'client.pseudonymous',
      reason: 'client.free-text',
      set_by: 'staff.pseudonymous',
      lifted_by: 'staff.pseudonymous',
      lift_reason: 'client.free-text',
    },
    nonPersonal: ['id', 'district_id', 'set_at', 'lifted_at'],
  },
  legal_sphere_change: {
    personal: {
      person_id: 'client.pseudonymous',
      case_id: 'client.pseudonymous',
      from_sphere: 'client.special',
      to_sphere: 'client.special',
      effective_on: 'client.identifying',
      reason: 'client.identifying',
      note: 'client.free-text',
      recorded_by: 'staff.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'applied_at', 'version', 'created_at', 'updated_at'],
  },
  legal_sphere_handover_step: {
    personal: {
      change_id: 'client.pseudonymous',
      task_id: 'client.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'step', 'due_on', 'done_on', 'version', 'created_at', 'updated_at'],
  },
  login_throttle: {
    personal: {
      key: 'staff.identifying',
    },
    nonPersonal: ['failures', 'last_failure_at', 'locked_until'],
  },
  lotse_migration: {
    nonPersonal: ['version', 'name', 'checksum', 'applied_at'],
  },
  matching_key_version: {
    nonPersonal: ['only_row', 'version', 'refreshed_at'],
  },
  measure: {
    personal: {
      case_id: 'client.pseudonymous',
      description: 'client.free-text',
      owner: 'client.identifying',
      due_on: 'client.identifying',
      status: 'client.identifying',
      created_by: 'staff.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'goal_id', 'organisation_id', 'version', 'created_at', 'updated_at'],
  },
  meeting: {
    personal: {
      minutes: 'contact.free-text',
      approved_by: 'staff.pseudonymous',
      created_by: 'staff.pseudonymous',
    },
    nonPersonal: [
      'id',
      'district_id',
      'body_id',
      'title',
      'starts_at',
      'ends_at',
      'place',
      'video_url',
      'approved_at',
      'invitation_sequence',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  meeting_attendance: {
    personal: {
      membership_id: 'contact.pseudonymous',
      status: 'contact.identifying',
    },
    nonPersonal: ['district_id', 'meeting_id'],
  },
  minutes_amendment: {
    personal: {
      text: 'contact.free-text',
      created_by: 'staff.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'meeting_id', 'created_at'],
  },
  municipality: {
    nonPersonal: ['id', 'district_id', 'code', 'name', 'version', 'created_at', 'updated_at'],
  },
  obstacle: {
    personal: {
      raised_by: 'staff.pseudonymous',
    },
    nonPersonal: [
      'id',
      'district_id',
      'domain',
      'title',
      'description',
      'status',
      'working_group_id',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  obstacle_evidence: {
    personal: {
      case_id: 'client.pseudonymous',
      added_by: 'staff.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'obstacle_id', 'raised', 'created_at'],
  },
  obstacle_goal_agreement: {
    personal: {
      linked_by: 'staff.pseudonymous',
    },
    nonPersonal: ['district_id', 'obstacle_id', 'agreement_id', 'linked_at'],
  },
  obstacle_organisation: {
    nonPersonal: ['district_id', 'obstacle_id', 'organisation_id'],
  },
  obstacle_status_change: {
    personal: {
      note: 'contact.free-text',
      changed_by: 'staff.pseudonymous',
    },
    nonPersonal: [
      'id',
      'district_id',
      'obstacle_id',
      'from_status',
      'to_status',
      'working_group_id',
      'changed_at',
    ],
  },
  organisation: {
    nonPersonal: [
      'id',
      'district_id',
      'name',
      'kind',
      'legal_spheres',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  partner_contact_person: {
    personal: {
      name: 'contact.identifying',
      function: 'contact.identifying',
      phone: 'contact.identifying',
      email: 'contact.identifying',
    },
    nonPersonal: ['id', 'district_id', 'organisation_id', 'position'],
  },
  partner_profile: {
    personal: {
      phone: 'contact.identifying',
      email: 'contact.identifying',
      updated_by: 'staff.pseudonymous',
    },
    nonPersonal: [
      'organisation_id',
      'district_id',
      'street',
      'postcode',
      'city',
      'website',
      'opening_hours',
      'municipality_ids',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  password_reset: {
    personal: {
      token_hash: 'staff.identifying',
      user_id: 'staff.pseudonymous',
      created_by: 'staff.pseudonymous',
    },
    nonPersonal: ['district_id', 'created_at', 'expires_at', 'used_at'],
  },
  pay_grade_cost: {
    personal: {
      created_by: 'staff.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'pay_grade', 'annual_cost', 'valid_from', 'valid_until', 'created_at'],
  },
  person: {
    personal: {
      processing_restricted: 'client.special',
      family_name: 'client.identifying',
      given_names: 'client.identifying',
      birth_name: 'client.identifying',
      other_spellings: 'client.identifying',
      name_codes: 'client.identifying',
      name_in_original_script: 'client.identifying',
      birth_date: 'client.identifying',
      birth_date_earliest: 'client.identifying',
      birth_date_latest: 'client.identifying',
      birth_date_placeholder: 'client.identifying',
      sex: 'client.identifying',
      nationalities: 'client.special',
      languages: 'client.identifying',
      municipality_id: 'client.identifying',
      address_street: 'client.identifying',
      address_postcode: 'client.identifying',
      address_city: 'client.identifying',
      arrival_date: 'client.special',
      legal_sphere: 'client.special',
      registered_by: 'staff.pseudonymous',
      registered_team_id: 'client.identifying',
      merged_into: 'client.pseudonymous',
      merged_at: 'client.identifying',
      phone: 'client.identifying',
      email: 'client.identifying',
      anonymised_at: 'client.identifying',
    },
    nonPersonal: ['id', 'district_id', 'version', 'created_at', 'updated_at'],
  },
  person_counselled_figure: {
    personal: {
      person_id: 'client.pseudonymous',
    },
    nonPersonal: ['district_id', 'period', 'starts_on', 'contacts', 'days'],
  },
  person_day_neighbour_count: {
    nonPersonal: ['district_id', 'side', 'day', 'neighbour_on', 'persons'],
  },
  person_match_key: {
    personal: {
      key: 'client.identifying',
      person_id: 'client.pseudonymous',
    },
    nonPersonal: ['district_id'],
  },
  person_month_count: {
    nonPersonal: ['district_id', 'starts_on', 'persons'],
  },
  person_month_previous_count: {
    nonPersonal: ['district_id', 'starts_on', 'previous_on', 'persons'],
  },
  planned_departure: {
    personal: {
      contract_id: 'staff.pseudonymous',
      leaves_on: 'staff.identifying',
      note: 'staff.free-text',
      created_by: 'staff.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'created_at'],
  },
  // A case manager's reason to open a case outside their caseload (migration 0035). The form asks
  // for the reason of the staff member's access, not facts about the client (decision 0021).
  break_glass_grant: {
    personal: {
      case_id: 'client.pseudonymous',
      user_id: 'staff.pseudonymous',
      reason: 'staff.free-text',
    },
    nonPersonal: ['id', 'district_id', 'granted_at', 'expires_at', 'audit_event_id'],
  },
  processing_record_version: {
    personal: {
      note: 'staff.free-text',
      saved_by: 'staff.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'number', 'content', 'saved_at'],
  },
  processing_restriction: {
    personal: {
      person_id: 'client.pseudonymous',
      restricted: 'client.special',
      reason: 'client.free-text',
      decided_by: 'staff.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'decided_at'],
  },
  recovery_code: {
    personal: {
      user_id: 'staff.pseudonymous',
      code_hash: 'staff.identifying',
      used_at: 'staff.identifying',
    },
    nonPersonal: ['district_id'],
  },
  referral: {
    personal: {
      case_id: 'client.pseudonymous',
      person_id: 'client.pseudonymous',
      organisation_id: 'client.identifying',
      measure_id: 'client.pseudonymous',
      service_id: 'client.identifying',
      service_name: 'client.identifying',
      consent_id: 'client.pseudonymous',
      purpose: 'client.identifying',
      shared_fields: 'client.identifying',
      message: 'client.free-text',
      due_on: 'client.identifying',
      status: 'client.identifying',
      override_legal_basis: 'client.identifying',
      override_reason: 'client.free-text',
      complete_by: 'client.identifying',
      feedback: 'client.free-text',
      created_by: 'staff.pseudonymous',
      sent_at: 'client.identifying',
      answered_at: 'client.identifying',
      answered_by: 'staff.pseudonymous',
      closed_by: 'staff.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'created_at', 'closed_at', 'version', 'updated_at'],
  },
  referral_status_change: {
    personal: {
      referral_id: 'client.pseudonymous',
      note: 'client.free-text',
      changed_by: 'staff.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'from_status', 'to_status', 'changed_at'],
  },
  report: {
    personal: {
      title: 'contact.free-text',
      document_title: 'contact.free-text',
      header: 'contact.free-text',
      blocks: 'contact.free-text',
      docx: 'contact.free-text',
      pdf: 'contact.free-text',
      created_by: 'staff.pseudonymous',
    },
    nonPersonal: [
      'id',
      'district_id',
      'evaluation_id',
      'template_id',
      'template_name',
      'kind',
      'language',
      'status',
      'step',
      'texts_version',
      'files_texts_version',
      'generated_at',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  report_template: {
    personal: {
      title: 'contact.free-text',
      blocks: 'contact.free-text',
    },
    nonPersonal: ['id', 'district_id', 'name', 'kind', 'version', 'created_at', 'updated_at'],
  },
  reporting_setting: {
    nonPersonal: ['district_id', 'threshold', 'special_threshold', 'version', 'updated_at', 'open_data'],
  },
  residence_status: {
    personal: {
      person_id: 'client.pseudonymous',
      status: 'client.special',
      legal_paragraph: 'client.special',
      valid_from: 'client.special',
      valid_until: 'client.special',
      recorded_by: 'staff.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'recorded_at'],
  },
  retention_rule: {
    personal: {
      updated_by: 'staff.pseudonymous',
    },
    nonPersonal: [
      'district_id',
      'record_kind',
      'start_event',
      'period_months',
      'action',
      'version',
      'updated_at',
    ],
  },
  retention_run: {
    nonPersonal: ['district_id', 'last_run_on', 'last_run_at', 'last_counts'],
  },
  scheduled_job: {
    nonPersonal: [
      'name',
      'next_run_at',
      'lease_until',
      'last_started_at',
      'last_finished_at',
      'last_node',
      'last_outcome',
      'runs',
    ],
  },
  saved_case_view: {
    personal: {
      user_id: 'staff.pseudonymous',
      name: 'staff.free-text',
      filters: 'staff.free-text',
    },
    nonPersonal: ['id', 'district_id', 'created_at'],
  },
  service: {
    personal: {
      contact: 'contact.identifying',
      created_by: 'staff.pseudonymous',
    },
    nonPersonal: [
      'id',
      'district_id',
      'organisation_id',
      'name',
      'description',
      'domains',
      'target_groups',
      'municipality_ids',
      'languages',
      'eligibility',
      'starts_on',
      'ends_on',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  service_cell: {
    nonPersonal: [
      'district_id',
      'service_id',
      'organisation_id',
      'domain',
      'target_group',
      'municipality_id',
    ],
  },
  service_overlap_decision: {
    personal: {
      decided_by: 'staff.pseudonymous',
    },
    nonPersonal: ['district_id', 'first_service_id', 'second_service_id', 'reason', 'decided_at'],
  },
  session: {
    personal: {
      token_hash: 'staff.identifying',
      user_id: 'staff.pseudonymous',
      csrf_token: 'staff.identifying',
      last_seen_at: 'staff.identifying',
      client_pseudonym: 'staff.pseudonymous',
      user_agent: 'staff.identifying',
    },
    nonPersonal: ['district_id', 'created_at', 'idle_expires_at', 'absolute_expires_at', 'auth_method'],
  },
  short_consultation: {
    personal: {
      recorded_by: 'staff.pseudonymous',
    },
    nonPersonal: [
      'id',
      'district_id',
      'occurred_on',
      'municipality_id',
      'domains',
      'language',
      'channel',
      'created_at',
    ],
  },
  sso_login: {
    personal: {
      browser_hash: 'staff.pseudonymous',
      return_to: 'staff.identifying',
    },
    nonPersonal: [
      'state_hash',
      'district_id',
      'nonce',
      'code_verifier',
      'redirect_uri',
      'created_at',
      'expires_at',
    ],
  },
  sso_provider: {
    nonPersonal: [
      'district_id',
      'label',
      'issuer',
      'client_id',
      'client_secret',
      'scopes',
      'role_claim',
      'username_claim',
      'role_mappings',
      'link_by_username',
      'create_users',
      'enabled',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  staff_contract: {
    personal: {
      staff_member_id: 'staff.pseudonymous',
      fte: 'staff.identifying',
      starts_on: 'staff.identifying',
      ends_on: 'staff.identifying',
      fixed_term_reason: 'staff.free-text',
      created_by: 'staff.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'position_id', 'version', 'created_at', 'updated_at'],
  },
  staff_contract_version: {
    personal: {
      contract_id: 'staff.pseudonymous',
      fte: 'staff.identifying',
      starts_on: 'staff.identifying',
      ends_on: 'staff.identifying',
      fixed_term_reason: 'staff.free-text',
      changed_by: 'staff.pseudonymous',
    },
    nonPersonal: ['district_id', 'version', 'changed_at'],
  },
  staff_member: {
    personal: {
      family_name: 'staff.identifying',
      given_names: 'staff.identifying',
      user_id: 'staff.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'created_at'],
  },
  staff_position: {
    personal: {
      created_by: 'staff.pseudonymous',
    },
    nonPersonal: [
      'id',
      'district_id',
      'baustein',
      'title',
      'fte',
      'employer_kind',
      'employer_organisation_id',
      'municipality_id',
      'area',
      'pay_grade',
      'funding_programme',
      'funded_from',
      'funded_until',
      'workplace_set_up_on',
      'in_recruitment',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  steering_body: {
    personal: {
      created_by: 'staff.pseudonymous',
    },
    nonPersonal: [
      'id',
      'district_id',
      'kind',
      'name',
      'topic',
      'mandate',
      'starts_on',
      'ends_on',
      'parent_body_id',
      'quorum',
      'version',
      'created_at',
      'updated_at',
    ],
  },
  steering_decision: {
    personal: {
      text: 'contact.free-text',
      created_by: 'staff.pseudonymous',
    },
    nonPersonal: [
      'id',
      'district_id',
      'body_id',
      'meeting_id',
      'agenda_item_id',
      'number',
      'votes_for',
      'votes_against',
      'abstentions',
      'created_at',
    ],
  },
  task: {
    personal: {
      title: 'client.free-text',
      due_on: 'client.identifying',
      assignee_id: 'staff.pseudonymous',
      case_id: 'client.pseudonymous',
      person_id: 'client.pseudonymous',
      source_key: 'client.pseudonymous',
      created_by: 'staff.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'source', 'done_at', 'version', 'created_at', 'updated_at'],
  },
  team: {
    nonPersonal: ['id', 'district_id', 'name', 'version', 'created_at', 'updated_at'],
  },
  user_team: {
    personal: {
      user_id: 'staff.pseudonymous',
    },
    nonPersonal: ['team_id', 'district_id'],
  },
  // secret signs the notifications, so it is stored readable (decision 0023): a secret, not personal data.
  webhook: {
    personal: {
      created_by: 'staff.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'name', 'url', 'secret', 'events', 'active', 'created_at', 'version'],
  },
  webhook_attempt: {
    nonPersonal: ['id', 'district_id', 'delivery_id', 'attempted_at', 'status_code', 'error', 'duration_ms'],
  },
  webhook_delivery: {
    nonPersonal: [
      'id',
      'district_id',
      'webhook_id',
      'event_id',
      'status',
      'attempts',
      'next_attempt_at',
      'delivered_at',
      'created_at',
    ],
  },
  // The payload carries ids and status only (decision 0023), ids that point at cases and persons.
  webhook_event: {
    personal: {
      payload: 'client.pseudonymous',
    },
    nonPersonal: ['id', 'district_id', 'event_type', 'occurred_at'],
  },
} as const satisfies Record<string, TableClassification>

export type ClassifiedTable = keyof typeof classification

/** The personal columns of a table, optionally of one subject and categories. */
export function personalColumns(
  table: string,
  filter: { subject?: DataSubject; categories?: readonly DataCategory[] } = {},
): string[] {
  const entry: TableClassification | undefined = (classification as Record<string, TableClassification>)[
    table
  ]
  if (!entry?.personal) return []
  return Object.entries(entry.personal)
    .filter(([, tag]) => {
      const [subject, category] = tag.split('.') as [DataSubject, DataCategory]
      return (
        (!filter.subject || subject === filter.subject) &&
        (!filter.categories || filter.categories.includes(category))
      )
    })
    .map(([column]) => column)
}

/** Tables that hold data about clients: what an erasure or a disclosure has to consider. */
export function clientTables(): string[] {
  return Object.keys(classification).filter(
    (table) => personalColumns(table, { subject: 'client' }).length > 0,
  )
}
