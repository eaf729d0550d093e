-- Every audited change reads its district's chain head first (the newest event of the district,
-- by id). Without an index on (district_id, id) that read walks the district's events, so it grew
-- with the audit trail: a large import, which writes an audit entry per person and case, slowed
-- down batch by batch. With it the head is one index probe.
CREATE INDEX audit_event_district_chain_idx ON audit_event (district_id, id);
