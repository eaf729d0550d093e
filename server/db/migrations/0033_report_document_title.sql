-- The committee report's title with its placeholders filled from the evaluation, for lists; set
-- with the title. Its own migration: 0027 stays as it was first committed.
ALTER TABLE report ADD COLUMN IF NOT EXISTS document_title text NOT NULL DEFAULT '';
UPDATE report SET document_title = title WHERE document_title = '';
ALTER TABLE report ALTER COLUMN document_title DROP DEFAULT;
