-- API tokens and signed webhooks for integrations (issue 15, items 5 and 6; decision 0023).
--
-- An API token is shown once and stored only as the SHA-256 of its high-entropy value; it acts
-- for the administrator who created it, narrowed to its scopes, in that administrator's district.
-- Webhooks are fed through an outbox: the event and one delivery per subscribed webhook are
-- written in the transaction of the change that caused them, and a job sends them later with
-- retries. The webhook secret must be readable to sign, so it is kept as is (see decision 0023).

CREATE TABLE api_token (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  token_prefix text NOT NULL CHECK (length(token_prefix) BETWEEN 4 AND 16),
  scopes text[] NOT NULL CHECK (cardinality(scopes) >= 1),
  created_by uuid NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid REFERENCES app_user (id),
  CHECK (expires_at > created_at)
);
CREATE INDEX api_token_district_idx ON api_token (district_id, created_at);

CREATE TABLE integration_setting (
  district_id uuid PRIMARY KEY REFERENCES district (id),
  -- A district's integration may run inside its own network; off by default (SSRF guard).
  allow_private_addresses boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  url text NOT NULL CHECK (length(url) BETWEEN 8 AND 2000 AND url ~ '^https?://'),
  secret text NOT NULL CHECK (length(secret) BETWEEN 32 AND 200),
  events text[] NOT NULL CHECK (cardinality(events) >= 1),
  active boolean NOT NULL DEFAULT true,
  created_by uuid NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX webhook_district_idx ON webhook (district_id);

-- The outbox: what happened, written in the transaction of the change.
CREATE TABLE webhook_event (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  event_type text NOT NULL CHECK (event_type ~ '^[a-z]+(\.[a-z-]+)+$'),
  payload jsonb NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_event_district_idx ON webhook_event (district_id, occurred_at);

CREATE TABLE webhook_delivery (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  webhook_id uuid NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
  event_id uuid NOT NULL REFERENCES webhook_event (id),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_delivery_webhook_idx ON webhook_delivery (webhook_id, created_at);

-- The delivery log: one row per attempt, with the receiver's answer.
CREATE TABLE webhook_attempt (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  delivery_id uuid NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
  attempted_at timestamptz NOT NULL DEFAULT now(),
  status_code integer,
  error text CHECK (error IS NULL OR length(error) <= 500),
  duration_ms integer NOT NULL CHECK (duration_ms >= 0)
);
CREATE INDEX webhook_attempt_delivery_idx ON webhook_attempt (delivery_id, attempted_at);

SELECT lotse_isolate_tenant_table(t)
FROM unnest(ARRAY['api_token', 'webhook', 'webhook_event', 'webhook_delivery', 'webhook_attempt']::regclass[]) AS t;
SELECT lotse_isolate_tenant_table('integration_setting');
