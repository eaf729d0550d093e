-- Case conferences, as they were finished after 0012 was first written: who attended for the KIM
-- office, and every consent that allowed an organisation to take part (one per person of the
-- case) instead of a single one. 0012 stays as it was first committed, so that a data folder made
-- from it still starts.
ALTER TABLE case_conference ADD COLUMN staff text NOT NULL DEFAULT '';

ALTER TABLE case_conference_participant ADD COLUMN consent_ids uuid[] NOT NULL DEFAULT '{}';
UPDATE case_conference_participant SET consent_ids = ARRAY[consent_id] WHERE consent_id IS NOT NULL;
ALTER TABLE case_conference_participant DROP COLUMN consent_id;
