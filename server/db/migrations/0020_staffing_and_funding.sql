-- Staffing and funding (issue 12): the KIM positions (Stellen) by Baustein, the staff on them
-- with their fixed-term contracts and the history of every change, planned departures, and the
-- two dated tables the budget is computed from: the state programme's funding rates and the
-- annual cost of a full-time position per pay grade (TVöD).
--
-- Staff data is personal data of employees: only a name, and optionally the user account.

CREATE TABLE staff_position (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  -- 1 coordination, 1 administrative assistance, 2 case management, 3 immigration and
  -- naturalisation office.
  baustein text NOT NULL CHECK (baustein IN (
    'coordination', 'administrative-assistance', 'case-management', 'immigration-office')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  fte numeric(5, 3) NOT NULL CHECK (fte > 0 AND fte <= 10),
  employer_kind text NOT NULL CHECK (employer_kind IN ('district', 'municipality', 'welfare-association')),
  -- The employing organisation when it is not the district (funds passed on: Weiterleitung).
  employer_organisation_id uuid REFERENCES organisation (id),
  municipality_id uuid REFERENCES municipality (id),
  area text NOT NULL DEFAULT '',
  pay_grade text NOT NULL DEFAULT '' CHECK (length(pay_grade) <= 30),
  funding_programme text NOT NULL DEFAULT '' CHECK (length(funding_programme) <= 200),
  funded_from date,
  funded_until date,
  CHECK (funded_from IS NULL OR funded_until IS NULL OR funded_from <= funded_until),
  -- A newly set-up workplace earns the programme's one-off amount in the year of this day.
  workplace_set_up_on date,
  in_recruitment boolean NOT NULL DEFAULT false,
  created_by uuid NOT NULL REFERENCES app_user (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX staff_position_district_idx ON staff_position (district_id, baustein);

CREATE TABLE funding_rate (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  baustein text NOT NULL CHECK (baustein IN (
    'coordination', 'administrative-assistance', 'case-management', 'immigration-office')),
  -- per-fte-year: `amount` a year for `fte_basis` FTE (22,500 EUR per 0.5 FTE);
  -- workplace-once: `amount` once per newly set-up workplace.
  kind text NOT NULL CHECK (kind IN ('per-fte-year', 'workplace-once')),
  amount numeric(12, 2) NOT NULL CHECK (amount >= 0),
  fte_basis numeric(5, 3) NOT NULL DEFAULT 1 CHECK (fte_basis > 0 AND fte_basis <= 10),
  valid_from date NOT NULL,
  valid_until date NOT NULL,
  CHECK (valid_from <= valid_until),
  programme text NOT NULL DEFAULT '' CHECK (length(programme) <= 200),
  created_by uuid NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX funding_rate_district_idx ON funding_rate (district_id, baustein, valid_from);

CREATE TABLE pay_grade_cost (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  pay_grade text NOT NULL CHECK (length(pay_grade) BETWEEN 1 AND 30),
  -- Employer's annual cost of one full-time position, with social contributions.
  annual_cost numeric(12, 2) NOT NULL CHECK (annual_cost >= 0),
  valid_from date NOT NULL,
  valid_until date,
  CHECK (valid_until IS NULL OR valid_from <= valid_until),
  created_by uuid NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pay_grade_cost_district_idx ON pay_grade_cost (district_id, pay_grade, valid_from);

CREATE TABLE staff_member (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  family_name text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 200),
  given_names text NOT NULL DEFAULT '' CHECK (length(given_names) <= 200),
  user_id uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (district_id, user_id)
);
CREATE INDEX staff_member_district_idx ON staff_member (district_id);

CREATE TABLE staff_contract (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  position_id uuid NOT NULL REFERENCES staff_position (id),
  -- NULL: entered before the person is named (N. N.).
  staff_member_id uuid REFERENCES staff_member (id),
  fte numeric(4, 3) NOT NULL CHECK (fte > 0 AND fte <= 1),
  starts_on date NOT NULL,
  ends_on date,
  CHECK (ends_on IS NULL OR starts_on <= ends_on),
  fixed_term_reason text NOT NULL DEFAULT '' CHECK (length(fixed_term_reason) <= 300),
  created_by uuid NOT NULL REFERENCES app_user (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX staff_contract_position_idx ON staff_contract (position_id, starts_on);
CREATE INDEX staff_contract_district_idx ON staff_contract (district_id, ends_on);

-- Every state a contract had, version by version (an extension keeps the old end visible).
CREATE TABLE staff_contract_version (
  district_id uuid NOT NULL REFERENCES district (id),
  contract_id uuid NOT NULL REFERENCES staff_contract (id),
  version integer NOT NULL,
  fte numeric(4, 3) NOT NULL,
  starts_on date NOT NULL,
  ends_on date,
  fixed_term_reason text NOT NULL,
  changed_by uuid NOT NULL REFERENCES app_user (id),
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (contract_id, version)
);
CREATE INDEX staff_contract_version_district_idx ON staff_contract_version (district_id);

-- Someone has given notice or announced leaving before the contract ends.
CREATE TABLE planned_departure (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  contract_id uuid NOT NULL REFERENCES staff_contract (id) UNIQUE,
  leaves_on date NOT NULL,
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  created_by uuid NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX planned_departure_district_idx ON planned_departure (district_id);

SELECT lotse_isolate_tenant_table(t) FROM unnest(ARRAY[
  'staff_position', 'funding_rate', 'pay_grade_cost', 'staff_member', 'staff_contract',
  'staff_contract_version', 'planned_departure'
]::regclass[]) AS t;
