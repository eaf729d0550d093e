-- Retention and erasure (issue 14, items 1-3; decision 0018).
--
-- Retention rules are the district's, one per kind of record; the defaults live in the code
-- (privacy/retention/defaults.ts) until the district saves its own. A legal hold stops both the
-- retention run and erasure on request for the persons of a held case. The erasure ledger holds no
-- personal data (a hash of the record's id, its kind, the day and the rule) and deliberately has
-- no foreign key to the district: it must outlive the district's rows, so that a restore from a
-- backup made before an erasure can be followed by replaying it. The run table is the daily
-- job's lease: each node takes a district's row with FOR UPDATE SKIP LOCKED, so two nodes never
-- work on one district at once and a district is done once per district day.

CREATE TABLE retention_rule (
  district_id uuid NOT NULL REFERENCES district (id),
  record_kind text NOT NULL CHECK (record_kind IN ('closed-case', 'unattached-person')),
  start_event text NOT NULL CHECK (start_event IN ('case-closed', 'last-activity', 'registered')),
  period_months integer NOT NULL CHECK (period_months BETWEEN 1 AND 1200),
  action text NOT NULL CHECK (action IN ('delete', 'anonymise')),
  version integer NOT NULL DEFAULT 1,
  updated_by uuid REFERENCES app_user (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_id, record_kind)
);

CREATE TABLE legal_hold (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  case_id uuid NOT NULL REFERENCES client_case (id),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  set_by uuid NOT NULL REFERENCES app_user (id),
  set_at timestamptz NOT NULL DEFAULT now(),
  lifted_by uuid REFERENCES app_user (id),
  lifted_at timestamptz,
  lift_reason text CHECK (length(lift_reason) BETWEEN 1 AND 2000),
  CHECK ((lifted_at IS NULL) = (lifted_by IS NULL) AND (lifted_at IS NULL) = (lift_reason IS NULL))
);
-- At most one active hold per case.
CREATE UNIQUE INDEX legal_hold_active_idx ON legal_hold (case_id) WHERE lifted_at IS NULL;
CREATE INDEX legal_hold_district_idx ON legal_hold (district_id, set_at);

CREATE TABLE erasure_ledger (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  district_id uuid NOT NULL,
  record_kind text NOT NULL CHECK (record_kind IN ('person', 'case')),
  id_hash text NOT NULL CHECK (id_hash ~ '^[0-9a-f]{64}$'),
  action text NOT NULL CHECK (action IN ('delete', 'anonymise')),
  rule text NOT NULL CHECK (rule IN ('closed-case', 'unattached-person', 'request')),
  erased_on date NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (district_id, record_kind, id_hash)
);

CREATE TABLE retention_run (
  district_id uuid PRIMARY KEY REFERENCES district (id),
  last_run_on date,
  last_run_at timestamptz,
  last_counts jsonb NOT NULL DEFAULT '{}'::jsonb
);

-- When a record was anonymised: it stays for the statistics, is shown as such and never taken again.
ALTER TABLE person ADD COLUMN anonymised_at timestamptz;
ALTER TABLE client_case ADD COLUMN anonymised_at timestamptz;
CREATE INDEX client_case_retention_idx ON client_case (district_id, closed_on) WHERE anonymised_at IS NULL;

SELECT lotse_isolate_tenant_table(t)
FROM unnest(ARRAY['retention_rule', 'legal_hold', 'erasure_ledger', 'retention_run']::regclass[]) AS t;
