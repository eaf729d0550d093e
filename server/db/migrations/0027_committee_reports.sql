-- The committee report (issue 13, item 5): the district's report templates and the reports made
-- from a frozen evaluation.
--
-- A template is an ordered list of blocks (texts with placeholders, generated tables and charts),
-- kept as JSON because its blocks are only ever read and written whole. A report copies the
-- template's blocks at creation, so a later template edit never changes a report, and keeps the
-- files it made: what the committee was given can be handed out again byte for byte.
-- The evaluation a report uses can no longer be deleted (ON DELETE RESTRICT backs the service's 409).

CREATE TABLE report_template (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  kind text NOT NULL CHECK (kind IN ('mitteilungsvorlage', 'sachstandsbericht')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  blocks jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (district_id, name)
);

CREATE TABLE report (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  evaluation_id uuid NOT NULL REFERENCES evaluation (id) ON DELETE RESTRICT,
  template_id uuid NOT NULL REFERENCES report_template (id),
  template_name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('mitteilungsvorlage', 'sachstandsbericht')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  -- The title with its placeholders filled from the evaluation, for lists; set with the title.
  document_title text NOT NULL,
  header jsonb NOT NULL,
  blocks jsonb NOT NULL,
  status text NOT NULL DEFAULT 'generating' CHECK (status IN ('generating', 'ready', 'failed')),
  step text NOT NULL DEFAULT 'queued',
  texts_version integer NOT NULL DEFAULT 1,
  -- Which texts_version the stored files show; below texts_version once the texts were edited after.
  files_texts_version integer,
  docx bytea,
  pdf bytea,
  generated_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_by uuid NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_district_idx ON report (district_id, created_at);
CREATE INDEX report_evaluation_idx ON report (evaluation_id);

SELECT lotse_isolate_tenant_table(t) FROM unnest(ARRAY['report_template', 'report']::regclass[]) AS t;
