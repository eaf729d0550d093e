-- Distinct persons counselled over any run of whole months, kept (decision 0024, extends 0015).
--
-- Persons counselled over twelve months is not the sum of the months: a person counselled in
-- March and in May counts once. Until now the period's total (and its two comparisons) read and
-- de-duplicated every person-month row of the period (about 300,000 for a year of a Kreis).
-- Instead, each person-month row of person_counselled_figure is counted under its month and the
-- month in which the same person (as recorded) was counselled last before it ('-infinity' for
-- none). A person counselled in the months a..b is then counted exactly once, in the first of
-- those months, where the previous month lies before a:
--
--   distinct persons in a..b = sum(persons) WHERE starts_on BETWEEN a AND b AND previous_on < a
--
-- which reads at most (months × earlier months) rows of a district, not its persons. Merged
-- records are corrected for when read, as for person_month_count.
CREATE TABLE person_month_previous_count (
  district_id uuid NOT NULL REFERENCES district (id),
  starts_on date NOT NULL,
  previous_on date NOT NULL,
  persons integer NOT NULL CHECK (persons > 0),
  PRIMARY KEY (district_id, starts_on, previous_on),
  CHECK (previous_on < starts_on)
);

SELECT lotse_isolate_tenant_table('person_month_previous_count'::regclass);

-- A person's months, to find the neighbours of a month row (and for the edges of a period).
CREATE INDEX person_counselled_figure_person_month_idx
  ON person_counselled_figure (district_id, person_id, starts_on) WHERE period = 'month';

-- Adds weight to one (month, previous month) cell; a cell that reaches 0 is deleted.
CREATE FUNCTION lotse_add_previous_count(district uuid, month date, previous date, weight integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF weight > 0 THEN
    INSERT INTO person_month_previous_count AS n (district_id, starts_on, previous_on, persons)
    VALUES (district, month, previous, weight)
    ON CONFLICT (district_id, starts_on, previous_on) DO UPDATE SET persons = n.persons + excluded.persons;
    RETURN;
  END IF;
  DELETE FROM person_month_previous_count
  WHERE district_id = district AND starts_on = month AND previous_on = previous AND persons <= -weight;
  UPDATE person_month_previous_count SET persons = persons + weight
  WHERE district_id = district AND starts_on = month AND previous_on = previous;
END
$$;

-- A BEFORE trigger, so each row sees the table as the rows of the same statement before it left
-- it (an AFTER trigger of a statement inserting several months of one person would see all of
-- them). An insert that ON CONFLICT becomes an update of the contacts changes nothing here. The
-- person is locked for the transaction, so two transactions adding months of the same person
-- one after the other each see the other's month.
CREATE FUNCTION lotse_person_month_previous() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  target person_counselled_figure;
  previous date;
  following date;
BEGIN
  IF current_setting('lotse.recounting_figures', true) = 'on' THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  target := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  IF target.period <> 'month' THEN RETURN target; END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended(target.district_id::text || target.person_id::text, 38));
  IF TG_OP = 'INSERT' AND EXISTS (
    SELECT 1 FROM person_counselled_figure f WHERE f.district_id = target.district_id AND f.period = 'month'
      AND f.starts_on = target.starts_on AND f.person_id = target.person_id) THEN
    RETURN target;
  END IF;
  SELECT max(f.starts_on) INTO previous FROM person_counselled_figure f
  WHERE f.district_id = target.district_id AND f.person_id = target.person_id AND f.period = 'month'
    AND f.starts_on < target.starts_on;
  SELECT min(f.starts_on) INTO following FROM person_counselled_figure f
  WHERE f.district_id = target.district_id AND f.person_id = target.person_id AND f.period = 'month'
    AND f.starts_on > target.starts_on;
  previous := coalesce(previous, '-infinity'::date);
  IF TG_OP = 'INSERT' THEN
    PERFORM lotse_add_previous_count(target.district_id, target.starts_on, previous, 1);
    IF following IS NOT NULL THEN
      PERFORM lotse_add_previous_count(target.district_id, following, previous, -1);
      PERFORM lotse_add_previous_count(target.district_id, following, target.starts_on, 1);
    END IF;
  ELSE
    PERFORM lotse_add_previous_count(target.district_id, target.starts_on, previous, -1);
    IF following IS NOT NULL THEN
      PERFORM lotse_add_previous_count(target.district_id, following, target.starts_on, -1);
      PERFORM lotse_add_previous_count(target.district_id, following, previous, 1);
    END IF;
  END IF;
  RETURN target;
