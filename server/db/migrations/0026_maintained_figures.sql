-- Figures at state scale (issue 13 point 8, decision 0015): counts of counselling contacts, the
-- persons counselled and each planned case's days from first contact to plan, kept by triggers as contacts, cases and districts change, so a dashboard
-- figure sums a few hundred rows instead of counting a district's contacts.
--
-- Every write path (the services, imports, merges, deletions, repairs by hand) passes the triggers.
-- Each trigger applies the difference its own row makes against the other tables as they are at
-- that moment, so the tables always equal a full recount (lotse_rebuild_figures, which bulk loads
-- and the bench generator call after loading with triggers off).

-- Contacts per district, calendar day of the district's time zone and one dimension: 'total'
-- (key ''), the case's 'municipality' and 'team', the contact's 'language', and each of its
-- 'domain's. A missing attribute has the key 'none', as the raw figures name it.
CREATE TABLE contact_day_figure (
  district_id uuid NOT NULL REFERENCES district (id),
  dimension text NOT NULL CHECK (dimension IN ('total', 'municipality', 'team', 'language', 'domain')),
  day date NOT NULL,
  key text NOT NULL,
  contacts integer NOT NULL CHECK (contacts > 0),
  PRIMARY KEY (district_id, dimension, day, key)
);

-- Who took part in a counselling contact, per calendar month and year of the district: the person
-- as recorded in the contact (a merged record is resolved to its survivor when read, so a merge
-- changes nothing here) and how many contacts stand behind the row.
CREATE TABLE person_counselled_figure (
  district_id uuid NOT NULL REFERENCES district (id),
  period text NOT NULL CHECK (period IN ('month', 'year')),
  starts_on date NOT NULL,
  person_id uuid NOT NULL,
  contacts integer NOT NULL CHECK (contacts > 0),
  PRIMARY KEY (district_id, period, starts_on, person_id)
);

SELECT lotse_isolate_tenant_table(t)
FROM unnest(ARRAY['contact_day_figure', 'person_counselled_figure']::regclass[]) AS t;

-- The few merged persons of a district, to resolve the persons of those rows without a lookup each.
CREATE INDEX person_merged_idx ON person (district_id) INCLUDE (merged_into) WHERE merged_into IS NOT NULL;

-- Distinct persons as recorded per district month, kept beside the person rows by their own
-- trigger, so persons counselled by month needs no pass over the rows (merged records are
-- corrected for when read: they are few).
CREATE TABLE person_month_count (
  district_id uuid NOT NULL REFERENCES district (id),
  starts_on date NOT NULL,
  persons integer NOT NULL CHECK (persons > 0),
  PRIMARY KEY (district_id, starts_on)
);

SELECT lotse_isolate_tenant_table('person_month_count'::regclass);

CREATE FUNCTION lotse_person_month_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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

CREATE TRIGGER person_month_count AFTER INSERT OR DELETE ON person_counselled_figure
  FOR EACH ROW EXECUTE FUNCTION lotse_person_month_count();

