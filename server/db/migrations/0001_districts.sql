-- Tenant root: districts (Kreise, kreisfreie Städte) and their municipalities.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

CREATE TABLE district (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Amtlicher Gemeindeschlüssel of the district (5 digits, e.g. 05382 for the Rhein-Sieg-Kreis)
  code text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{5}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN ('kreis', 'kreisfreie_stadt')),
  state_code text NOT NULL CHECK (state_code ~ '^[A-Z]{2}$'),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE municipality (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  -- Amtlicher Gemeindeschlüssel of the municipality (8 digits)
  code text NOT NULL CHECK (code ~ '^[0-9]{8}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (district_id, code),
  UNIQUE (district_id, name)
);

CREATE INDEX municipality_district_idx ON municipality (district_id, name);
