-- Steering (issue 11, parts 1 and 2): bodies (Gremien) with their seats and members, meetings
-- with agenda, attendance, minutes, numbered decisions and action items.
--
-- A body is the steering group, a working group (with topic, mandate, period and a parent body),
-- the circle of integration councils and migrant organisations, the committee or a planning
-- conference. Its seats are what the body should have (the steering group's seats as the
-- committee minutes name them); a membership fills a seat, or sits without one (guests).
-- Minutes are approved once and then frozen: what changes afterwards is an amendment.

CREATE TABLE steering_body (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  kind text NOT NULL CHECK (kind IN (
    'steering_group', 'working_group', 'councils_circle', 'committee', 'planning_conference')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  topic text NOT NULL DEFAULT '',
  mandate text NOT NULL DEFAULT '',
  starts_on date,
  ends_on date,
  CHECK (starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on),
  parent_body_id uuid REFERENCES steering_body (id),
  -- How many voting members must be present; NULL: more than half of them.
  quorum integer CHECK (quorum IS NULL OR quorum BETWEEN 1 AND 1000),
  created_by uuid NOT NULL REFERENCES app_user (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (district_id, name)
);
CREATE INDEX steering_body_district_idx ON steering_body (district_id, kind);

CREATE TABLE body_seat (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  body_id uuid NOT NULL REFERENCES steering_body (id),
  position integer NOT NULL,
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  -- The kind of organisation expected on the seat (identity's organisation kinds), if any.
  organisation_kind text,
  UNIQUE (body_id, position)
);
CREATE INDEX body_seat_district_idx ON body_seat (district_id);

CREATE TABLE body_membership (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  body_id uuid NOT NULL REFERENCES steering_body (id),
  seat_id uuid REFERENCES body_seat (id),
  organisation_id uuid REFERENCES organisation (id),
  representative text NOT NULL CHECK (length(representative) BETWEEN 1 AND 200),
  deputy text NOT NULL DEFAULT '',
  role text NOT NULL CHECK (role IN ('chair', 'member', 'guest')),
  from_on date NOT NULL,
  until_on date,
  CHECK (until_on IS NULL OR from_on <= until_on),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX body_membership_body_idx ON body_membership (body_id);
CREATE INDEX body_membership_district_idx ON body_membership (district_id);

CREATE TABLE meeting (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  body_id uuid NOT NULL REFERENCES steering_body (id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  CHECK (starts_at < ends_at),
  place text NOT NULL DEFAULT '',
  video_url text NOT NULL DEFAULT '',
  minutes text NOT NULL DEFAULT '',
  approved_at timestamptz,
  approved_by uuid REFERENCES app_user (id),
  -- Counts every change the invitation shows (iCalendar SEQUENCE), so calendars take the update.
  invitation_sequence integer NOT NULL DEFAULT 0,
  created_by uuid NOT NULL REFERENCES app_user (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meeting_body_idx ON meeting (body_id, starts_at);
CREATE INDEX meeting_district_idx ON meeting (district_id, starts_at);

CREATE TABLE agenda_item (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  meeting_id uuid NOT NULL REFERENCES meeting (id),
  position integer NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  description text NOT NULL DEFAULT '',
  UNIQUE (meeting_id, position)
);
CREATE INDEX agenda_item_district_idx ON agenda_item (district_id);

CREATE TABLE meeting_attendance (
  district_id uuid NOT NULL REFERENCES district (id),
  meeting_id uuid NOT NULL REFERENCES meeting (id),
  membership_id uuid NOT NULL REFERENCES body_membership (id),
  status text NOT NULL CHECK (status IN ('present', 'excused', 'absent')),
  PRIMARY KEY (meeting_id, membership_id)
);
CREATE INDEX meeting_attendance_district_idx ON meeting_attendance (district_id);

CREATE TABLE steering_decision (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  body_id uuid NOT NULL REFERENCES steering_body (id),
  meeting_id uuid NOT NULL REFERENCES meeting (id),
  agenda_item_id uuid REFERENCES agenda_item (id),
  number text NOT NULL CHECK (length(number) BETWEEN 1 AND 30),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
  votes_for integer CHECK (votes_for >= 0),
  votes_against integer CHECK (votes_against >= 0),
  abstentions integer CHECK (abstentions >= 0),
  created_by uuid NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- A number names one decision of a body, for good.
  UNIQUE (body_id, number)
);
CREATE INDEX steering_decision_district_idx ON steering_decision (district_id, created_at);
CREATE INDEX steering_decision_meeting_idx ON steering_decision (meeting_id);

CREATE TABLE action_item (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  meeting_id uuid NOT NULL REFERENCES meeting (id),
  decision_id uuid REFERENCES steering_decision (id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  owner_id uuid NOT NULL REFERENCES app_user (id),
  organisation_id uuid REFERENCES organisation (id),
  due_on date NOT NULL,
  created_by uuid NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX action_item_meeting_idx ON action_item (meeting_id);
CREATE INDEX action_item_district_idx ON action_item (district_id);

CREATE TABLE minutes_amendment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  meeting_id uuid NOT NULL REFERENCES meeting (id),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
  created_by uuid NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX minutes_amendment_meeting_idx ON minutes_amendment (meeting_id);

-- Action items become case work's tasks (reminders for their owner), with a source of their own.
ALTER TABLE task DROP CONSTRAINT task_source_check;
ALTER TABLE task ADD CONSTRAINT task_source_check
  CHECK (source IN ('manual', 'residence-expiry', 'referral-follow-up', 'legal-sphere-handover',
    'case-conference', 'meeting-action'));

SELECT lotse_isolate_tenant_table(t) FROM unnest(ARRAY[
  'steering_body', 'body_seat', 'body_membership', 'meeting', 'agenda_item', 'meeting_attendance',
  'steering_decision', 'action_item', 'minutes_amendment'
]::regclass[]) AS t;
