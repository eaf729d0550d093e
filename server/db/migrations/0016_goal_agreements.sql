-- Steering (issue 11, part 3): goal agreements (Zielvereinbarungen) with their indicators.
--
-- An agreement names its parties (organisations of the district), a goal statement, a period,
-- optionally the decision of a steering body that agreed it, and the organisation responsible.
-- An indicator has a unit, a baseline, a target and a direction; it is either entered by hand
-- (its values below) or computed on read from case work and the network by a metric of the
-- documented catalogue (docs/decisions/0012-goal-indicators.md), so computed values are never
-- stored here.

CREATE TABLE goal_agreement (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  goal_statement text NOT NULL CHECK (length(goal_statement) BETWEEN 1 AND 5000),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  -- A period of at least two days, so that the share of it that has passed is defined.
  CHECK (starts_on < ends_on),
  decision_id uuid REFERENCES steering_decision (id),
  responsible_organisation_id uuid REFERENCES organisation (id),
  created_by uuid NOT NULL REFERENCES app_user (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX goal_agreement_district_idx ON goal_agreement (district_id, starts_on);

CREATE TABLE goal_agreement_party (
  district_id uuid NOT NULL REFERENCES district (id),
  agreement_id uuid NOT NULL REFERENCES goal_agreement (id),
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  PRIMARY KEY (agreement_id, organisation_id)
);
CREATE INDEX goal_agreement_party_district_idx ON goal_agreement_party (district_id);

CREATE TABLE goal_indicator (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  agreement_id uuid NOT NULL REFERENCES goal_agreement (id),
  position integer NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  unit text NOT NULL CHECK (unit IN ('count', 'percent', 'days', 'euro')),
  baseline double precision NOT NULL,
  target double precision NOT NULL,
  direction text NOT NULL CHECK (direction IN ('increase', 'decrease')),
  CHECK ((direction = 'increase' AND target > baseline) OR (direction = 'decrease' AND target < baseline)),
  source text NOT NULL CHECK (source IN ('manual', 'computed')),
  -- The catalogue's key and its parameters; only for computed indicators.
  metric text,
  parameters jsonb NOT NULL DEFAULT '{}',
  CHECK ((source = 'computed') = (metric IS NOT NULL)),
  created_by uuid NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agreement_id, position)
);
CREATE INDEX goal_indicator_district_idx ON goal_indicator (district_id);

CREATE TABLE goal_indicator_value (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  indicator_id uuid NOT NULL REFERENCES goal_indicator (id),
  measured_on date NOT NULL,
  value double precision NOT NULL,
  note text NOT NULL DEFAULT '',
  recorded_by uuid NOT NULL REFERENCES app_user (id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX goal_indicator_value_indicator_idx ON goal_indicator_value (indicator_id, measured_on);
CREATE INDEX goal_indicator_value_district_idx ON goal_indicator_value (district_id);

SELECT lotse_isolate_tenant_table(t) FROM unnest(ARRAY[
  'goal_agreement', 'goal_agreement_party', 'goal_indicator', 'goal_indicator_value'
]::regclass[]) AS t;
