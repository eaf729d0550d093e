-- Steering (issue 11, part 2 completed): documents attached to agenda items (TOP), and the secret
-- tokens with which a calendar program subscribes to a body's meetings without a session.

CREATE TABLE agenda_item_document (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  agenda_item_id uuid NOT NULL REFERENCES agenda_item (id),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  media_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes >= 0),
  sha256 text NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES app_user (id),
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agenda_item_document_item_idx ON agenda_item_document (agenda_item_id);
CREATE INDEX agenda_item_document_district_idx ON agenda_item_document (district_id);

-- The bytes apart from the facts, so that listing a meeting's documents never reads the files.
CREATE TABLE agenda_item_document_content (
  document_id uuid PRIMARY KEY REFERENCES agenda_item_document (id) ON DELETE CASCADE,
  district_id uuid NOT NULL REFERENCES district (id),
  content bytea NOT NULL
);

-- One token per user and body: it opens that body's calendar feed and nothing else. Only its
-- SHA-256 is kept; the token itself is shown once, when it is made.
CREATE TABLE body_feed_token (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  body_id uuid NOT NULL REFERENCES steering_body (id),
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  UNIQUE (body_id, user_id)
);
CREATE INDEX body_feed_token_district_idx ON body_feed_token (district_id);

SELECT lotse_isolate_tenant_table(t) FROM unnest(ARRAY[
  'agenda_item_document', 'agenda_item_document_content', 'body_feed_token'
]::regclass[]) AS t;
