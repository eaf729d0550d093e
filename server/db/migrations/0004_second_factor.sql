-- Second factor (TOTP) with one-time recovery codes, and the district's rule who must use it.

ALTER TABLE app_user
  ADD COLUMN totp_secret text,
  ADD COLUMN totp_enabled_at timestamptz,
  -- The last accepted 30-second step: a code is never accepted twice.
  ADD COLUMN totp_last_step bigint;

CREATE TABLE recovery_code (
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  district_id uuid NOT NULL REFERENCES district (id),
  code_hash text NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (user_id, code_hash)
);

-- Which roles must sign in with a second factor. Without a row: administration and data protection.
CREATE TABLE identity_policy (
  district_id uuid PRIMARY KEY REFERENCES district (id),
  second_factor_roles text[] NOT NULL
    CHECK (second_factor_roles <@ ARRAY['admin', 'coordinator', 'team_lead', 'case_manager', 'partner', 'report_reader', 'dpo']),
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
