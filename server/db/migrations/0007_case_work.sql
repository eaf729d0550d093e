-- Case work (Baustein 2): persons, cases through the DGCC phases, assessments, plans,
-- counselling contacts, short consultations, tasks and documents. Every table carries the
-- district and is isolated by row-level security like the tables before it.

CREATE TABLE person (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  family_name text NOT NULL,
  given_names text NOT NULL,
  birth_name text,
  other_spellings text[] NOT NULL DEFAULT '{}',
  -- Phonetic codes of every name part, for a search by a single word in any spelling.
  name_codes text[] NOT NULL DEFAULT '{}',
  name_in_original_script text,
  -- ISO 8601, full or partial (1988-03-14, 1988-03, 1988); the range makes it searchable.
  birth_date text NOT NULL CHECK (birth_date ~ '^\d{4}(-\d{2}(-\d{2})?)?$'),
  birth_date_earliest date NOT NULL,
  birth_date_latest date NOT NULL,
  birth_date_placeholder boolean NOT NULL DEFAULT false,
  sex text NOT NULL CHECK (sex IN ('female', 'male', 'diverse', 'unknown')),
  nationalities text[] NOT NULL DEFAULT '{}',
  languages jsonb NOT NULL DEFAULT '[]',
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  address_street text NOT NULL DEFAULT '',
  address_postcode text NOT NULL DEFAULT '',
  address_city text NOT NULL DEFAULT '',
  arrival_date date,
  legal_sphere text NOT NULL DEFAULT 'none'
    CHECK (legal_sphere IN ('AsylbLG', 'SGB II', 'SGB III', 'SGB XII', 'none')),
  -- The team that registered the person: who to ask about a match before any case exists.
  registered_by uuid NOT NULL REFERENCES app_user (id),
  registered_team_id uuid REFERENCES team (id),
  -- A merged duplicate stays for the history, pointing at the survivor; it is never listed.
  merged_into uuid REFERENCES person (id),
  merged_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_district_idx ON person (district_id) WHERE merged_into IS NULL;
CREATE INDEX person_name_codes_idx ON person USING gin (name_codes);

-- Transliteration-folded keys of each person's names; the matcher finds candidates through them.
CREATE TABLE person_match_key (
  district_id uuid NOT NULL REFERENCES district (id),
  key text NOT NULL,
  person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  PRIMARY KEY (district_id, key, person_id)
);
CREATE INDEX person_match_key_person_idx ON person_match_key (person_id);

CREATE TABLE residence_status (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  person_id uuid NOT NULL REFERENCES person (id),
  status text NOT NULL,
  legal_paragraph text NOT NULL DEFAULT '',
  valid_from date,
  valid_until date,
  recorded_by uuid NOT NULL REFERENCES app_user (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from)
);
CREATE INDEX residence_status_person_idx ON residence_status (person_id);
CREATE INDEX residence_status_expiry_idx ON residence_status (district_id, valid_until);

CREATE TABLE household_relation (
  district_id uuid NOT NULL REFERENCES district (id),
  person_id uuid NOT NULL REFERENCES person (id),
  related_person_id uuid NOT NULL REFERENCES person (id),
  relation text NOT NULL CHECK (relation IN ('partner', 'child', 'parent', 'sibling', 'other')),
  PRIMARY KEY (person_id, related_person_id),
  CHECK (person_id <> related_person_id)
);
CREATE INDEX household_relation_related_idx ON household_relation (related_person_id);

CREATE TABLE client_case (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  reference text NOT NULL,
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  team_id uuid REFERENCES team (id),
  phase text NOT NULL DEFAULT 'intake'
    CHECK (phase IN ('intake', 'assessment', 'planning', 'implementation', 'evaluation', 'closed')),
  opened_on date NOT NULL,
  closed_on date,
  closing_reason text,
  last_contact_at timestamptz,
  -- The first person's name, kept with the case so that sorting a long list by name needs no join.
  sort_name text NOT NULL DEFAULT '',
  created_by uuid NOT NULL REFERENCES app_user (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (district_id, reference),
  CHECK ((phase = 'closed') = (closed_on IS NOT NULL))
);
CREATE INDEX client_case_team_idx ON client_case (district_id, team_id, phase);
CREATE INDEX client_case_contact_idx ON client_case (district_id, last_contact_at DESC NULLS LAST);
CREATE INDEX client_case_sort_name_idx ON client_case (district_id, sort_name);
-- A team's list sorted by last contact, the default view of a team lead.
CREATE INDEX client_case_team_contact_idx
  ON client_case (district_id, team_id, last_contact_at DESC NULLS LAST, reference DESC);

CREATE TABLE case_counter (
  district_id uuid NOT NULL REFERENCES district (id),
  year integer NOT NULL,
  last_number integer NOT NULL,
  PRIMARY KEY (district_id, year)
);

CREATE TABLE case_person (
  case_id uuid NOT NULL REFERENCES client_case (id),
  person_id uuid NOT NULL REFERENCES person (id),
  district_id uuid NOT NULL REFERENCES district (id),
  PRIMARY KEY (case_id, person_id)
);
CREATE INDEX case_person_person_idx ON case_person (person_id);

CREATE TABLE case_manager (
  case_id uuid NOT NULL REFERENCES client_case (id),
  user_id uuid NOT NULL REFERENCES app_user (id),
  district_id uuid NOT NULL REFERENCES district (id),
  PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_manager_user_idx ON case_manager (user_id);

CREATE TABLE case_phase_change (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  case_id uuid NOT NULL REFERENCES client_case (id),
  from_phase text,
  to_phase text NOT NULL,
  reason text,
  note text NOT NULL DEFAULT '',
  changed_by uuid NOT NULL REFERENCES app_user (id),
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_phase_change_case_idx ON case_phase_change (case_id);

CREATE TABLE assessment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  case_id uuid NOT NULL REFERENCES client_case (id),
  assessed_on date NOT NULL,
  created_by uuid NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assessment_case_idx ON assessment (case_id);

CREATE TABLE assessment_entry (
  assessment_id uuid NOT NULL REFERENCES assessment (id),
  district_id uuid NOT NULL REFERENCES district (id),
  domain text NOT NULL,
  need_level smallint NOT NULL CHECK (need_level BETWEEN 0 AND 3),
  resources text NOT NULL DEFAULT '',
  note text NOT NULL DEFAULT '',
  PRIMARY KEY (assessment_id, domain)
);

CREATE TABLE goal (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  case_id uuid NOT NULL REFERENCES client_case (id),
  domain text NOT NULL,
  statement text NOT NULL,
  indicator text NOT NULL DEFAULT '',
  target_date date,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in-progress', 'achieved', 'dropped')),
  outcome text CHECK (outcome IN ('reached', 'partly', 'not-reached', 'dropped')),
  created_by uuid NOT NULL REFERENCES app_user (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX goal_case_idx ON goal (case_id);

CREATE TABLE measure (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  case_id uuid NOT NULL REFERENCES client_case (id),
  goal_id uuid REFERENCES goal (id),
  description text NOT NULL,
  owner text NOT NULL CHECK (owner IN ('client', 'case-manager', 'partner')),
  organisation_id uuid REFERENCES organisation (id),
  due_on date,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in-progress', 'done', 'cancelled')),
  created_by uuid NOT NULL REFERENCES app_user (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((owner = 'partner') = (organisation_id IS NOT NULL))
);
CREATE INDEX measure_case_idx ON measure (case_id);

CREATE TABLE contact (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  case_id uuid NOT NULL REFERENCES client_case (id),
  occurred_at timestamptz NOT NULL,
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 600),
  channel text NOT NULL,
  participant_person_ids uuid[] NOT NULL DEFAULT '{}',
  other_participants text NOT NULL DEFAULT '',
  language text NOT NULL,
  interpreter_used boolean NOT NULL DEFAULT false,
  interpreter_language text,
  domains text[] NOT NULL,
  note text NOT NULL DEFAULT '',
  created_by uuid NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contact_case_idx ON contact (case_id, occurred_at);
CREATE INDEX contact_district_time_idx ON contact (district_id, occurred_at);

-- Counted without a case and without personal data.
CREATE TABLE short_consultation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  occurred_on date NOT NULL,
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  domains text[] NOT NULL,
  language text NOT NULL,
  channel text NOT NULL,
  recorded_by uuid NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX short_consultation_time_idx ON short_consultation (district_id, occurred_on);

CREATE TABLE task (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  title text NOT NULL,
  due_on date NOT NULL,
  assignee_id uuid NOT NULL REFERENCES app_user (id),
  case_id uuid REFERENCES client_case (id),
  person_id uuid REFERENCES person (id),
  source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'residence-expiry')),
  -- For automatic tasks: what they were made for, so the job never makes the same one twice.
  source_key text,
  done_at timestamptz,
  created_by uuid REFERENCES app_user (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (district_id, source_key)
);
CREATE INDEX task_assignee_idx ON task (assignee_id, due_on) WHERE done_at IS NULL;
CREATE INDEX task_case_idx ON task (case_id);

CREATE TABLE case_document (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  case_id uuid NOT NULL REFERENCES client_case (id),
  file_name text NOT NULL,
  media_type text NOT NULL,
  size_bytes integer NOT NULL,
  sha256 text NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES app_user (id),
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_document_case_idx ON case_document (case_id);

-- The content apart from the metadata, so listing documents never reads the files.
CREATE TABLE case_document_content (
  document_id uuid PRIMARY KEY REFERENCES case_document (id),
  district_id uuid NOT NULL REFERENCES district (id),
  content bytea NOT NULL
);

CREATE TABLE saved_case_view (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  name text NOT NULL,
  filters jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, name)
);

CREATE TABLE case_work_setting (
  district_id uuid PRIMARY KEY REFERENCES district (id),
  team_cases_visible boolean NOT NULL DEFAULT true,
  residence_expiry_lead_days integer NOT NULL DEFAULT 90 CHECK (residence_expiry_lead_days BETWEEN 7 AND 365),
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

SELECT lotse_isolate_tenant_table(t) FROM unnest(ARRAY[
  'person', 'person_match_key', 'residence_status', 'household_relation', 'client_case',
  'case_counter', 'case_person', 'case_manager', 'case_phase_change', 'assessment',
  'assessment_entry', 'goal', 'measure', 'contact', 'short_consultation', 'task',
  'case_document', 'case_document_content', 'saved_case_view', 'case_work_setting'
]::regclass[]) AS t;
