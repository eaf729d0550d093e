-- One-time password reset links issued by an administrator (no e-mail server is assumed).
CREATE TABLE password_reset (
  -- SHA-256 of the token in the link; the link itself is shown once and never stored.
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  district_id uuid NOT NULL REFERENCES district (id),
  created_by uuid NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX password_reset_user_idx ON password_reset (user_id);
