-- Break-glass access to cases and the data protection officer's review of accesses (issue 14,
-- items 6 and 7; decision 0021).
--
-- The audit trail stays as it is: append-only and hash-chained. A break-glass grant (the reason a
-- case manager stated to open a case outside their caseload, and until when it holds) and the
-- DPO's review of a flagged entry are rows of their own that point at the audit entry they
-- belong to; no audit row is ever changed to mark it.

CREATE TABLE break_glass_grant (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  -- The grant goes with the case when retention or erasure removes it.
  case_id uuid NOT NULL REFERENCES client_case (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user (id),
  reason text NOT NULL CHECK (length(reason) BETWEEN 15 AND 2000),
  granted_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL CHECK (expires_at > granted_at),
  -- The `case.break-glass` entry of the audit trail that records the grant, written in the same
  -- transaction. No foreign key: nothing may hang on the append-only trail (a key would change how
  -- TRUNCATE of the trail is refused and tie the trail's restore to these tables).
  audit_event_id bigint NOT NULL UNIQUE
);
CREATE INDEX break_glass_grant_case_idx ON break_glass_grant (case_id, user_id, expires_at);

-- One review of a flagged audit entry (a break-glass access, a night access, an export).
CREATE TABLE access_review (
  audit_event_id bigint PRIMARY KEY, -- an entry of the district's trail; no foreign key, as above
  district_id uuid NOT NULL REFERENCES district (id),
  reviewed_by uuid NOT NULL REFERENCES app_user (id),
  reviewed_at timestamptz NOT NULL DEFAULT now(),
  comment text NOT NULL CHECK (length(comment) BETWEEN 1 AND 2000)
);

-- The flags read one district's entries of a few actions in a bounded period.
CREATE INDEX audit_event_district_action_idx ON audit_event (district_id, action, occurred_at);

SELECT lotse_isolate_tenant_table(t)
FROM unnest(ARRAY['break_glass_grant', 'access_review']::regclass[]) AS t;