CREATE FUNCTION lotse_rebuild_person_month_counts(target uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM person_month_count WHERE target IS NULL OR district_id = target;
  INSERT INTO person_month_count (district_id, starts_on, persons)
  SELECT district_id, starts_on, count(*) FROM person_counselled_figure
  WHERE period = 'month' AND (target IS NULL OR district_id = target)
  GROUP BY 1, 2;
END
$$;

-- Adds (weight 1) or takes away (weight -1) one contact's share, with its case as it is now.
CREATE FUNCTION lotse_count_contact(c contact, weight integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  local_day date;
  municipality text;
  team text;
BEGIN
  SELECT (c.occurred_at AT TIME ZONE d.time_zone)::date INTO local_day FROM district d WHERE d.id = c.district_id;
  SELECT k.municipality_id::text, k.team_id::text INTO municipality, team FROM client_case k WHERE k.id = c.case_id;
  PERFORM lotse_add_contact_cells(c.district_id, local_day, ARRAY[
    ['total', ''],
    ['municipality', coalesce(municipality, 'none')],
    ['team', coalesce(team, 'none')],
    ['language', coalesce(c.language, 'none')]
  ] || coalesce((SELECT array_agg(ARRAY['domain', dm]) FROM unnest(c.domains) AS dm), '{}'::text[][]), weight);
  IF cardinality(c.participant_person_ids) > 0 THEN
    PERFORM lotse_add_person_cells(c.district_id, local_day, c.participant_person_ids, weight);
  END IF;
END
$$;

-- Adds weight to each (dimension, key) cell of one day. Taking away, a cell that would reach 0 is
-- deleted first and the others lowered, so no cell is ever 0 or negative.
CREATE FUNCTION lotse_add_contact_cells(district uuid, local_day date, cells text[][], weight integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF weight > 0 THEN
    INSERT INTO contact_day_figure AS f (district_id, dimension, day, key, contacts)
    SELECT district, cells[i][1], local_day, cells[i][2], weight * count(*)
    FROM generate_subscripts(cells, 1) AS i
    GROUP BY cells[i][1], cells[i][2]
    ON CONFLICT (district_id, dimension, day, key) DO UPDATE SET contacts = f.contacts + excluded.contacts;
    RETURN;
  END IF;
  DELETE FROM contact_day_figure f
  USING (SELECT cells[i][1] AS dimension, cells[i][2] AS key, -weight * count(*) AS n
         FROM generate_subscripts(cells, 1) AS i GROUP BY 1, 2) AS gone
  WHERE f.district_id = district AND f.dimension = gone.dimension AND f.day = local_day
    AND f.key = gone.key AND f.contacts <= gone.n;
  UPDATE contact_day_figure f SET contacts = f.contacts - gone.n
  FROM (SELECT cells[i][1] AS dimension, cells[i][2] AS key, -weight * count(*) AS n
        FROM generate_subscripts(cells, 1) AS i GROUP BY 1, 2) AS gone
  WHERE f.district_id = district AND f.dimension = gone.dimension AND f.day = local_day AND f.key = gone.key;
END
$$;

-- The same for the persons of one contact, in the month and the year of its day.
CREATE FUNCTION lotse_add_person_cells(district uuid, local_day date, persons uuid[], weight integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF weight > 0 THEN
    INSERT INTO person_counselled_figure AS f (district_id, period, starts_on, person_id, contacts)
    SELECT district, p.period, date_trunc(p.period, local_day::timestamp)::date, x.person_id, weight * count(*)
    FROM unnest(persons) AS x(person_id) CROSS JOIN (VALUES ('month'), ('year')) AS p(period)
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (district_id, period, starts_on, person_id) DO UPDATE SET contacts = f.contacts + excluded.contacts;
    RETURN;
  END IF;
  DELETE FROM person_counselled_figure f
  USING (SELECT p.period, date_trunc(p.period, local_day::timestamp)::date AS starts_on, x.person_id, -weight * count(*) AS n
         FROM unnest(persons) AS x(person_id) CROSS JOIN (VALUES ('month'), ('year')) AS p(period)
         GROUP BY 1, 2, 3) AS gone
  WHERE f.district_id = district AND f.period = gone.period AND f.starts_on = gone.starts_on
    AND f.person_id = gone.person_id AND f.contacts <= gone.n;
  UPDATE person_counselled_figure f SET contacts = f.contacts - gone.n
  FROM (SELECT p.period, date_trunc(p.period, local_day::timestamp)::date AS starts_on, x.person_id, -weight * count(*) AS n
        FROM unnest(persons) AS x(person_id) CROSS JOIN (VALUES ('month'), ('year')) AS p(period)
        GROUP BY 1, 2, 3) AS gone
  WHERE f.district_id = district AND f.period = gone.period AND f.starts_on = gone.starts_on
    AND f.person_id = gone.person_id;
END
$$;

CREATE FUNCTION lotse_contact_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM lotse_count_contact(OLD, -1); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM lotse_count_contact(NEW, 1); END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER contact_figures AFTER INSERT OR DELETE
  OR UPDATE OF district_id, case_id, occurred_at, language, domains, participant_person_ids
  ON contact FOR EACH ROW EXECUTE FUNCTION lotse_contact_figures();

-- A case moved to another municipality or team moves its contacts between those cells, day by day.
CREATE FUNCTION lotse_case_figures() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved record;
BEGIN
  IF NEW.municipality_id IS NOT DISTINCT FROM OLD.municipality_id AND NEW.team_id IS NOT DISTINCT FROM OLD.team_id THEN
    RETURN NULL;
  END IF;
  FOR moved IN
    SELECT (c.occurred_at AT TIME ZONE d.time_zone)::date AS day, count(*)::integer AS n
    FROM contact c JOIN district d ON d.id = c.district_id
    WHERE c.case_id = NEW.id GROUP BY 1
  LOOP
    PERFORM lotse_add_contact_cells(NEW.district_id, moved.day,
      ARRAY[['municipality', coalesce(OLD.municipality_id::text, 'none')], ['team', coalesce(OLD.team_id::text, 'none')]],
      -moved.n);
    PERFORM lotse_add_contact_cells(NEW.district_id, moved.day,
      ARRAY[['municipality', coalesce(NEW.municipality_id::text, 'none')], ['team', coalesce(NEW.team_id::text, 'none')]],
      moved.n);
  END LOOP;
  RETURN NULL;
END
$$;

CREATE TRIGGER case_figures AFTER UPDATE OF municipality_id, team_id ON client_case
  FOR EACH ROW EXECUTE FUNCTION lotse_case_figures();

-- Recounts the figures of one district (or all, with NULL) from the raw tables.
CREATE FUNCTION lotse_rebuild_figures(target uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM contact_day_figure WHERE target IS NULL OR district_id = target;
  DELETE FROM person_counselled_figure WHERE target IS NULL OR district_id = target;
  -- Grouped once by every attribute of a contact, then spread over the dimensions: far fewer rows
  -- to spread than contacts.
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
  WITH monthly AS MATERIALIZED (
    SELECT c.district_id, date_trunc('month', c.occurred_at AT TIME ZONE d.time_zone)::date AS starts_on,
      x.person_id, count(*)::integer AS n
    FROM contact c JOIN district d ON d.id = c.district_id
    CROSS JOIN LATERAL unnest(c.participant_person_ids) AS x(person_id)
    WHERE target IS NULL OR c.district_id = target
    GROUP BY 1, 2, 3
  )
  INSERT INTO person_counselled_figure (district_id, period, starts_on, person_id, contacts)
  SELECT district_id, 'month', starts_on, person_id, n FROM monthly
  UNION ALL
  SELECT district_id, 'year', date_trunc('year', starts_on)::date, person_id, sum(n)::integer FROM monthly GROUP BY 1, 3, 4;
END
$$;

-- Plans: per case with a goal, the district day of its plan (its first goal) and of its first
-- counselling contact, so the median days from first contact to plan reads one row per planned
-- case instead of probing every planned case's contacts.
CREATE TABLE case_plan_figure (
  case_id uuid PRIMARY KEY REFERENCES client_case (id) ON DELETE CASCADE,
  district_id uuid NOT NULL REFERENCES district (id),
  planned_on date NOT NULL,
  first_contact_on date
);
CREATE INDEX case_plan_figure_district_idx ON case_plan_figure (district_id, planned_on);

SELECT lotse_isolate_tenant_table('case_plan_figure'::regclass);

-- Counts one case's plan row anew from its goals and contacts (two index lookups).
CREATE FUNCTION lotse_count_plan(target uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  district uuid;
  zone text;
  planned timestamptz;
  first_at timestamptz;
BEGIN
  SELECT k.district_id, d.time_zone INTO district, zone
  FROM client_case k JOIN district d ON d.id = k.district_id WHERE k.id = target;
  SELECT min(g.created_at) INTO planned FROM goal g WHERE g.district_id = district AND g.case_id = target;
  IF planned IS NULL THEN
    DELETE FROM case_plan_figure WHERE case_id = target;
    RETURN;
  END IF;
  SELECT c.occurred_at INTO first_at FROM contact c WHERE c.case_id = target ORDER BY c.occurred_at LIMIT 1;
  INSERT INTO case_plan_figure (case_id, district_id, planned_on, first_contact_on)
  VALUES (target, district, (planned AT TIME ZONE zone)::date, (first_at AT TIME ZONE zone)::date)
  ON CONFLICT (case_id) DO UPDATE SET district_id = excluded.district_id, planned_on = excluded.planned_on,
    first_contact_on = excluded.first_contact_on;
END
$$;

CREATE FUNCTION lotse_goal_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM lotse_count_plan(OLD.case_id); END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.case_id IS DISTINCT FROM OLD.case_id) THEN
    PERFORM lotse_count_plan(NEW.case_id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER goal_figures AFTER INSERT OR DELETE OR UPDATE OF district_id, case_id, created_at ON goal
  FOR EACH ROW EXECUTE FUNCTION lotse_goal_figures();

-- A contact changes a plan row only where the case has a plan (a row exists).
CREATE FUNCTION lotse_contact_plan_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND EXISTS (SELECT 1 FROM case_plan_figure WHERE case_id = OLD.case_id) THEN
    PERFORM lotse_count_plan(OLD.case_id);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.case_id IS DISTINCT FROM OLD.case_id)
    AND EXISTS (SELECT 1 FROM case_plan_figure WHERE case_id = NEW.case_id) THEN
    PERFORM lotse_count_plan(NEW.case_id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER contact_plan_figures AFTER INSERT OR DELETE OR UPDATE OF case_id, occurred_at ON contact
  FOR EACH ROW EXECUTE FUNCTION lotse_contact_plan_figures();

CREATE FUNCTION lotse_rebuild_plan_figures(target uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM case_plan_figure WHERE target IS NULL OR district_id = target;
  INSERT INTO case_plan_figure (case_id, district_id, planned_on, first_contact_on)
  SELECT p.case_id, p.district_id, (p.planned AT TIME ZONE d.time_zone)::date, (f.first_at AT TIME ZONE d.time_zone)::date
  FROM (
    SELECT g.case_id, k.district_id, min(g.created_at) AS planned
    FROM goal g JOIN client_case k ON k.id = g.case_id AND k.district_id = g.district_id
    WHERE target IS NULL OR g.district_id = target
    GROUP BY 1, 2
  ) p
  JOIN district d ON d.id = p.district_id
  LEFT JOIN LATERAL (
    SELECT c.occurred_at AS first_at FROM contact c WHERE c.case_id = p.case_id ORDER BY c.occurred_at LIMIT 1
  ) f ON true;
END
$$;

-- A district that changes its time zone counts its days anew.
CREATE FUNCTION lotse_district_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.time_zone IS DISTINCT FROM OLD.time_zone THEN
    PERFORM lotse_rebuild_figures(NEW.id);
    PERFORM lotse_rebuild_plan_figures(NEW.id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER district_figures AFTER UPDATE OF time_zone ON district
  FOR EACH ROW EXECUTE FUNCTION lotse_district_figures();

SELECT lotse_rebuild_figures(NULL);
SELECT lotse_rebuild_plan_figures(NULL);
