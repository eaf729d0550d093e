-- Steering (issue 11, part 4): structural obstacles (Systemrückmeldung).
--
-- A case manager raises an obstacle from a case: a life domain, the organisations concerned,
-- a title and a description that hold no personal data (the service refuses names of persons of
-- the district and full dates). The cases it was seen in are its evidence: the case it was
-- raised from, and every other case where somebody added "seen in another case", once per case.
-- The case links are shown only to those who may read the case; everybody else sees their count.
--
-- Status: new -> triaged -> assigned (to a working group) -> measure_agreed -> resolved, with
-- rejected reachable from every open status. Each step is kept with its note in the history.

CREATE TABLE obstacle (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  domain text NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 5000),
  status text NOT NULL DEFAULT 'new'
    CHECK (status IN ('new', 'triaged', 'assigned', 'measure_agreed', 'resolved', 'rejected')),
  -- The working group the obstacle is assigned to, from 'assigned' on.
  working_group_id uuid REFERENCES steering_body (id),
  raised_by uuid NOT NULL REFERENCES app_user (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX obstacle_district_idx ON obstacle (district_id, status);

CREATE TABLE obstacle_organisation (
  district_id uuid NOT NULL REFERENCES district (id),
  obstacle_id uuid NOT NULL REFERENCES obstacle (id),
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  PRIMARY KEY (obstacle_id, organisation_id)
);
CREATE INDEX obstacle_organisation_district_idx ON obstacle_organisation (district_id, organisation_id);

CREATE TABLE obstacle_evidence (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  obstacle_id uuid NOT NULL REFERENCES obstacle (id),
  case_id uuid NOT NULL REFERENCES client_case (id),
  -- The case the obstacle was raised from; the others were "seen in another case".
  raised boolean NOT NULL DEFAULT false,
  added_by uuid NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- A case is evidence of an obstacle once.
  UNIQUE (obstacle_id, case_id)
);
CREATE INDEX obstacle_evidence_case_idx ON obstacle_evidence (case_id);
CREATE INDEX obstacle_evidence_district_idx ON obstacle_evidence (district_id);

CREATE TABLE obstacle_status_change (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  obstacle_id uuid NOT NULL REFERENCES obstacle (id),
  from_status text,
  to_status text NOT NULL,
  working_group_id uuid REFERENCES steering_body (id),
  note text NOT NULL DEFAULT '',
  changed_by uuid NOT NULL REFERENCES app_user (id),
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX obstacle_status_change_obstacle_idx ON obstacle_status_change (obstacle_id, changed_at);
CREATE INDEX obstacle_status_change_district_idx ON obstacle_status_change (district_id);

-- An agenda item (TOP) may be about an obstacle pulled into the meeting from the board, once
-- per meeting.
ALTER TABLE agenda_item ADD COLUMN obstacle_id uuid REFERENCES obstacle (id);
CREATE UNIQUE INDEX agenda_item_obstacle_idx ON agenda_item (obstacle_id, meeting_id)
  WHERE obstacle_id IS NOT NULL;

SELECT lotse_isolate_tenant_table(t) FROM unnest(ARRAY[
  'obstacle', 'obstacle_organisation', 'obstacle_evidence', 'obstacle_status_change'
]::regclass[]) AS t;
