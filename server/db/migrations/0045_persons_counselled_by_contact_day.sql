-- Persons counselled over the days at a period's edge, kept (decision 0034, extends 0015, 0024, 0033).
--
-- Whole months of persons counselled come from person_month_count and person_month_previous_count
-- (0032, 0038); the days at a period's edge that do not fill a month (the current month's days,
-- the edges of the previous period and of the year before) were read from the contacts of those
-- days and probed person by person against the kept month rows. Here each day a person (as
-- recorded) was counselled on is counted under that day and the day of the same person's contact
-- before it and after it, so an edge is a sum of a few hundred kept counts:
--
--   a person counselled on some days of d1..d2 is counted once under their first of those days,
--   whose previous day lies before d1 (and once under their last, whose next day lies after d2).
--
-- A neighbour in the same calendar month is kept as its day; one in another month as the first
-- day of that month ('-infinity' / 'infinity' for none): enough to tell "before d1" when d1 is
-- the first of a month or lies in the day's own month, and "after d2" when d2 is the last day of a
-- month or lies in the day's own month, which is every edge a period of whole months on one side
-- has; at most about 30 + (months with contacts) rows per day and side.
--
-- The days themselves: each month row of person_counselled_figure carries its days as bits
-- (bit 0 the 1st), so a person's neighbours are found in their month rows (the index of 0038).

ALTER TABLE person_counselled_figure ADD COLUMN days integer NOT NULL DEFAULT 0;

CREATE TABLE person_day_neighbour_count (
  district_id uuid NOT NULL REFERENCES district (id),
  side text NOT NULL CHECK (side IN ('previous', 'next')),
  day date NOT NULL,
  neighbour_on date NOT NULL,
  persons integer NOT NULL CHECK (persons > 0),
  PRIMARY KEY (district_id, side, day, neighbour_on),
  CHECK (CASE side WHEN 'previous' THEN neighbour_on < day ELSE neighbour_on > day END)
);

SELECT lotse_isolate_tenant_table('person_day_neighbour_count'::regclass);

