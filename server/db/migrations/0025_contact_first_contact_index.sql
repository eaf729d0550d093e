-- A case's first contact (days from first contact to plan, per planned case) from the index
-- alone: the tenant policy needs district_id, which otherwise costs a heap visit per case.
-- Its own migration: 0022 stays as it was first committed.
DROP INDEX contact_case_idx;
CREATE INDEX contact_case_idx ON contact (case_id, occurred_at) INCLUDE (district_id);
