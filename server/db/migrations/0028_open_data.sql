-- Open data (issue 13 item 7): a district may publish suppressed monthly aggregates per
-- municipality on a public endpoint. Off unless coordination or administration turns it on.

ALTER TABLE reporting_setting ADD COLUMN open_data boolean NOT NULL DEFAULT false;
