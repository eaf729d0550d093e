-- Steering (issue 11, part 5): the integration concept (Integrationskonzept), which updates the
-- district's concept of 2016.
--
-- The concept is a series of numbered versions. One draft at a time is edited; adopting it (by a
-- body, a decision of it, or a reference to an older resolution) freezes it for good, and the next
-- draft starts as a copy of the latest version. A version holds its sections (an introduction,
-- one per life domain of case work, further free ones), the grid (Raster) of domains × actors with
-- a role per cell, and the register of interfaces (Schnittstellen) between two organisations.
-- Sections and interfaces keep a key across copies, so two versions compare entry by entry.
-- Consultations record to which body a version was presented, when, and with what feedback.

CREATE TABLE concept_version (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  number integer NOT NULL CHECK (number >= 1),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  status text NOT NULL CHECK (status IN ('draft', 'adopted')),
  based_on_id uuid REFERENCES concept_version (id),
  adopted_on date,
  adopted_body_id uuid REFERENCES steering_body (id),
  adopted_decision_id uuid REFERENCES steering_decision (id),
  -- Where the adoption is documented when it predates Lotse (a Kreistag printed matter, say).
  adopted_reference text NOT NULL DEFAULT '' CHECK (length(adopted_reference) <= 300),
  adopted_by uuid REFERENCES app_user (id),
  CHECK ((status = 'adopted') = (adopted_on IS NOT NULL)),
  created_by uuid NOT NULL REFERENCES app_user (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (district_id, number)
);
-- One draft per district: two drafts would fork the concept.
CREATE UNIQUE INDEX concept_version_one_draft_idx ON concept_version (district_id) WHERE status = 'draft';

CREATE TABLE concept_section (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  version_id uuid NOT NULL REFERENCES concept_version (id),
  section_key uuid NOT NULL DEFAULT gen_random_uuid(),
  position integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('intro', 'domain', 'other')),
  domain text,
  CHECK ((kind = 'domain') = (domain IS NOT NULL)),
  title text NOT NULL DEFAULT '' CHECK (length(title) <= 300),
  body text NOT NULL DEFAULT '' CHECK (length(body) <= 50000),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (version_id, section_key),
  UNIQUE (version_id, domain)
);
CREATE INDEX concept_section_district_idx ON concept_section (district_id);

-- A cell of the grid; a cell without a row has no role.
CREATE TABLE concept_grid_cell (
  district_id uuid NOT NULL REFERENCES district (id),
  version_id uuid NOT NULL REFERENCES concept_version (id),
  domain text NOT NULL,
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  role text NOT NULL CHECK (role IN ('responsible', 'contributing')),
  PRIMARY KEY (version_id, domain, organisation_id)
);
CREATE INDEX concept_grid_cell_district_idx ON concept_grid_cell (district_id);

CREATE TABLE concept_interface (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  version_id uuid NOT NULL REFERENCES concept_version (id),
  interface_key uuid NOT NULL DEFAULT gen_random_uuid(),
  position integer NOT NULL,
  organisation_a_id uuid NOT NULL REFERENCES organisation (id),
  organisation_b_id uuid NOT NULL REFERENCES organisation (id),
  CHECK (organisation_a_id <> organisation_b_id),
  domain text,
  process text NOT NULL CHECK (length(process) BETWEEN 1 AND 300),
  problem text NOT NULL CHECK (length(problem) BETWEEN 1 AND 5000),
  solution text NOT NULL DEFAULT '' CHECK (length(solution) <= 5000),
  status text NOT NULL CHECK (status IN ('open', 'in_progress', 'solved')),
  UNIQUE (version_id, interface_key)
);
CREATE INDEX concept_interface_version_idx ON concept_interface (version_id, position);
CREATE INDEX concept_interface_district_idx ON concept_interface (district_id);

CREATE TABLE concept_consultation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  version_id uuid NOT NULL REFERENCES concept_version (id),
  body_id uuid NOT NULL REFERENCES steering_body (id),
  held_on date NOT NULL,
  feedback text NOT NULL DEFAULT '' CHECK (length(feedback) <= 10000),
  created_by uuid NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX concept_consultation_version_idx ON concept_consultation (version_id, held_on);
CREATE INDEX concept_consultation_district_idx ON concept_consultation (district_id);

SELECT lotse_isolate_tenant_table(t) FROM unnest(ARRAY[
  'concept_version', 'concept_section', 'concept_grid_cell', 'concept_interface', 'concept_consultation'
]::regclass[]) AS t;
