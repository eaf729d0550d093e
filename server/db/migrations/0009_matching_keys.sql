-- Issue 9, matching beyond the labelled set.
--
-- Match keys (person_match_key) and name codes (person.name_codes) are computed by the
-- application's matcher. When its rules change, the stored ones must be computed again, or
-- persons registered before would not be found under the new rules. This row says which version
-- of the rules computed the stored keys; the server compares it with its own at start-up and
-- recomputes every person's keys when they differ (server/modules/casework/matching/refresh).
-- 0 means "not known", so the first start after this migration recomputes them.
CREATE TABLE matching_key_version (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  version integer NOT NULL,
  refreshed_at timestamptz
);
INSERT INTO matching_key_version (version) VALUES (0);

-- A one-word search finds its persons first and then their cases: with the case id in the index
-- the cases of a list of persons come from the index alone. It replaces the index on person_id.
CREATE INDEX case_person_person_case_idx ON case_person (person_id, case_id);
DROP INDEX case_person_person_idx;
