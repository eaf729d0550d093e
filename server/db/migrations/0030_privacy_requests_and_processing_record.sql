-- Data subject requests and the record of processing activities (issue 14, items 3 and 4).
--
-- Restriction of processing (Art. 18 GDPR) is a flag on the person that case work's policy
-- subjects carry, so the one policy refuses every use but storage; the flag's history (who set
-- or lifted it, when and why) is the privacy module's. The record of processing (Art. 30) is kept
-- as whole versions: each save adds one, nothing is updated, so every earlier state stays
-- readable for the supervisory authority.

ALTER TABLE person ADD COLUMN processing_restricted boolean NOT NULL DEFAULT false;

CREATE TABLE processing_restriction (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  person_id uuid NOT NULL REFERENCES person (id),
  restricted boolean NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  decided_by uuid NOT NULL REFERENCES app_user (id),
  decided_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX processing_restriction_person_idx ON processing_restriction (person_id, decided_at);

CREATE TABLE processing_record_version (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  district_id uuid NOT NULL REFERENCES district (id),
  number integer NOT NULL CHECK (number >= 1),
  content jsonb NOT NULL,
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  saved_by uuid REFERENCES app_user (id),
  saved_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (district_id, number)
);

SELECT lotse_isolate_tenant_table(t)
FROM unnest(ARRAY['processing_restriction', 'processing_record_version']::regclass[]) AS t;