-- The highest set bit of a day mask (0 for the 1st of the month), NULL for none.
CREATE FUNCTION lotse_last_day_bit(days integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN days = 0 THEN NULL ELSE 32 - position('1' IN days::bit(32)::text) END
$$;

-- How a neighbour is kept: its day within the same month, else its month's first day.
CREATE FUNCTION lotse_neighbour_bucket(day date, neighbour date, side text) RETURNS date
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN neighbour IS NULL THEN CASE side WHEN 'previous' THEN '-infinity'::date ELSE 'infinity'::date END
    WHEN date_trunc('month', neighbour) = date_trunc('month', day) THEN neighbour
    ELSE date_trunc('month', neighbour)::date
  END
$$;

-- Adds weight to the cell of one day and its neighbour; a cell that reaches 0 is deleted.
CREATE FUNCTION lotse_add_neighbour_count(district uuid, which text, on_day date, neighbour date, weight integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  kept date := lotse_neighbour_bucket(on_day, neighbour, which);
BEGIN
  IF weight > 0 THEN
    INSERT INTO person_day_neighbour_count AS n (district_id, side, day, neighbour_on, persons)
    VALUES (district, which, on_day, kept, weight)
    ON CONFLICT (district_id, side, day, neighbour_on) DO UPDATE SET persons = n.persons + excluded.persons;
    RETURN;
  END IF;
  DELETE FROM person_day_neighbour_count n
  WHERE n.district_id = district AND n.side = which AND n.day = on_day
    AND n.neighbour_on = kept AND n.persons <= -weight;
  UPDATE person_day_neighbour_count n SET persons = n.persons + weight
  WHERE n.district_id = district AND n.side = which AND n.day = on_day
    AND n.neighbour_on = kept;
END
$$;

-- One day of a person added (weight 1) or taken away (-1), with the person's other days as they
-- are: `others` the days of the day's own month without it; other months from their rows (a row
-- whose days are all gone is passed over: it is about to be deleted in the same statement).
CREATE FUNCTION lotse_person_day_change(district uuid, person uuid, month date, others integer, day_index integer, weight integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  day date := month + day_index;
  previous date;
  following date;
  row_month date;
  row_days integer;
BEGIN
  IF others & ((1 << day_index) - 1) <> 0 THEN
    previous := month + lotse_last_day_bit(others & ((1 << day_index) - 1));
  ELSE
    SELECT f.starts_on, f.days INTO row_month, row_days FROM person_counselled_figure f
    WHERE f.district_id = district AND f.person_id = person AND f.period = 'month' AND f.starts_on < month
      AND f.days <> 0
    ORDER BY f.starts_on DESC LIMIT 1;
    IF row_month IS NOT NULL THEN previous := row_month + lotse_last_day_bit(row_days); END IF;
  END IF;
  IF others >> (day_index + 1) <> 0 THEN
    following := day + 1 + lotse_last_day_bit((others >> (day_index + 1)) & -(others >> (day_index + 1)));
  ELSE
    row_month := NULL;
    SELECT f.starts_on, f.days INTO row_month, row_days FROM person_counselled_figure f
    WHERE f.district_id = district AND f.person_id = person AND f.period = 'month' AND f.starts_on > month
      AND f.days <> 0
    ORDER BY f.starts_on LIMIT 1;
    IF row_month IS NOT NULL THEN following := row_month + lotse_last_day_bit(row_days & -row_days); END IF;
  END IF;
  -- Adding the day between its neighbours splits the pair they formed; taking it away joins them.
  PERFORM lotse_add_neighbour_count(district, 'previous', day, previous, weight);
  PERFORM lotse_add_neighbour_count(district, 'next', day, following, weight);
  IF following IS NOT NULL THEN
    PERFORM lotse_add_neighbour_count(district, 'previous', following, previous, -weight);
    PERFORM lotse_add_neighbour_count(district, 'previous', following, day, weight);
  END IF;
  IF previous IS NOT NULL THEN
    PERFORM lotse_add_neighbour_count(district, 'next', previous, following, -weight);
    PERFORM lotse_add_neighbour_count(district, 'next', previous, day, weight);
  END IF;
END
$$;

-- A BEFORE trigger, as 0038's: within one statement each row sees what the rows before it left.
-- An insert that ON CONFLICT becomes an update is handled by the update. Days are applied one at a
-- time, each against the days applied before it. The person is locked for the transaction (the
-- same lock as 0038's), so two transactions changing days of one person see each other's.
CREATE FUNCTION lotse_person_days() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  target person_counselled_figure;
  before_days integer;
  after_days integer;
  working integer;
BEGIN
  target := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  IF current_setting('lotse.recounting_figures', true) = 'on' OR target.period <> 'month' THEN
    RETURN target;
  END IF;
  IF TG_OP = 'INSERT' AND EXISTS (
    SELECT 1 FROM person_counselled_figure f WHERE f.district_id = target.district_id AND f.period = 'month'
      AND f.starts_on = target.starts_on AND f.person_id = target.person_id) THEN
    RETURN target;
  END IF;
  before_days := CASE WHEN TG_OP = 'INSERT' THEN 0 ELSE OLD.days END;
  after_days := CASE WHEN TG_OP = 'DELETE' THEN 0 ELSE NEW.days END;
  IF before_days = after_days THEN RETURN target; END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended(target.district_id::text || target.person_id::text, 38));
  working := before_days;
  FOR day_index IN 0..30 LOOP
    IF ((before_days # after_days) >> day_index) & 1 = 1 THEN
      working := working & ~(1 << day_index);
      PERFORM lotse_person_day_change(target.district_id, target.person_id, target.starts_on, working, day_index,
        CASE WHEN (after_days >> day_index) & 1 = 1 THEN 1 ELSE -1 END);
      working := working | (after_days & (1 << day_index));
    END IF;
  END LOOP;
  RETURN target;
END
$$;

CREATE TRIGGER person_days BEFORE INSERT OR DELETE OR UPDATE OF days ON person_counselled_figure
  FOR EACH ROW EXECUTE FUNCTION lotse_person_days();

-- 0032's person cells, now also setting the day's bit on the month row. Taking a contact away
-- clears the bit only when the person has no other contact of that day left (one range of the
-- contacts' (district, time) index; the contact trigger runs after its statement's rows, so a
-- statement taking several contacts of the day sees them all gone).
CREATE OR REPLACE FUNCTION lotse_add_person_cells(district uuid, local_day date, persons uuid[], weight integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  day_bit integer := 1 << (extract(day FROM local_day)::integer - 1);
  zone text;
BEGIN
  IF weight > 0 THEN
    INSERT INTO person_counselled_figure AS f (district_id, period, starts_on, person_id, contacts, days)
    SELECT district, p.period, date_trunc(p.period, local_day::timestamp)::date, x.person_id, weight * count(*),
      CASE WHEN p.period = 'month' THEN day_bit ELSE 0 END
    FROM unnest(persons) AS x(person_id) CROSS JOIN (VALUES ('month'), ('year')) AS p(period)
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (district_id, period, starts_on, person_id)
      DO UPDATE SET contacts = f.contacts + excluded.contacts, days = f.days | excluded.days;
    RETURN;
  END IF;
  DELETE FROM person_counselled_figure f
  USING (SELECT p.period, date_trunc(p.period, local_day::timestamp)::date AS starts_on, x.person_id, -weight * count(*) AS n
         FROM unnest(persons) AS x(person_id) CROSS JOIN (VALUES ('month'), ('year')) AS p(period)
         GROUP BY 1, 2, 3) AS gone
  WHERE f.district_id = district AND f.period = gone.period AND f.starts_on = gone.starts_on
    AND f.person_id = gone.person_id AND f.contacts <= gone.n;
  SELECT d.time_zone INTO zone FROM district d WHERE d.id = district;
  UPDATE person_counselled_figure f SET contacts = f.contacts - gone.n,
    days = CASE
      WHEN f.period = 'month' AND NOT EXISTS (
        SELECT 1 FROM contact c
        WHERE c.district_id = district
          AND c.occurred_at >= (local_day::timestamp AT TIME ZONE zone)
          AND c.occurred_at < ((local_day + 1)::timestamp AT TIME ZONE zone)
          AND gone.person_id = ANY (c.participant_person_ids))
      THEN f.days & ~day_bit
      ELSE f.days
    END
  FROM (SELECT p.period, date_trunc(p.period, local_day::timestamp)::date AS starts_on, x.person_id, -weight * count(*) AS n
        FROM unnest(persons) AS x(person_id) CROSS JOIN (VALUES ('month'), ('year')) AS p(period)
        GROUP BY 1, 2, 3) AS gone
  WHERE f.district_id = district AND f.period = gone.period AND f.starts_on = gone.starts_on
    AND f.person_id = gone.person_id;
END
$$;

-- The recount of 0032 (lotse_rebuild_figures_0032), with the month rows' days counted in the same
-- pass, so the recount writes each person row once.
CREATE FUNCTION lotse_recount_figure_rows(target uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM contact_day_figure WHERE target IS NULL OR district_id = target;
  DELETE FROM person_counselled_figure WHERE target IS NULL OR district_id = target;
  WITH cell AS MATERIALIZED (
    SELECT c.district_id, (c.occurred_at AT TIME ZONE d.time_zone)::date AS day,
      coalesce(k.municipality_id::text, 'none') AS municipality, coalesce(k.team_id::text, 'none') AS team,
      coalesce(c.language, 'none') AS language, count(*)::integer AS n
    FROM contact c JOIN district d ON d.id = c.district_id JOIN client_case k ON k.id = c.case_id
    WHERE target IS NULL OR c.district_id = target
    GROUP BY 1, 2, 3, 4, 5
  )
  INSERT INTO contact_day_figure (district_id, dimension, day, key, contacts)
  SELECT district_id, dimension, day, key, sum(n) FROM (
    SELECT district_id, 'total' AS dimension, day, '' AS key, n FROM cell
    UNION ALL SELECT district_id, 'municipality', day, municipality, n FROM cell
    UNION ALL SELECT district_id, 'team', day, team, n FROM cell
    UNION ALL SELECT district_id, 'language', day, language, n FROM cell
  ) spread GROUP BY 1, 2, 3, 4;
  INSERT INTO contact_day_figure (district_id, dimension, day, key, contacts)
  SELECT c.district_id, 'domain', (c.occurred_at AT TIME ZONE d.time_zone)::date, dm, count(*)
  FROM contact c JOIN district d ON d.id = c.district_id CROSS JOIN LATERAL unnest(c.domains) AS dm
  WHERE target IS NULL OR c.district_id = target
  GROUP BY 1, 3, 4;
  WITH daily AS MATERIALIZED (
    SELECT c.district_id, (c.occurred_at AT TIME ZONE d.time_zone)::date AS day, x.person_id, count(*)::integer AS n
    FROM contact c JOIN district d ON d.id = c.district_id
    CROSS JOIN LATERAL unnest(c.participant_person_ids) AS x(person_id)
    WHERE target IS NULL OR c.district_id = target
    GROUP BY 1, 2, 3
  ), monthly AS MATERIALIZED (
    SELECT district_id, date_trunc('month', day)::date AS starts_on, person_id, sum(n)::integer AS n,
      bit_or(1 << (extract(day FROM day)::integer - 1)) AS days
    FROM daily GROUP BY 1, 2, 3
  )
  INSERT INTO person_counselled_figure (district_id, period, starts_on, person_id, contacts, days)
  SELECT district_id, 'month', starts_on, person_id, n, days FROM monthly
  UNION ALL
  SELECT district_id, 'year', date_trunc('year', starts_on)::date, person_id, sum(n)::integer, 0
  FROM monthly GROUP BY 1, 3, 4;
END
$$;

-- Counts the neighbour cells of one district (or all, with NULL) afresh from the month rows' days.
CREATE FUNCTION lotse_rebuild_day_neighbours(target uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM person_day_neighbour_count WHERE target IS NULL OR district_id = target;
  WITH person_day AS (
    SELECT f.district_id, f.person_id, f.starts_on + b AS day
    FROM person_counselled_figure f CROSS JOIN generate_series(0, 30) AS b
    WHERE f.period = 'month' AND (target IS NULL OR f.district_id = target) AND (f.days >> b) & 1 = 1
  ), neighbours AS MATERIALIZED (
    SELECT district_id, day,
      lag(day) OVER (PARTITION BY district_id, person_id ORDER BY day) AS previous,
      lead(day) OVER (PARTITION BY district_id, person_id ORDER BY day) AS following
    FROM person_day
  )
  INSERT INTO person_day_neighbour_count (district_id, side, day, neighbour_on, persons)
  SELECT district_id, 'previous', day, lotse_neighbour_bucket(day, previous, 'previous'), count(*)
  FROM neighbours GROUP BY 1, 3, 4
  UNION ALL
  SELECT district_id, 'next', day, lotse_neighbour_bucket(day, following, 'next'), count(*)
  FROM neighbours GROUP BY 1, 3, 4;
END
$$;

CREATE OR REPLACE FUNCTION lotse_rebuild_figures(target uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  before text := coalesce(current_setting('lotse.recounting_figures', true), '');
BEGIN
  PERFORM set_config('lotse.recounting_figures', 'on', true);
  PERFORM lotse_recount_figure_rows(target);
  PERFORM set_config('lotse.recounting_figures', before, true);
  PERFORM lotse_rebuild_person_month_counts(target);
  PERFORM lotse_rebuild_previous_counts(target);
  PERFORM lotse_rebuild_day_neighbours(target);
END
$$;

DROP FUNCTION lotse_rebuild_figures_0032(uuid);

SELECT lotse_rebuild_figures(NULL);
