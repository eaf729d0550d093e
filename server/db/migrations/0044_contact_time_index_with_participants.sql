-- The contacts of a district by time carry their participants (decision 0033, extends 0015 and 0024).
--
-- Persons counselled over a period are read from the kept month rows, except the days at the
-- period's edges that do not fill a month (the current month's days, and the edges of the
-- previous period and of the year before): those are read from the contacts of those days, a
-- range of this index. Each contact then cost a visit to its table page (a week of a Kreis:
-- about 14,000 contacts on nearly as many pages, as contacts of one week are spread over the
-- table). With the participants in the index the range is read from the index alone where the
-- pages are all-visible; the index keeps its name and key, so every other use stays as it was.
DROP INDEX contact_district_time_idx;
CREATE INDEX contact_district_time_idx ON contact (district_id, occurred_at) INCLUDE (participant_person_ids);
