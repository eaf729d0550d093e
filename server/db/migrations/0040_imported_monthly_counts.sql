-- Import of counselling counts kept as monthly tallies (issue 15, item 3; decision 0027).
--
-- An import now has a kind: a case list (persons and cases, migration 0036) or monthly counts.
-- Monthly counts carry no personal data: per month and municipality (optionally per team and
-- life domain) how many counselling contacts, persons counselled, short consultations, new and
-- closed cases an office counted before it used Lotse. The figures of the metric catalogue add
-- them to Lotse's own records for whole months and mark them as imported. A tally is one per
-- month, municipality, team and domain: importing the same row again finds it, a changed value
-- replaces it (audited, the import that changed it is kept).

ALTER TABLE import_job ADD COLUMN kind text NOT NULL DEFAULT 'cases' CHECK (kind IN ('cases', 'counts'));

CREATE TABLE imported_month_tally (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  -- The first day of the calendar month.
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  team_id uuid REFERENCES team (id),
  domain text CHECK (domain IS NULL OR length(domain) BETWEEN 1 AND 40),
  -- A count left empty in the file is not known (null), not zero.
  contacts integer CHECK (contacts >= 0),
  persons integer CHECK (persons >= 0),
  short_consultations integer CHECK (short_consultations >= 0),
  cases_new integer CHECK (cases_new >= 0),
  cases_closed integer CHECK (cases_closed >= 0),
  -- The import that last wrote the tally, and its row there.
  import_id uuid NOT NULL REFERENCES import_job (id),
  row_number integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX imported_month_tally_key ON imported_month_tally
  (district_id, month, municipality_id, coalesce(team_id, '00000000-0000-0000-0000-000000000000'::uuid), coalesce(domain, ''));

SELECT lotse_isolate_tenant_table('imported_month_tally'::regclass);
