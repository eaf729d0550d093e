-- Reporting (issue 13): the district's suppression thresholds and frozen period evaluations.
--
-- Thresholds never go below the defaults (3, and 5 for special categories such as health): a
-- district may withhold more, never publish smaller numbers than the law's rule of thumb.
-- An evaluation stores its figures as they were computed, already protected, with the metric
-- catalogue's version: a committee report shows exactly what was given, even after case data
-- changes or is deleted. It is never updated; the service offers no change and no deletion.

CREATE TABLE reporting_setting (
  district_id uuid PRIMARY KEY REFERENCES district (id),
  threshold integer NOT NULL DEFAULT 3 CHECK (threshold BETWEEN 3 AND 50),
  special_threshold integer NOT NULL DEFAULT 5 CHECK (special_threshold BETWEEN 3 AND 100),
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (special_threshold >= threshold)
);

CREATE TABLE evaluation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  period_from date NOT NULL,
  period_to date NOT NULL,
  catalogue_version text NOT NULL,
  threshold integer NOT NULL,
  special_threshold integer NOT NULL,
  figures jsonb NOT NULL,
  created_by uuid NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (period_to >= period_from)
);
CREATE INDEX evaluation_district_idx ON evaluation (district_id, created_at);

SELECT lotse_isolate_tenant_table(t) FROM unnest(ARRAY['reporting_setting', 'evaluation']::regclass[]) AS t;
