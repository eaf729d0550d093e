-- Issue 10, items 3, 5 and 6: the consent ledger (Einwilligung, Schweigepflichtentbindung), the
-- referrals that rest on it, and what a partner organisation sees of them.

-- A person's phone and e-mail, so that a referral can share how to reach them (validated at the edge).
ALTER TABLE person ADD COLUMN phone text, ADD COLUMN email text;

-- One consent of one person: to whom (organisations), what for (purposes, common/consent.ts),
-- which kinds of data, on which legal basis and in which form, with the text version the person
-- signed. Valid from valid_from to valid_until inclusive, in the district's days, until revoked.
CREATE TABLE consent (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  person_id uuid NOT NULL REFERENCES person (id),
  recipient_organisation_ids uuid[] NOT NULL CHECK (cardinality(recipient_organisation_ids) BETWEEN 1 AND 50),
  purposes text[] NOT NULL CHECK (cardinality(purposes) >= 1),
  data_categories text[] NOT NULL CHECK (cardinality(data_categories) >= 1),
  legal_basis text NOT NULL,
  form text NOT NULL CHECK (form IN ('written', 'electronic')),
  text_version text NOT NULL,
  form_language text,
  valid_from date NOT NULL,
  valid_until date NOT NULL,
  note text NOT NULL DEFAULT '',
  recorded_by uuid NOT NULL REFERENCES app_user (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  -- Revocation is one step: from this day on (inclusive) the consent allows nothing.
  revoked_on date,
  revoked_at timestamptz,
  revoked_by uuid REFERENCES app_user (id),
  revocation_note text,
  version integer NOT NULL DEFAULT 1,
  CHECK (valid_until >= valid_from),
  CHECK ((revoked_on IS NULL) = (revoked_by IS NULL) AND (revoked_on IS NULL) = (revoked_at IS NULL))
);
CREATE INDEX consent_person_idx ON consent (person_id, valid_until);

-- The signed form, kept apart from the ledger so that listing consents never reads the files.
CREATE TABLE consent_form_file (
  consent_id uuid PRIMARY KEY REFERENCES consent (id),
  district_id uuid NOT NULL REFERENCES district (id),
  file_name text NOT NULL,
  media_type text NOT NULL,
  size_bytes integer NOT NULL,
  sha256 text NOT NULL,
  content bytea NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES app_user (id),
  uploaded_at timestamptz NOT NULL DEFAULT now()
);

-- A referral from a case to a partner organisation, about one person of the case. It shares the
-- listed fields only while the consent it rests on is valid; without a consent it needs a stated
-- legal basis and reason, and is flagged for the data protection officer.
CREATE TABLE referral (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  case_id uuid NOT NULL REFERENCES client_case (id),
  person_id uuid NOT NULL REFERENCES person (id),
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  measure_id uuid REFERENCES measure (id),
  consent_id uuid REFERENCES consent (id),
  purpose text NOT NULL,
  shared_fields text[] NOT NULL,
  message text NOT NULL DEFAULT '',
  due_on date NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'sent', 'accepted', 'declined', 'completed', 'cancelled')),
  override_legal_basis text,
  override_reason text,
  -- The day by which the partner means to be done, set when accepting.
  complete_by date,
  feedback text,
  created_by uuid NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  answered_at timestamptz,
  answered_by uuid REFERENCES app_user (id),
  closed_at timestamptz,
  closed_by uuid REFERENCES app_user (id),
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((consent_id IS NULL) = (override_legal_basis IS NOT NULL)),
  CHECK ((override_legal_basis IS NULL) = (override_reason IS NULL))
);
-- The partner inbox: an organisation's referrals that have left the drafts, by due day.
CREATE INDEX referral_inbox_idx ON referral (organisation_id, due_on) WHERE status <> 'draft';
CREATE INDEX referral_case_idx ON referral (case_id);
CREATE INDEX referral_consent_idx ON referral (consent_id);
CREATE INDEX referral_follow_up_idx ON referral (due_on) WHERE status IN ('sent', 'accepted');

-- Each step of a referral with who and when, for the case timeline.
CREATE TABLE referral_status_change (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  referral_id uuid NOT NULL REFERENCES referral (id),
  from_status text,
  to_status text NOT NULL,
  note text NOT NULL DEFAULT '',
  changed_by uuid NOT NULL REFERENCES app_user (id),
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX referral_status_change_referral_idx ON referral_status_change (referral_id);

-- Follow-up tasks of unanswered or overdue referrals are case work's tasks with a source of their own.
ALTER TABLE task DROP CONSTRAINT task_source_check;
ALTER TABLE task ADD CONSTRAINT task_source_check
  CHECK (source IN ('manual', 'residence-expiry', 'referral-follow-up'));

SELECT lotse_isolate_tenant_table(t) FROM unnest(ARRAY[
  'consent', 'consent_form_file', 'referral', 'referral_status_change'
]::regclass[]) AS t;
