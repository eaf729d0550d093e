-- A referral goes to an organisation or to one of its services (issue 10, item 5). The service's
-- name is kept with the referral as it was when referred, so the record still says what was
-- offered after the organisation ends or deletes the service; the link itself then becomes null.
ALTER TABLE referral ADD COLUMN service_id uuid REFERENCES service (id) ON DELETE SET NULL;
ALTER TABLE referral ADD COLUMN service_name text;
ALTER TABLE referral ADD CONSTRAINT referral_service_named CHECK (service_id IS NULL OR service_name IS NOT NULL);
