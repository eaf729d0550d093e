-- Aggregate figures at state scale (decision 0012, "Fast at state scale").
--
-- Row-level security called lotse_current_district() for every row a query touched: reading the
-- setting and casting it to a uuid, twice per row, cost about 2 µs a row, so counting a district's
-- 630,000 contacts spent more than a second in the policy alone. As a sub-select the planner
-- evaluates it once per statement (an init plan); what the policy lets through is unchanged.
CREATE OR REPLACE FUNCTION lotse_isolate_tenant_table(target regclass, key_column name DEFAULT 'district_id')
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s USING ((SELECT lotse_current_district()) IS NULL OR %I = (SELECT lotse_current_district())) '
    'WITH CHECK ((SELECT lotse_current_district()) IS NULL OR %I = (SELECT lotse_current_district()))',
    target, key_column, key_column);
END
$$;

DO $$
DECLARE
  policy record;
BEGIN
  FOR policy IN
    SELECT schemaname, tablename, policyname, qual, with_check FROM pg_policies
    WHERE schemaname = 'public' AND qual LIKE '%lotse_current_district()%'
      AND qual NOT LIKE '%SELECT lotse_current_district()%'
  LOOP
    EXECUTE format('ALTER POLICY %I ON %I.%I USING (%s)%s', policy.policyname, policy.schemaname,
      policy.tablename,
      replace(policy.qual, 'lotse_current_district()', '(SELECT lotse_current_district())'),
      CASE WHEN policy.with_check IS NULL THEN '' ELSE format(' WITH CHECK (%s)',
        replace(policy.with_check, 'lotse_current_district()', '(SELECT lotse_current_district())')) END);
  END LOOP;
END
$$;

-- The plan of a case is its first goal: the district's first goal per case from the index alone,
-- instead of reading every goal of the state.
CREATE INDEX goal_district_case_idx ON goal (district_id, case_id, created_at);
