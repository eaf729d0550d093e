-- Issue 10, items 7 and 8: legal-sphere changes (Rechtskreiswechsel) with their hand-over
-- checklist, and case conferences (Fall- und Planungskonferenzen). Both belong to the network
-- module; the tasks they create are case work's tasks with a source of their own.

CREATE TABLE legal_sphere_change (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  person_id uuid NOT NULL REFERENCES person (id),
  -- The case the change was recorded in: its hand-over tasks are linked to it.
  case_id uuid REFERENCES client_case (id),
  from_sphere text NOT NULL,
  to_sphere text NOT NULL,
  effective_on date NOT NULL,
  reason text NOT NULL,
  note text NOT NULL DEFAULT '',
  -- When the person's current legal sphere was set to to_sphere; NULL while the change lies ahead.
  applied_at timestamptz,
  recorded_by uuid NOT NULL REFERENCES app_user (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (from_sphere <> to_sphere)
);
CREATE INDEX legal_sphere_change_person_idx ON legal_sphere_change (person_id, effective_on);
CREATE INDEX legal_sphere_change_district_day_idx ON legal_sphere_change (district_id, effective_on);

-- One row per step of the hand-over; each made a task. done_on is the day the step happened
-- (for the Jobcenter appointment: the day of the appointment).
CREATE TABLE legal_sphere_handover_step (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  change_id uuid NOT NULL REFERENCES legal_sphere_change (id),
  step text NOT NULL,
  task_id uuid REFERENCES task (id),
  due_on date NOT NULL,
  done_on date,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (change_id, step)
);

CREATE TABLE case_conference (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  case_id uuid NOT NULL REFERENCES client_case (id),
  kind text NOT NULL,
  held_on date NOT NULL,
  -- Drafted by the app from the case's facts, without names or identifiers; editable before saving.
  summary text NOT NULL DEFAULT '',
  -- Who attended for the KIM office.
  staff text NOT NULL DEFAULT '',
  outcomes text NOT NULL DEFAULT '',
  recorded_by uuid NOT NULL REFERENCES app_user (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_conference_case_idx ON case_conference (case_id, held_on);
CREATE INDEX case_conference_district_day_idx ON case_conference (district_id, held_on);

-- Who took part: an organisation, the consents that allowed it (one per person of the case) and
-- the people who attended for it.
CREATE TABLE case_conference_participant (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  conference_id uuid NOT NULL REFERENCES case_conference (id),
  organisation_id uuid REFERENCES organisation (id),
  consent_ids uuid[] NOT NULL DEFAULT '{}',
  people text NOT NULL DEFAULT '',
  UNIQUE (conference_id, organisation_id)
);
CREATE INDEX case_conference_participant_conference_idx ON case_conference_participant (conference_id);

CREATE TABLE case_conference_action (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  conference_id uuid NOT NULL REFERENCES case_conference (id),
  description text NOT NULL,
  assignee_id uuid NOT NULL REFERENCES app_user (id),
  due_on date NOT NULL,
  task_id uuid REFERENCES task (id)
);
CREATE INDEX case_conference_action_conference_idx ON case_conference_action (conference_id);

-- Tasks from the hand-over checklist and from a conference's agreed actions have sources of their
-- own. The list keeps 0011's referral follow-ups.
ALTER TABLE task DROP CONSTRAINT task_source_check;
ALTER TABLE task ADD CONSTRAINT task_source_check CHECK (source IN (
  'manual', 'residence-expiry', 'referral-follow-up', 'legal-sphere-handover', 'case-conference'
));

SELECT lotse_isolate_tenant_table(t) FROM unnest(ARRAY[
  'legal_sphere_change', 'legal_sphere_handover_step', 'case_conference',
  'case_conference_participant', 'case_conference_action'
]::regclass[]) AS t;
