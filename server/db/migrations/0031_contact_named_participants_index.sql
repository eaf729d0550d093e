-- Contacts that name other participants (a Jobcenter, a partner), per case and time.
--
-- The network's figure "first Jobcenter contact after a change into SGB II" looks for such
-- contacts in the cases of a district's changing persons. Through contact_case_idx it fetched
-- every contact of those cases from the heap only to test other_participants, and at state
-- scale that was most of the goal indicator list's time. Few contacts name anyone (about 2 %),
-- so a partial index carrying the text answers the search from the index alone and stays small.
CREATE INDEX contact_named_participants_idx ON contact (case_id, occurred_at)
  INCLUDE (other_participants)
  WHERE other_participants <> '';
