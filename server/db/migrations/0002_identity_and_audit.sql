-- Identity (organisations, teams, users, sessions, login throttling) and the audit trail.

CREATE TABLE organisation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN (
    'jobcenter', 'agentur_fuer_arbeit', 'auslaenderbehoerde', 'sozialamt', 'jugendamt', 'schulamt',
    'wohlfahrtsverband', 'migrationsberatung', 'integrationsrat', 'migrantenorganisation',
    'bildungstraeger', 'kommune', 'kommunales_integrationszentrum')),
  legal_spheres text[] NOT NULL DEFAULT '{}'
    CHECK (legal_spheres <@ ARRAY['SGB II', 'SGB III', 'SGB VIII', 'SGB XII', 'AsylbLG', 'AufenthG', 'StAG']),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (district_id, name)
);

CREATE TABLE team (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (district_id, name)
);

CREATE TABLE app_user (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  organisation_id uuid REFERENCES organisation (id),
  username text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  password_hash text,
  password_changed_at timestamptz,
  roles text[] NOT NULL CHECK (
    cardinality(roles) > 0
    AND roles <@ ARRAY['admin', 'coordinator', 'team_lead', 'case_manager', 'partner', 'report_reader', 'dpo']),
  disabled_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Partners act for their organisation; nobody else belongs to one.
  CHECK (('partner' = ANY (roles)) = (organisation_id IS NOT NULL))
);
CREATE UNIQUE INDEX app_user_username_idx ON app_user (username);
CREATE INDEX app_user_district_idx ON app_user (district_id, display_name);

CREATE TABLE user_team (
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  team_id uuid NOT NULL REFERENCES team (id) ON DELETE CASCADE,
  district_id uuid NOT NULL REFERENCES district (id),
  PRIMARY KEY (user_id, team_id)
);
CREATE INDEX user_team_team_idx ON user_team (team_id);

CREATE TABLE session (
  -- SHA-256 of the token in the cookie: a leaked table does not hand out sessions.
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  district_id uuid NOT NULL REFERENCES district (id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  idle_expires_at timestamptz NOT NULL,
  absolute_expires_at timestamptz NOT NULL,
  client_pseudonym text NOT NULL,
  user_agent text NOT NULL DEFAULT ''
);
CREATE INDEX session_user_idx ON session (user_id);

-- Failed logins per account and per client address, for progressive delays and locks.
CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  last_failure_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz
);

CREATE TABLE audit_event (
  id bigserial PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  district_id uuid REFERENCES district (id),
  actor_id uuid,
  actor_roles text[] NOT NULL DEFAULT '{}',
  action text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  subject_type text,
  subject_id text,
  purpose text,
  request_id text,
  client_pseudonym text,
  previous_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);
CREATE INDEX audit_event_district_idx ON audit_event (district_id, occurred_at DESC);
CREATE INDEX audit_event_subject_idx ON audit_event (subject_type, subject_id);
CREATE INDEX audit_event_actor_idx ON audit_event (actor_id, occurred_at DESC);

-- Append-only: the trail refuses changes even from the application's own connection.
CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only';
END;
$$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

-- Installation-wide secrets (e.g. the key that pseudonymises client addresses), shared by all nodes.
CREATE TABLE installation_secret (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
