-- Writing an import's batch set-based: name codes per statement, no second key check on derived rows, one audit entry naming many records (decision 0035).
--
-- New cases get their name code rows (0042) once per statement, not once per case.
--
-- The row trigger of 0042 ran its function and its INSERT for every new case: an import's batch
-- of 500 cases spent about 0.4 s in it (EXPLAIN ANALYZE on PostgreSQL: "Trigger case_name_codes:
-- calls=500"), most of the cost of the batch's cases. A statement trigger with the statement's new
-- rows as a transition table writes the same rows in one INSERT. Updates keep the row trigger:
-- they change one case at a time and must delete the case's old codes first.
CREATE FUNCTION lotse_case_name_codes_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_name_code (case_id, code, district_id, team_id)
    SELECT DISTINCT c.id, code, c.district_id, c.team_id FROM new_cases c, unnest(c.name_codes) AS code;
  RETURN NULL;
END
$$;

DROP TRIGGER case_name_codes ON client_case;
CREATE TRIGGER case_name_codes AFTER UPDATE OF name_codes, district_id, team_id ON client_case
  FOR EACH ROW EXECUTE FUNCTION lotse_case_name_codes();
CREATE TRIGGER case_name_codes_inserted AFTER INSERT ON client_case
  REFERENCING NEW TABLE AS new_cases FOR EACH STATEMENT EXECUTE FUNCTION lotse_case_name_codes_inserted();

-- The district and team of a derived row (a person's match key, a case's name code) are copied
-- from its person or case in the same statement, and that row's own foreign keys hold them; the
-- foreign keys to person and case stay (with their cascade). Checked again per derived row they
-- cost an import's batch about 3,000 key checks each (EXPLAIN ANALYZE: 0.1–0.2 s a batch).
ALTER TABLE person_match_key DROP CONSTRAINT person_match_key_district_id_fkey;
ALTER TABLE case_name_code DROP CONSTRAINT case_name_code_district_id_fkey;
ALTER TABLE case_name_code DROP CONSTRAINT case_name_code_team_id_fkey;

-- One audit entry may name many records (decision 0035): an import's batch is one entry naming
-- the persons and cases it created, one row each here, instead of two entries a row. The entry's
-- hash covers the SHA-256 of its named records (records_sha256, in the chain's canonical form when
-- set), so a named record added or removed afterwards breaks the chain's verification.
ALTER TABLE audit_event ADD COLUMN records_sha256 text;
CREATE TABLE audit_event_record (
  -- No foreign key: written in the statement after its entry, in the same transaction, and the
  -- chain's verification checks every entry's records against its hash.
  audit_event_id bigint NOT NULL,
  district_id uuid,
  subject_type text NOT NULL,
  subject_id text NOT NULL,
  PRIMARY KEY (subject_type, subject_id, audit_event_id)
);
CREATE INDEX audit_event_record_event_idx ON audit_event_record (audit_event_id);
SELECT lotse_isolate_tenant_table('audit_event_record');
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event_record FROM lotse_app;
CREATE TRIGGER audit_event_record_no_update BEFORE UPDATE OR DELETE ON audit_event_record
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_record_no_truncate BEFORE TRUNCATE ON audit_event_record
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
