-- Each district counts its days in its own time zone: "today", due dates, overdue flags, periods
-- and whole-day filters. Existing districts and new ones without a choice get Europe/Berlin.

-- An IANA zone name that PostgreSQL knows (so SQL can convert with AT TIME ZONE), not an
-- abbreviation such as CET or a POSIX rule such as UTC+1, whose meaning is ambiguous or inverted.
CREATE FUNCTION lotse_is_iana_time_zone(name text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT name ~ '^(UTC|[A-Z][A-Za-z]+(/[A-Za-z0-9_+-]+)+)$'
    AND name !~ '^(posix|right)/'
    AND EXISTS (SELECT 1 FROM pg_timezone_names z WHERE z.name = $1)
$$;

ALTER TABLE district
  ADD COLUMN time_zone text NOT NULL DEFAULT 'Europe/Berlin'
  CONSTRAINT district_time_zone_iana CHECK (lotse_is_iana_time_zone(time_zone));
