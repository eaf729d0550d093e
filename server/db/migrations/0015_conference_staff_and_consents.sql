-- Case conferences: who attended for the KIM office, and every consent that allowed an
-- organisation to take part (one per person of the case). 0012 as it landed already creates
-- both columns; a database whose 0012 came from an earlier draft (a single consent_id, no staff)
-- gets them here. 0012 itself is never changed again.
ALTER TABLE case_conference ADD COLUMN IF NOT EXISTS staff text NOT NULL DEFAULT '';

ALTER TABLE case_conference_participant ADD COLUMN IF NOT EXISTS consent_ids uuid[] NOT NULL DEFAULT '{}';

DO $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM information_schema.columns
    WHERE table_name = 'case_conference_participant' AND column_name = 'consent_id'
  ) THEN
    UPDATE case_conference_participant SET consent_ids = ARRAY[consent_id] WHERE consent_id IS NOT NULL;
    ALTER TABLE case_conference_participant DROP COLUMN consent_id;
  END IF;
END
$$;