END
$$;

CREATE TRIGGER person_month_previous BEFORE INSERT OR DELETE ON person_counselled_figure
  FOR EACH ROW EXECUTE FUNCTION lotse_person_month_previous();

-- The kept rows never change their month or person: only their number of contacts.
CREATE FUNCTION lotse_person_figure_key_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the month, period and person of a person_counselled_figure row are not changed';
END
$$;

CREATE TRIGGER person_figure_key_fixed BEFORE UPDATE OF district_id, period, starts_on, person_id
  ON person_counselled_figure FOR EACH ROW
  WHEN (NEW.district_id IS DISTINCT FROM OLD.district_id OR NEW.period IS DISTINCT FROM OLD.period
    OR NEW.starts_on IS DISTINCT FROM OLD.starts_on OR NEW.person_id IS DISTINCT FROM OLD.person_id)
  EXECUTE FUNCTION lotse_person_figure_key_fixed();

-- Counts the cells of one district (or all, with NULL) afresh from the month rows.
CREATE FUNCTION lotse_rebuild_previous_counts(target uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM person_month_previous_count WHERE target IS NULL OR district_id = target;
  INSERT INTO person_month_previous_count (district_id, starts_on, previous_on, persons)
  SELECT district_id, starts_on, previous_on, count(*) FROM (
    SELECT f.district_id, f.starts_on,
      coalesce(lag(f.starts_on) OVER (PARTITION BY f.district_id, f.person_id ORDER BY f.starts_on), '-infinity'::date)
        AS previous_on
    FROM person_counselled_figure f
    WHERE f.period = 'month' AND (target IS NULL OR f.district_id = target)
  ) AS row_with_previous
  GROUP BY 1, 2, 3;
END
$$;

-- The recount of 0032 recounts these cells too: the person rows are deleted and inserted in bulk
-- with the per-row trigger quiet, then the cells are counted once from the result.
ALTER FUNCTION lotse_rebuild_figures(uuid) RENAME TO lotse_rebuild_figures_0032;

CREATE FUNCTION lotse_rebuild_figures(target uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  before text := coalesce(current_setting('lotse.recounting_figures', true), '');
BEGIN
  PERFORM set_config('lotse.recounting_figures', 'on', true);
  PERFORM lotse_rebuild_figures_0032(target);
  PERFORM set_config('lotse.recounting_figures', before, true);
  PERFORM lotse_rebuild_person_month_counts(target);
  PERFORM lotse_rebuild_previous_counts(target);
END
$$;

-- 0032's count of persons per month, quiet during the recount too: row by row it raised the same
-- few month rows once per person row, in one transaction (each raise a new row version the next
-- has to pass): a recount of one Kreis on PostgreSQL had not finished after 17 minutes on the
-- loaded bench machine, its person_month_count growing page by page; now counted once instead.
CREATE OR REPLACE FUNCTION lotse_person_month_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('lotse.recounting_figures', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' AND NEW.period = 'month' THEN
    INSERT INTO person_month_count AS n (district_id, starts_on, persons) VALUES (NEW.district_id, NEW.starts_on, 1)
    ON CONFLICT (district_id, starts_on) DO UPDATE SET persons = n.persons + 1;
  ELSIF TG_OP = 'DELETE' AND OLD.period = 'month' THEN
    DELETE FROM person_month_count WHERE district_id = OLD.district_id AND starts_on = OLD.starts_on AND persons = 1;
    UPDATE person_month_count SET persons = persons - 1
    WHERE district_id = OLD.district_id AND starts_on = OLD.starts_on;
  END IF;
  RETURN NULL;
END
$$;

SELECT lotse_rebuild_previous_counts(NULL);

-- The language a committee report is written in (its fixed texts, table headings, chart labels,
-- number and date formats); reports made before were German.
ALTER TABLE report ADD COLUMN language text NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'en'));
