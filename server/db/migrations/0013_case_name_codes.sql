-- The phonetic codes of every person of a case, kept on the case itself, so that a one-word
-- search meets the case list's other conditions in one index scan instead of finding every
-- person of the district with that code and then their cases. Case work keeps the column in
-- step wherever it keeps the sort name (refreshCaseNames).
ALTER TABLE client_case ADD COLUMN name_codes text[] NOT NULL DEFAULT '{}';

UPDATE client_case c SET name_codes = coalesce((
    SELECT array_agg(DISTINCT code ORDER BY code)
    FROM case_person cp JOIN person p ON p.id = cp.person_id, unnest(p.name_codes) AS code
    WHERE cp.case_id = c.id), '{}');

CREATE INDEX client_case_name_codes_idx ON client_case USING gin (name_codes);
