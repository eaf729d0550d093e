-- Network (issue 10): the partner directory and the service map (Angebotslandkarte).
--
-- Organisations stay identity's (name, kind, legal spheres); the network module keeps what a
-- partner shows of itself beside them: address, opening hours, the municipalities it serves and
-- its contact persons. Services are what each organisation offers, where and for whom; two
-- services of different organisations with a shared domain, target group and municipality are
-- a possible duplicate structure, and the steering side may mark such a pair as intended.

CREATE TABLE partner_profile (
  organisation_id uuid PRIMARY KEY REFERENCES organisation (id),
  district_id uuid NOT NULL REFERENCES district (id),
  street text NOT NULL DEFAULT '',
  postcode text NOT NULL DEFAULT '' CHECK (postcode ~ '^(\d{5})?$'),
  city text NOT NULL DEFAULT '',
  phone text NOT NULL DEFAULT '',
  email text NOT NULL DEFAULT '',
  website text NOT NULL DEFAULT '',
  opening_hours text NOT NULL DEFAULT '',
  municipality_ids uuid[] NOT NULL DEFAULT '{}',
  version integer NOT NULL DEFAULT 1,
  updated_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX partner_profile_district_idx ON partner_profile (district_id);

CREATE TABLE partner_contact_person (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  position integer NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  function text NOT NULL DEFAULT '',
  phone text NOT NULL DEFAULT '',
  email text NOT NULL DEFAULT '',
  UNIQUE (organisation_id, position)
);
CREATE INDEX partner_contact_person_district_idx ON partner_contact_person (district_id);

CREATE TABLE service (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '',
  domains text[] NOT NULL CHECK (cardinality(domains) > 0),
  target_groups text[] NOT NULL CHECK (cardinality(target_groups) > 0),
  municipality_ids uuid[] NOT NULL CHECK (cardinality(municipality_ids) > 0),
  languages text[] NOT NULL DEFAULT '{}',
  eligibility text NOT NULL DEFAULT '',
  contact text NOT NULL DEFAULT '',
  starts_on date,
  ends_on date,
  CHECK (starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on),
  created_by uuid NOT NULL REFERENCES app_user (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_district_idx ON service (district_id, organisation_id);

-- One row per service, domain, target group and municipality: the cells of the map. The overlap
-- finder joins them on the three keys, which an index answers without unnesting arrays. Written
-- with the service, in the same transaction.
CREATE TABLE service_cell (
  district_id uuid NOT NULL REFERENCES district (id),
  service_id uuid NOT NULL REFERENCES service (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  domain text NOT NULL,
  target_group text NOT NULL,
  municipality_id uuid NOT NULL REFERENCES municipality (id),
  PRIMARY KEY (service_id, domain, target_group, municipality_id)
);
CREATE INDEX service_cell_key_idx
  ON service_cell (district_id, domain, target_group, municipality_id, organisation_id, service_id);

-- A pair of services the steering side has looked at and keeps on purpose (e.g. demand exceeds
-- what one provider can offer). Ordered by id, so that a pair is stored once. Undoing deletes
-- the row; the audit trail keeps who decided and who undid it.
CREATE TABLE service_overlap_decision (
  district_id uuid NOT NULL REFERENCES district (id),
  first_service_id uuid NOT NULL REFERENCES service (id) ON DELETE CASCADE,
  second_service_id uuid NOT NULL REFERENCES service (id) ON DELETE CASCADE,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
  decided_by uuid NOT NULL REFERENCES app_user (id),
  decided_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (first_service_id, second_service_id),
  CHECK (first_service_id < second_service_id)
);
CREATE INDEX service_overlap_decision_district_idx ON service_overlap_decision (district_id);

SELECT lotse_isolate_tenant_table(t) FROM unnest(ARRAY[
  'partner_profile', 'partner_contact_person', 'service', 'service_cell', 'service_overlap_decision'
]::regclass[]) AS t;
