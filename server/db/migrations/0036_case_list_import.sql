-- Import of case lists from spreadsheets (issue 15, items 1 and 2; decision 0022).
--
-- An import keeps its uploaded file and every parsed row in staging tables until it is run:
-- each row carries its raw cells, the problems the check found, its fingerprint (a hash of the
-- normalised values) and, after the run, its outcome. A row is imported, rejected or a
-- duplicate, never lost. The fingerprints of imported rows are kept per district, so importing
-- the same file again creates nothing new. The mapping of header names to fields is remembered
-- per district and suggested for the next file.

CREATE TABLE import_job (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  encoding text CHECK (encoding IN ('utf-8', 'utf-8-bom', 'windows-1252')),
  delimiter text CHECK (delimiter IN (';', ',', '\t')),
  size_bytes integer NOT NULL CHECK (size_bytes >= 0),
  sha256 text NOT NULL,
  content bytea NOT NULL,
  header_row integer NOT NULL CHECK (header_row >= 1),
  headers jsonb NOT NULL,
  mapping jsonb,
  case_manager_id uuid REFERENCES app_user (id),
  status text NOT NULL DEFAULT 'uploaded'
    CHECK (status IN ('uploaded', 'mapped', 'checked', 'running', 'completed')),
  row_count integer NOT NULL DEFAULT 0,
  imported integer NOT NULL DEFAULT 0,
  rejected integer NOT NULL DEFAULT 0,
  duplicates integer NOT NULL DEFAULT 0,
  batches_done integer NOT NULL DEFAULT 0,
  created_by uuid NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX import_job_district_idx ON import_job (district_id, created_at);

CREATE TABLE import_row (
  import_id uuid NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
  district_id uuid NOT NULL REFERENCES district (id),
  row_number integer NOT NULL CHECK (row_number >= 1),
  cells jsonb NOT NULL,
  -- After the check: valid, invalid (problems), duplicate (in the file or imported before), match (a likely existing person).
  state text NOT NULL DEFAULT 'unchecked'
    CHECK (state IN ('unchecked', 'valid', 'invalid', 'duplicate', 'match')),
  problems jsonb NOT NULL DEFAULT '[]',
  fingerprint text,
  match_person_id uuid REFERENCES person (id),
  match_score real,
  match_decision text CHECK (match_decision IN ('same', 'other')),
  outcome text CHECK (outcome IN ('imported', 'rejected', 'duplicate')),
  reason text,
  batch integer,
  person_id uuid REFERENCES person (id),
  case_id uuid REFERENCES client_case (id),
  PRIMARY KEY (import_id, row_number)
);
CREATE INDEX import_row_pending_idx ON import_row (import_id, row_number) WHERE outcome IS NULL;

-- The rows ever imported in a district, by fingerprint: the second import of a row finds it here.
CREATE TABLE import_fingerprint (
  district_id uuid NOT NULL REFERENCES district (id),
  fingerprint text NOT NULL,
  import_id uuid NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
  row_number integer NOT NULL,
  case_id uuid REFERENCES client_case (id),
  PRIMARY KEY (district_id, fingerprint)
);

-- Header names (normalised) and the field a coordinator mapped them to, suggested for the next file.
CREATE TABLE import_header_mapping (
  district_id uuid NOT NULL REFERENCES district (id),
  header text NOT NULL CHECK (length(header) BETWEEN 1 AND 200),
  field text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (district_id, header)
);

SELECT lotse_isolate_tenant_table(t)
FROM unnest(ARRAY['import_job', 'import_row', 'import_fingerprint', 'import_header_mapping']::regclass[]) AS t;
